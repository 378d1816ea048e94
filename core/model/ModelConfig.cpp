#include "model/ModelConfig.h"

#include "model/JsonFields.h"

#include <stdexcept>

namespace binge {

nlohmann::json toJson(const ModelConfig& config) {
  return {{"architecture", config.architecture},
          {"tiny_width", config.tinyWidth},
          {"head_hidden_dim", config.headHiddenDim},
          {"embedding_dim", config.embeddingDim},
          {"normalization", config.normalization}};
}

void applyJson(ModelConfig& config, const nlohmann::json& json) {
  JsonFields fields(json, "model");
  fields.get("architecture", config.architecture);
  fields.get("tiny_width", config.tinyWidth);
  fields.get("head_hidden_dim", config.headHiddenDim);
  fields.get("embedding_dim", config.embeddingDim);
  fields.get("normalization", config.normalization);
  fields.rejectUnknown();
}

void validate(const ModelConfig& config) {
  if (config.architecture != "tiny" && config.architecture != "paper")
    throw std::invalid_argument("model.architecture must be \"tiny\" or \"paper\", not \"" + config.architecture + "\"");
  if (config.tinyWidth < 4 || config.tinyWidth > 1024)
    throw std::invalid_argument("model.tiny_width must be in [4, 1024], got " + std::to_string(config.tinyWidth));
  if (config.headHiddenDim < 1) throw std::invalid_argument("model.head_hidden_dim must be positive");
  if (config.normalization != "batch" && config.normalization != "group")
    throw std::invalid_argument("model.normalization must be \"batch\" or \"group\", not \"" + config.normalization + "\"");
  if (config.normalization == "group" && config.architecture != "tiny")
    throw std::invalid_argument("model.normalization \"group\" is available for the tiny architecture only");
  if (config.embeddingDim < 2) throw std::invalid_argument("model.embedding_dim must be at least 2");
}

}  // namespace binge
