#pragma once
// What an import did, with every file that could not be used and why: the list is plain text that
// can be selected, and a button copies it all (users paste it into bug reports).
#include "library/LibraryImporter.h"

#include <QDialog>

class QPlainTextEdit;
class QLabel;

namespace binge::ui {

class ImportReportDialog : public QDialog {
  Q_OBJECT
 public:
  ImportReportDialog(const ImportReport& report, const QString& libraryPath, QWidget* parent = nullptr);

  // The summary line and the issue list, as shown and as copied.
  static QString summaryText(const ImportReport& report, const QString& libraryPath);
  static QString issuesText(const ImportReport& report);
  QString text() const;

 private:
  QLabel* summary_;
  QPlainTextEdit* issues_;
};

}  // namespace binge::ui
