// binge-cli info --library LIB.json [--json]: what a library holds, series by series, then movies.
#include "cli/Commands.h"

#include "library/Library.h"

#include <cstdio>
#include <iostream>
#include <map>

namespace binge::cli {
namespace {

struct InfoArgs {
  std::string library;
  bool json = false;
};

std::string clock(double seconds) {
  const long total = static_cast<long>(seconds + 0.5);
  char text[32];
  std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  return text;
}

std::string streamsText(const Title& t) {
  std::string text;
  if (t.video) text += t.video->codec + " " + std::to_string(t.video->width) + "x" + std::to_string(t.video->height);
  if (t.audio) text += (text.empty() ? "" : " + ") + t.audio->codec + " " + std::to_string(t.audio->channels) + "ch";
  return text;
}

int runInfo(const InfoArgs& args) {
  const Library library = loadGivenLibrary(args.library);
  std::map<std::string, std::vector<const Title*>> series;
  std::vector<const Title*> movies;
  std::size_t ok = 0, warnings = 0, errors = 0, trainable = 0;
  double hours = 0.0;
  for (const Title& t : library.titles) {
    (t.kind == TitleKind::Episode ? series[t.series.empty() ? "(unknown series)" : t.series] : movies).push_back(&t);
    ok += t.status == TitleStatus::Ok;
    warnings += t.status == TitleStatus::Warning;
    errors += t.status == TitleStatus::Error;
    trainable += t.trainable();
    if (t.status != TitleStatus::Error) hours += t.duration / 3600.0;
  }

  if (args.json) {
    nlohmann::json seriesJson = nlohmann::json::array(), titles = nlohmann::json::array();
    for (const auto& [name, list] : series) seriesJson.push_back({{"name", name}, {"episodes", list.size()}});
    for (const Title& t : library.titles)
      titles.push_back({{"id", t.id}, {"name", t.name}, {"kind", toString(t.kind)}, {"series", t.series},
                        {"duration", t.duration}, {"status", toString(t.status)}, {"message", t.message},
                        {"path", t.path}});
    printJson({{"library", args.library}, {"titles", library.titles.size()}, {"ok", ok}, {"warning", warnings},
               {"error", errors}, {"trainable", trainable}, {"hours", hours}, {"movies", movies.size()},
               {"series", seriesJson}, {"items", titles}});
    return 0;
  }

  auto row = [](const Title* t) {
    char line[512];
    std::snprintf(line, sizeof line, "  %-8s %9s  %-28s %s%s%s", toString(t->status), clock(t->duration).c_str(),
                  streamsText(*t).c_str(), t->name.c_str(), t->message.empty() ? "" : "  -- ",
                  t->message.c_str());
    std::cout << line << "\n";
  };
  std::cout << "Library " << args.library << ": " << library.titles.size() << " titles (" << ok << " ok, "
            << warnings << " warnings, " << errors << " errors), " << trainable << " trainable, "
            << clock(hours * 3600.0) << " usable\n";
  for (const auto& [name, list] : series) {
    std::cout << "\nSeries " << name << " (" << list.size() << " episodes)\n";
    for (const Title* t : list) row(t);
  }
  if (!movies.empty()) {
    std::cout << "\nMovies (" << movies.size() << ")\n";
    for (const Title* t : movies) row(t);
  }
  std::cout.flush();
  return 0;
}

}  // namespace

void addInfoCommand(CLI::App& parent, GlobalOptions& /*global*/, CommandAction& action) {
  auto args = std::make_shared<InfoArgs>();
  CLI::App* cmd = parent.add_subcommand("info", "Summarise a library: titles by series, movies, status counts");
  cmd->add_option("--library", args->library, "Library file (JSON)")->required();
  cmd->add_flag("--json", args->json, "Print the summary as JSON on stdout");
  cmd->callback([args, &action] { action = [args] { return runInfo(*args); }; });
}

}  // namespace binge::cli
