#include "model/AudioVisualModel.h"

#include "model/AudioResNet18.h"
#include "model/ProjectionHead.h"
#include "model/R2Plus1D18.h"
#include "model/TinyAudioEncoder.h"
#include "model/TinyVideoEncoder.h"

#include <stdexcept>

namespace binge {

AudioVisualModelImpl::AudioVisualModelImpl(const ModelConfig& config) : config_(config) {
  int64_t videoDim = 0;
  int64_t audioDim = 0;
  if (config_.architecture == "paper") {
    videoEncoder_ = torch::nn::AnyModule(register_module("video", R2Plus1D18()));
    audioEncoder_ = torch::nn::AnyModule(register_module("audio", AudioResNet18()));
    videoDim = R2Plus1D18Impl::kOutputDim;
    audioDim = AudioResNet18Impl::kOutputDim;
  } else if (config_.architecture == "tiny") {
    auto video = register_module("video", TinyVideoEncoder(config_.tinyWidth, config_.normalization));
    auto audio = register_module("audio", TinyAudioEncoder(config_.tinyWidth, config_.normalization));
    videoDim = video->outputDim();
    audioDim = audio->outputDim();
    videoEncoder_ = torch::nn::AnyModule(video);
    audioEncoder_ = torch::nn::AnyModule(audio);
  } else {
    // A validated TrainConfig never gets here (model.architecture's choices in train/ConfigFields.cpp).
    throw std::invalid_argument("model.architecture must be \"tiny\" or \"paper\", not \"" + config_.architecture + "\"");
  }
  videoHead_ = register_module("video_head", ProjectionHead(videoDim, config_.headHiddenDim, config_.embeddingDim));
  audioHead_ = register_module("audio_head", ProjectionHead(audioDim, config_.headHiddenDim, config_.embeddingDim));
}

torch::Tensor AudioVisualModelImpl::encodeVideo(const torch::Tensor& video) {
  return videoEncoder_.forward(video);
}

torch::Tensor AudioVisualModelImpl::encodeAudio(const torch::Tensor& audio) {
  return audioEncoder_.forward(audio);
}

ModelOutput AudioVisualModelImpl::forward(const torch::Tensor& video, const torch::Tensor& audio) {
  ModelOutput out;
  out.videoFeatures = encodeVideo(video);
  out.audioFeatures = encodeAudio(audio);
  out.videoEmbedding = videoHead_->forward(out.videoFeatures);
  out.audioEmbedding = audioHead_->forward(out.audioFeatures);
  return out;
}

int64_t parameterCount(const torch::nn::Module& module) {
  int64_t n = 0;
  for (const auto& p : module.parameters(/*recurse=*/true)) n += p.numel();
  return n;
}

}  // namespace binge
