#include "AppSettings.h"

#include <QFileInfo>

#include <algorithm>

namespace binge::ui {

namespace {
const char* kRecent = "library/recent";
const char* kImportFolder = "library/lastImportFolder";
const char* kRunsFolder = "training/runsFolder";
const char* kSweepFolder = "experiments/sweepFolder";
const char* kBackground = "training/background";
const char* kProbeSets = "training/probeSets";  // a map: absolute library path → probe set

void writeBackgroundRuns(QSettings& settings, const QList<BackgroundRun>& runs) {
  settings.remove(kBackground);
  settings.beginWriteArray(kBackground, static_cast<int>(runs.size()));
  for (int i = 0; i < runs.size(); ++i) {
    settings.setArrayIndex(i);
    settings.setValue("run", runs[i].runDir);
    settings.setValue("pid", runs[i].pid);
  }
  settings.endArray();
  // Another GUI started right after this one closes must see the entry: write it out now.
  settings.sync();
}
}  // namespace

AppSettings::AppSettings() : settings_(std::make_unique<QSettings>()) {}
AppSettings::AppSettings(const QString& path) : settings_(std::make_unique<QSettings>(path, QSettings::IniFormat)) {}

QStringList AppSettings::recentLibraries() const { return settings_->value(kRecent).toStringList(); }

void AppSettings::addRecentLibrary(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList recent = recentLibraries();
  recent.removeAll(absolute);
  recent.prepend(absolute);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings_->setValue(kRecent, recent);
}

void AppSettings::removeRecentLibrary(const QString& path) {
  QStringList recent = recentLibraries();
  recent.removeAll(QFileInfo(path).absoluteFilePath());
  settings_->setValue(kRecent, recent);
}

QString AppSettings::lastImportFolder() const { return settings_->value(kImportFolder).toString(); }
void AppSettings::setLastImportFolder(const QString& folder) { settings_->setValue(kImportFolder, folder); }

QString AppSettings::runsFolder() const { return settings_->value(kRunsFolder).toString(); }
void AppSettings::setRunsFolder(const QString& folder) { settings_->setValue(kRunsFolder, folder); }

QString AppSettings::sweepFolder() const { return settings_->value(kSweepFolder).toString(); }
void AppSettings::setSweepFolder(const QString& folder) { settings_->setValue(kSweepFolder, folder); }

QString AppSettings::probeSetFor(const QString& library) const {
  return settings_->value(kProbeSets).toMap().value(QFileInfo(library).absoluteFilePath()).toString();
}

void AppSettings::setProbeSetFor(const QString& library, const QString& probeSet) {
  QVariantMap map = settings_->value(kProbeSets).toMap();
  map.insert(QFileInfo(library).absoluteFilePath(), probeSet);
  settings_->setValue(kProbeSets, map);
}

QList<BackgroundRun> AppSettings::backgroundRuns() const {
  QList<BackgroundRun> runs;
  const int n = settings_->beginReadArray(kBackground);
  for (int i = 0; i < n; ++i) {
    settings_->setArrayIndex(i);
    runs.append({settings_->value("run").toString(), settings_->value("pid").toLongLong()});
  }
  settings_->endArray();
  return runs;
}

void AppSettings::addBackgroundRun(const BackgroundRun& run) {
  QList<BackgroundRun> runs = backgroundRuns();
  const QString dir = QFileInfo(run.runDir).absoluteFilePath();
  runs.erase(std::remove_if(runs.begin(), runs.end(), [&dir](const BackgroundRun& r) { return r.runDir == dir; }),
             runs.end());
  runs.prepend({dir, run.pid});
  writeBackgroundRuns(*settings_, runs);
}

void AppSettings::removeBackgroundRun(const QString& runDir) {
  QList<BackgroundRun> runs = backgroundRuns();
  const QString dir = QFileInfo(runDir).absoluteFilePath();
  runs.erase(std::remove_if(runs.begin(), runs.end(), [&dir](const BackgroundRun& r) { return r.runDir == dir; }),
             runs.end());
  writeBackgroundRuns(*settings_, runs);
}

}  // namespace binge::ui
