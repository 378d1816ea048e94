#include "SeriesTreeModel.h"

#include <algorithm>
#include <map>

namespace binge::ui {

std::shared_ptr<const SeriesTree> SeriesTree::build(const Library& library) {
  // std::map keeps series sorted by name; a stable sort by name orders the titles of each group.
  std::map<QString, std::vector<Leaf>> series;
  std::vector<Leaf> movies;
  for (size_t i = 0; i < library.titles.size(); ++i) {
    const Title& t = library.titles[i];
    Leaf leaf{QString::fromStdString(t.name), static_cast<int>(i)};
    if (t.kind == TitleKind::Episode && !t.series.empty())
      series[QString::fromStdString(t.series)].push_back(std::move(leaf));
    else
      movies.push_back(std::move(leaf));
  }
  auto out = std::make_shared<SeriesTree>();
  auto addGroup = [&out](const QString& label, std::vector<Leaf> titles, const QString& seriesName) {
    std::stable_sort(titles.begin(), titles.end(), [](const Leaf& a, const Leaf& b) { return a.name < b.name; });
    Group group;
    group.label = QString("%1 (%2)").arg(label).arg(titles.size());
    group.series = seriesName;
    group.titles = std::move(titles);
    out->groups.push_back(std::move(group));
  };
  for (auto& [name, titles] : series) addGroup(name, std::move(titles), name);
  if (!movies.empty()) addGroup(SeriesTreeModel::moviesLabel(), std::move(movies), QString());
  return out;
}

SeriesTreeModel::SeriesTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void SeriesTreeModel::setLibrary(const Library* library, std::shared_ptr<const SeriesTree> tree) {
  if (library && !tree) tree = SeriesTree::build(*library);
  beginResetModel();
  tree_ = library ? std::move(tree) : nullptr;
  endResetModel();
}

const SeriesTree::Group* SeriesTreeModel::groupOf(const QModelIndex& index) const {
  if (!tree_ || !index.isValid()) return nullptr;
  const size_t group = index.internalId() == 0 ? static_cast<size_t>(index.row()) : index.internalId() - 1;
  return group < tree_->groups.size() ? &tree_->groups[group] : nullptr;
}

QModelIndex SeriesTreeModel::index(int row, int column, const QModelIndex& parent) const {
  if (!tree_ || row < 0 || column != 0) return {};
  if (!parent.isValid())
    return row < static_cast<int>(tree_->groups.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
  if (parent.internalId() != 0) return {};  // titles have no children
  const SeriesTree::Group* group = groupOf(parent);
  if (!group || row >= static_cast<int>(group->titles.size())) return {};
  return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex SeriesTreeModel::parent(const QModelIndex& child) const {
  if (!child.isValid() || child.internalId() == 0) return {};
  return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int SeriesTreeModel::rowCount(const QModelIndex& parent) const {
  if (!tree_) return 0;
  if (!parent.isValid()) return static_cast<int>(tree_->groups.size());
  if (parent.internalId() != 0 || parent.column() != 0) return 0;
  const SeriesTree::Group* group = groupOf(parent);
  return group ? static_cast<int>(group->titles.size()) : 0;
}

int SeriesTreeModel::columnCount(const QModelIndex&) const { return 1; }

QVariant SeriesTreeModel::data(const QModelIndex& index, int role) const {
  const SeriesTree::Group* group = groupOf(index);
  if (!group) return {};
  if (index.internalId() == 0) {  // a series or Movies
    if (role == Qt::DisplayRole) return group->label;
    if (role == SeriesRole) return group->series;
    return {};
  }
  const SeriesTree::Leaf& leaf = group->titles[static_cast<size_t>(index.row())];
  if (role == Qt::DisplayRole) return leaf.name;
  if (role == TitleIndexRole) return leaf.titleIndex;
  return {};
}

QVariant SeriesTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (section != 0 || orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  return QStringLiteral("Series and movies");
}

}  // namespace binge::ui
