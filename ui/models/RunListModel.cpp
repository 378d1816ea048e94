#include "RunListModel.h"

#include "RunFollower.h"

#include <QDir>
#include <QFileInfo>
#include <QFont>

#include <algorithm>
#include <iterator>

namespace binge::ui {
namespace {

// Matplotlib's tab10 without its blue: blue is the run the view shows in full.
const QColor kPalette[] = {{255, 127, 14}, {44, 160, 44},  {214, 39, 40},   {148, 103, 189}, {140, 86, 75},
                           {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
const QColor kCurrentColour(31, 119, 180);

QString absolute(const QString& dir) { return QDir::cleanPath(QDir(dir).absolutePath()); }

bool looksLikeRun(const QString& dir) {
  return QFileInfo(QDir(dir).filePath("config.json")).isFile() || QFileInfo(QDir(dir).filePath("events.jsonl")).isFile();
}

}  // namespace

RunListModel::RunListModel(QObject* parent) : QAbstractTableModel(parent) {
  rowTimer_.setInterval(kRowRefreshMs);
  connect(&rowTimer_, &QTimer::timeout, this, &RunListModel::refreshRows);
  rowTimer_.start();
}

RunListModel::~RunListModel() = default;  // owned followers are QObject children

RunFollower* RunListModel::ownFollower(const QString& runDir, RunFollower* from) {
  auto* follower = new RunFollower(this, kOwnPollMs);
  if (from) follower->takeOver(*from);
  else follower->follow(runDir);
  return follower;
}

int RunListModel::addRun(const QString& runDir, bool session, RunFollower* borrowed) {
  const QString dir = absolute(runDir);
  const int existing = rowOf(dir);
  if (existing >= 0) {
    entries_[static_cast<std::size_t>(existing)].session |= session;
    return existing;
  }
  const int row = static_cast<int>(entries_.size());
  beginInsertRows({}, row, row);
  Entry entry;
  entry.dir = dir;
  entry.session = session;
  entry.colour = paletteColour(coloursUsed_++);
  // A run the view shows in full is read by the view's follower only: never twice.
  entry.follower = borrowed ? borrowed : ownFollower(dir);
  entry.ownsFollower = borrowed == nullptr;
  entries_.push_back(entry);
  endInsertRows();
  return row;
}

int RunListModel::addSessionRun(const QString& runDir) { return addRun(runDir, true); }

int RunListModel::setRunsFolder(const QString& folder) {
  folder_ = folder.isEmpty() ? QString() : absolute(folder);
  QStringList found;
  if (!folder_.isEmpty()) {
    // One level deep: a runs folder holds run folders. Listing a folder is cheap enough for the GUI
    // thread; reading the runs is not, and happens on the followers' workers.
    const QFileInfoList children = QDir(folder_).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& child : children)
      if (looksLikeRun(child.absoluteFilePath())) found << absolute(child.absoluteFilePath());
  }
  // Rows of another folder go, unless this session opened them or the view shows them.
  for (int row = static_cast<int>(entries_.size()) - 1; row >= 0; --row) {
    const Entry& e = entries_[static_cast<std::size_t>(row)];
    if (e.session || e.dir == current_ || found.contains(e.dir)) continue;
    beginRemoveRows({}, row, row);
    if (e.ownsFollower) e.follower->deleteLater();
    if (e.dir == baseline_) baseline_.clear();
    entries_.erase(entries_.begin() + row);
    endRemoveRows();
  }
  for (const QString& dir : found) addRun(dir, false);
  Q_EMIT overlayChanged();
  return static_cast<int>(found.size());
}

void RunListModel::setCurrentRun(const QString& runDir, RunFollower* viewFollower, bool readAfresh) {
  const QString dir = absolute(runDir);
  const int previous = rowOf(current_);
  if (previous >= 0 && current_ != dir) {
    Entry& e = entries_[static_cast<std::size_t>(previous)];
    // The view's follower is about to follow another run: what it has read of this one stays here.
    const bool viewHasIt = absolute(viewFollower->runDir()) == e.dir;
    e.follower = ownFollower(e.dir, viewHasIt ? viewFollower : nullptr);
    e.ownsFollower = true;
    e.shownRevision = ~0ULL;
  }
  current_ = dir;
  const int existing = rowOf(dir);
  if (existing >= 0 && entries_[static_cast<std::size_t>(existing)].ownsFollower) {
    Entry& e = entries_[static_cast<std::size_t>(existing)];
    if (readAfresh) viewFollower->follow(dir);
    else viewFollower->takeOver(*e.follower);  // read already (or being read: then read afresh)
    e.follower->deleteLater();
    e.follower = viewFollower;
    e.ownsFollower = false;
  } else if (readAfresh || absolute(viewFollower->runDir()) != dir) {
    viewFollower->follow(dir);
  }
  const int row = addRun(dir, true, viewFollower);
  Entry& e = entries_[static_cast<std::size_t>(row)];
  e.shownRevision = ~0ULL;
  Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
  Q_EMIT overlayChanged();
}

int RunListModel::rowOf(const QString& runDir) const {
  if (runDir.isEmpty()) return -1;
  const QString dir = absolute(runDir);
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].dir == dir) return static_cast<int>(i);
  return -1;
}

QString RunListModel::runDir(int row) const {
  return row >= 0 && row < rowCount() ? entries_[static_cast<std::size_t>(row)].dir : QString();
}

QString RunListModel::runName(int row) const { return QFileInfo(runDir(row)).fileName(); }

RunFollower* RunListModel::follower(int row) const {
  return row >= 0 && row < rowCount() ? entries_[static_cast<std::size_t>(row)].follower : nullptr;
}

QColor RunListModel::colour(int row) const {
  if (row < 0 || row >= rowCount()) return {};
  const Entry& e = entries_[static_cast<std::size_t>(row)];
  return e.dir == current_ ? kCurrentColour : e.colour;
}

void RunListModel::setColour(int row, const QColor& colour) {
  if (row < 0 || row >= rowCount() || entries_[static_cast<std::size_t>(row)].colour == colour) return;
  entries_[static_cast<std::size_t>(row)].colour = colour;
  Q_EMIT dataChanged(index(row, NameColumn), index(row, NameColumn), {Qt::DecorationRole});
  Q_EMIT overlayChanged();
}

QColor RunListModel::paletteColour(int i) { return kPalette[static_cast<std::size_t>(i) % std::size(kPalette)]; }

bool RunListModel::isOverlaid(int row) const {
  return row >= 0 && row < rowCount() && entries_[static_cast<std::size_t>(row)].overlay;
}

void RunListModel::setOverlaid(int row, bool on) {
  if (row < 0 || row >= rowCount() || entries_[static_cast<std::size_t>(row)].overlay == on) return;
  entries_[static_cast<std::size_t>(row)].overlay = on;
  Q_EMIT dataChanged(index(row, NameColumn), index(row, NameColumn), {Qt::CheckStateRole});
  Q_EMIT overlayChanged();
}

int RunListModel::baselineRow() const { return rowOf(baseline_); }

void RunListModel::setBaseline(int row) {
  const QString dir = runDir(row);
  if (dir == baseline_) return;
  const int old = baselineRow();
  baseline_ = dir;
  for (int r : {old, row})
    if (r >= 0) Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
  Q_EMIT overlayChanged();
}

QList<int> RunListModel::overlayRows() const {
  QList<int> rows;
  for (int row = 0; row < rowCount(); ++row) {
    const Entry& e = entries_[static_cast<std::size_t>(row)];
    if (e.dir != current_ && (e.overlay || e.dir == baseline_)) rows << row;
  }
  return rows;
}

void RunListModel::refreshRows() {
  for (int row = 0; row < rowCount(); ++row) {
    Entry& e = entries_[static_cast<std::size_t>(row)];
    const quint64 revision = e.follower->revision() + (e.follower->isLoading() ? 1 : 0);
    if (revision == e.shownRevision) continue;
    e.shownRevision = revision;
    Q_EMIT dataChanged(index(row, StateColumn), index(row, ColumnCount - 1), {Qt::DisplayRole});
  }
}

int RunListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int RunListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const Entry& e = entries_[static_cast<std::size_t>(index.row())];
  const RunMetrics& m = e.follower->metrics();
  const bool baseline = e.dir == baseline_;
  if (role == Qt::ToolTipRole) return e.dir;
  if (index.column() == NameColumn) {
    if (role == Qt::CheckStateRole) return e.overlay ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::DecorationRole) return colour(index.row());
    if (role == Qt::DisplayRole) return QFileInfo(e.dir).fileName() + (baseline ? QString("  (baseline)") : QString());
    if (role == Qt::FontRole && (e.dir == current_ || baseline)) {
      QFont font;
      font.setBold(e.dir == current_);
      font.setItalic(baseline);
      return font;
    }
    return {};
  }
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case StateColumn:
      if (e.follower->isLoading()) return QString("loading…");
      return m.state.empty() ? QString("–") : QString::fromStdString(m.state);
    case StepColumn:
      return m.totalSteps > 0 ? QString("%1 / %2").arg(m.step).arg(m.totalSteps) : QString::number(m.step);
    case LossColumn:
      return m.steps.empty() ? QString("–") : QString::number(m.steps.back().loss, 'f', 4);
    case SamplerColumn: {
      const nlohmann::json& config = e.follower->config();
      if (config.is_object() && config.contains("data") && config["data"].is_object())
        return QString::fromStdString(config["data"].value("sampler", std::string("–")));
      return QString("–");
    }
    default: return {};
  }
}

bool RunListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || index.column() != NameColumn || role != Qt::CheckStateRole) return false;
  setOverlaid(index.row(), value.toInt() == Qt::Checked);
  return true;
}

Qt::ItemFlags RunListModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags f = QAbstractTableModel::flags(index);
  if (index.isValid() && index.column() == NameColumn) f |= Qt::ItemIsUserCheckable;
  return f;
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case NameColumn: return QString("Run");
    case StateColumn: return QString("State");
    case StepColumn: return QString("Step");
    case LossColumn: return QString("Loss");
    case SamplerColumn: return QString("Sampler");
    default: return {};
  }
}

}  // namespace binge::ui
