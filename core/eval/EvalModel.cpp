#include "eval/EvalModel.h"

#include "train/Checkpoint.h"
#include "train/ErrorMessage.h"
#include "train/RunDirectory.h"
#include "train/Trainer.h"

namespace binge {

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
    const auto loadWeights = [&](const std::filesystem::path& path) { return loadModelWeights(path, m.model); };
    try {
      if (checkpoint == "latest" || checkpoint.empty()) {
        const auto list = RunDirectory::checkpointsIn(runDir);
        if (list.empty()) throw EvalModelError("run " + runDir.string() + ": has no checkpoint yet");
        std::string problems;
        const auto loaded = loadNewestValid(list, loadWeights, [&](const CheckpointFile&, const std::string& why) {
          problems += (problems.empty() ? "" : "; ") + why;
        });
        if (!loaded) throw EvalModelError("run " + runDir.string() + ": no valid checkpoint (" + problems + ")");
        file = loaded->file.path;
        m.step = loaded->file.step;
      } else {
        m.step = loadWeights(file).value("step", std::int64_t{0});
      }
    } catch (const CheckpointError& e) {
      throw EvalModelError(e.what());
    }
    m.checkpoint = std::filesystem::absolute(file).string();
  }
  m.model->to(m.device);
  m.model->eval();
  return m;
}

}  // namespace binge
