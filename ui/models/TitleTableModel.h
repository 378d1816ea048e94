#pragma once
// The titles of a library as a table (name, series, kind, duration, resolution, fps, audio, status
// with its reason). Read-only. Everything a row shows or is sorted and filtered by is computed once per
// library into TitleRows — by LibraryController on its loader thread for a library it opens — so that
// opening 10,000 titles only swaps the rows in on the GUI thread: display strings, one lower-case
// search string per row (SearchRole: filtering touches one string per row instead of eight) and a
// sort rank per column (SortRole: the proxy's ~130,000 comparisons compare two ints).
#include "library/Library.h"

#include <QAbstractTableModel>
#include <QString>

#include <array>
#include <memory>
#include <vector>

namespace binge::ui {

// The rows of one library, a value built off the GUI thread (QStrings only, no QObject) and shared
// read-only afterwards.
struct TitleRows {
  static constexpr int kColumns = 9;  // TitleTableModel::ColumnCount
  struct Row {
    std::array<QString, kColumns> text;  // display and tool tip
    std::array<int, kColumns> rank{};    // position in ascending order by that column; ties share one
    QString search;                      // name, series, kind, status and message, lower case
  };
  std::vector<Row> rows;
  int ok = 0, warnings = 0, errors = 0;

  // cacheStates: one per title ("prepared", "not prepared", "stale: why", "—"); null = not known.
  static std::shared_ptr<const TitleRows> build(const Library& library,
                                                const std::vector<std::string>* cacheStates = nullptr);
};

class TitleTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Name, Series, Kind, Duration, Resolution, Fps, Audio, Status, Cache, ColumnCount };
  enum Role { SortRole = Qt::UserRole + 1, SearchRole, TitleIndexRole };

  explicit TitleTableModel(QObject* parent = nullptr);

  // `rows` must be TitleRows::build(*library); without them they are built here, on the calling
  // thread (fine for a small library, a visible stall for a big one).
  void setLibrary(std::shared_ptr<const Library> library, std::shared_ptr<const TitleRows> rows = nullptr);
  const Library* library() const { return library_.get(); }
  const TitleRows* rows() const { return rows_.get(); }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  static QString formatDuration(double seconds);

 private:
  std::shared_ptr<const Library> library_;
  std::shared_ptr<const TitleRows> rows_;
};

}  // namespace binge::ui
