#include "eval/EvalModel.h"

#include "train/Checkpoint.h"
#include "train/ErrorMessage.h"
#include "train/RunDirectory.h"
#include "train/Trainer.h"

#include <cmath>

namespace binge {

nlohmann::json loadModelWeights(const std::filesystem::path& file, AudioVisualModel& model) {
  const auto fail = [&](const std::string& why) { return EvalModelError("checkpoint " + file.string() + ": " + why); };
  if (!std::filesystem::is_regular_file(file)) throw fail("no such file");
  torch::serialize::InputArchive root, part;
  nlohmann::json meta;
  try {
    root.load_from(file.string());
    c10::IValue metaValue;
    root.read("meta", metaValue);
    meta = nlohmann::json::parse(metaValue.toStringRef());
    root.read("model", part);
    model->load(part);
  } catch (const std::exception& e) {
    throw fail("unreadable or not of this model (" + errorMessage(e) + ")");
  }
  const double expected = meta.value("checksum", std::nan(""));
  const double actual = parameterChecksum(*model);
  if (!(std::abs(actual - expected) <= 1e-6 * std::max(1.0, std::abs(expected))))
    throw fail("parameter checksum mismatch");
  return meta;
}

EvalModel loadEvalModel(const std::filesystem::path& runDir, const std::string& checkpoint, bool randomInit,
                        const std::string& device) {
  EvalModel m;
  try {
    auto run = RunDirectory::open(runDir);
    m.config = trainConfigFromJson(run.config());
  } catch (const std::exception& e) {
    throw EvalModelError("run " + runDir.string() + ": " + errorMessage(e));
  }
  try {
    m.device = resolveDevice(device.empty() ? m.config.device : device);
  } catch (const std::exception& e) {
    throw EvalModelError(errorMessage(e));
  }
  // Same seeding as Trainer::build, so "random init" is exactly the run's step-0 model.
  torch::manual_seed(m.config.seed);
  m.model = AudioVisualModel(m.config.model);
  if (randomInit) {
    m.checkpoint = "random-init";
  } else {
    std::filesystem::path file = checkpoint;
    if (checkpoint == "latest" || checkpoint.empty()) {
      const auto run = RunDirectory::open(runDir);
      const auto list = run.checkpoints();
      if (list.empty()) throw EvalModelError("run " + runDir.string() + ": has no checkpoint yet");
      std::string problems;
      for (const auto& c : list) {  // newest valid one, like the trainer's resume
        try {
          m.step = loadModelWeights(c.path, m.model).value("step", std::int64_t{0});
          file = c.path;
          problems.clear();
          break;
        } catch (const EvalModelError& e) {
          problems += std::string(problems.empty() ? "" : "; ") + e.what();
        }
      }
      if (!problems.empty()) throw EvalModelError("run " + runDir.string() + ": no valid checkpoint (" + problems + ")");
    } else {
      m.step = loadModelWeights(file, m.model).value("step", std::int64_t{0});
    }
    m.checkpoint = std::filesystem::absolute(file).string();
  }
  m.model->to(m.device);
  m.model->eval();
  return m;
}

}  // namespace binge
