// binge-cli sample: draw N batches with a sampler and print what they hold (docs/architecture.md, Sampling), so
// uniform and hierarchical sampling can be compared from the shell. The sampler's options are the rows of
// the training config's table (train/ConfigFields.h): the same flags, ranges and help as `train`.
#include "cli/Commands.h"

#include "cli/ConfigOptions.h"

#include "sampling/BatchShape.h"
#include "sampling/BatchStatistics.h"
#include "sampling/HierarchicalSampler.h"
#include "sampling/Sampler.h"

#include <cstdio>
#include <iostream>

namespace binge::cli {
namespace {

struct SampleArgs {
  std::string library;
  ConfigOptions options;  // the sampler's rows and the window stride
  int batches = 10;
  double clipSeconds = 1.0;
  bool json = false;
};

// The sampler the options describe over the table's defaults; a value out of its row's range is a
// usage error naming the key.
TrainConfig sampleConfig(const SampleArgs& args, const std::vector<const ConfigField*>& fields) {
  TrainConfig config;
  applyJson(config, args.options.patch());
  for (const ConfigField* field : fields)
    if (const auto problem = field->problem(config); !problem.empty()) throw UsageError(problem);
  return config;
}

std::vector<const ConfigField*> sampleFields() {
  auto fields = samplerFields();
  fields.push_back(fieldByKey("data.stride_seconds"));
  return fields;
}

int runSample(const SampleArgs& args) {
  const TrainConfig config = sampleConfig(args, sampleFields());
  const SamplerConfig samplerConfig = samplerOf(config);
  const Library library = loadGivenLibrary(args.library);
  const ClipIndex index(library, args.clipSeconds, config.data.strideSeconds);
  const std::unique_ptr<Sampler> sampler = makeSampler(index, samplerConfig);
  SamplingReport report(index);
  nlohmann::json batches = nlohmann::json::array();
  for (int b = 0; b < args.batches; ++b) {
    const auto batch = sampler->nextBatch();
    report.add(batch);
    nlohmann::json clips = nlohmann::json::array();
    for (const auto& clip : batch) clips.push_back({{"title", index.titles()[clip.entry].id}, {"start", clip.start}});
    batches.push_back({{"clips", clips}, {"stats", toJson(computeBatchStatistics(index, batch))}});
  }
  const int b = samplerConfig.batchSize;
  const double share = expectedSameTitleShare(samplerConfig);
  const nlohmann::json expected = share >= 0 ? nlohmann::json(share) : nlohmann::json(nullptr);
  nlohmann::json excluded = nlohmann::json::array();
  for (const auto& e : index.excluded()) excluded.push_back({{"title", e.id}, {"reason", e.reason}});

  if (args.json) {
    nlohmann::json out = sampler->shapeState();
    out.update({{"sampler", samplerConfig.kind},
                {"min_gap_s", samplerConfig.minGapSeconds},
                {"seed", samplerConfig.seed},
                {"titles", index.titles().size()},
                {"windows", index.windowCount()},
                {"excluded", excluded},
                {"notes", sampler->notes()},
                {"expected_same_title_negative_share", expected},
                {"summary", report.toJson()},
                {"batches", batches}});
    printJson(out);
    return 0;
  }
  std::printf("%s sampler, batch %d, %zu titles, %lld windows\n", samplerConfig.kind.c_str(), b, index.titles().size(),
              static_cast<long long>(index.windowCount()));
  for (size_t i = 0; i < batches.size(); ++i) {
    const auto& s = batches[i]["stats"];
    std::printf("batch %3zu: %2d titles, same-title negatives %5.1f%%, clips per title %s\n", i + 1,
                s["distinct_titles"].get<int>(), 100.0 * s["same_title_negative_share"].get<double>(),
                s["clips_per_title"].dump().c_str());
  }
  std::printf("mean same-title negative share %.3f", report.meanSameTitleNegativeShare());
  if (!expected.is_null()) std::printf(" (expected (K-1)/(B-1) = %.3f)", expected.get<double>());
  std::printf("\ntitle coverage %.1f%%, window coverage %.1f%%\n", 100 * report.titleCoverage(), 100 * report.windowCoverage());
  for (const auto& note : sampler->notes()) std::printf("note: %s\n", note.c_str());
  for (const auto& e : index.excluded()) std::printf("excluded %s: %s\n", e.id.c_str(), e.reason.c_str());
  return 0;
}

}  // namespace

void addSampleCommand(CLI::App& parent, GlobalOptions&, CommandAction& action) {
  auto args = std::make_shared<SampleArgs>();
  CLI::App* cmd = parent.add_subcommand("sample", "Draw batches with a sampler and print their statistics");
  cmd->add_option("--library", args->library, "Library file (JSON)")->required();
  args->options.addTo(cmd, sampleFields());
  cmd->get_option("--sampler")->required();
  cmd->add_option("--batches", args->batches, "Number of batches to draw")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--clip-seconds", args->clipSeconds, "Clip window length")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_flag("--json", args->json, "Print one JSON document on stdout");
  cmd->callback([args, &action] { action = [args] { return runSample(*args); }; });
}

}  // namespace binge::cli
