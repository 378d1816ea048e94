#include "ImportReportDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace binge::ui {

QString ImportReportDialog::summaryText(const ImportReport& report, const QString& libraryPath) {
  QString text = QString("%1 files looked at: %2 added, %3 updated, %4 unchanged; %5 errors, %6 warnings.")
                     .arg(report.filesSeen)
                     .arg(report.added)
                     .arg(report.updated)
                     .arg(report.unchanged)
                     .arg(report.errors.size())
                     .arg(report.warnings.size());
  if (report.cancelled) text += " Cancelled: the library was not saved.";
  else if (!libraryPath.isEmpty()) text += "\nSaved to " + libraryPath;
  return text;
}

QString ImportReportDialog::issuesText(const ImportReport& report) {
  QStringList lines;
  for (const ImportIssue& issue : report.errors)
    lines << QString("error: %1: %2").arg(QString::fromStdString(issue.path), QString::fromStdString(issue.reason));
  for (const ImportIssue& issue : report.warnings)
    lines << QString("warning: %1: %2").arg(QString::fromStdString(issue.path), QString::fromStdString(issue.reason));
  return lines.join('\n');
}

ImportReportDialog::ImportReportDialog(const ImportReport& report, const QString& libraryPath, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(report.errors.empty() ? "Import finished" : "Import finished with errors");
  setObjectName("importReportDialog");
  resize(720, 360);
  auto* layout = new QVBoxLayout(this);
  summary_ = new QLabel(summaryText(report, libraryPath), this);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(summary_);
  issues_ = new QPlainTextEdit(issuesText(report), this);
  issues_->setObjectName("importIssues");
  issues_->setReadOnly(true);
  issues_->setLineWrapMode(QPlainTextEdit::NoWrap);
  layout->addWidget(issues_, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton* copy = buttons->addButton("Copy to clipboard", QDialogButtonBox::ActionRole);
  copy->setObjectName("copyIssues");
  connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

QString ImportReportDialog::text() const { return summary_->text() + "\n" + issues_->toPlainText(); }

}  // namespace binge::ui
