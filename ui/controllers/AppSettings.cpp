#include "AppSettings.h"

#include <QFileInfo>

namespace binge::ui {

namespace {
const char* kRecent = "library/recent";
const char* kImportFolder = "library/lastImportFolder";
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

}  // namespace binge::ui
