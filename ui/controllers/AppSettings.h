#pragma once
// The GUI's persistent settings, typed, over one QSettings. Passed to whoever needs it (STYLE.md:
// no global settings macros); tests pass one backed by a scratch file.
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>

namespace binge::ui {

class AppSettings {
 public:
  // Default: the user's Binge settings (organisation/application names from configureApplication).
  AppSettings();
  // Settings in an INI file at `path` (tests, portable installs).
  explicit AppSettings(const QString& path);

  // Most recent first, without duplicates, at most kMaxRecent entries.
  QStringList recentLibraries() const;
  void addRecentLibrary(const QString& path);
  void removeRecentLibrary(const QString& path);

  QString lastImportFolder() const;
  void setLastImportFolder(const QString& folder);

  static constexpr int kMaxRecent = 8;

 private:
  std::unique_ptr<QSettings> settings_;
};

}  // namespace binge::ui
