#include "cli/Commands.h"

namespace binge::cli {

void registerCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {
  (void)global;
  (void)action;

  addTrainCommand(app, global, action);
  addDemoCommand(app, global, action);
  CLI::App* bench = app.add_subcommand("bench", "Benchmarks: decode, prepare, load, train, retrieval (--json)");
  bench->require_subcommand(1);
  addBenchWorldCommand(*bench, global, action);
  addBenchTrainCommand(*bench, global, action);
}

}  // namespace binge::cli
