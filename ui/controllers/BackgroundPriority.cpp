#include "BackgroundPriority.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
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

int currentThreadNice() {
#ifdef __linux__
  const auto tid = static_cast<id_t>(syscall(SYS_gettid));
  errno = 0;  // -1 is a valid nice value; only errno tells a failure
  const int nice = getpriority(PRIO_PROCESS, tid);
  return errno == 0 ? nice : 0;
#else
  return 0;
#endif
}

}  // namespace binge::ui
