#pragma once
// What an area of the workbench shows before it has content: a title, what will appear here and how
// to get it, and optional action buttons. Never fake content.
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace binge::ui {

class EmptyStatePanel : public QWidget {
  Q_OBJECT
 public:
  EmptyStatePanel(const QString& title, const QString& explanation, QWidget* parent = nullptr);

  // Adds a button under the explanation; returns it so the caller can connect it.
  QPushButton* addAction(const QString& text);
  void setExplanation(const QString& explanation);
  QString explanation() const;

 private:
  QLabel* explanationLabel_;
  QVBoxLayout* buttons_;
};

}  // namespace binge::ui
