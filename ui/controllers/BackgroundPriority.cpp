#include "BackgroundPriority.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace binge::ui {

void lowerCurrentThreadPriority() {
#ifdef __linux__
  // On Linux, PRIO_PROCESS with a thread id sets that thread's nice value only.
  const auto tid = static_cast<id_t>(syscall(SYS_gettid));
  const int current = getpriority(PRIO_PROCESS, tid);
  if (current < 10) setpriority(PRIO_PROCESS, tid, 10);
#endif
}

}  // namespace binge::ui
