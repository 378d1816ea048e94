#include "ProbeSetField.h"

#include "AppSettings.h"
#include "eval/ProbeSet.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace binge::ui {

ProbeSetField::ProbeSetField(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  edit_ = new QLineEdit(this);
  edit_->setObjectName("probeSet");
  edit_->setPlaceholderText("none: no live probes");
  edit_->setToolTip("Folder with one sub-folder of clips per class; the trainer reports kNN and linear probe "
                    "accuracy on it during training");
  browse_ = new QPushButton("…", this);
  browse_->setToolTip("Choose the probe set folder");
  none_ = new QPushButton("None", this);
  none_->setObjectName("probeSetNone");
  none_->setToolTip("Train without live probes");
  layout->addWidget(edit_, 1);
  layout->addWidget(browse_);
  layout->addWidget(none_);
  connect(browse_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, "Probe set (one folder per class)", edit_->text());
    if (!dir.isEmpty()) edit_->setText(dir);
  });
  connect(none_, &QPushButton::clicked, edit_, &QLineEdit::clear);
  connect(edit_, &QLineEdit::textChanged, this, &ProbeSetField::changed);
}

QString ProbeSetField::defaultFor(const QString& library, const AppSettings* settings) {
  if (library.isEmpty()) return {};
  if (settings) {
    const QString remembered = settings->probeSetFor(library);
    if (remembered == "none") return {};
    if (!remembered.isEmpty()) return remembered;
  }
  const QString beside = QFileInfo(library).absoluteDir().filePath("probe");
  return QFileInfo(beside).isDir() ? beside : QString();
}

void ProbeSetField::setLibrary(const QString& library) {
  if (library == library_) return;
  library_ = library;
  edit_->setText(defaultFor(library, settings_));
}

QString ProbeSetField::probeSet() const { return edit_->text().trimmed(); }
void ProbeSetField::setProbeSet(const QString& folder) { edit_->setText(folder); }

QString ProbeSetField::problem() const {
  const QString text = probeSet();
  if (text == checkedText_) return checkedProblem_;
  checkedText_ = text;
  checkedProblem_.clear();
  if (text.isEmpty()) return checkedProblem_;
  try {
    loadProbeSet(text.toStdString());
  } catch (const std::exception& e) {
    checkedProblem_ = QString::fromStdString(e.what());
  }
  return checkedProblem_;
}

void ProbeSetField::remember() const {
  if (settings_ && !library_.isEmpty()) settings_->setProbeSetFor(library_, probeSet().isEmpty() ? "none" : probeSet());
}

}  // namespace binge::ui
