#include "train/HardnessStats.h"

#include <stdexcept>

namespace binge {

HardnessStats hardnessStats(const std::vector<float>& similarity, const std::vector<std::string>& titles,
                            double easyMargin) {
  const std::size_t b = titles.size();
  if (similarity.size() != b * b)
    throw std::invalid_argument("hardnessStats: similarity has " + std::to_string(similarity.size()) +
                                " entries for " + std::to_string(b) + " clips");
  HardnessStats s;
  double sumPos = 0, sumSame = 0, sumCross = 0;
  long easy = 0;
  for (std::size_t i = 0; i < b; ++i) {
    const double pos = similarity[i * b + i];
    sumPos += pos;
    for (std::size_t j = 0; j < b; ++j) {
      if (i == j) continue;
      const double sim = similarity[i * b + j];
      if (titles[i] == titles[j]) {
        sumSame += sim;
        ++s.sameTitlePairs;
      } else {
        sumCross += sim;
        ++s.crossTitlePairs;
      }
      if (sim < pos - easyMargin) ++easy;
    }
  }
  const long negatives = s.sameTitlePairs + s.crossTitlePairs;
  if (b > 0) s.positive = sumPos / static_cast<double>(b);
  if (s.sameTitlePairs) s.sameTitleNegative = sumSame / static_cast<double>(s.sameTitlePairs);
  if (s.crossTitlePairs) s.crossTitleNegative = sumCross / static_cast<double>(s.crossTitlePairs);
  if (negatives) s.easyNegativeShare = static_cast<double>(easy) / static_cast<double>(negatives);
  return s;
}

nlohmann::json toJson(const HardnessStats& s) {
  return {{"positive", s.positive},
          {"same_title_negative", s.sameTitleNegative},
          {"cross_title_negative", s.crossTitleNegative},
          {"easy_negative_share", s.easyNegativeShare},
          {"same_title_pairs", s.sameTitlePairs},
          {"cross_title_pairs", s.crossTitlePairs}};
}

}  // namespace binge
