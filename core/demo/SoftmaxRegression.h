#pragma once
// Multinomial logistic regression in plain C++ for small feature sets (tens of features, thousands of
// samples): features are standardised with the training set's mean and deviation, then the weights are
// fitted by full-batch gradient descent on cross-entropy with L2 regularisation. Deterministic.
#include <vector>

namespace binge::demo {

class SoftmaxRegression {
 public:
  struct Options {
    int iterations = 3000;
    double learningRate = 0.5;
    double l2 = 1e-4;
  };

  SoftmaxRegression() = default;

  // x: one row of features per sample; y: class in [0, classes).
  void fit(const std::vector<std::vector<double>>& x, const std::vector<int>& y, int classes, const Options& options);
  void fit(const std::vector<std::vector<double>>& x, const std::vector<int>& y, int classes) {
    fit(x, y, classes, Options{});
  }
  int predict(const std::vector<double>& features) const;
  // Share of samples whose predicted class equals y.
  double accuracy(const std::vector<std::vector<double>>& x, const std::vector<int>& y) const;

 private:
  std::vector<double> scores(const std::vector<double>& standardised) const;
  std::vector<double> standardise(const std::vector<double>& features) const;

  int classes_ = 0;
  int dims_ = 0;
  std::vector<double> mean_, scale_;
  std::vector<double> weights_;  // [classes][dims + 1], last column is the bias
};

}  // namespace binge::demo
