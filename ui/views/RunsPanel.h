#pragma once
// The runs list beside the Training view's form: the runs folder, the runs (RunListModel)
// with a tick per run to overlay it on the plots, and the actions on the selection — show a run in
// full, pin it as the baseline, compare the configs of two runs.
#include <QList>
#include <QPair>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace binge::ui {

class ConfigDiffDialog;
class RunListModel;

class RunsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit RunsPanel(RunListModel* model, QWidget* parent = nullptr);

  RunListModel* model() const { return model_; }
  QTableView* table() const { return table_; }
  void setRunsFolder(const QString& folder);
  // A sweep's runs on the plots: lists `runsFolder`, ticks exactly the given runs and colours each by its
  // grid cell, so that the seeds of one cell read as one colour. Returns how many are overlaid.
  int overlayRuns(const QString& runsFolder, const QList<QPair<QString, int>>& runs);
  // Selected rows, in row order.
  QList<int> selectedRows() const;
  // The config diff of two rows, as a non-modal dialog (deleted on close). Null if a row is invalid.
  ConfigDiffDialog* compareConfigs(int leftRow, int rightRow);
  // Pins the row as the baseline, or unpins it if it is the baseline already.
  void toggleBaseline(int row);

 Q_SIGNALS:
  void showRunRequested(const QString& runDir);
  void runsFolderChanged(const QString& folder);

 private:
  void updateButtons();
  void compareSelection();

  RunListModel* model_;
  QLabel* folderLabel_;
  QTableView* table_;
  QPushButton* show_;
  QPushButton* baseline_;
  QPushButton* compare_;
};

}  // namespace binge::ui
