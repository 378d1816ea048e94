#include "experiments/SweepLedger.h"

#include "runtime/AtomicFile.h"
#include "runtime/JsonNumbers.h"
#include "train/RunDirectory.h"

namespace binge {

SweepLedger SweepLedger::load(const std::filesystem::path& sweepDir) {
  const auto file = sweepDir / kFile;
  if (!std::filesystem::exists(file)) throw SweepError(file.string() + ": no such file (not a sweep directory)");
  SweepLedger ledger;
  try {
    const auto j = nlohmann::json::parse(readWholeFile(file));
    ledger.plan = sweepPlanFromJson(j.at("plan"));
    ledger.pid = wholeNumberOr(j, "pid", 0L);
    ledger.parallel = j.value("parallel", 1);
    for (const auto& [name, r] : j.at("runs").items()) {
      SweepRunRecord record;
      record.state = r.value("state", std::string("pending"));
      record.wallSeconds = r.value("wall_seconds", 0.0);
      record.attempts = wholeNumberOr(r, "attempts", 0);
      record.exitCode = wholeNumberOr(r, "exit_code", 0);
      record.message = r.value("message", std::string());
      ledger.runs[name] = record;
    }
  } catch (const SweepError& e) {
    throw SweepError(file.string() + ": " + e.what());
  } catch (const std::exception& e) {
    throw SweepError(file.string() + ": not a sweep ledger (" + e.what() + ")");
  }
  return ledger;
}

void SweepLedger::save(const std::filesystem::path& sweepDir) const {
  nlohmann::json runsJson = nlohmann::json::object();
  for (const auto& run : plan.runs()) {
    const auto it = runs.find(run.name);
    const SweepRunRecord record = it == runs.end() ? SweepRunRecord{} : it->second;
    nlohmann::json cell = nlohmann::json::object();
    for (const auto& [key, value] : run.cell.values) cell[key] = value;
    runsJson[run.name] = {{"cell", cell},          {"seed", run.seed},
                          {"state", record.state}, {"wall_seconds", record.wallSeconds},
                          {"attempts", record.attempts}, {"exit_code", record.exitCode},
                          {"message", record.message}};
  }
  writeFileAtomically(sweepDir / kFile,
                      nlohmann::json{{"version", 1}, {"plan", toJson(plan)}, {"pid", pid}, {"parallel", parallel}, {"runs", runsJson}}.dump(1));
}

RunProgress inspectRun(const std::filesystem::path& runDir) {
  RunProgress p;
  std::error_code ec;
  p.exists = std::filesystem::exists(runDir, ec);
  if (!p.exists) return p;
  p.hasConfig = std::filesystem::exists(runDir / "config.json", ec);
  p.checkpoints = static_cast<int>(RunDirectory::checkpointsIn(runDir).size());
  const auto status = RunDirectory::readStatus(runDir);
  p.state = status.is_object() && status.contains("state") && status["state"].is_string() ? status["state"].get<std::string>() : "";
  // A damaged status.json says nothing about the run's progress: 0, as when it is missing.
  p.step = wholeNumber<std::int64_t>(status, "step").value_or(0);
  p.steps = wholeNumber<std::int64_t>(status, "steps").value_or(0);
  return p;
}

}  // namespace binge
