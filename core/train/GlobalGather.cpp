#include "train/GlobalGather.h"

namespace binge {
namespace {

class GatherFunction : public torch::autograd::Function<GatherFunction> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, torch::Tensor local, DistributedSession* session) {
    ctx->saved_data["session"] = reinterpret_cast<std::int64_t>(session);
    ctx->saved_data["rows"] = local.size(0);
    return session->allGather(local.detach(), "gathering embeddings");
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    auto* session = reinterpret_cast<DistributedSession*>(ctx->saved_data["session"].toInt());
    const std::int64_t rows = ctx->saved_data["rows"].toInt();
    torch::Tensor total = grads[0].contiguous().clone();
    session->allReduceSum(total, "summing embedding gradients");
    const std::int64_t first = rows * session->rank();
    return {total.slice(0, first, first + rows), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor gatherWithGradient(const torch::Tensor& local, DistributedSession& session) {
  return GatherFunction::apply(local, &session);
}

}  // namespace binge
