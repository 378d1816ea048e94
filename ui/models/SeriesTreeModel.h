#pragma once
// The library as a tree: each series with its episodes, then "Movies" with the movies. Leaves carry
// the title's index in the library (TitleIndexRole); a series node carries its name (SeriesRole).
#include "library/Library.h"

#include <QStandardItemModel>

namespace binge::ui {

class SeriesTreeModel : public QStandardItemModel {
  Q_OBJECT
 public:
  enum Role { TitleIndexRole = Qt::UserRole + 1, SeriesRole };
  explicit SeriesTreeModel(QObject* parent = nullptr);
  void setLibrary(const Library* library);
  static QString moviesLabel() { return QStringLiteral("Movies"); }
};

}  // namespace binge::ui
