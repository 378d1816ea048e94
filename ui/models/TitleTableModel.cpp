#include "TitleTableModel.h"

#include <QBrush>
#include <QColor>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace binge::ui {

static_assert(TitleRows::kColumns == TitleTableModel::ColumnCount, "one rank and one text per column");

namespace {

QString statusText(const Title& t) {
  const QString status = toString(t.status);
  return t.message.empty() ? status : status + ": " + QString::fromStdString(t.message);
}

// Dense ranks of `keys` in ascending order (equal keys share a rank, so a stable sort keeps their
// library order, as sorting by the keys themselves did).
template <class Key>
void rankBy(std::vector<TitleRows::Row>& rows, int column, const std::vector<Key>& keys) {
  std::vector<int> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&keys](int a, int b) { return keys[a] < keys[b]; });
  int rank = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && keys[order[i - 1]] < keys[order[i]]) ++rank;
    rows[static_cast<size_t>(order[i])].rank[static_cast<size_t>(column)] = rank;
  }
}

}  // namespace

std::shared_ptr<const TitleRows> TitleRows::build(const Library& library, const std::vector<std::string>* cacheStates) {
  auto out = std::make_shared<TitleRows>();
  const size_t n = library.titles.size();
  out->rows.resize(n);
  std::vector<QString> name(n), series(n), kind(n);
  std::vector<double> duration(n), fps(n);
  std::vector<int> pixels(n), audio(n), status(n);
  std::vector<QString> cache(n);
  for (size_t i = 0; i < n; ++i) {
    const Title& t = library.titles[i];
    Row& row = out->rows[i];
    row.text[TitleTableModel::Name] = QString::fromStdString(t.name);
    row.text[TitleTableModel::Series] = QString::fromStdString(t.series);
    row.text[TitleTableModel::Kind] = QString(toString(t.kind));
    row.text[TitleTableModel::Duration] = TitleTableModel::formatDuration(t.duration);
    row.text[TitleTableModel::Resolution] =
        t.video ? QString("%1×%2").arg(t.video->width).arg(t.video->height) : QString("—");
    row.text[TitleTableModel::Fps] = t.video ? QString::number(t.video->fps, 'g', 4) : QString("—");
    row.text[TitleTableModel::Audio] = t.audio ? QString("%1 %2 kHz %3 ch")
                                                      .arg(QString::fromStdString(t.audio->codec))
                                                      .arg(t.audio->sampleRate / 1000.0, 0, 'g', 3)
                                                      .arg(t.audio->channels)
                                                : QString("none");
    row.text[TitleTableModel::Status] = statusText(t);
    if (cacheStates && i < cacheStates->size()) row.text[TitleTableModel::Cache] = QString::fromStdString((*cacheStates)[i]);
    cache[i] = row.text[TitleTableModel::Cache];
    row.search = QString::fromStdString(t.name + '\n' + t.series + '\n' + toString(t.kind) + '\n' +
                                        toString(t.status) + '\n' + t.message)
                     .toLower();
    // Sort keys: names case-insensitively, numbers as numbers, a missing stream before any.
    name[i] = row.text[TitleTableModel::Name].toLower();
    series[i] = row.text[TitleTableModel::Series].toLower();
    kind[i] = row.text[TitleTableModel::Kind];
    duration[i] = t.duration;
    pixels[i] = t.video ? t.video->width * t.video->height : 0;
    fps[i] = t.video ? t.video->fps : 0.0;
    audio[i] = t.audio ? t.audio->sampleRate * 16 + t.audio->channels : 0;
    status[i] = static_cast<int>(t.status);
    out->ok += t.status == TitleStatus::Ok;
    out->warnings += t.status == TitleStatus::Warning;
    out->errors += t.status == TitleStatus::Error;
  }
  rankBy(out->rows, TitleTableModel::Name, name);
  rankBy(out->rows, TitleTableModel::Series, series);
  rankBy(out->rows, TitleTableModel::Kind, kind);
  rankBy(out->rows, TitleTableModel::Duration, duration);
  rankBy(out->rows, TitleTableModel::Resolution, pixels);
  rankBy(out->rows, TitleTableModel::Fps, fps);
  rankBy(out->rows, TitleTableModel::Audio, audio);
  rankBy(out->rows, TitleTableModel::Status, status);
  rankBy(out->rows, TitleTableModel::Cache, cache);
  return out;
}

TitleTableModel::TitleTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void TitleTableModel::setLibrary(std::shared_ptr<const Library> library, std::shared_ptr<const TitleRows> rows) {
  if (library && !rows) rows = TitleRows::build(*library);
  beginResetModel();
  library_ = std::move(library);
  rows_ = library_ ? std::move(rows) : nullptr;
  endResetModel();
}

int TitleTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !rows_ ? 0 : static_cast<int>(rows_->rows.size());
}
int TitleTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString TitleTableModel::formatDuration(double seconds) {
  const long s = std::lround(seconds);
  if (s >= 3600) return QString::asprintf("%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return QString::asprintf("%ld:%02ld", s / 60, s % 60);
}

QVariant TitleTableModel::data(const QModelIndex& index, int role) const {
  if (!rows_ || !index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  const TitleRows::Row& row = rows_->rows[static_cast<size_t>(index.row())];
  const auto column = static_cast<size_t>(index.column());
  switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return row.text[column];
    case SortRole: return row.rank[column];
    case SearchRole: return row.search;
    case TitleIndexRole: return index.row();
    case Qt::ForegroundRole: {
      if (index.column() != Status) return {};
      const TitleStatus status = library_->titles[static_cast<size_t>(index.row())].status;
      if (status == TitleStatus::Error) return QBrush(QColor(190, 30, 30));
      if (status == TitleStatus::Warning) return QBrush(QColor(170, 110, 0));
      return {};
    }
    default: return {};
  }
}

QVariant TitleTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {"Name", "Series", "Kind", "Duration", "Resolution", "FPS", "Audio", "Status", "Cache"};
  return section >= 0 && section < ColumnCount ? QString(names[section]) : QVariant();
}

}  // namespace binge::ui
