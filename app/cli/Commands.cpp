#include "cli/Commands.h"

namespace binge::cli {

void registerCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {
  (void)global;
  (void)action;

  addImportCommand(app, global, action);
  addInfoCommand(app, global, action);
  addClipCommand(app, global, action);
  addSampleCommand(app, global, action);
  addPrepareCommand(app, global, action);
  addDemoCommand(app, global, action);
  addTrainCommand(app, global, action);
  addProbeCommand(app, global, action);
  addSweepCommand(app, global, action);
  addFigureCommand(app, global, action);
  addRetrieveCommand(app, global, action);
  addExportCommand(app, global, action);
  CLI::App* bench = app.add_subcommand("bench", "Benchmarks: decode, prepare, load, train, retrieval, allreduce (--json)");
  bench->require_subcommand(1);
  addBenchDecodeCommand(*bench, global, action);
  addBenchPrepareCommand(*bench, global, action);
  addBenchLoadCommand(*bench, global, action);
  addBenchWorldCommand(*bench, global, action);
  addBenchTrainCommand(*bench, global, action);
  addBenchRetrievalCommand(*bench, global, action);
  addBenchAllReduceCommand(*bench, global, action);
}

}  // namespace binge::cli
