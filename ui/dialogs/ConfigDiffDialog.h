#pragma once
// "Compare configs" of the runs list: the config.json of two runs side by side, only the
// settings that differ, by flattened path (data.sampler: uniform → hierarchical). Non-modal.
#include "ConfigDiff.h"

#include <QDialog>
#include <QStringList>

#include <vector>

class QTableWidget;

namespace binge::ui {

class ConfigDiffDialog : public QDialog {
  Q_OBJECT
 public:
  ConfigDiffDialog(const QString& leftName, const nlohmann::json& leftConfig, const QString& rightName,
                   const nlohmann::json& rightConfig, QWidget* parent = nullptr);

  const std::vector<ConfigDifference>& differences() const { return differences_; }
  // One line per difference, "data.sampler: uniform → hierarchical" (what "Copy" puts on the clipboard).
  QStringList lines() const;
  QTableWidget* table() const { return table_; }

 private:
  std::vector<ConfigDifference> differences_;
  QTableWidget* table_;
};

}  // namespace binge::ui
