#pragma once
// The progress of a library job (import, prepare, creating the demo) inside the main window's status
// bar: what is being done, a bar with "done of total" and Cancel. It replaces a floating progress
// dialog, which covered the very area (the Library tab's explanation) the job was about to fill.
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace binge::ui {

class JobProgressPanel : public QWidget {
  Q_OBJECT
 public:
  explicit JobProgressPanel(QWidget* parent = nullptr);

  // Shows the panel with a busy bar (the total is not known yet).
  void start(const QString& what);
  // done of total; ignored while the panel is hidden (a late report of a finished job).
  void report(int done, int total, const QString& what);
  void finish();  // hides the panel

  QString text() const;
  QProgressBar* bar() const { return bar_; }
  QPushButton* cancelButton() const { return cancel_; }

 Q_SIGNALS:
  void canceled();

 private:
  QLabel* label_;
  QProgressBar* bar_;
  QPushButton* cancel_;
};

}  // namespace binge::ui
