#pragma once
// "Sweep…" from the Training tab: the form's settings, one option to vary with its
// values, the seeds and the sweep folder. The defaults are the paper's question — the three samplers,
// seeds 1–3, a folder named for them in the runs folder — so Sweep…, Start is the whole of it.
#include "SweepLauncher.h"

#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace binge::ui {

class SweepDialog : public QDialog {
  Q_OBJECT
 public:
  // `form`: the Training tab's launch (its run folder's parent is where the sweep folder goes).
  SweepDialog(const TrainerLaunch& form, QWidget* parent = nullptr);
  SweepRequest request() const;

 private:
  void keyChanged();
  TrainerLaunch form_;
  QComboBox* key_;
  QLineEdit* values_;
  QLineEdit* seeds_;
  QLineEdit* out_;
  QSpinBox* parallel_;
  QLabel* summary_;
};

}  // namespace binge::ui
