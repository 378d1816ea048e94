// binge-cli retrieve: nearest clip windows of the run's library for a query window, by cosine
// similarity of the head embeddings, in one of four directions (docs/architecture.md: CLI contract, Evaluation). The
// index of all windows is built on first use and cached in the run directory.
#include "cli/Commands.h"

#include "eval/EvalModel.h"
#include "eval/RetrievalIndex.h"

#include <cstdio>

namespace binge::cli {
namespace {

struct RetrieveArgs {
  std::string run;
  std::string query;
  std::string direction = "v2v";
  std::string checkpoint = "latest";
  std::string library;
  std::string device;
  int k = 10;
  bool json = false;
};

int runRetrieve(const RetrieveArgs& a) {
  requireExistingPath(a.run, "run directory");
  const auto at = a.query.rfind('@');
  double seconds = 0;
  try {
    if (at == std::string::npos || at == 0) throw std::invalid_argument("no @");
    size_t used = 0;
    seconds = std::stod(a.query.substr(at + 1), &used);
    if (used != a.query.size() - at - 1) throw std::invalid_argument("trailing text");
  } catch (const std::exception&) {
    throw UsageError("--query must be TITLE_ID@SECONDS (e.g. harbor-lights-s01e01@12.5), got '" + a.query + "'");
  }
  const std::string titleId = a.query.substr(0, at);
  const RetrievalDirection direction = parseRetrievalDirection(a.direction);
  EvalModel m = loadEvalModel(a.run, a.checkpoint, false, a.device);
  const std::string library = a.library.empty() ? m.config.data.libraryPath : a.library;
  if (library.empty()) throw UsageError("the run has no library (synthetic run?): pass --library LIB.json");
  requireExistingPath(library, "library");
  bool rebuilt = false;
  std::int64_t lastReported = -1;
  const auto index = RetrievalIndex::openOrBuild(m, a.run, library, &rebuilt, [&](std::int64_t done, std::int64_t total) {
    if (done * 10 / total != lastReported) {
      lastReported = done * 10 / total;
      std::fprintf(stderr, "indexing %lld/%lld windows\n", static_cast<long long>(done), static_cast<long long>(total));
    }
    return true;
  });
  const std::int64_t row = index.findRow(titleId, seconds);
  const auto hits = index.query(row, direction, a.k);
  const auto& q = index.items()[static_cast<size_t>(row)];
  if (a.json) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& h : hits)
      results.push_back({{"title", h.item.titleId}, {"name", h.item.titleName}, {"time", h.item.start}, {"score", h.score}});
    printJson({{"query", {{"title", q.titleId}, {"name", q.titleName}, {"time", q.start}}},
               {"direction", toString(direction)},
               {"k", a.k},
               {"checkpoint", m.checkpoint},
               {"index", {{"windows", index.size()}, {"cached", !rebuilt}, {"build_seconds", index.buildSeconds()}}},
               {"results", results}});
    return 0;
  }
  std::printf("%s of %s@%.2f (%s), %lld windows%s\n", toString(direction), q.titleId.c_str(), q.start, q.titleName.c_str(),
              static_cast<long long>(index.size()), rebuilt ? "" : " (cached index)");
  for (size_t i = 0; i < hits.size(); ++i)
    std::printf("%2zu  %.4f  %s@%.2f  %s\n", i + 1, hits[i].score, hits[i].item.titleId.c_str(), hits[i].item.start,
                hits[i].item.titleName.c_str());
  return 0;
}

}  // namespace

void addRetrieveCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action) {
  (void)global;
  auto args = std::make_shared<RetrieveArgs>();
  CLI::App* cmd = parent.add_subcommand("retrieve", "Nearest clip windows of the run's library for a query window");
  cmd->add_option("--run", args->run, "Run directory")->required();
  cmd->add_option("--query", args->query, "TITLE_ID@SECONDS")->required();
  cmd->add_option("--direction", args->direction, "v2v | a2a | v2a | a2v")->capture_default_str();
  cmd->add_option("--k", args->k, "Results")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--checkpoint", args->checkpoint, "latest, or a checkpoint file")->capture_default_str();
  cmd->add_option("--library", args->library, "Library file (default: the run's)");
  cmd->add_option("--device", args->device, "auto | cpu | cuda (default: the run's)");
  cmd->add_flag("--json", args->json, "Print one JSON document on stdout");
  cmd->callback([args, &action] { action = [args] { return runRetrieve(*args); }; });
}

}  // namespace binge::cli
