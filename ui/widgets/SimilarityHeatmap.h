#pragma once
// The B×B video–audio similarity of a batch as a colour map: row i is clip i's video, column j clip
// j's audio, so the diagonal holds the positives and everything else a negative. Clips of one title
// sit in one block on the diagonal (the caller orders rows by title), outlined: with hierarchical
// sampling the hard negatives are the off-diagonal cells inside those blocks. A click on a cell
// emits cellClicked; the selected cell is framed.
#include "QCustomPlotInclude.h"

#include <vector>

namespace binge::ui {

class SimilarityHeatmap : public QCustomPlot {
  Q_OBJECT
 public:
  explicit SimilarityHeatmap(QWidget* parent = nullptr);
  // values: n × n row-major in display order; groupOfRow: title block of each row (non-decreasing).
  void setMatrix(const std::vector<float>& values, int n, const std::vector<int>& groupOfRow);
  void clearMatrix();
  int size() const { return n_; }
  // The colour scale's range: the batch's own, or a cosine's [-1, 1] while none is shown.
  QCPRange dataRange() const { return map_->dataRange(); }
  int blockCount() const { return static_cast<int>(blocks_.size()); }
  // -1, -1 clears the frame.
  void setSelectedCell(int videoRow, int audioColumn);
  // Centre of a cell in widget pixels (for tests and tooltips).
  QPoint cellCentre(int videoRow, int audioColumn) const;

 Q_SIGNALS:
  void cellClicked(int videoRow, int audioColumn);

 private:
  bool cellAt(const QPointF& pixel, int& row, int& column) const;

  QCPColorMap* map_;
  QCPColorScale* scale_;
  std::vector<QCPItemRect*> blocks_;
  QCPItemRect* selection_;
  std::vector<float> values_;
  int n_ = 0;
};

}  // namespace binge::ui
