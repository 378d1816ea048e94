#pragma once
// The base of every error core throws on purpose, with the kind of failure it is, so a caller decides by
// kind rather than by type: binge-cli turns kinds into exit statuses in one place (app/cli/main.cpp,
// docs/architecture.md "CLI contract"). The message names the file and the reason. Core's checks of a
// caller's values throw std::invalid_argument, which errorKindOf() counts as a usage error.
#include <exception>
#include <stdexcept>
#include <string>

namespace binge {

enum class ErrorKind {
  Usage,     // the request cannot run as given: a value out of range, a folder in use or not empty
  Input,     // a file given cannot be read as what it should be: missing, damaged, of another format
  Io,        // the system failed a read or write that should work: disk full, permissions, a lost peer
  Internal,  // nothing the user gave explains it: a bug, a library's own failure
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

// The kind of any exception: an Error's own, Usage for std::invalid_argument, Io for std::system_error
// (std::filesystem's errors among them), Internal for the rest.
ErrorKind errorKindOf(const std::exception& e);
// "usage", "input", "io", "internal".
const char* errorKindName(ErrorKind kind);

}  // namespace binge
