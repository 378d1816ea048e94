#include "RunsPanel.h"

#include "ConfigDiffDialog.h"
#include "RunFollower.h"
#include "RunListModel.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace binge::ui {

RunsPanel::RunsPanel(RunListModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  setObjectName("runsPanel");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);

  auto* folderRow = new QHBoxLayout;
  folderLabel_ = new QLabel("Runs folder: –", this);
  folderLabel_->setObjectName("runsFolderLabel");
  folderLabel_->setMinimumWidth(60);
  folderLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  auto* choose = new QPushButton("Folder…", this);
  choose->setObjectName("chooseRunsFolder");
  choose->setToolTip("List the runs in a folder (each sub-folder with a config.json is a run)");
  auto* rescan = new QPushButton("Rescan", this);
  rescan->setObjectName("rescanRuns");
  rescan->setToolTip("Look for runs added to the folder since");
  folderRow->addWidget(folderLabel_, 1);
  folderRow->addWidget(choose);
  folderRow->addWidget(rescan);
  layout->addLayout(folderRow);

  table_ = new QTableView(this);
  table_->setObjectName("runsTable");
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->verticalHeader()->hide();
  table_->setTextElideMode(Qt::ElideMiddle);  // run names differ at their ends ("…-lr3e-4")
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(RunListModel::NameColumn, QHeaderView::Stretch);
  table_->setToolTip("Tick a run to overlay it on the plots; double-click to show it in full");
  layout->addWidget(table_, 1);

  auto* actions = new QHBoxLayout;
  show_ = new QPushButton("Show", this);
  show_->setObjectName("showRunButton");
  show_->setToolTip("Show the selected run in full (all of its series; Resume acts on it)");
  baseline_ = new QPushButton("Baseline", this);
  baseline_->setObjectName("baselineButton");
  baseline_->setToolTip("Pin the selected run as the baseline: drawn dashed, and drawn even when unticked");
  compare_ = new QPushButton("Compare configs", this);
  compare_->setObjectName("compareConfigsButton");
  compare_->setToolTip("The settings that differ between two selected runs (or the selected and the shown run)");
  actions->addWidget(show_);
  actions->addWidget(baseline_);
  actions->addWidget(compare_);
  layout->addLayout(actions);

  connect(choose, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, "Runs folder", model_->runsFolder());
    if (!dir.isEmpty()) setRunsFolder(dir);
  });
  connect(rescan, &QPushButton::clicked, this, [this] { model_->rescan(); });
  connect(show_, &QPushButton::clicked, this, [this] {
    const QList<int> rows = selectedRows();
    if (!rows.isEmpty()) Q_EMIT showRunRequested(model_->runDir(rows.front()));
  });
  connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    if (index.isValid()) Q_EMIT showRunRequested(model_->runDir(index.row()));
  });
  connect(baseline_, &QPushButton::clicked, this, [this] {
    const QList<int> rows = selectedRows();
    if (!rows.isEmpty()) toggleBaseline(rows.front());
  });
  connect(compare_, &QPushButton::clicked, this, &RunsPanel::compareSelection);
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPanel::updateButtons);
  connect(model_, &RunListModel::overlayChanged, this, &RunsPanel::updateButtons);
  updateButtons();
}

void RunsPanel::setRunsFolder(const QString& folder) {
  const int found = model_->setRunsFolder(folder);
  folderLabel_->setText(folder.isEmpty() ? QString("Runs folder: –")
                                         : QString("%1 (%2 runs)").arg(QFileInfo(folder).fileName()).arg(found));
  folderLabel_->setToolTip(folder);
  Q_EMIT runsFolderChanged(model_->runsFolder());
}

int RunsPanel::overlayRuns(const QString& runsFolder, const QList<QPair<QString, int>>& runs) {
  setRunsFolder(runsFolder);
  int overlaid = 0;
  for (int row = 0; row < model_->rowCount(); ++row) model_->setOverlaid(row, false);
  for (const auto& [runDir, cell] : runs) {
    const int row = model_->rowOf(QDir::cleanPath(QDir(runDir).absolutePath()));
    if (row < 0) continue;
    model_->setColour(row, RunListModel::paletteColour(cell));
    model_->setOverlaid(row, true);
    ++overlaid;
  }
  return overlaid;
}

QList<int> RunsPanel::selectedRows() const {
  QList<int> rows;
  for (const QModelIndex& index : table_->selectionModel()->selectedRows()) rows << index.row();
  std::sort(rows.begin(), rows.end());
  return rows;
}

void RunsPanel::toggleBaseline(int row) { model_->setBaseline(model_->baselineRow() == row ? -1 : row); }

ConfigDiffDialog* RunsPanel::compareConfigs(int leftRow, int rightRow) {
  RunFollower* left = model_->follower(leftRow);
  RunFollower* right = model_->follower(rightRow);
  if (!left || !right) return nullptr;
  auto* dialog = new ConfigDiffDialog(model_->runName(leftRow), left->config(), model_->runName(rightRow),
                                      right->config(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

void RunsPanel::compareSelection() {
  QList<int> rows = selectedRows();
  // One row selected: compare it with the run shown in full.
  if (rows.size() == 1) {
    const int current = model_->rowOf(model_->currentRun());
    if (current < 0 || current == rows.front()) return;
    rows.prepend(current);
  }
  if (rows.size() >= 2) compareConfigs(rows.at(0), rows.at(1));
}

void RunsPanel::updateButtons() {
  const QList<int> rows = selectedRows();
  show_->setEnabled(rows.size() == 1);
  baseline_->setEnabled(rows.size() == 1);
  baseline_->setText(rows.size() == 1 && rows.front() == model_->baselineRow() ? "Unpin baseline" : "Baseline");
  const bool withCurrent = rows.size() == 1 && model_->rowOf(model_->currentRun()) >= 0 &&
                           model_->rowOf(model_->currentRun()) != rows.front();
  compare_->setEnabled(rows.size() == 2 || withCurrent);
}

}  // namespace binge::ui
