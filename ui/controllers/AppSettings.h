#pragma once
// The GUI's persistent settings, typed, over one QSettings. Passed to whoever needs it (STYLE.md:
// no global settings macros); tests pass one backed by a scratch file.
#include <QSettings>
#include <QString>
#include <QStringList>

#include <QList>

#include <memory>

namespace binge::ui {

// A trainer the GUI was closed over with "Keep training in the background": the next session
// re-attaches to it (TrainingView) while its pid is alive.
struct BackgroundRun {
  QString runDir;
  qint64 pid = 0;
};

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

  // The folder the Training tab's runs list scans for run directories ("" = none chosen).
  QString runsFolder() const;
  void setRunsFolder(const QString& folder);

  // The sweep folder the Experiments tab follows ("" = none yet); followed again on the next start.
  QString sweepFolder() const;
  void setSweepFolder(const QString& folder);

  // The probe set chosen for a library in the Training tab: "" = never chosen, "none" = no probes.
  QString probeSetFor(const QString& library) const;
  void setProbeSetFor(const QString& library, const QString& probeSet);

  // Most recent first; one entry per run directory.
  QList<BackgroundRun> backgroundRuns() const;
  void addBackgroundRun(const BackgroundRun& run);
  void removeBackgroundRun(const QString& runDir);

  static constexpr int kMaxRecent = 8;

 private:
  std::unique_ptr<QSettings> settings_;
};

}  // namespace binge::ui
