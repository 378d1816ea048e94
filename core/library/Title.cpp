#include "library/Title.h"

#include <stdexcept>

namespace binge {

const char* toString(TitleKind kind) { return kind == TitleKind::Episode ? "episode" : "movie"; }

const char* toString(TitleStatus status) {
  switch (status) {
    case TitleStatus::Ok: return "ok";
    case TitleStatus::Warning: return "warning";
    case TitleStatus::Error: return "error";
  }
  return "error";
}

TitleKind titleKindFromString(const std::string& text) {
  if (text == "movie") return TitleKind::Movie;
  if (text == "episode") return TitleKind::Episode;
  throw std::invalid_argument("unknown title kind '" + text + "' (expected movie or episode)");
}

TitleStatus titleStatusFromString(const std::string& text) {
  if (text == "ok") return TitleStatus::Ok;
  if (text == "warning") return TitleStatus::Warning;
  if (text == "error") return TitleStatus::Error;
  throw std::invalid_argument("unknown title status '" + text + "' (expected ok, warning or error)");
}

}  // namespace binge
