// binge-cli figure --out FILE.svg [--modality video|audio|both] [--kind linear|knn] [--title T] RUN...
// Probe accuracy against step for runs, grouped by sampler: mean ± std over the runs of each group, the
// random-init baseline dashed, chance dotted (core/eval/ProbeFigure.h). Written atomically.
#include "cli/Commands.h"

#include "eval/ProbeFigure.h"
#include "runtime/AtomicFile.h"

#include <cstdio>
#include <memory>

namespace binge::cli {
namespace {

struct FigureArgs {
  std::vector<std::string> runs;
  std::string out;
  std::string modality = "video";
  std::string kind = "linear";
  std::string title;
};

int runFigure(const FigureArgs& a) {
  std::vector<ProbeSeries> series;
  for (const auto& run : a.runs) {
    requireExistingPath(run, "run directory");
    series.push_back(readProbeSeries(run, a.modality, a.kind));
    if (series.back().points.empty()) std::fprintf(stderr, "note: %s has no %s %s probe events\n", run.c_str(), a.modality.c_str(), a.kind.c_str());
  }
  const std::string title =
      a.title.empty() ? "Event probe, " + a.modality + " " + a.kind + " (mean ± std over seeds)" : a.title;
  writeFileAtomically(a.out, probeFigureSvg(series, title));
  std::fprintf(stderr, "wrote %s (%zu runs)\n", a.out.c_str(), series.size());
  return 0;
}

}  // namespace

void addFigureCommand(CLI::App& parent, GlobalOptions&, CommandAction& action) {
  auto args = std::make_shared<FigureArgs>();
  CLI::App* cmd = parent.add_subcommand("figure", "SVG figure of probe accuracy vs step for runs, grouped by sampler");
  cmd->add_option("runs", args->runs, "Run directories")->required();
  cmd->add_option("--out", args->out, "SVG file to write")->required();
  cmd->add_option("--modality", args->modality, "video | audio | both")
      ->capture_default_str()
      ->check(CLI::IsMember({"video", "audio", "both"}));
  cmd->add_option("--kind", args->kind, "linear | knn")->capture_default_str()->check(CLI::IsMember({"linear", "knn"}));
  cmd->add_option("--title", args->title, "Figure title");
  cmd->callback([args, &action] { action = [args] { return runFigure(*args); }; });
}

}  // namespace binge::cli
