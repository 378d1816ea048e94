#include "eval/LinearProbe.h"

namespace binge {
namespace {

struct Standardiser {
  torch::Tensor mean, std;
  explicit Standardiser(const torch::Tensor& x) {
    mean = x.mean(0, /*keepdim=*/true);
    // Constant features (dead units) would divide by zero; they carry no information either way.
    std = x.std(0, /*unbiased=*/false, /*keepdim=*/true).clamp_min(1e-6);
  }
  torch::Tensor operator()(const torch::Tensor& x) const { return (x - mean) / std; }
};

// Returns (weight [D, C], bias [C]) minimising mean cross-entropy + wd/2 · |W|².
std::pair<torch::Tensor, torch::Tensor> fit(const torch::Tensor& x, const torch::Tensor& y, int classes, double wd,
                                            int iterations) {
  auto w = torch::zeros({x.size(1), classes}, torch::TensorOptions().dtype(torch::kFloat).requires_grad(true));
  auto b = torch::zeros({classes}, torch::TensorOptions().dtype(torch::kFloat).requires_grad(true));
  torch::optim::LBFGS optimizer({w, b}, torch::optim::LBFGSOptions(1.0).max_iter(iterations).line_search_fn(std::string("strong_wolfe")));
  auto closure = [&] {
    optimizer.zero_grad();
    auto loss = torch::nn::functional::cross_entropy(torch::matmul(x, w) + b, y) + 0.5 * wd * w.pow(2).sum();
    loss.backward();
    return loss;
  };
  optimizer.step(closure);
  return {w.detach(), b.detach()};
}

torch::Tensor predict(const std::pair<torch::Tensor, torch::Tensor>& model, const torch::Tensor& x) {
  return (torch::matmul(x, model.first) + model.second).argmax(1);
}

}  // namespace

LinearProbeFit linearProbe(const torch::Tensor& trainX, const torch::Tensor& trainY, const std::vector<bool>& validation,
                           const torch::Tensor& testX, int classes, const LinearProbeOptions& options) {
  torch::AutoGradMode enableGrad(true);  // live probes run under the trainer's NoGradGuard
  const auto x = trainX.to(torch::kFloat);
  const auto y = trainY.to(torch::kLong);
  std::vector<std::int64_t> fitRows, valRows;
  for (size_t i = 0; i < validation.size(); ++i) (validation[i] ? valRows : fitRows).push_back(static_cast<std::int64_t>(i));

  LinearProbeFit result;
  result.weightDecay = options.weightDecays[options.weightDecays.size() / 2];
  if (!valRows.empty() && !fitRows.empty() && options.weightDecays.size() > 1) {
    const auto fi = torch::tensor(fitRows), vi = torch::tensor(valRows);
    const Standardiser s(x.index_select(0, fi));
    const auto xf = s(x.index_select(0, fi)), xv = s(x.index_select(0, vi));
    const auto yf = y.index_select(0, fi), yv = y.index_select(0, vi);
    double best = -1;
    for (double wd : options.weightDecays) {  // ascending: ties keep the smaller decay
      const double acc = predict(fit(xf, yf, classes, wd, options.iterations), xv).eq(yv).to(torch::kFloat).mean().item<double>();
      if (acc > best) {
        best = acc;
        result.weightDecay = wd;
      }
    }
  }
  const Standardiser s(x);
  result.predictions = predict(fit(s(x), y, classes, result.weightDecay, options.iterations), s(testX.to(torch::kFloat)));
  return result;
}

}  // namespace binge
