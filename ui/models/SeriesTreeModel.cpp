#include "SeriesTreeModel.h"

#include <map>

namespace binge::ui {

SeriesTreeModel::SeriesTreeModel(QObject* parent) : QStandardItemModel(parent) {}

void SeriesTreeModel::setLibrary(const Library* library) {
  clear();
  setHorizontalHeaderLabels({"Series and movies"});
  if (!library) return;
  // std::map keeps series sorted by name; episodes within a series come out sorted by name too.
  std::map<QString, std::map<QString, int>> series;
  std::map<QString, int> movies;
  for (size_t i = 0; i < library->titles.size(); ++i) {
    const Title& t = library->titles[i];
    const QString name = QString::fromStdString(t.name);
    if (t.kind == TitleKind::Episode && !t.series.empty())
      series[QString::fromStdString(t.series)].emplace(name, static_cast<int>(i));
    else
      movies.emplace(name, static_cast<int>(i));
  }
  auto addGroup = [this](const QString& label, const std::map<QString, int>& titles, const QString& seriesName) {
    auto* group = new QStandardItem(QString("%1 (%2)").arg(label).arg(titles.size()));
    group->setEditable(false);
    group->setData(seriesName, SeriesRole);
    for (const auto& [name, index] : titles) {
      auto* leaf = new QStandardItem(name);
      leaf->setEditable(false);
      leaf->setData(index, TitleIndexRole);
      group->appendRow(leaf);
    }
    appendRow(group);
  };
  for (const auto& [name, titles] : series) addGroup(name, titles, name);
  if (!movies.empty()) addGroup(moviesLabel(), movies, QString());
}

}  // namespace binge::ui
