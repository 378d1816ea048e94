// binge-cli export: a run for other tools — both encoders as TorchScript (+ their input contract), and
// the embeddings of the run's library as NumPy .npy + metadata .tsv (with the 2-D PCA of the embedding
// map) and the TensorBoard projector files, from the (cached) retrieval index at one checkpoint.
#include "cli/Commands.h"

#include "eval/EmbeddingExport.h"
#include "eval/EncoderExport.h"
#include "eval/EvalModel.h"
#include "eval/RetrievalIndex.h"

#include <cstdio>

namespace binge::cli {
namespace {

struct ExportArgs {
  std::string run;
  std::string out;
  std::string checkpoint = "latest";
  std::string library;
  std::string device;
  bool json = false;
};

int runExport(const ExportArgs& a) {
  requireExistingPath(a.run, "run directory");
  EvalModel m = loadEvalModel(a.run, a.checkpoint, false, a.device);
  const std::string library = a.library.empty() ? m.config.data.libraryPath : a.library;
  if (library.empty()) throw UsageError("the run has no library (synthetic run?): pass --library LIB.json");
  requireExistingPath(library, "library");
  bool rebuilt = false;
  const auto index = RetrievalIndex::openOrBuild(m, a.run, library, &rebuilt);
  auto files = exportEmbeddings(index, a.out);
  exportEncoders(m, a.out, files);
  if (a.json) {
    printJson({{"run", a.run}, {"checkpoint", m.checkpoint}, {"step", m.step}, {"rows", index.size()},
               {"files", files.files}, {"torchscript", true}});
  } else {
    std::fprintf(stderr, "exported %lld embeddings of %s (step %lld) to %s\n", static_cast<long long>(index.size()),
                 a.run.c_str(), static_cast<long long>(m.step), a.out.c_str());
    for (const auto& f : files.files) std::printf("%s\n", f.c_str());
  }
  return 0;
}

}  // namespace

void addExportCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action) {
  (void)global;
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = parent.add_subcommand("export", "Export a run's encoders (TorchScript) and embeddings (.npy, .tsv, TensorBoard projector)");
  cmd->add_option("--run", args->run, "Run directory")->required();
  cmd->add_option("--out", args->out, "Output folder (created)")->required();
  cmd->add_option("--checkpoint", args->checkpoint, "latest, or a checkpoint file")->capture_default_str();
  cmd->add_option("--library", args->library, "Library file (default: the run's)");
  cmd->add_option("--device", args->device, "auto | cpu | cuda (default: the run's)");
  cmd->add_flag("--json", args->json, "Print one JSON document on stdout");
  cmd->callback([args, &action] { action = [args] { return runExport(*args); }; });
}

}  // namespace binge::cli
