#include "SweepDialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QPushButton>

namespace binge::ui {
namespace {

// What each option varies over by default, from the form's own value where that makes sense.
QString defaultValues(const QString& key, const TrainerLaunch& form) {
  if (key == "sampler") return "uniform,title-balanced,hierarchical";
  if (key == "titles-per-batch") return "1,2,4,8";
  if (key == "lr") {
    const double lr = form.lr > 0 ? form.lr : 1e-3;
    return QString("%1,%2,%3").arg(lr / 3, 0, 'g', 3).arg(lr, 0, 'g', 3).arg(lr * 3, 0, 'g', 3);
  }
  if (key == "batch") return "16,32,64";
  if (key == "steps") return "500,1000,2000";
  return {};
}

}  // namespace

SweepDialog::SweepDialog(const TrainerLaunch& form, QWidget* parent) : QDialog(parent), form_(form) {
  setWindowTitle("Sweep");
  auto* layout = new QFormLayout(this);
  key_ = new QComboBox(this);
  key_->setObjectName("sweepKey");
  key_->addItems({"sampler", "titles-per-batch", "lr", "batch", "steps"});
  values_ = new QLineEdit(this);
  values_->setObjectName("sweepValues");
  seeds_ = new QLineEdit("1,2,3", this);
  seeds_->setObjectName("sweepSeeds");
  const QString runsFolder = form.runDir.isEmpty() ? QDir::homePath() : QFileInfo(form.runDir).absolutePath();
  out_ = new QLineEdit(runsFolder + "/sweep-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmm"), this);
  out_->setObjectName("sweepFolderField");
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  layout->addRow("Vary", key_);
  layout->addRow("Values", values_);
  layout->addRow("Seeds", seeds_);
  layout->addRow("Sweep folder", out_);
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
    summary_->setText(QString("%1 runs (%2 values × %3 seeds), one after another; every other setting as in the "
                              "Training tab. Follow it in the Experiments tab.")
                          .arg(cells * seeds)
                          .arg(cells)
                          .arg(seeds));
  };
  connect(values_, &QLineEdit::textChanged, this, update);
  connect(seeds_, &QLineEdit::textChanged, this, update);
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
  return r;
}

}  // namespace binge::ui
