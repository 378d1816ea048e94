#include "TitleTableModel.h"

#include <QBrush>
#include <QColor>

#include <cmath>

namespace binge::ui {

TitleTableModel::TitleTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void TitleTableModel::setLibrary(std::shared_ptr<const Library> library) {
  beginResetModel();
  library_ = std::move(library);
  search_.clear();
  nameKeys_.clear();
  seriesKeys_.clear();
  if (library_) {
    search_.reserve(static_cast<int>(library_->titles.size()));
    for (const Title& t : library_->titles) {
      nameKeys_ << QString::fromStdString(t.name).toLower();
      seriesKeys_ << QString::fromStdString(t.series).toLower();
      search_ << QString::fromStdString(t.name + '\n' + t.series + '\n' + toString(t.kind) + '\n' +
                                        toString(t.status) + '\n' + t.message)
                     .toLower();
    }
  }
  endResetModel();
}

int TitleTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !library_ ? 0 : static_cast<int>(library_->titles.size());
}
int TitleTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString TitleTableModel::formatDuration(double seconds) {
  const long s = std::lround(seconds);
  if (s >= 3600) return QString::asprintf("%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return QString::asprintf("%ld:%02ld", s / 60, s % 60);
}

QVariant TitleTableModel::data(const QModelIndex& index, int role) const {
  if (!library_ || !index.isValid() || index.row() >= rowCount()) return {};
  const Title& t = library_->titles[static_cast<size_t>(index.row())];
  if (role == SearchRole) return search_[index.row()];
  if (role == TitleIndexRole) return index.row();
  const bool sort = role == SortRole;
  if (role != Qt::DisplayRole && !sort && role != Qt::ToolTipRole && role != Qt::ForegroundRole) return {};
  if (role == Qt::ForegroundRole) {
    if (index.column() != Status) return {};
    if (t.status == TitleStatus::Error) return QBrush(QColor(190, 30, 30));
    if (t.status == TitleStatus::Warning) return QBrush(QColor(170, 110, 0));
    return {};
  }
  switch (index.column()) {
    case Name: return sort ? QVariant(nameKeys_[index.row()]) : QVariant(QString::fromStdString(t.name));
    case Series: return sort ? QVariant(seriesKeys_[index.row()]) : QVariant(QString::fromStdString(t.series));
    case Kind: return QString(toString(t.kind));
    case Duration: return sort ? QVariant(t.duration) : QVariant(formatDuration(t.duration));
    case Resolution:
      if (!t.video) return sort ? QVariant(0) : QVariant(QString("—"));
      return sort ? QVariant(t.video->width * t.video->height)
                  : QVariant(QString("%1×%2").arg(t.video->width).arg(t.video->height));
    case Fps:
      if (!t.video) return sort ? QVariant(0.0) : QVariant(QString("—"));
      return sort ? QVariant(t.video->fps) : QVariant(QString::number(t.video->fps, 'g', 4));
    case Audio:
      if (!t.audio) return sort ? QVariant(0) : QVariant(QString("none"));
      return sort ? QVariant(t.audio->sampleRate * 16 + t.audio->channels)
                  : QVariant(QString("%1 %2 kHz %3 ch")
                                 .arg(QString::fromStdString(t.audio->codec))
                                 .arg(t.audio->sampleRate / 1000.0, 0, 'g', 3)
                                 .arg(t.audio->channels));
    case Status: {
      const QString status = toString(t.status);
      if (sort) return static_cast<int>(t.status);
      return t.message.empty() ? status : status + ": " + QString::fromStdString(t.message);
    }
    default: return {};
  }
}

QVariant TitleTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {"Name", "Series", "Kind", "Duration", "Resolution", "FPS", "Audio", "Status"};
  return section >= 0 && section < ColumnCount ? QString(names[section]) : QVariant();
}

}  // namespace binge::ui
