#pragma once
// The training form's probe-set field: a folder of labelled clips the trainer probes live,
// or none. Its default follows the library: the set chosen for that library before (remembered in the
// settings), else a "probe" folder beside the library file (the demo world's), else none. The folder is
// checked with the core's own loader, so the form shows the same reason the trainer would give.
#include <QString>
#include <QWidget>

class QLineEdit;
class QPushButton;

namespace binge::ui {

class AppSettings;

class ProbeSetField : public QWidget {
  Q_OBJECT
 public:
  explicit ProbeSetField(QWidget* parent = nullptr);

  void setSettings(AppSettings* settings) { settings_ = settings; }
  // The library the form trains on changed: the field takes that library's default unless the user
  // has typed a set for the current library.
  void setLibrary(const QString& library);
  // "" = no live probes.
  QString probeSet() const;
  void setProbeSet(const QString& folder);
  // Why the set cannot be used ("" = fine or none). Cached per folder text.
  QString problem() const;
  // Remembers the current choice for the current library (called when a run starts).
  void remember() const;
  // The default for `library`: the remembered choice, else <library folder>/probe if it is a folder.
  static QString defaultFor(const QString& library, const AppSettings* settings);

 Q_SIGNALS:
  void changed();

 private:
  QLineEdit* edit_;
  QPushButton* browse_;
  QPushButton* none_;
  AppSettings* settings_ = nullptr;
  QString library_;
  mutable QString checkedText_;
  mutable QString checkedProblem_;
};

}  // namespace binge::ui
