#include "EmptyStatePanel.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace binge::ui {

EmptyStatePanel::EmptyStatePanel(const QString& title, const QString& explanation, QWidget* parent)
    : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->addStretch(1);
  auto* titleLabel = new QLabel(title, this);
  QFont font = titleLabel->font();
  font.setPointSizeF(font.pointSizeF() * 1.6);
  font.setBold(true);
  titleLabel->setFont(font);
  titleLabel->setAlignment(Qt::AlignCenter);
  layout->addWidget(titleLabel);
  explanationLabel_ = new QLabel(explanation, this);
  explanationLabel_->setObjectName("emptyStateExplanation");
  explanationLabel_->setAlignment(Qt::AlignCenter);
  explanationLabel_->setWordWrap(true);
  explanationLabel_->setMaximumWidth(560);
  auto* centred = new QHBoxLayout;
  centred->addStretch(1);
  centred->addWidget(explanationLabel_);
  centred->addStretch(1);
  layout->addLayout(centred);
  buttons_ = new QVBoxLayout;
  buttons_->setAlignment(Qt::AlignHCenter);
  layout->addLayout(buttons_);
  layout->addStretch(2);
}

QPushButton* EmptyStatePanel::addAction(const QString& text) {
  auto* button = new QPushButton(text, this);
  button->setMinimumWidth(220);
  buttons_->addWidget(button);
  return button;
}

void EmptyStatePanel::setExplanation(const QString& explanation) { explanationLabel_->setText(explanation); }
QString EmptyStatePanel::explanation() const { return explanationLabel_->text(); }

}  // namespace binge::ui
