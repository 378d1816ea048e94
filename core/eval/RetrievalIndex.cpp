#include "eval/RetrievalIndex.h"

#include "runtime/Error.h"
#include "data/LibraryBatchSource.h"
#include "eval/TopKSearch.h"
#include "sampling/ClipIndex.h"
#include "train/Checkpoint.h"
#include "train/ErrorMessage.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace binge {
namespace {

std::string fileHash(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Input, "cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  // FNV-1a 64: enough to notice any change of a library file (not a security boundary).
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text.str()) h = (h ^ c) * 1099511628211ull;
  std::ostringstream hex;
  hex << std::hex << h;
  return hex.str();
}

}  // namespace

std::filesystem::path RetrievalIndex::cachePath(const std::filesystem::path& runDir) {
  return runDir / "retrieval" / "index.pt";
}

nlohmann::json RetrievalIndex::keyFor(EvalModel& m, const std::filesystem::path& libraryPath) {
  const auto& c = m.config.data.clip;
  return {{"checkpoint", m.checkpoint},
          {"step", m.step},
          {"parameter_checksum", parameterChecksum(*m.model)},
          {"library", std::filesystem::absolute(libraryPath).string()},
          {"library_hash", fileHash(libraryPath)},
          {"clip", {{"frames", c.frames}, {"fps", c.fps}, {"short_side", c.shortSide}, {"audio_seconds", c.audioSeconds},
                    {"mel_bins", c.melBins}, {"crop", m.config.data.cropSize}}}};
}

RetrievalIndex RetrievalIndex::build(EvalModel& m, const std::filesystem::path& libraryPath,
                                     const ExtractProgress& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  const Library library = loadLibrary(libraryPath);
  const double clipSeconds = std::max(m.config.data.clip.videoSeconds(), m.config.data.clip.audioSeconds);
  const ClipIndex index(library, clipSeconds);
  RetrievalIndex result;
  result.key_ = keyFor(m, libraryPath);
  std::vector<ClipRequest> clips;
  for (const auto& title : index.titles())
    for (int w = 0; w < title.windowCount; ++w) {
      const int row = static_cast<int>(clips.size());
      clips.push_back({title.titleIndex, index.windowStart(w), row});
      result.items_.push_back({title.id, library.titles[static_cast<size_t>(title.titleIndex)].name, title.titleIndex,
                               index.windowStart(w)});
    }
  if (clips.empty()) throw Error(ErrorKind::Input, "library " + libraryPath.string() + " has no trainable title to index");
  DataConfig data = m.config.data;
  data.libraryPath = std::filesystem::absolute(libraryPath).string();
  EvalClipLoader loader(library, m.config, cacheFolderFor(data));
  const FeatureSet f = extractFeatures(m.model, m.device, loader, clips, 64, progress);
  result.video_ = f.videoEmbedding.contiguous();
  result.audio_ = f.audioEmbedding.contiguous();
  result.buildSeconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

RetrievalIndex RetrievalIndex::openOrBuild(EvalModel& m, const std::filesystem::path& runDir,
                                           const std::filesystem::path& libraryPath, bool* rebuilt,
                                           const ExtractProgress& progress) {
  const auto file = cachePath(runDir);
  if (std::filesystem::exists(file)) {
    try {
      auto cached = load(file);
      if (cached.key_ == keyFor(m, libraryPath)) {
        if (rebuilt) *rebuilt = false;
        return cached;
      }
    } catch (const std::exception&) {
      // An unreadable cache is rebuilt below: it is only a cache.
    }
  }
  auto index = build(m, libraryPath, progress);
  std::filesystem::create_directories(file.parent_path());
  index.save(file);
  if (rebuilt) *rebuilt = true;
  return index;
}

void RetrievalIndex::save(const std::filesystem::path& file) const {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : items_) items.push_back({i.titleId, i.titleName, i.titleIndex, i.start});
  const nlohmann::json meta = {{"format", "binge-retrieval-1"}, {"key", key_}, {"items", items},
                               {"build_seconds", buildSeconds_}};
  torch::serialize::OutputArchive archive;
  archive.write("video", video_);
  archive.write("audio", audio_);
  archive.write("meta", c10::IValue(meta.dump()));
  std::random_device rd;
  const auto temp = file.parent_path() / (file.filename().string() + ".tmp-" + std::to_string(rd()));
  archive.save_to(temp.string());
  std::filesystem::rename(temp, file);
}

RetrievalIndex RetrievalIndex::load(const std::filesystem::path& file) {
  RetrievalIndex r;
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(file.string());
    archive.read("video", r.video_);
    archive.read("audio", r.audio_);
    c10::IValue metaValue;
    archive.read("meta", metaValue);
    const auto meta = nlohmann::json::parse(metaValue.toStringRef());
    if (meta.value("format", "") != "binge-retrieval-1") throw Error(ErrorKind::Input, "not a Binge retrieval index");
    r.key_ = meta.at("key");
    r.buildSeconds_ = meta.value("build_seconds", 0.0);
    for (const auto& i : meta.at("items"))
      r.items_.push_back({i.at(0).get<std::string>(), i.at(1).get<std::string>(), i.at(2).get<int>(), i.at(3).get<double>()});
  } catch (const std::exception& e) {
    throw Error(ErrorKind::Input, "retrieval index " + file.string() + ": " + errorMessage(e));
  }
  if (r.video_.size(0) != r.size() || r.audio_.size(0) != r.size())
    throw Error(ErrorKind::Input, "retrieval index " + file.string() + ": embeddings and items disagree");
  return r;
}

std::int64_t RetrievalIndex::findRow(const std::string& titleId, double seconds) const {
  std::int64_t bestRow = -1;
  bool titleFound = false;
  for (std::int64_t r = 0; r < size(); ++r) {
    const auto& item = items_[static_cast<size_t>(r)];
    if (item.titleId != titleId) continue;
    titleFound = true;
    if (item.start <= seconds + 1e-9) bestRow = r;  // windows are in time order: the last one starting before
  }
  if (!titleFound) throw std::invalid_argument("title '" + titleId + "' is not in the retrieval index (unknown id or not trainable)");
  if (bestRow < 0 || seconds < 0) throw std::invalid_argument("time " + std::to_string(seconds) + " s is outside title '" + titleId + "'");
  const double stride = size() > 1 ? std::abs(items_[1].start - items_[0].start) : 1.0;
  if (seconds > items_[static_cast<size_t>(bestRow)].start + 2 * std::max(stride, 1.0))
    throw std::invalid_argument("time " + std::to_string(seconds) + " s is past the end of title '" + titleId + "'");
  return bestRow;
}

std::vector<RetrievalHit> RetrievalIndex::query(std::int64_t row, RetrievalDirection d, int k) const {
  if (row < 0 || row >= size()) throw std::out_of_range("retrieval row out of range");
  return query((queriesWithVideo(d) ? video_ : audio_)[row], d, k);
}

std::vector<RetrievalHit> RetrievalIndex::query(const torch::Tensor& embedding, RetrievalDirection d, int k) const {
  const auto q = torch::nn::functional::normalize(embedding.reshape({1, -1}).to(torch::kFloat),
                                                  torch::nn::functional::NormalizeFuncOptions().dim(1));
  const TopK top = exactTopK(searchesVideo(d) ? video_ : audio_, q, k);
  std::vector<RetrievalHit> hits;
  for (std::int64_t j = 0; j < top.indices.size(1); ++j) {
    const auto row = top.indices[0][j].item<std::int64_t>();
    hits.push_back({row, items_[static_cast<size_t>(row)], top.scores[0][j].item<double>()});
  }
  return hits;
}

}  // namespace binge
