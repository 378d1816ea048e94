#include "eval/EncoderExport.h"

#include "data/ClipAugmenter.h"
#include "model/TorchScriptExport.h"
#include "runtime/AtomicFile.h"

#include <sstream>

namespace binge {
namespace {

nlohmann::json inputContract(const EvalModel& m) {
  const auto& d = m.config.data;
  const int crop = d.cropSize;
  return {
      {"run_checkpoint", m.checkpoint},
      {"step", m.step},
      {"architecture", m.config.model.architecture},
      {"methods", {{"forward", "pooled backbone features [B, D]"}, {"embed", "L2-normalised embedding [B, E]"}}},
      {"video",
       {{"file", "video_encoder.pt"},
        {"input_shape", {"B", 3, d.clip.frames, crop, crop}},
        {"fps", d.clip.fps},
        {"layout", "RGB channels × frames × height × width, float32"},
        {"preprocessing", "frames at fps, short side scaled to the decode size, centre crop × crop, x / 255, then (x - mean) / std per channel"},
        {"mean", {kVideoMean[0], kVideoMean[1], kVideoMean[2]}},
        {"std", {kVideoStd[0], kVideoStd[1], kVideoStd[2]}}}},
      {"audio",
       {{"file", "audio_encoder.pt"},
        {"input_shape", {"B", 1, d.clip.melBins, melFrames(d.clip)}},
        {"sample_rate", d.clip.sampleRate},
        {"seconds", d.clip.audioSeconds},
        {"preprocessing", "mono; Hann-windowed STFT, reflect-padded at both ends (N samples give 1 + N / hop "
                          "frames); HTK mel filterbank; log(mel energy + log_offset)"},
        {"window_ms", d.clip.windowMs},
        {"hop_ms", d.clip.hopMs},
        {"mel_scale", "htk"},
        {"log_offset", 1e-6}}},
  };
}

// torch::jit::Module::save writes in place: the module is saved to memory, then written atomically, so
// a full disk is reported like every other write (path, bytes needed, bytes free) and leaves nothing.
void saveAtomically(torch::jit::Module& module, const std::filesystem::path& file, ExportedFiles& files) {
  std::ostringstream bytes;
  module.save(bytes);
  writeFileAtomically(file, bytes.str());
  files.files.push_back(std::filesystem::absolute(file).string());
}

}  // namespace

void exportEncoders(EvalModel& model, const std::filesystem::path& outDir, ExportedFiles& files) {
  std::filesystem::create_directories(outDir);
  auto scripted = scriptEncoders(model.model);
  saveAtomically(scripted.video, outDir / "video_encoder.pt", files);
  saveAtomically(scripted.audio, outDir / "audio_encoder.pt", files);
  const auto contract = outDir / "encoders.json";
  writeFileAtomically(contract, inputContract(model).dump(2) + "\n");
  files.files.push_back(std::filesystem::absolute(contract).string());
}

}  // namespace binge
