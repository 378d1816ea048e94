#pragma once
// Writes a run's two encoders as TorchScript files other tools can load (Python's torch.jit.load,
// LibTorch): video_encoder.pt and audio_encoder.pt (see model/TorchScriptExport.h for the methods),
// plus encoders.json, the input contract — shapes, value ranges and normalisation — a user needs to
// feed them clips the way Binge's pipeline does. Each file is written under a temporary name and renamed.
#include "eval/EmbeddingExport.h"
#include "eval/EvalModel.h"

#include <filesystem>

namespace binge {

// Appends the written files' absolute paths to `files`. Throws std::runtime_error naming the file.
void exportEncoders(EvalModel& model, const std::filesystem::path& outDir, ExportedFiles& files);

}  // namespace binge
