#pragma once
// Registration of every binge-cli subcommand. Each add*Command lives in its own file.
#include "cli/CliCommon.h"

namespace binge::cli {

// Adds all subcommands to app; the parsed one stores its work in `action`.
void registerCommands(CLI::App& app, GlobalOptions& global, CommandAction& action);

}  // namespace binge::cli
