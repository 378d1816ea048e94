#include "eval/EmbeddingExport.h"

#include "eval/EmbeddingPca.h"
#include "runtime/AtomicFile.h"

#include <sstream>

namespace binge {
namespace {

// One exported file, composed in memory and written atomically (runtime/AtomicFile.h): a reader never
// sees half a file, and a full disk stops the export at once with the path, the bytes needed and the
// bytes free, leaving no temporary behind.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::filesystem::path file) : file_(std::move(file)) {}
  std::ostringstream& stream() { return out_; }
  void commit(ExportedFiles& files) {
    writeFileAtomically(file_, out_.str());
    files.files.push_back(std::filesystem::absolute(file_).string());
  }

 private:
  std::filesystem::path file_;
  std::ostringstream out_;
};

// Titles may hold tabs or newlines in user-edited names; the TSV must stay one row per line.
std::string tsvField(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

void writeVectorsTsv(const std::filesystem::path& file, const torch::Tensor& m, ExportedFiles& files) {
  AtomicOutput out(file);
  const auto c = m.to(torch::kFloat).contiguous();
  const float* p = c.data_ptr<float>();
  char number[32];
  for (std::int64_t r = 0; r < c.size(0); ++r) {
    for (std::int64_t j = 0; j < c.size(1); ++j) {
      std::snprintf(number, sizeof number, "%.7g", static_cast<double>(p[r * c.size(1) + j]));
      out.stream() << (j ? "\t" : "") << number;
    }
    out.stream() << '\n';
  }
  out.commit(files);
}

}  // namespace

void writeNpy(const std::filesystem::path& file, const torch::Tensor& matrix) {
  ExportedFiles ignored;
  const auto m = matrix.to(torch::kFloat).contiguous();
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(m.size(0)) + ", " +
                       std::to_string(m.size(1)) + "), }";
  // Magic (6) + version (2) + header length (2) + header, padded with spaces and a newline to 64 bytes.
  const size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  AtomicOutput out(file);
  const std::uint16_t length = static_cast<std::uint16_t>(header.size());
  out.stream().write("\x93NUMPY\x01\x00", 8);
  const char lengthBytes[2] = {static_cast<char>(length & 0xff), static_cast<char>(length >> 8)};
  out.stream().write(lengthBytes, 2);
  out.stream() << header;
  out.stream().write(reinterpret_cast<const char*>(m.data_ptr<float>()), static_cast<std::streamsize>(m.numel() * sizeof(float)));
  out.commit(ignored);
}

ExportedFiles exportEmbeddings(const RetrievalIndex& index, const std::filesystem::path& outDir) {
  ExportedFiles files;
  std::filesystem::create_directories(outDir / "projector");
  writeNpy(outDir / "video_embeddings.npy", index.videoEmbeddings());
  files.files.push_back(std::filesystem::absolute(outDir / "video_embeddings.npy").string());
  writeNpy(outDir / "audio_embeddings.npy", index.audioEmbeddings());
  files.files.push_back(std::filesystem::absolute(outDir / "audio_embeddings.npy").string());

  const auto v = index.videoEmbeddings().to(torch::kFloat).contiguous();
  Pca2D pca;
  if (index.size() >= 2)
    pca = pca2d(std::vector<float>(v.data_ptr<float>(), v.data_ptr<float>() + v.numel()), v.size(0), v.size(1));
  {
    AtomicOutput out(outDir / "metadata.tsv");
    out.stream() << "row\ttitle_id\ttitle\tstart_s\tpca_x\tpca_y\n";
    for (std::int64_t r = 0; r < index.size(); ++r) {
      const auto& i = index.items()[static_cast<size_t>(r)];
      out.stream() << r << '\t' << tsvField(i.titleId) << '\t' << tsvField(i.titleName) << '\t' << i.start << '\t'
                   << (pca.x.empty() ? 0.f : pca.x[static_cast<size_t>(r)]) << '\t'
                   << (pca.y.empty() ? 0.f : pca.y[static_cast<size_t>(r)]) << '\n';
    }
    out.commit(files);
  }
  writeVectorsTsv(outDir / "projector" / "vectors.tsv", index.videoEmbeddings(), files);
  writeVectorsTsv(outDir / "projector" / "audio_vectors.tsv", index.audioEmbeddings(), files);
  {
    // The projector takes a header row when there is more than one column.
    AtomicOutput out(outDir / "projector" / "metadata.tsv");
    out.stream() << "title_id\ttitle\tstart_s\n";
    for (const auto& i : index.items()) out.stream() << tsvField(i.titleId) << '\t' << tsvField(i.titleName) << '\t' << i.start << '\n';
    out.commit(files);
  }
  return files;
}

}  // namespace binge
