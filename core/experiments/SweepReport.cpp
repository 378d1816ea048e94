#include "experiments/SweepReport.h"

#include "eval/ProbeFigure.h"
#include "runtime/AtomicFile.h"
#include "train/EventLog.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace binge {
namespace {

namespace fs = std::filesystem;

const char* const kModalities[] = {"video", "audio", "both"};

std::string fixed(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// How a metric reads in results.md: accuracies and shares in percent, cosines and loss as they are.
struct MetricFormat {
  double scale;
  int decimals;
  bool interval;  // show the 95 % t-interval in the table
};

MetricFormat formatOf(const std::string& name) {
  if (name.find("_knn") != std::string::npos || name.find("_linear") != std::string::npos) return {100, 1, true};
  if (name.find("recall1") != std::string::npos) return {100, 1, false};
  if (name.find("same_event") != std::string::npos || name.find("same_show") != std::string::npos ||
      name == "easy_negative_share")
    return {100, 0, false};
  if (name == "wall_seconds") return {1.0 / 60, 1, false};
  return {1, 3, false};
}

// The last line of metrics.csv: its loss_mean (the mean over the last logging interval, steadier than
// one step's loss).
double finalLoss(const fs::path& runDir) {
  std::ifstream in(runDir / "metrics.csv");
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty() && line[0] >= '0' && line[0] <= '9') last = line;
  if (last.empty()) return NAN;
  std::stringstream fields(last);
  std::string step, loss, lossMean;
  std::getline(fields, step, ',');
  std::getline(fields, loss, ',');
  std::getline(fields, lossMean, ',');
  try {
    return std::stod(lossMean);
  } catch (const std::exception&) {
    return NAN;
  }
}

// Accuracy and neighbour metrics of one probe summary ({video: {knn, linear, neighbours}, …}).
void probeMetrics(const nlohmann::json& probe, std::map<std::string, double>& out) {
  for (const char* m : kModalities) {
    if (!probe.contains(m)) continue;
    const auto& r = probe[m];
    for (const char* kind : {"knn", "linear"})
      if (r.contains(kind) && r[kind].is_number()) out[std::string(m) + "_" + kind] = r[kind].get<double>();
    if (r.contains("neighbours") && std::string(m) != "both") {
      const auto& n = r["neighbours"];
      if (n.contains("same_class") && n["same_class"].is_number())
        out[std::string(m) + "_same_event"] = n["same_class"].get<double>();
      if (n.contains("same_show") && n["same_show"].is_number())
        out[std::string(m) + "_same_show"] = n["same_show"].get<double>();
    }
  }
}

// Metrics of a standalone `binge-cli probe --json` document (three clips per item, retrieval).
void standaloneMetrics(const nlohmann::json& doc, std::map<std::string, double>& out) {
  for (const char* m : kModalities)
    for (const char* kind : {"knn", "linear"})
      if (doc.contains(m) && doc[m].contains(kind) && doc[m][kind].contains("accuracy"))
        out[std::string("standalone_") + m + "_" + kind] = doc[m][kind]["accuracy"].get<double>();
  if (doc.contains("retrieval"))
    for (const char* direction : {"v2v", "a2a", "v2a", "a2v"})
      if (doc["retrieval"].contains(direction) && doc["retrieval"][direction].contains("recall@1"))
        out[std::string("standalone_recall1_") + direction] = doc["retrieval"][direction]["recall@1"].get<double>();
}

nlohmann::json readJsonOrNull(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return nullptr;
  try {
    return nlohmann::json::parse(in);
  } catch (const std::exception&) {
    return nullptr;  // a probe killed while writing: the next sweep run writes it again
  }
}

struct RunSummary {
  std::string name;
  SweepRun run;
  RunProgress progress;
  SweepRunRecord record;
  std::map<std::string, double> metrics;
  nlohmann::json lastProbe;   // the final probe event (null when none)
  nlohmann::json randomInit;  // its random-init baseline (null when none)
};

RunSummary summarise(const fs::path& sweepDir, const SweepRun& run, const SweepLedger& ledger) {
  RunSummary s;
  s.name = run.name;
  s.run = run;
  const fs::path dir = SweepLedger::runsDir(sweepDir) / run.name;
  s.progress = inspectRun(dir);
  if (const auto it = ledger.runs.find(run.name); it != ledger.runs.end()) s.record = it->second;
  if (!s.progress.exists) return s;
  nlohmann::json lastBatch;
  if (fs::exists(dir / "events.jsonl"))
    for (auto& e : readEvents(dir / "events.jsonl")) {
      const auto type = e.value("type", std::string());
      if (type == "probe") s.lastProbe = std::move(e);
      else if (type == "batch") lastBatch = std::move(e);
    }
  if (!s.lastProbe.is_null()) {
    probeMetrics(s.lastProbe, s.metrics);
    if (s.lastProbe.contains("random_init")) s.randomInit = s.lastProbe["random_init"];
  }
  if (!lastBatch.is_null() && lastBatch.contains("hardness")) {
    const auto& h = lastBatch["hardness"];
    // A mean over no pairs (one title per batch has no cross-title pairs) is no number at all.
    const auto pairs = [&](const char* key) { return h.contains(key) ? h[key].get<double>() : 1.0; };
    if (h.contains("same_title_negative") && pairs("same_title_pairs") > 0)
      s.metrics["same_title_negative"] = h["same_title_negative"].get<double>();
    if (h.contains("cross_title_negative") && pairs("cross_title_pairs") > 0)
      s.metrics["cross_title_negative"] = h["cross_title_negative"].get<double>();
    if (h.contains("easy_negative_share")) s.metrics["easy_negative_share"] = h["easy_negative_share"].get<double>();
  }
  if (const double loss = finalLoss(dir); std::isfinite(loss)) s.metrics["final_loss"] = loss;
  if (s.record.wallSeconds > 0) s.metrics["wall_seconds"] = s.record.wallSeconds;
  if (const auto doc = readJsonOrNull(dir / kStandaloneProbeFile); !doc.is_null()) standaloneMetrics(doc, s.metrics);
  return s;
}

SweepRow aggregate(const std::string& label, const std::vector<std::pair<std::string, std::string>>& cell,
                   const std::vector<std::map<std::string, double>>& runs, int planned) {
  SweepRow row;
  row.label = label;
  row.cell = cell;
  row.runs = planned;
  for (const auto& name : sweepMetricNames()) {
    std::vector<double> values;
    for (const auto& r : runs)
      if (const auto it = r.find(name); it != r.end()) values.push_back(it->second);
    if (!values.empty()) row.metrics.emplace_back(name, seedStatistics(values));
  }
  return row;
}

std::string markdownCell(const SweepRow& row, const std::string& name) {
  const SeedStatistics* s = row.metric(name);
  if (!s) return "—";
  const auto f = formatOf(name);
  std::string text = fixed(s->mean * f.scale, f.decimals);
  if (s->n > 1) {
    text += " ± " + fixed(s->std * f.scale, f.decimals);
    // A t-interval over 2–3 seeds can pass 0 or 100 %; an accuracy cannot.
    if (f.interval)
      text += " [" + fixed(std::max(0.0, s->low) * f.scale, f.decimals) + ", " + fixed(std::min(1.0, s->high) * f.scale, f.decimals) + "]";
  }
  return text;
}

std::string pairCell(const SweepRow& row, const std::string& a, const std::string& b) {
  if (!row.metric(a) && !row.metric(b)) return "—";
  return markdownCell(row, a) + " / " + markdownCell(row, b);
}

std::string csvEscape(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string markdownReport(const SweepLedger& ledger, const SweepResults& results, const std::vector<RunSummary>& runs) {
  std::ostringstream md;
  int finished = 0;
  for (const auto& r : runs) finished += r.progress.finished();
  md << "# Sweep results\n\n";
  md << "Grid:";
  for (const auto& axis : ledger.plan.grid) {
    md << " `" << axis.key << "` = ";
    for (std::size_t i = 0; i < axis.values.size(); ++i) md << (i ? ", " : "") << axis.values[i];
    md << ";";
  }
  md << " seeds";
  for (auto s : ledger.plan.seeds) md << ' ' << s;
  md << ". Every run: `binge-cli train";
  for (const auto& a : ledger.plan.fixedArgs) md << ' ' << a;
  md << "`.\n\n" << finished << " of " << runs.size() << " runs finished. ";
  md << "Each cell is mean ± std over its finished runs (`n`), with the 95 % t-interval of the mean in "
        "brackets; accuracies are the final live probe (one clip per item), in percent.\n\n";
  md << "| cell | n | video linear | video kNN | audio linear | audio kNN | both linear | both kNN | "
        "10-NN video: same event / same show | 10-NN audio: same event / same show | neg. cosine same-title / "
        "cross-title | easy neg. share | final loss | wall min |\n";
  md << "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& row : results.rows) {
    const SeedStatistics* any = row.metric("video_linear") ? row.metric("video_linear") : row.metric("final_loss");
    md << "| " << row.label << " | " << (any ? any->n : 0) << "/" << row.runs;
    for (const char* m : {"video_linear", "video_knn", "audio_linear", "audio_knn", "both_linear", "both_knn"})
      md << " | " << markdownCell(row, m);
    md << " | " << pairCell(row, "video_same_event", "video_same_show") << " | "
       << pairCell(row, "audio_same_event", "audio_same_show") << " | "
       << pairCell(row, "same_title_negative", "cross_title_negative") << " | " << markdownCell(row, "easy_negative_share")
       << " | " << markdownCell(row, "final_loss") << " | " << markdownCell(row, "wall_seconds") << " |\n";
  }
  for (const auto& r : runs)
    if (!r.lastProbe.is_null()) {
      md << "\nChance " << fixed(100 * r.lastProbe.value("chance", 0.0), 1) << " %, "
         << r.lastProbe.value("items", 0) << " probe items, " << r.lastProbe.value("split", std::string()) << ".";
      break;
    }
  bool standalone = false;
  for (const auto& row : results.rows) standalone = standalone || row.metric("standalone_video_linear") || row.metric("standalone_audio_linear");
  if (standalone) {
    md << "\n\n## Standalone probe\n\n`binge-cli probe` after each run (three clips per item, retrieval over the probe "
          "set), the random-init row from `binge-cli probe --random-init` of the same preset and seeds.\n\n";
    md << "| cell | video linear | video kNN | audio linear | audio kNN | both linear | recall@1 v→v | recall@1 a→a | "
          "recall@1 v→a |\n|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& row : results.rows) {
      md << "| " << row.label;
      for (const char* m : {"standalone_video_linear", "standalone_video_knn", "standalone_audio_linear",
                            "standalone_audio_knn", "standalone_both_linear", "standalone_recall1_v2v",
                            "standalone_recall1_a2a", "standalone_recall1_v2a"})
        md << " | " << markdownCell(row, m);
      md << " |\n";
    }
  }
  md << "\n\n## Runs\n\n| run | state | step | wall min | attempts | note |\n|---|---|---|---|---|---|\n";
  for (const auto& r : runs)
    md << "| " << r.name << " | " << (r.progress.finished() ? "finished" : r.record.state) << " | " << r.progress.step << "/"
       << r.progress.steps << " | " << fixed(r.record.wallSeconds / 60, 1) << " | " << r.record.attempts << " | "
       << r.record.message << " |\n";
  md << "\nFigures: [video](probe-video.svg), [audio](probe-audio.svg) (linear probe against step, mean ± std "
        "per cell, random init dashed).\n";
  return md.str();
}

std::string csvTable(const SweepLedger& ledger, const SweepResults& results) {
  std::ostringstream out;
  out << "cell";
  for (const auto& axis : ledger.plan.grid) out << ',' << csvEscape(axis.key);
  out << ",n,runs";
  for (const auto& name : sweepMetricNames()) out << ',' << name << "_mean," << name << "_std," << name << "_ci_low," << name << "_ci_high";
  out << '\n';
  for (const auto& row : results.rows) {
    out << csvEscape(row.label);
    for (const auto& axis : ledger.plan.grid) {
      std::string value;
      for (const auto& [k, v] : row.cell)
        if (k == axis.key) value = v;
      out << ',' << csvEscape(value);
    }
    int n = 0;
    for (const auto& [name, s] : row.metrics) n = std::max(n, s.n);
    out << ',' << n << ',' << row.runs;
    for (const auto& name : sweepMetricNames()) {
      if (const SeedStatistics* s = row.metric(name))
        out << ',' << s->mean << ',' << s->std << ',' << s->low << ',' << s->high;
      else
        out << ",,,,";
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace

const std::vector<std::string>& sweepMetricNames() {
  static const std::vector<std::string> names = {
      "video_linear",     "video_knn",       "audio_linear",        "audio_knn",           "both_linear",
      "both_knn",         "video_same_event", "video_same_show",    "audio_same_event",    "audio_same_show",
      "same_title_negative", "cross_title_negative", "easy_negative_share", "final_loss", "wall_seconds",
      "standalone_video_linear", "standalone_video_knn", "standalone_audio_linear", "standalone_audio_knn",
      "standalone_both_linear", "standalone_both_knn", "standalone_recall1_v2v", "standalone_recall1_a2a",
      "standalone_recall1_v2a", "standalone_recall1_a2v"};
  return names;
}

const SeedStatistics* SweepRow::metric(const std::string& name) const {
  for (const auto& [n, s] : metrics)
    if (n == name) return &s;
  return nullptr;
}

SweepResults collectSweepResults(const fs::path& sweepDir) {
  const SweepLedger ledger = SweepLedger::load(sweepDir);
  const auto planned = ledger.plan.runs();
  std::vector<RunSummary> runs;
  for (const auto& run : planned) runs.push_back(summarise(sweepDir, run, ledger));

  SweepResults results;
  const auto cells = ledger.plan.cells();
  nlohmann::json rowsJson = nlohmann::json::array();
  for (std::size_t c = 0; c < cells.size(); ++c) {
    std::vector<std::map<std::string, double>> finished;
    int plannedRuns = 0;
    for (const auto& r : runs)
      if (r.run.cellIndex == c) {
        ++plannedRuns;
        if (r.progress.finished()) finished.push_back(r.metrics);
      }
    results.rows.push_back(aggregate(cells[c].label(), cells[c].values, finished, plannedRuns));
  }
  // Random init: one baseline per seed (every run of a seed shares it: same preset, seed and probe set).
  std::map<std::uint64_t, std::map<std::string, double>> baselines;
  for (const auto& r : runs)
    if (!r.randomInit.is_null() && !baselines.count(r.run.seed)) probeMetrics(r.randomInit, baselines[r.run.seed]);
  for (const auto seed : ledger.plan.seeds)
    if (const auto doc = readJsonOrNull(standaloneBaselinePath(sweepDir, seed)); !doc.is_null())
      standaloneMetrics(doc, baselines[seed]);
  if (!baselines.empty()) {
    std::vector<std::map<std::string, double>> values;
    for (const auto& [seed, m] : baselines) values.push_back(m);
    results.rows.push_back(aggregate("random init", {}, values, static_cast<int>(ledger.plan.seeds.size())));
  }

  for (const auto& row : results.rows) {
    nlohmann::json metrics = nlohmann::json::object();
    for (const auto& [name, s] : row.metrics) metrics[name] = toJson(s);
    nlohmann::json cell = nlohmann::json::object();
    for (const auto& [k, v] : row.cell) cell[k] = v;
    rowsJson.push_back({{"label", row.label}, {"cell", cell}, {"runs", row.runs}, {"metrics", metrics}});
  }
  nlohmann::json runsJson = nlohmann::json::array();
  for (const auto& r : runs) {
    nlohmann::json cell = nlohmann::json::object();
    for (const auto& [k, v] : r.run.cell.values) cell[k] = v;
    nlohmann::json entry = {{"name", r.name},
                            {"cell", cell},
                            {"seed", r.run.seed},
                            {"state", r.progress.finished() ? std::string("finished") : r.record.state},
                            {"step", r.progress.step},
                            {"steps", r.progress.steps},
                            {"wall_seconds", r.record.wallSeconds},
                            {"metrics", r.metrics}};
    if (!r.lastProbe.is_null()) {
      nlohmann::json probe = r.lastProbe;
      probe.erase("random_init");
      entry["final_probe"] = probe;  // with each accuracy's own binomial interval
      entry["random_init"] = r.randomInit;
    }
    runsJson.push_back(entry);
  }
  results.json = {{"plan", toJson(ledger.plan)}, {"rows", rowsJson}, {"runs", runsJson}};
  results.markdown = markdownReport(ledger, results, runs);
  results.csv = csvTable(ledger, results);
  return results;
}

SweepResults writeSweepReport(const fs::path& sweepDir) {
  SweepResults results = collectSweepResults(sweepDir);
  writeFileAtomically(sweepDir / "results.md", results.markdown);
  writeFileAtomically(sweepDir / "results.csv", results.csv);
  writeFileAtomically(sweepDir / "results.json", results.json.dump(1));

  const SweepLedger ledger = SweepLedger::load(sweepDir);
  for (const char* modality : {"video", "audio"}) {
    std::vector<ProbeSeries> series;
    for (const auto& run : ledger.plan.runs()) {
      const fs::path dir = SweepLedger::runsDir(sweepDir) / run.name;
      // Finished runs only, as in the table: a band over runs that stopped at different steps misleads.
      if (!inspectRun(dir).finished()) continue;
      ProbeSeries s = readProbeSeries(dir, modality, "linear");
      // One varied option: its value says it all ("uniform"); several: the whole cell.
      s.group = run.cell.values.size() == 1 ? run.cell.values.front().second : run.cell.label();
      if (!s.points.empty()) series.push_back(std::move(s));
    }
    if (!series.empty())
      writeFileAtomically(sweepDir / (std::string("probe-") + modality + ".svg"),
                          probeFigureSvg(series, std::string(modality) + " linear probe"));
  }
  return results;
}

}  // namespace binge
