#pragma once
// The Library tab: the empty state (import, open, create the demo library) until a library is open,
// then a filter box, the series tree, the title table (sortable, filtered through a proxy) and the
// clip viewer of the selected title.
#include "data/DataConfig.h"
#include "library/Library.h"

#include <QWidget>

#include <memory>

class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTreeView;
class QLabel;

namespace binge::ui {

class ClipViewer;
class EmptyStatePanel;
class SeriesTreeModel;
class TitleTableModel;
struct SeriesTree;
struct TitleRows;

class LibraryView : public QWidget {
  Q_OBJECT
 public:
  explicit LibraryView(QWidget* parent = nullptr);

  // `rows` and `series` as LibraryController built them off the GUI thread; without them they are
  // built here (a small library, a test).
  void setLibrary(std::shared_ptr<const Library> library, const QString& libraryPath,
                  std::shared_ptr<const TitleRows> rows = nullptr, std::shared_ptr<const SeriesTree> series = nullptr);
  bool hasLibrary() const;
  // The clip the model sees (the chosen preset's), as the clip viewer shows it.
  void setClipData(const DataConfig& data);

  void setFilterText(const QString& text);
  void selectTitle(int titleIndex);  // in the table (and the viewer follows)

  TitleTableModel* titleModel() const { return model_; }
  QSortFilterProxyModel* proxyModel() const { return proxy_; }
  SeriesTreeModel* seriesModel() const { return series_; }
  QTableView* table() const { return table_; }
  QTreeView* tree() const { return tree_; }
  ClipViewer* clipViewer() const { return viewer_; }
  EmptyStatePanel* emptyState() const { return empty_; }

 Q_SIGNALS:
  void importRequested();
  void openRequested();
  void createDemoRequested();
  // Prepare the clip cache of these titles (ids); empty = the whole library.
  void prepareRequested(const QStringList& titleIds);

 private:
  void onTableSelection();

  QStackedWidget* stack_;
  EmptyStatePanel* empty_;
  QLineEdit* filter_;
  QLabel* summary_;
  TitleTableModel* model_;
  QSortFilterProxyModel* proxy_;
  SeriesTreeModel* series_;
  QTableView* table_;
  QTreeView* tree_;
  ClipViewer* viewer_;
};

}  // namespace binge::ui
