#pragma once
// TorchScript copies of a trained model's two encoders, for use outside Binge (Python's
// `torch.jit.load`, LibTorch, mobile). LibTorch's C++ frontend cannot trace or script a
// torch::nn::Module, so the copy is rebuilt as a torch::jit::Module: the same submodule tree and
// parameter names as the C++ model (so state-dict keys match), each module's forward written as
// TorchScript source from its type and options, and compiled by the TorchScript compiler.
//
// Each exported encoder is an inference module (BatchNorm uses its running statistics):
//   forward(x) -> pooled backbone features [B, D]   (what probes and retrieval use)
//   embed(x)   -> L2-normalised head embedding [B, E] (the contrastive space)
// with x the video [B, 3, T, H, W] or the log-mel [B, 1, mels, frames] exactly as the data pipeline
// produces it (docs/architecture.md, Presets).
#include "runtime/Error.h"
#include "model/AudioVisualModel.h"

#include <torch/script.h>

#include <stdexcept>

namespace binge {

struct ScriptedEncoders {
  torch::jit::Module video;
  torch::jit::Module audio;
};

// Thrown for a module type the exporter does not know (names the type and its path in the model).
class TorchScriptExportError : public Error {
 public:
  explicit TorchScriptExportError(const std::string& message) : Error(ErrorKind::Internal, message) {}
};

// Copies the current weights (to CPU) into two TorchScript modules. The model is not modified.
ScriptedEncoders scriptEncoders(AudioVisualModel& model);

}  // namespace binge
