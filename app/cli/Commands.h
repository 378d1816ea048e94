#pragma once
// Registration of every binge-cli subcommand (docs/architecture.md, CLI contract). Each add*Command lives in its own
// file app/cli/cmd_<name>.cpp; benchmarks live in app/cli/bench_<name>.cpp under the `bench` subcommand.
#include "cli/CliCommon.h"

namespace binge::cli {

// Adds all subcommands to app; the parsed one stores its work in `action`.
void registerCommands(CLI::App& app, GlobalOptions& global, CommandAction& action);

// One per file. Signature: add the subcommand to `parent`, set `action` in its callback.
// (Declarations are added here as subcommands land.)
void addImportCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addInfoCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addClipCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addBenchDecodeCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action);
void addSampleCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addPrepareCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addBenchPrepareCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action);
void addBenchLoadCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action);
void addDemoCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addBenchWorldCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action);
void addTrainCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addBenchTrainCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action);
void addProbeCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addSweepCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addFigureCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addRetrieveCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addExportCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action);
void addBenchRetrievalCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action);
void addBenchAllReduceCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action);

}  // namespace binge::cli
