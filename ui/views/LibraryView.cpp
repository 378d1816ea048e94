#include "LibraryView.h"

#include "ClipViewer.h"
#include "EmptyStatePanel.h"
#include "SeriesTreeModel.h"
#include "TitleTableModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace binge::ui {
namespace {

// Sorts by the per-column ranks of TitleRows, read directly: the default lessThan fetches two
// QVariants through data() for each of the ~130,000 comparisons of 10,000 titles (~6 ms of opening).
class TitleSortProxy : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;

 protected:
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override {
    const TitleRows* rows = static_cast<const TitleTableModel*>(sourceModel())->rows();
    if (!rows || left.column() != right.column() || left.column() >= TitleRows::kColumns)
      return QSortFilterProxyModel::lessThan(left, right);
    const auto column = static_cast<size_t>(left.column());
    return rows->rows[static_cast<size_t>(left.row())].rank[column] <
           rows->rows[static_cast<size_t>(right.row())].rank[column];
  }
};

}  // namespace

LibraryView::LibraryView(QWidget* parent) : QWidget(parent) {
  setObjectName("libraryView");
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  stack_ = new QStackedWidget(this);
  outer->addWidget(stack_);

  empty_ = new EmptyStatePanel(
      "Library",
      "Your movies and episodes will be listed here, grouped by series, with their streams and status.\n"
      "Import a folder of movies (File → Import folder…), open a library file (File → Open library…), drop "
      "files or folders on this window, or create the built-in demo library: 24 synthetic titles in 6 series "
      "and 6 movies.",
      stack_);
  connect(empty_->addAction("Import folder…"), &QPushButton::clicked, this, &LibraryView::importRequested);
  connect(empty_->addAction("Open library…"), &QPushButton::clicked, this, &LibraryView::openRequested);
  QPushButton* demo = empty_->addAction("Create demo library");
  demo->setObjectName("createDemoLibrary");
  connect(demo, &QPushButton::clicked, this, &LibraryView::createDemoRequested);
  stack_->addWidget(empty_);

  auto* page = new QWidget(stack_);
  auto* layout = new QVBoxLayout(page);
  auto* top = new QHBoxLayout;
  filter_ = new QLineEdit(page);
  filter_->setObjectName("libraryFilter");
  filter_->setPlaceholderText("Filter titles by name, series, kind or status…");
  filter_->setClearButtonEnabled(true);
  top->addWidget(filter_, 1);
  summary_ = new QLabel(page);
  summary_->setObjectName("librarySummary");
  top->addWidget(summary_);
  // Decoding each title once into the clip cache makes loading clips about 100× faster for training,
  // batches and retrieval (docs/benchmarks.md); the Cache column says what is prepared.
  auto* prepareSelected = new QPushButton("Prepare selected", page);
  prepareSelected->setObjectName("prepareSelectedButton");
  prepareSelected->setToolTip("Decode the selected titles once into the clip cache of the tiny preset");
  auto* prepareAll = new QPushButton("Prepare all", page);
  prepareAll->setObjectName("prepareAllButton");
  prepareAll->setToolTip("Decode every title not yet prepared into the clip cache (Ctrl+Shift+P)");
  top->addWidget(prepareSelected);
  top->addWidget(prepareAll);
  layout->addLayout(top);

  model_ = new TitleTableModel(this);
  proxy_ = new TitleSortProxy(this);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(TitleTableModel::SortRole);
  proxy_->setFilterRole(TitleTableModel::SearchRole);
  proxy_->setFilterKeyColumn(0);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  series_ = new SeriesTreeModel(this);

  auto* split = new QSplitter(Qt::Horizontal, page);
  tree_ = new QTreeView(split);
  tree_->setObjectName("seriesTree");
  tree_->setModel(series_);
  tree_->setHeaderHidden(false);
  auto* right = new QSplitter(Qt::Vertical, split);
  table_ = new QTableView(right);
  table_->setObjectName("titleTable");
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(TitleTableModel::Name, Qt::AscendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);  // several titles to prepare at once
  table_->verticalHeader()->setDefaultSectionSize(22);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  // Fixed column widths: resizing to contents would measure all 10,000 rows of a big library.
  const int widths[] = {200, 120, 70, 70, 80, 50, 120, 140};
  for (int c = 0; c < 8; ++c) table_->setColumnWidth(c, widths[c]);
  viewer_ = new ClipViewer(right);
  right->addWidget(table_);
  right->addWidget(viewer_);
  right->setStretchFactor(0, 2);
  right->setStretchFactor(1, 3);
  split->addWidget(tree_);
  split->addWidget(right);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 4);
  layout->addWidget(split, 1);
  stack_->addWidget(page);

  connect(filter_, &QLineEdit::textChanged, this, &LibraryView::setFilterText);
  connect(prepareAll, &QPushButton::clicked, this, [this] { Q_EMIT prepareRequested({}); });
  connect(prepareSelected, &QPushButton::clicked, this, [this] {
    QStringList ids;
    const Library* library = model_->library();
    for (const QModelIndex& row : table_->selectionModel()->selectedRows()) {
      const int title = row.data(TitleTableModel::TitleIndexRole).toInt();
      if (library && title >= 0 && title < static_cast<int>(library->titles.size()))
        ids << QString::fromStdString(library->titles[static_cast<size_t>(title)].id);
    }
    if (!ids.isEmpty()) Q_EMIT prepareRequested(ids);
  });
  new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), page, [this] { Q_EMIT prepareRequested({}); });
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LibraryView::onTableSelection);
  connect(tree_, &QTreeView::clicked, this, [this](const QModelIndex& index) {
    const QVariant title = index.data(SeriesTreeModel::TitleIndexRole);
    if (title.isValid()) {
      selectTitle(title.toInt());
    } else {
      // A series (or Movies): filter the table to it.
      const QString series = index.data(SeriesTreeModel::SeriesRole).toString();
      filter_->setText(series.isEmpty() ? QString("movie") : series);
    }
  });
  // Keys for the viewer anywhere in the tab; a focused text field keeps its own Space and arrows.
  auto addKey = [page](QKeySequence key, auto slot) {
    auto* shortcut = new QShortcut(key, page, slot);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
  };
  addKey(QKeySequence(Qt::Key_Space), [this] { viewer_->togglePlay(); });
  addKey(QKeySequence(Qt::Key_Left), [this] { viewer_->stepClip(-1); });
  addKey(QKeySequence(Qt::Key_Right), [this] { viewer_->stepClip(1); });
}

bool LibraryView::hasLibrary() const { return model_->library() != nullptr; }

void LibraryView::setLibrary(std::shared_ptr<const Library> library, const QString& libraryPath,
                             std::shared_ptr<const TitleRows> rows, std::shared_ptr<const SeriesTree> series) {
  viewer_->setLibrary(library, libraryPath);
  model_->setLibrary(library, std::move(rows));
  series_->setLibrary(library.get(), std::move(series));
  // Expanding thousands of episodes costs a visible stall; big libraries open with series folded.
  if (library && library->titles.size() <= 500) tree_->expandAll();
  if (const TitleRows* r = model_->rows()) {
    summary_->setText(QString("%1 titles: %2 ok, %3 warnings, %4 errors")
                          .arg(r->rows.size())
                          .arg(r->ok)
                          .arg(r->warnings)
                          .arg(r->errors));
  }
  stack_->setCurrentIndex(library ? 1 : 0);
}

void LibraryView::setClipData(const DataConfig& data) { viewer_->setClipData(data); }

void LibraryView::setFilterText(const QString& text) {
  if (filter_->text() != text) filter_->setText(text);  // comes back here through textChanged
  else proxy_->setFilterFixedString(text.toLower());
}

void LibraryView::selectTitle(int titleIndex) {
  const QModelIndex source = model_->index(titleIndex, 0);
  QModelIndex row = proxy_->mapFromSource(source);
  if (!row.isValid()) {  // filtered out: show it anyway
    filter_->clear();
    row = proxy_->mapFromSource(source);
  }
  if (!row.isValid()) return;
  table_->selectionModel()->select(row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  table_->scrollTo(row);
}

void LibraryView::onTableSelection() {
  const QModelIndexList rows = table_->selectionModel()->selectedRows();
  viewer_->setTitle(rows.isEmpty() ? -1 : rows.first().data(TitleTableModel::TitleIndexRole).toInt());
}

}  // namespace binge::ui
