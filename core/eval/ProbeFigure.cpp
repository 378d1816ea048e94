#include "eval/ProbeFigure.h"

#include "runtime/Error.h"
#include "runtime/JsonNumbers.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

namespace binge {
namespace {

constexpr double kWidth = 640, kHeight = 400, kLeft = 64, kRight = 170, kTop = 40, kBottom = 52;
const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

double meanOf(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

double stdOf(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  const double m = meanOf(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

}  // namespace

ProbeSeries readProbeSeries(const std::filesystem::path& runDir, const std::string& modality, const std::string& kind) {
  ProbeSeries series;
  series.run = runDir.string();
  std::ifstream config(runDir / "config.json");
  if (config) {
    try {
      series.group = nlohmann::json::parse(config).at("data").value("sampler", std::string());
    } catch (const std::exception&) {
    }
  }
  std::ifstream events(runDir / "events.jsonl");
  if (!events) throw Error(ErrorKind::Input, "run " + runDir.string() + ": cannot read events.jsonl");
  std::map<std::int64_t, double> byStep;  // a resumed run repeats steps: the last event wins
  for (std::string line; std::getline(events, line);) {
    if (line.find("\"probe\"") == std::string::npos) continue;
    nlohmann::json e;
    try {
      e = nlohmann::json::parse(line);
    } catch (const std::exception&) {
      continue;  // a torn last line of a killed trainer
    }
    try {  // a line of the wrong shape (another tool, a damaged file) is skipped like a torn one
      if (e.value("type", std::string()) != "probe" || !e.contains(modality) || !e[modality].contains(kind)) continue;
      const auto step = wholeNumber<std::int64_t>(e, "step");
      if (!step) continue;
      byStep[*step] = e[modality][kind].get<double>();
      series.chance = e.value("chance", series.chance);
      if (e.contains("random_init") && e["random_init"].contains(modality) && e["random_init"][modality].contains(kind))
        series.randomInit = e["random_init"][modality][kind].get<double>();
    } catch (const nlohmann::json::exception&) {
      continue;
    }
  }
  series.points.assign(byStep.begin(), byStep.end());
  return series;
}

std::string probeFigureSvg(const std::vector<ProbeSeries>& runs, const std::string& title) {
  std::int64_t maxStep = 1;
  std::vector<std::string> groups;
  std::vector<double> baselines;
  double chance = -1;
  for (const auto& r : runs) {
    if (std::find(groups.begin(), groups.end(), r.group) == groups.end()) groups.push_back(r.group);
    for (const auto& p : r.points) maxStep = std::max(maxStep, p.first);
    if (r.randomInit >= 0) baselines.push_back(r.randomInit);
    if (r.chance >= 0) chance = r.chance;
  }
  const double plotW = kWidth - kLeft - kRight, plotH = kHeight - kTop - kBottom;
  auto x = [&](double step) { return kLeft + plotW * step / static_cast<double>(maxStep); };
  auto y = [&](double accuracy) { return kTop + plotH * (1.0 - accuracy); };

  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
      << "\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << kLeft << "\" y=\"22\" font-size=\"14\" font-weight=\"bold\">" << escape(title) << "</text>\n";
  // Axes, grid and ticks: accuracy every 20 %, steps in five parts.
  for (int a = 0; a <= 100; a += 20) {
    svg << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + plotW << "\" y1=\"" << fmt(y(a / 100.0)) << "\" y2=\""
        << fmt(y(a / 100.0)) << "\" stroke=\"#ddd\"/>\n"
        << "<text x=\"" << kLeft - 8 << "\" y=\"" << fmt(y(a / 100.0) + 4) << "\" text-anchor=\"end\">" << a << "</text>\n";
  }
  for (int i = 0; i <= 5; ++i) {
    const double step = static_cast<double>(maxStep) * i / 5.0;
    svg << "<text x=\"" << fmt(x(step)) << "\" y=\"" << fmt(kTop + plotH + 18) << "\" text-anchor=\"middle\">"
        << std::llround(step) << "</text>\n";
  }
  svg << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << plotW << "\" height=\"" << plotH
      << "\" fill=\"none\" stroke=\"#444\"/>\n"
      << "<text x=\"" << fmt(kLeft + plotW / 2) << "\" y=\"" << kHeight - 10 << "\" text-anchor=\"middle\">training step</text>\n"
      << "<text transform=\"translate(16," << fmt(kTop + plotH / 2) << ") rotate(-90)\" text-anchor=\"middle\">"
      << "probe top-1 accuracy (%)</text>\n";

  double legendY = kTop + 8;
  auto legend = [&](const std::string& colour, const std::string& dash, const std::string& text) {
    const double lx = kLeft + plotW + 12;
    svg << "<line x1=\"" << lx << "\" x2=\"" << lx + 24 << "\" y1=\"" << fmt(legendY) << "\" y2=\"" << fmt(legendY)
        << "\" stroke=\"" << colour << "\" stroke-width=\"2\"" << dash << "/>\n"
        << "<text x=\"" << lx + 30 << "\" y=\"" << fmt(legendY + 4) << "\">" << escape(text) << "</text>\n";
    legendY += 18;
  };
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string colour = kColours[g % (sizeof kColours / sizeof *kColours)];
    // Steps every run of the group probed: the mean and band are over the same runs at each point.
    std::map<std::int64_t, std::vector<double>> atStep;
    int count = 0;
    for (const auto& r : runs)
      if (r.group == groups[g]) {
        ++count;
        for (const auto& p : r.points) atStep[p.first].push_back(p.second);
      }
    std::vector<std::int64_t> steps;
    for (const auto& [step, values] : atStep)
      if (static_cast<int>(values.size()) == count) steps.push_back(step);
    if (steps.empty()) continue;
    std::ostringstream upper, lower, line;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto& v = atStep[steps[i]];
      const double m = meanOf(v), s = stdOf(v);
      upper << (i ? " " : "") << fmt(x(static_cast<double>(steps[i]))) << "," << fmt(y(std::min(1.0, m + s)));
      line << (i ? " " : "") << fmt(x(static_cast<double>(steps[i]))) << "," << fmt(y(m));
    }
    for (std::size_t i = steps.size(); i-- > 0;) {
      const auto& v = atStep[steps[i]];
      lower << " " << fmt(x(static_cast<double>(steps[i]))) << "," << fmt(y(std::max(0.0, meanOf(v) - stdOf(v))));
    }
    svg << "<polygon points=\"" << upper.str() << lower.str() << "\" fill=\"" << colour << "\" fill-opacity=\"0.18\"/>\n"
        << "<polyline points=\"" << line.str() << "\" fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\"/>\n";
    legend(colour, "", (groups[g].empty() ? std::string("runs") : groups[g]) + " (n = " + std::to_string(count) + ")");
  }
  if (!baselines.empty()) {
    const double b = meanOf(baselines);
    svg << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + plotW << "\" y1=\"" << fmt(y(b)) << "\" y2=\"" << fmt(y(b))
        << "\" stroke=\"#222\" stroke-width=\"1.5\" stroke-dasharray=\"6,4\"/>\n";
    legend("#222", " stroke-dasharray=\"6,4\"", "random init " + fmt(100 * b) + " %");
  }
  if (chance >= 0) {
    svg << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + plotW << "\" y1=\"" << fmt(y(chance)) << "\" y2=\""
        << fmt(y(chance)) << "\" stroke=\"#888\" stroke-dasharray=\"2,3\"/>\n";
    legend("#888", " stroke-dasharray=\"2,3\"", "chance " + fmt(100 * chance) + " %");
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace binge
