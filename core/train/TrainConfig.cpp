#include "train/TrainConfig.h"

#include "sampling/BatchShape.h"

#include "model/JsonFields.h"
#include "runtime/AtomicFile.h"

#include <cmath>
#include <stdexcept>

namespace binge {
namespace {

nlohmann::json clipToJson(const ClipSpec& c) {
  return {{"frames", c.frames},           {"fps", c.fps},           {"short_side", c.shortSide},
          {"width", c.width},             {"height", c.height},     {"audio_seconds", c.audioSeconds},
          {"sample_rate", c.sampleRate},  {"mel_bins", c.melBins},  {"window_ms", c.windowMs},
          {"hop_ms", c.hopMs}};
}

void applyClip(ClipSpec& c, const nlohmann::json& json) {
  JsonFields f(json, "data.clip");
  f.get("frames", c.frames);
  f.get("fps", c.fps);
  f.get("short_side", c.shortSide);
  f.get("width", c.width);
  f.get("height", c.height);
  f.get("audio_seconds", c.audioSeconds);
  f.get("sample_rate", c.sampleRate);
  f.get("mel_bins", c.melBins);
  f.get("window_ms", c.windowMs);
  f.get("hop_ms", c.hopMs);
  f.rejectUnknown();
}

nlohmann::json dataToJson(const DataConfig& d) {
  return {{"library", d.libraryPath},
          {"cache_dir", d.cacheDir},
          {"sampler", d.sampler},
          {"batch_size", d.batchSize},
          {"titles_per_batch", d.titlesPerBatch},
          {"min_gap_seconds", d.minGapSeconds},
          {"stride_seconds", d.strideSeconds},
          {"title_weight_alpha", d.titleWeightAlpha},
          {"crop_size", d.cropSize},
          {"augment", d.augment},
          {"loader_threads", d.loaderThreads},
          {"queue_depth", d.queueDepth},
          {"clip", clipToJson(d.clip)}};
}

void applyData(DataConfig& d, const nlohmann::json& json) {
  JsonFields f(json, "data");
  f.get("library", d.libraryPath);
  f.get("cache_dir", d.cacheDir);
  f.get("sampler", d.sampler);
  f.get("batch_size", d.batchSize);
  f.get("titles_per_batch", d.titlesPerBatch);
  f.get("min_gap_seconds", d.minGapSeconds);
  f.get("stride_seconds", d.strideSeconds);
  f.get("title_weight_alpha", d.titleWeightAlpha);
  f.get("crop_size", d.cropSize);
  f.get("augment", d.augment);
  f.get("loader_threads", d.loaderThreads);
  f.get("queue_depth", d.queueDepth);
  if (const auto* clip = f.object("clip")) applyClip(d.clip, *clip);
  f.rejectUnknown();
}

void require(bool ok, const std::string& message) {
  if (!ok) throw std::invalid_argument(message);
}

std::string num(double v) {
  nlohmann::json j = v;
  return j.dump();
}

}  // namespace

nlohmann::json toJson(const TrainConfig& c) {
  return {{"preset", c.preset},
          {"model", toJson(c.model)},
          {"data", dataToJson(c.data)},
          {"loss", {{"temperature", c.loss.temperature}, {"learnable_temperature", c.loss.learnableTemperature}}},
          {"optimizer",
           {{"name", c.optimizer.name},
            {"lr", c.optimizer.lr},
            {"weight_decay", c.optimizer.weightDecay},
            {"momentum", c.optimizer.momentum},
            {"grad_clip", c.optimizer.gradClip}}},
          {"schedule",
           {{"kind", c.schedule.kind},
            {"warmup_steps", c.schedule.warmupSteps},
            {"min_lr_factor", c.schedule.minLrFactor}}},
          {"steps", c.steps},
          {"log_every", c.logEvery},
          {"batch_event_every", c.batchEventEvery},
          {"checkpoint_every", c.checkpointEvery},
          {"keep_checkpoints", c.keepCheckpoints},
          {"probe_every", c.probeEvery},
          {"probe_dir", c.probeDir},
          {"seed", c.seed},
          {"device", c.device},
          {"amp", c.amp},
          {"max_non_finite", c.maxNonFiniteInARow},
          {"synthetic", c.synthetic}};
}

void applyJson(TrainConfig& c, const nlohmann::json& json) {
  JsonFields f(json, "");
  f.get("preset", c.preset);
  if (const auto* m = f.object("model")) applyJson(c.model, *m);
  if (const auto* d = f.object("data")) applyData(c.data, *d);
  if (const auto* l = f.object("loss")) {
    JsonFields lf(*l, "loss");
    lf.get("temperature", c.loss.temperature);
    lf.get("learnable_temperature", c.loss.learnableTemperature);
    lf.rejectUnknown();
  }
  if (const auto* o = f.object("optimizer")) {
    JsonFields of(*o, "optimizer");
    of.get("name", c.optimizer.name);
    of.get("lr", c.optimizer.lr);
    of.get("weight_decay", c.optimizer.weightDecay);
    of.get("momentum", c.optimizer.momentum);
    of.get("grad_clip", c.optimizer.gradClip);
    of.rejectUnknown();
  }
  if (const auto* s = f.object("schedule")) {
    JsonFields sf(*s, "schedule");
    sf.get("kind", c.schedule.kind);
    sf.get("warmup_steps", c.schedule.warmupSteps);
    sf.get("min_lr_factor", c.schedule.minLrFactor);
    sf.rejectUnknown();
  }
  f.get("steps", c.steps);
  f.get("log_every", c.logEvery);
  f.get("batch_event_every", c.batchEventEvery);
  f.get("checkpoint_every", c.checkpointEvery);
  f.get("keep_checkpoints", c.keepCheckpoints);
  f.get("probe_every", c.probeEvery);
  f.get("probe_dir", c.probeDir);
  f.get("seed", c.seed);
  f.get("device", c.device);
  f.get("amp", c.amp);
  f.get("max_non_finite", c.maxNonFiniteInARow);
  f.get("synthetic", c.synthetic);
  f.rejectUnknown();
  // The sampler is seeded from the run's seed so one number reproduces the whole run.
  c.data.seed = c.seed;
}

TrainConfig trainConfigFromJson(const nlohmann::json& json) {
  TrainConfig c;
  applyJson(c, json);
  return c;
}

void validate(const TrainConfig& c) {
  validate(c.model);
  const auto& o = c.optimizer;
  require(o.name == "adam" || o.name == "sgd", "optimizer.name must be \"adam\" or \"sgd\", not \"" + o.name + "\"");
  require(std::isfinite(o.lr) && o.lr > 0, "optimizer.lr must be a positive number, got " + num(o.lr));
  require(std::isfinite(o.weightDecay) && o.weightDecay >= 0, "optimizer.weight_decay must be >= 0, got " + num(o.weightDecay));
  require(o.momentum >= 0 && o.momentum < 1, "optimizer.momentum must be in [0, 1), got " + num(o.momentum));
  require(std::isfinite(o.gradClip) && o.gradClip >= 0, "optimizer.grad_clip must be >= 0 (0 = off), got " + num(o.gradClip));
  require(c.schedule.kind == "cosine" || c.schedule.kind == "constant",
          "schedule.kind must be \"cosine\" or \"constant\", not \"" + c.schedule.kind + "\"");
  require(c.schedule.warmupSteps >= 0, "schedule.warmup_steps must be >= 0");
  require(c.schedule.minLrFactor >= 0 && c.schedule.minLrFactor <= 1, "schedule.min_lr_factor must be in [0, 1]");
  require(std::isfinite(c.loss.temperature) && c.loss.temperature > 0 && c.loss.temperature <= 10,
          "loss.temperature must be in (0, 10], got " + num(c.loss.temperature));
  const auto& d = c.data;
  require(d.sampler == "uniform" || d.sampler == "title-balanced" || d.sampler == "hierarchical",
          "data.sampler must be uniform, title-balanced or hierarchical, not \"" + d.sampler + "\"");
  require(d.batchSize >= 2, "data.batch_size must be at least 2 (contrastive loss needs negatives), got " +
                                std::to_string(d.batchSize));
  require(d.titlesPerBatch >= 1, "data.titles_per_batch must be at least 1");
  if (d.sampler == "hierarchical") {
    const auto problem = hierarchicalBatchProblem(d.batchSize, d.titlesPerBatch);
    require(problem.empty(), "data.batch_size and data.titles_per_batch: " + problem);
  }
  require(d.cropSize >= 16, "data.crop_size must be at least 16");
  require(d.clip.frames >= 1 && d.clip.fps > 0, "data.clip needs frames >= 1 and fps > 0");
  require(d.clip.shortSide == 0 || d.clip.shortSide >= d.cropSize,
          "data.clip.short_side must be >= data.crop_size");
  require(d.clip.audioSeconds > 0 && d.clip.sampleRate > 0 && d.clip.melBins >= 8 && d.clip.hopMs > 0 &&
              d.clip.windowMs > 0,
          "data.clip needs positive audio_seconds, sample_rate, window_ms, hop_ms and mel_bins >= 8");
  require(d.loaderThreads >= 1 && d.queueDepth >= 1, "data.loader_threads and data.queue_depth must be >= 1");
  require(c.steps >= 1, "steps must be at least 1, got " + std::to_string(c.steps));
  require(c.logEvery >= 1, "log_every must be at least 1");
  require(c.batchEventEvery >= 0 && c.checkpointEvery >= 0 && c.probeEvery >= 0,
          "batch_event_every, checkpoint_every and probe_every must be >= 0 (0 = off)");
  require(c.keepCheckpoints >= 1, "keep_checkpoints must be at least 1");
  require(c.device == "auto" || c.device == "cpu" || c.device == "cuda",
          "device must be auto, cpu or cuda, not \"" + c.device + "\"");
  require(c.maxNonFiniteInARow >= 1, "max_non_finite must be at least 1");
  require(c.synthetic || !d.libraryPath.empty(), "no library given (data.library is empty and synthetic is off)");
}

std::vector<std::filesystem::path> presetSearchPath() {
  std::vector<std::filesystem::path> dirs;
#ifdef BINGE_PRESET_DIR
  dirs.emplace_back(BINGE_PRESET_DIR);
#endif
  dirs.emplace_back("/usr/share/binge/presets");
  return dirs;
}

std::filesystem::path findPreset(const std::string& nameOrPath) {
  namespace fs = std::filesystem;
  if (nameOrPath.find('/') != std::string::npos || fs::path(nameOrPath).extension() == ".json") {
    if (!fs::is_regular_file(nameOrPath)) throw std::invalid_argument("preset file not found: " + nameOrPath);
    return nameOrPath;
  }
  std::string known;
  for (const auto& dir : presetSearchPath()) {
    const auto candidate = dir / (nameOrPath + ".json");
    if (fs::is_regular_file(candidate)) return candidate;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() != ".json") continue;
      const std::string stem = entry.path().stem().string();
      if (known.find(stem) == std::string::npos) known += (known.empty() ? "" : ", ") + stem;
    }
  }
  throw std::invalid_argument("unknown preset \"" + nameOrPath + "\" (known: " + (known.empty() ? "none found" : known) +
                              ")");
}

TrainConfig loadPreset(const std::string& nameOrPath) {
  const auto path = findPreset(nameOrPath);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(readWholeFile(path));
  } catch (const nlohmann::json::parse_error& e) {
    throw std::invalid_argument("preset " + path.string() + " is not valid JSON: " + e.what());
  }
  TrainConfig config;
  try {
    applyJson(config, json);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("preset " + path.string() + ": " + e.what());
  }
  config.preset = nameOrPath;
  return config;
}

int melFrames(const ClipSpec& clip) {
  const int samples = static_cast<int>(std::lround(clip.audioSeconds * clip.sampleRate));
  const int hop = static_cast<int>(std::lround(clip.hopMs * clip.sampleRate / 1000.0));
  return samples / std::max(hop, 1) + 1;
}

}  // namespace binge
