#include "cli/Commands.h"

namespace binge::cli {

void registerCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {
  (void)app;
  (void)global;
  (void)action;
}

}  // namespace binge::cli
