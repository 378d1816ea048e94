#include "train/ConfigFields.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace binge {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
FieldRange atLeast(double low) { return {low, kInf, false, false}; }
FieldRange above(double low) { return {low, kInf, true, false}; }
FieldRange closed(double low, double high) { return {low, high, false, false}; }
FieldRange halfOpen(double low, double high) { return {low, high, false, true}; }
FieldRange openClosed(double low, double high) { return {low, high, true, false}; }

// One row of the table, built by name: row(...).in(range).oneOf(choices).path().onResume().
struct Row {
  ConfigField field;
  Row& in(FieldRange range) { field.range = range; return *this; }
  Row& oneOf(std::vector<std::string> choices) { field.choices = std::move(choices); return *this; }
  Row& path() { field.isPath = true; return *this; }
  Row& onResume() { field.changesOnResume = true; return *this; }
  Row& onlyWhen(bool (*inUse)(const TrainConfig&)) { field.inUse = inUse; return *this; }
  operator ConfigField() const { return field; }  // NOLINT: rows convert into the table
};

Row row(std::string key, std::string flag, std::string help, std::string group, FieldSlot (*slot)(TrainConfig&)) {
  ConfigField f;
  f.key = std::move(key);
  f.flag = std::move(flag);
  f.help = std::move(help);
  f.group = std::move(group);
  f.slot = slot;
  return Row{std::move(f)};
}

bool hierarchical(const TrainConfig& c) { return c.data.sampler.kind == "hierarchical"; }
bool hasProbeSet(const TrainConfig& c) { return !c.probeDir.empty(); }
bool readsLibrary(const TrainConfig& c) { return !c.synthetic; }

// A captureless accessor per row: where the value lives in a TrainConfig.
#define BINGE_SLOT(member) [](TrainConfig& c) -> FieldSlot { return &c.member; }

std::vector<ConfigField> makeTable() {
  // clang-format off
  return {
    row("data.library", "library", "Library file (JSON) to train on", "Data", BINGE_SLOT(data.libraryPath))
        .path().onlyWhen(readsLibrary),
    row("data.cache_dir", "cache-dir", "Prepared clip cache folder (default: beside the library, per clip geometry)",
        "Data", BINGE_SLOT(data.cacheDir)).path(),
    row("probe_dir", "probe", "Probe set folder for live probes during training", "Probe", BINGE_SLOT(probeDir)).path(),
    row("probe_every", "probe-every", "Steps between live probes (0 = off; with --probe alone: 200)",
        "Probe", BINGE_SLOT(probeEvery)).in(atLeast(0)).onlyWhen(hasProbeSet),

    row("data.sampler", "sampler", "How batches are drawn: uniform | title-balanced | hierarchical",
        "Sampling", BINGE_SLOT(data.sampler.kind)).oneOf({"uniform", "title-balanced", "hierarchical"}),
    row("data.batch_size", "batch", "Clips per batch (per rank)",
        "Sampling", BINGE_SLOT(data.sampler.batchSize)).in(atLeast(2)),
    row("data.titles_per_batch", "titles-per-batch", "Titles per batch, M (hierarchical: K = batch / M clips each)",
        "Sampling", BINGE_SLOT(data.sampler.titlesPerBatch)).in(atLeast(1)).onlyWhen(hierarchical),
    row("data.min_gap_seconds", "min-gap-seconds", "Least time between two clips of one title in a batch (hierarchical)",
        "Sampling", BINGE_SLOT(data.sampler.minGapSeconds)).in(atLeast(0)).onlyWhen(hierarchical),
    row("data.title_weight_alpha", "title-weight-alpha", "Titles drawn with weight duration^alpha (0 = all alike)",
        "Sampling", BINGE_SLOT(data.sampler.titleWeightAlpha)).in(closed(-4, 4)),
    row("data.stride_seconds", "stride-seconds", "Step between clip windows in a title (0 = clip length)",
        "Sampling", BINGE_SLOT(data.strideSeconds)).in(atLeast(0)),

    row("data.crop_size", "crop-size", "Square crop fed to the video encoder, pixels",
        "Clip", BINGE_SLOT(data.cropSize)).in(atLeast(16)),
    row("data.augment", "augment", "Random resized crop, flip and colour jitter (false = centre crop)",
        "Clip", BINGE_SLOT(data.augment)),
    row("data.clip.frames", "clip-frames", "Video frames per clip",
        "Clip", BINGE_SLOT(data.clip.frames)).in(atLeast(1)),
    row("data.clip.fps", "clip-fps", "Video frames per second", "Clip", BINGE_SLOT(data.clip.fps)).in(above(0)),
    row("data.clip.short_side", "clip-short-side", "Decoded short side, pixels (0 = exactly width × height)",
        "Clip", BINGE_SLOT(data.clip.shortSide)).in(atLeast(0)),
    row("data.clip.width", "clip-width", "Decoded width when short side is 0, pixels",
        "Clip", BINGE_SLOT(data.clip.width)).in(atLeast(1)),
    row("data.clip.height", "clip-height", "Decoded height when short side is 0, pixels",
        "Clip", BINGE_SLOT(data.clip.height)).in(atLeast(1)),
    row("data.clip.audio_seconds", "clip-audio-seconds", "Audio per clip, seconds",
        "Clip", BINGE_SLOT(data.clip.audioSeconds)).in(above(0)),
    row("data.clip.sample_rate", "clip-sample-rate", "Audio sample rate, Hz",
        "Clip", BINGE_SLOT(data.clip.sampleRate)).in(atLeast(1)),
    row("data.clip.mel_bins", "clip-mel-bins", "Log-mel bands", "Clip", BINGE_SLOT(data.clip.melBins)).in(atLeast(8)),
    row("data.clip.window_ms", "clip-window-ms", "Log-mel window, ms",
        "Clip", BINGE_SLOT(data.clip.windowMs)).in(above(0)),
    row("data.clip.hop_ms", "clip-hop-ms", "Log-mel hop, ms", "Clip", BINGE_SLOT(data.clip.hopMs)).in(above(0)),

    row("model.architecture", "architecture", "Encoders: tiny (CPU) | paper (R(2+1)D-18 + ResNet-18)",
        "Model", BINGE_SLOT(model.architecture)).oneOf({"tiny", "paper"}),
    row("model.tiny_width", "tiny-width", "Channels of the tiny encoders' first block",
        "Model", BINGE_SLOT(model.tinyWidth)).in(closed(4, 1024)),
    row("model.head_hidden_dim", "head-hidden-dim", "Hidden width of each projection head",
        "Model", BINGE_SLOT(model.headHiddenDim)).in(atLeast(1)),
    row("model.embedding_dim", "embedding-dim", "Dimension of the joint embedding",
        "Model", BINGE_SLOT(model.embeddingDim)).in(atLeast(2)),
    row("model.normalization", "normalization", "Normalisation in the tiny encoders: batch | group",
        "Model", BINGE_SLOT(model.normalization)).oneOf({"batch", "group"}),

    row("loss.temperature", "temperature", "InfoNCE temperature τ",
        "Loss", BINGE_SLOT(loss.temperature)).in(openClosed(0, 10)),
    row("loss.learnable_temperature", "learnable-temperature", "Learn τ, starting at --temperature",
        "Loss", BINGE_SLOT(loss.learnableTemperature)),

    row("optimizer.name", "optimizer", "adam | sgd", "Optimizer", BINGE_SLOT(optimizer.name)).oneOf({"adam", "sgd"}),
    row("optimizer.lr", "lr", "Peak learning rate", "Optimizer", BINGE_SLOT(optimizer.lr)).in(above(0)),
    row("optimizer.weight_decay", "weight-decay", "L2 weight decay",
        "Optimizer", BINGE_SLOT(optimizer.weightDecay)).in(atLeast(0)),
    row("optimizer.adam_beta2", "adam-beta2", "Adam's second-moment decay β2",
        "Optimizer", BINGE_SLOT(optimizer.adamBeta2)).in(halfOpen(0, 1)),
    row("optimizer.momentum", "momentum", "SGD momentum",
        "Optimizer", BINGE_SLOT(optimizer.momentum)).in(halfOpen(0, 1)),
    row("optimizer.grad_clip", "grad-clip", "Largest global gradient norm (0 = off)",
        "Optimizer", BINGE_SLOT(optimizer.gradClip)).in(atLeast(0)),
    row("schedule.kind", "schedule", "Learning rate after the warmup: cosine | constant",
        "Optimizer", BINGE_SLOT(schedule.kind)).oneOf({"cosine", "constant"}),
    row("schedule.warmup_steps", "warmup-steps", "Steps of linear warmup",
        "Optimizer", BINGE_SLOT(schedule.warmupSteps)).in(atLeast(0)),
    row("schedule.min_lr_factor", "min-lr-factor", "The cosine ends at lr × this",
        "Optimizer", BINGE_SLOT(schedule.minLrFactor)).in(closed(0, 1)),

    row("steps", "steps", "Optimizer steps in total", "Run", BINGE_SLOT(steps)).in(atLeast(1)).onResume(),
    row("seed", "seed", "Seed of initialisation and sampling", "Run", BINGE_SLOT(seed)),
    row("device", "device", "auto | cpu | cuda", "Run", BINGE_SLOT(device)).oneOf({"auto", "cpu", "cuda"}),
    row("amp", "amp", "Mixed precision where the device supports it (CUDA)", "Run", BINGE_SLOT(amp)),
    row("synthetic", "synthetic", "Train on synthetic in-memory batches (no library needed)",
        "Run", BINGE_SLOT(synthetic)),
    row("log_every", "log-every", "Steps between step events and metrics rows",
        "Logging", BINGE_SLOT(logEvery)).in(atLeast(1)),
    row("batch_event_every", "batch-event-every", "Steps between batch events (0 = off)",
        "Logging", BINGE_SLOT(batchEventEvery)).in(atLeast(0)),
    row("checkpoint_every", "checkpoint-every", "Steps between checkpoints (0 = only at the end)",
        "Logging", BINGE_SLOT(checkpointEvery)).in(atLeast(0)),
    row("keep_checkpoints", "keep-checkpoints", "Checkpoints kept",
        "Logging", BINGE_SLOT(keepCheckpoints)).in(atLeast(1)),
    row("max_non_finite", "max-non-finite", "Stop after this many non-finite steps in a row",
        "Logging", BINGE_SLOT(maxNonFiniteInARow)).in(atLeast(1)),
  };
  // clang-format on
}
#undef BINGE_SLOT

// Range ends as a user writes them: "2", "0.5", "1e-08".
std::string numberText(double v) {
  if (std::abs(v) < 1e15 && v == std::floor(v)) return std::to_string(static_cast<long long>(v));
  return nlohmann::json(v).dump();
}

template <typename T>
bool parseInteger(const std::string& text, T& out) {
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, out);
  return result.ec == std::errc() && result.ptr == end && !text.empty();
}

}  // namespace

bool FieldRange::contains(double v) const {
  if (std::isnan(v)) return false;
  const bool lowOk = lowOpen ? v > low : v >= low;
  const bool highOk = highOpen ? v < high : v <= high;
  return lowOk && highOk;
}

std::string FieldRange::describe() const {
  const bool bounded = std::isfinite(low), capped = std::isfinite(high);
  if (bounded && capped)
    return "in " + std::string(lowOpen ? "(" : "[") + numberText(low) + ", " + numberText(high) + (highOpen ? ")" : "]");
  if (bounded) return (lowOpen ? "> " : ">= ") + numberText(low);
  if (capped) return (highOpen ? "< " : "<= ") + numberText(high);
  return "";
}

FieldType ConfigField::type() const {
  TrainConfig probe;
  return std::visit(
      [](auto* p) {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, bool>) return FieldType::Boolean;
        else if constexpr (std::is_same_v<T, double>) return FieldType::Number;
        else if constexpr (std::is_same_v<T, std::string>) return FieldType::Text;
        else return FieldType::Integer;
      },
      slot(probe));
}

nlohmann::json::json_pointer ConfigField::pointer() const {
  std::string path = "/" + key;
  std::replace(path.begin(), path.end(), '.', '/');
  return nlohmann::json::json_pointer(path);
}

nlohmann::json ConfigField::value(const TrainConfig& config) const {
  // The slot gives a mutable pointer; it is only read here.
  return std::visit([](auto* p) { return nlohmann::json(*p); }, slot(const_cast<TrainConfig&>(config)));
}

void ConfigField::setValue(TrainConfig& config, const nlohmann::json& v) const {
  std::visit(
      [&](auto* p) {
        using T = std::remove_pointer_t<decltype(p)>;
        bool ok;
        if constexpr (std::is_same_v<T, bool>) ok = v.is_boolean();
        else if constexpr (std::is_same_v<T, double>) ok = v.is_number();
        else if constexpr (std::is_same_v<T, std::string>) ok = v.is_string();
        else if constexpr (std::is_unsigned_v<T>) ok = v.is_number_unsigned() || (v.is_number_integer() && v >= 0);
        else ok = v.is_number_integer();
        if (ok) {
          try {
            // nlohmann converts an out-of-range integer silently: compare after the round trip.
            const T converted = v.template get<T>();
            if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) ok = nlohmann::json(converted) == v;
            if (ok) *p = converted;
          } catch (const nlohmann::json::exception&) {
            ok = false;
          }
        }
        if (!ok) throw std::invalid_argument(key + " has the wrong type: " + v.dump());
      },
      slot(config));
}

std::string ConfigField::text(const TrainConfig& config) const {
  const nlohmann::json v = value(config);
  return v.is_string() ? v.get<std::string>() : v.dump();
}

nlohmann::json ConfigField::parse(const std::string& text) const {
  TrainConfig scratch;
  const auto wrong = [&](const char* what) {
    return std::invalid_argument("--" + flag + " " + text + ": not " + what);
  };
  return std::visit(
      [&](auto* p) -> nlohmann::json {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return text;
        } else if constexpr (std::is_same_v<T, bool>) {
          if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
          if (text == "false" || text == "0" || text == "no" || text == "off") return false;
          throw wrong("true or false");
        } else if constexpr (std::is_same_v<T, double>) {
          std::size_t used = 0;
          double v = 0;
          try {
            v = std::stod(text, &used);
          } catch (const std::exception&) {
            throw wrong("a number");
          }
          if (used != text.size() || !std::isfinite(v)) throw wrong("a finite number");
          return v;
        } else {
          T v{};
          if (!parseInteger(text, v)) throw wrong(std::is_unsigned_v<T> ? "a non-negative integer" : "an integer");
          return v;
        }
      },
      slot(scratch));
}

std::string ConfigField::problem(const TrainConfig& config) const {
  const nlohmann::json v = value(config);
  if (v.is_number() && !range.contains(v.get<double>()))
    return key + " must be " + range.describe() + ", got " + v.dump();
  if (v.is_string() && !choices.empty() && std::find(choices.begin(), choices.end(), v) == choices.end()) {
    std::string list;
    for (std::size_t i = 0; i < choices.size(); ++i)
      list += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
    return key + " must be " + list + ", not " + v.dump();
  }
  return "";
}

const std::vector<ConfigField>& trainConfigFields() {
  static const std::vector<ConfigField> table = makeTable();
  return table;
}

const ConfigField* fieldByFlag(const std::string& flag) {
  for (const auto& f : trainConfigFields())
    if (f.flag == flag) return &f;
  return nullptr;
}

const ConfigField* fieldByKey(const std::string& key) {
  for (const auto& f : trainConfigFields())
    if (f.key == key) return &f;
  return nullptr;
}

std::vector<const ConfigField*> samplerFields() {
  TrainConfig probe;
  const auto* first = reinterpret_cast<const char*>(&probe.data.sampler);
  const auto inSampler = [&](const ConfigField& f) {
    return std::visit([&](auto* p) {
      const auto* at = reinterpret_cast<const char*>(p);
      return at >= first && at < first + sizeof(SamplerConfig);
    }, f.slot(probe));
  };
  std::vector<const ConfigField*> out;
  for (const auto& f : trainConfigFields())
    if (inSampler(f)) out.push_back(&f);
  out.push_back(fieldByKey("seed"));
  return out;
}

const ConfigField* fieldNamedIn(const std::string& message) {
  const ConfigField* best = nullptr;
  std::size_t bestAt = std::string::npos;
  for (const auto& f : trainConfigFields()) {
    const auto at = message.find(f.key);
    if (at == std::string::npos) continue;
    // Earliest mention wins; at the same place the longer key ("data.clip.fps" over "data.clip").
    if (at < bestAt || (at == bestAt && f.key.size() > best->key.size())) {
      best = &f;
      bestAt = at;
    }
  }
  return best;
}

}  // namespace binge
