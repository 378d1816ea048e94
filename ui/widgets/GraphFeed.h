#pragma once
// Keeps a QCPGraph in step with a growing series without copying it all on every refresh: when the
// series only grew since the last feed, only the new points are appended (a live run adds a few points
// per plot tick to 100,000); anything else — another run, a resume that dropped points ("rewinds"),
// another smoothing weight — rebuilds the graph's data once.
#include "QCustomPlotInclude.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace binge::ui {

class GraphFeed {
 public:
  // What the points come from; a different identity means "start over".
  struct Source {
    std::uint64_t run = 0;  // e.g. RunFollower::followSerial(): which run
    int rewinds = 0;        // RunMetrics::rewinds: points were dropped
    double parameter = 0;   // e.g. the smoothing weight of a smoothed series
    bool operator==(const Source& o) const {
      return run == o.run && rewinds == o.rewinds &&
             (parameter == o.parameter || (std::isnan(parameter) && std::isnan(o.parameter)));
    }
  };

  // Makes `graph` hold points i in [0, count) as (key(i), value(i)), keys ascending.
  template <class Key, class Value>
  void update(QCPGraph* graph, std::size_t count, Key key, Value value, const Source& source) {
    const bool append = valid_ && source == source_ && count >= fed_;
    const std::size_t from = append ? fed_ : 0;
    QVector<QCPGraphData> points;
    points.reserve(static_cast<int>(count - from));
    for (std::size_t i = from; i < count; ++i) points.append(QCPGraphData(key(i), value(i)));
    if (append) {
      if (!points.isEmpty()) graph->data()->add(points, /*alreadySorted=*/true);
    } else {
      graph->data()->set(points, /*alreadySorted=*/true);
    }
    fed_ = count;
    source_ = source;
    valid_ = true;
  }
  void reset() { valid_ = false; }

 private:
  bool valid_ = false;
  std::size_t fed_ = 0;
  Source source_;
};

}  // namespace binge::ui
