#pragma once
// The library as a tree: each series with its episodes, then "Movies" with the movies. Leaves carry
// the title's index in the library (TitleIndexRole); a series node carries its name (SeriesRole).
// The tree is a SeriesTree value built once per library — by LibraryController on its loader thread
// for a library it opens — and the model only points at it: 10,000 titles as QStandardItems cost the
// GUI thread 6–11 ms to create on every open.
#include "library/Library.h"

#include <QAbstractItemModel>
#include <QString>

#include <memory>
#include <vector>

namespace binge::ui {

struct SeriesTree {
  struct Leaf {
    QString name;
    int titleIndex = -1;
  };
  struct Group {
    QString label;   // "Harbour (12)"
    QString series;  // "" for Movies
    std::vector<Leaf> titles;
  };
  std::vector<Group> groups;  // series by name, then Movies; titles by name within a group

  static std::shared_ptr<const SeriesTree> build(const Library& library);
};

class SeriesTreeModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Role { TitleIndexRole = Qt::UserRole + 1, SeriesRole };
  explicit SeriesTreeModel(QObject* parent = nullptr);

  // `tree` must be SeriesTree::build(*library); without it the tree is built here, on the calling
  // thread.
  void setLibrary(const Library* library, std::shared_ptr<const SeriesTree> tree = nullptr);
  static QString moviesLabel() { return QStringLiteral("Movies"); }

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  // internalId 0 marks a group; a title's internalId is its group's row + 1.
  const SeriesTree::Group* groupOf(const QModelIndex& index) const;

  std::shared_ptr<const SeriesTree> tree_;
};

}  // namespace binge::ui
