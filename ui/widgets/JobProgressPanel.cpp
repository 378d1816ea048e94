#include "JobProgressPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

namespace binge::ui {

JobProgressPanel::JobProgressPanel(QWidget* parent) : QWidget(parent) {
  setObjectName("jobProgress");
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  label_ = new QLabel(this);
  label_->setObjectName("jobProgressText");
  // A long file name must not push the bar and Cancel out of the status bar.
  label_->setMaximumWidth(520);
  label_->setTextFormat(Qt::PlainText);
  bar_ = new QProgressBar(this);
  bar_->setFixedWidth(220);
  bar_->setFormat("%v of %m");
  cancel_ = new QPushButton("Cancel", this);
  cancel_->setObjectName("jobCancel");
  cancel_->setToolTip("Stop the job; what is finished so far is kept (Esc)");
  cancel_->setShortcut(QKeySequence(Qt::Key_Escape));
  layout->addWidget(label_);
  layout->addWidget(bar_);
  layout->addWidget(cancel_);
  connect(cancel_, &QPushButton::clicked, this, &JobProgressPanel::canceled);
  hide();
}

void JobProgressPanel::start(const QString& what) {
  label_->setText(what);
  label_->setToolTip(what);
  bar_->setRange(0, 0);  // busy until the first report says how much there is
  bar_->setValue(0);
  show();
}

void JobProgressPanel::report(int done, int total, const QString& what) {
  if (isHidden()) return;
  bar_->setRange(0, std::max(1, total));
  bar_->setValue(std::clamp(done, 0, std::max(1, total)));
  const QString text = QString("%1 (%2 of %3)").arg(what).arg(done).arg(total);
  label_->setText(label_->fontMetrics().elidedText(text, Qt::ElideMiddle, label_->maximumWidth()));
  label_->setToolTip(text);
}

void JobProgressPanel::finish() { hide(); }

QString JobProgressPanel::text() const { return label_->toolTip(); }

}  // namespace binge::ui
