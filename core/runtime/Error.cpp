#include "runtime/Error.h"

#include <system_error>

namespace binge {

ErrorKind errorKindOf(const std::exception& e) {
  if (const auto* error = dynamic_cast<const Error*>(&e)) return error->kind();
  if (dynamic_cast<const std::invalid_argument*>(&e)) return ErrorKind::Usage;
  // The system refused a call (std::filesystem, threads, files opened by the standard library).
  if (dynamic_cast<const std::system_error*>(&e)) return ErrorKind::Io;
  return ErrorKind::Internal;
}

const char* errorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Usage: return "usage";
    case ErrorKind::Input: return "input";
    case ErrorKind::Io: return "io";
    case ErrorKind::Internal: return "internal";
  }
  return "internal";
}

}  // namespace binge
