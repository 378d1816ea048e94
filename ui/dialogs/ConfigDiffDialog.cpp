#include "ConfigDiffDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace binge::ui {
namespace {

QString shown(const std::string& value, bool missing) {
  return missing ? QString("(absent)") : QString::fromStdString(value);
}

}  // namespace

ConfigDiffDialog::ConfigDiffDialog(const QString& leftName, const nlohmann::json& leftConfig,
                                   const QString& rightName, const nlohmann::json& rightConfig, QWidget* parent)
    : QDialog(parent), differences_(diffConfigs(leftConfig, rightConfig)) {
  setObjectName("configDiff");
  setWindowTitle(QString("Compare configs: %1 → %2").arg(leftName, rightName));
  resize(640, 420);
  auto* layout = new QVBoxLayout(this);
  QString summary;
  if (leftConfig.is_null() || rightConfig.is_null())
    summary = QString("%1 has no readable config.json yet.").arg(leftConfig.is_null() ? leftName : rightName);
  else if (differences_.empty())
    summary = "The two configs are the same.";
  else
    summary = QString("%1 setting%2 differ%3 (flattened paths; everything else is the same).")
                  .arg(differences_.size())
                  .arg(differences_.size() == 1 ? "" : "s")
                  .arg(differences_.size() == 1 ? "s" : "");
  auto* label = new QLabel(summary, this);
  label->setObjectName("configDiffSummary");
  layout->addWidget(label);

  table_ = new QTableWidget(static_cast<int>(differences_.size()), 3, this);
  table_->setObjectName("configDiffTable");
  table_->setHorizontalHeaderLabels({"Setting", leftName, rightName});
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  for (int row = 0; row < table_->rowCount(); ++row) {
    const ConfigDifference& d = differences_[static_cast<std::size_t>(row)];
    table_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(d.path)));
    table_->setItem(row, 1, new QTableWidgetItem(shown(d.left, d.leftMissing)));
    table_->setItem(row, 2, new QTableWidgetItem(shown(d.right, d.rightMissing)));
  }
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
  layout->addWidget(table_, 1);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton* copy = buttons->addButton("Copy", QDialogButtonBox::ActionRole);
  connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(lines().join('\n')); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

QStringList ConfigDiffDialog::lines() const {
  QStringList out;
  for (const ConfigDifference& d : differences_)
    out << QString("%1: %2 → %3")
               .arg(QString::fromStdString(d.path), shown(d.left, d.leftMissing), shown(d.right, d.rightMissing));
  return out;
}

}  // namespace binge::ui
