#include "SweepDialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QPushButton>

#include "train/ConfigFields.h"

#include <algorithm>

namespace binge::ui {
namespace {

// What an option varies over by default, from its row of the field table and the form's value: every
// choice of a choice field, both values of a switch, and around the form's number otherwise.
QString defaultValues(const QString& key, const TrainerLaunch& form) {
  const ConfigField* field = fieldByFlag(key.toStdString());
  if (!field) return {};
  if (!field->choices.empty()) {
    QStringList choices;
    for (const auto& c : field->choices) choices << QString::fromStdString(c);
    // uniform first: the baseline the paper compares hierarchical batches against.
    if (key == "sampler") choices = QStringList{"uniform", "title-balanced", "hierarchical"};
    return choices.join(',');
  }
  const nlohmann::json value = field->value(form.config);
  if (field->type() == FieldType::Boolean) return "false,true";
  if (field->type() == FieldType::Number) {
    const double v = value.get<double>();
    return QString("%1,%2,%3").arg(v / 3, 0, 'g', 3).arg(v, 0, 'g', 3).arg(v * 3, 0, 'g', 3);
  }
  if (field->type() == FieldType::Integer) {
    const qint64 v = value.get<qint64>();
    return QString("%1,%2,%3").arg(std::max<qint64>(1, v / 2)).arg(v).arg(v * 2);
  }
  return QString::fromStdString(field->text(form.config));
}

}  // namespace

SweepDialog::SweepDialog(const TrainerLaunch& form, QWidget* parent) : QDialog(parent), form_(form) {
  setWindowTitle("Sweep");
  auto* layout = new QFormLayout(this);
  key_ = new QComboBox(this);
  key_->setObjectName("sweepKey");
  // Any setting can be varied (every row of the field table); the sampler, the paper's question, first.
  key_->addItem("sampler");
  for (const auto& field : trainConfigFields())
    if (field.flag != "sampler" && field.flag != "seed" && !field.isPath)
      key_->addItem(QString::fromStdString(field.flag));
  values_ = new QLineEdit(this);
  values_->setObjectName("sweepValues");
  seeds_ = new QLineEdit("1,2,3", this);
  seeds_->setObjectName("sweepSeeds");
  const QString runsFolder = form.runDir.isEmpty() ? QDir::homePath() : QFileInfo(form.runDir).absolutePath();
  out_ = new QLineEdit(runsFolder + "/sweep-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmm"), this);
  out_->setObjectName("sweepFolderField");
  parallel_ = new QSpinBox(this);
  parallel_->setObjectName("sweepParallel");
  parallel_->setRange(1, 64);
  parallel_->setToolTip("Runs trained at the same time: 1 on a laptop's few cores; on a server, as many as its "
                        "cores or GPUs hold");
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  layout->addRow("Vary", key_);
  layout->addRow("Values", values_);
  layout->addRow("Seeds", seeds_);
  layout->addRow("Sweep folder", out_);
  layout->addRow("Runs at once", parallel_);
  layout->addRow(summary_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText("Start");
  buttons->button(QDialogButtonBox::Ok)->setObjectName("startSweepButton");
  layout->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(key_, &QComboBox::currentTextChanged, this, &SweepDialog::keyChanged);
  auto update = [this] {
    const int cells = static_cast<int>(values_->text().split(',', Qt::SkipEmptyParts).size());
    const int seeds = static_cast<int>(seeds_->text().split(',', Qt::SkipEmptyParts).size());
    const int atOnce = parallel_->value();
    summary_->setText(QString("%1 runs (%2 values × %3 seeds), %4; every other setting as in the "
                              "Training tab. Follow it in the Experiments tab.")
                          .arg(cells * seeds)
                          .arg(cells)
                          .arg(seeds)
                          .arg(atOnce > 1 ? QString("%1 at a time").arg(atOnce) : QString("one after another")));
  };
  connect(values_, &QLineEdit::textChanged, this, update);
  connect(seeds_, &QLineEdit::textChanged, this, update);
  connect(parallel_, &QSpinBox::valueChanged, this, update);
  keyChanged();
}

void SweepDialog::keyChanged() { values_->setText(defaultValues(key_->currentText(), form_)); }

SweepRequest SweepDialog::request() const {
  SweepRequest r;
  r.form = form_;
  r.key = key_->currentText();
  r.values = values_->text().remove(' ');
  r.seeds = seeds_->text().remove(' ');
  r.outDir = out_->text().trimmed();
  r.parallel = parallel_->value();
  return r;
}

}  // namespace binge::ui
