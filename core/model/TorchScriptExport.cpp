#include "model/TorchScriptExport.h"

#include "model/AudioResNet18.h"
#include "model/R2Plus1D18.h"
#include "model/TinyAudioEncoder.h"
#include "model/TinyVideoEncoder.h"

#include <torch/version.h>

#include <iomanip>
#include <sstream>

namespace binge {
namespace nn = torch::nn;

namespace {

// Module options hold their alternatives in c10::variant up to LibTorch 1.x, std::variant from 2.0.
template <typename T, typename Variant>
const T* alternative(const Variant& v) {
#if TORCH_VERSION_MAJOR >= 2
  return std::get_if<T>(&v);
#else
  return c10::get_if<T>(&v);
#endif
}

template <size_t D>
std::string intList(const torch::ExpandingArray<D>& values) {
  std::string s = "[";
  for (size_t i = 0; i < D; ++i) s += (i ? ", " : "") + std::to_string((*values)[i]);
  return s + "]";
}

// A float literal TorchScript parses as float (never as int), exact to double precision.
std::string floatLiteral(double value) {
  std::ostringstream s;
  s << std::setprecision(17) << value;
  std::string text = s.str();
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

std::string tensorOrNone(const torch::Tensor& t, const char* name) {
  return t.defined() ? std::string("self.") + name : std::string("None");
}

// Wraps one line of TorchScript (or several, indented by four) as the module's forward.
std::string forwardSource(const std::string& body) { return "def forward(self, x):\n" + body; }

std::string callChild(const std::string& name, const std::string& arg) {
  // Sequential children are named "0", "1", … which are not identifiers: getattr reaches them.
  const bool identifier = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  return (identifier ? "self." + name : "getattr(self, \"" + name + "\")") + ".forward(" + arg + ")";
}

std::string poolAndFlatten(int spatialDims, const std::string& inner) {
  return spatialDims == 3 ? "    return torch.adaptive_avg_pool3d(" + inner + ", [1, 1, 1]).flatten(1)\n"
                          : "    return torch.adaptive_avg_pool2d(" + inner + ", [1, 1]).flatten(1)\n";
}

template <size_t D, typename Conv>
std::string convSource(const Conv& conv, const std::string& path) {
  const auto& o = conv.options;
  const auto* padding = alternative<torch::ExpandingArray<D>>(o.padding());
  if (!padding || !alternative<torch::enumtype::kZeros>(o.padding_mode()))
    throw TorchScriptExportError(path + ": only explicit zero padding can be exported");
  return forwardSource("    return torch.conv" + std::to_string(D) + "d(x, self.weight, " +
                       tensorOrNone(conv.bias, "bias") + ", " + intList<D>(o.stride()) + ", " + intList<D>(*padding) +
                       ", " + intList<D>(o.dilation()) + ", " + std::to_string(o.groups()) + ")\n");
}

template <typename Norm>
std::string batchNormSource(const Norm& bn) {
  // Inference: the running statistics, never the batch's.
  return forwardSource("    return torch.batch_norm(x, " + tensorOrNone(bn.weight, "weight") + ", " +
                       tensorOrNone(bn.bias, "bias") + ", self.running_mean, self.running_var, False, 0.0, " +
                       floatLiteral(bn.options.eps()) + ", False)\n");
}

std::string residualTail(const nn::Module& block) {
  const bool downsample = block.named_children().contains("downsample");
  return std::string("    out = out + ") + (downsample ? "self.downsample.forward(x)" : "x") + "\n    return torch.relu(out)\n";
}

std::string sequentialSource(const nn::Module& seq) {
  std::string body;
  for (const auto& child : seq.named_children()) body += "    x = " + callChild(child.key(), "x") + "\n";
  return forwardSource(body + "    return x\n");
}

// TorchScript source of `module`'s forward, from its type and options.
std::string moduleSource(const nn::Module& m, const std::string& path) {
  if (const auto* c = dynamic_cast<const nn::Conv3dImpl*>(&m)) return convSource<3>(*c, path);
  if (const auto* c = dynamic_cast<const nn::Conv2dImpl*>(&m)) return convSource<2>(*c, path);
  if (const auto* bn = dynamic_cast<const nn::BatchNorm3dImpl*>(&m)) return batchNormSource(*bn);
  if (const auto* bn = dynamic_cast<const nn::BatchNorm2dImpl*>(&m)) return batchNormSource(*bn);
  if (const auto* gn = dynamic_cast<const nn::GroupNormImpl*>(&m))
    return forwardSource("    return torch.group_norm(x, " + std::to_string(gn->options.num_groups()) + ", " +
                         tensorOrNone(gn->weight, "weight") + ", " + tensorOrNone(gn->bias, "bias") + ", " +
                         floatLiteral(gn->options.eps()) + ", False)\n");
  if (dynamic_cast<const nn::ReLUImpl*>(&m)) return forwardSource("    return torch.relu(x)\n");
  if (const auto* l = dynamic_cast<const nn::LinearImpl*>(&m))
    return forwardSource(std::string("    y = torch.matmul(x, self.weight.t())\n") +
                         (l->bias.defined() ? "    return y + self.bias\n" : "    return y\n"));
  if (const auto* p = dynamic_cast<const nn::MaxPool2dImpl*>(&m)) {
    const auto& o = p->options;
    return forwardSource("    return torch.max_pool2d(x, " + intList<2>(o.kernel_size()) + ", " + intList<2>(o.stride()) +
                         ", " + intList<2>(o.padding()) + ", " + intList<2>(o.dilation()) + ", " +
                         (o.ceil_mode() ? "True" : "False") + ")\n");
  }
  if (dynamic_cast<const nn::SequentialImpl*>(&m)) return sequentialSource(m);
  if (dynamic_cast<const TinyVideoEncoderImpl*>(&m)) return forwardSource(poolAndFlatten(3, callChild("layers", "x")));
  if (dynamic_cast<const TinyAudioEncoderImpl*>(&m)) return forwardSource(poolAndFlatten(2, callChild("layers", "x")));
  if (dynamic_cast<const R2Plus1D18Impl*>(&m))
    return forwardSource(poolAndFlatten(3, "self.layers.forward(self.stem.forward(x))"));
  if (dynamic_cast<const AudioResNet18Impl*>(&m))
    return forwardSource(poolAndFlatten(2, "self.layers.forward(self.stem.forward(x))"));
  if (dynamic_cast<const Conv2Plus1DImpl*>(&m)) return forwardSource("    return self.layers.forward(x)\n");
  if (dynamic_cast<const R2Plus1DBlockImpl*>(&m))
    return forwardSource("    out = self.conv2.forward(self.conv1.forward(x))\n" + residualTail(m));
  if (dynamic_cast<const ResNetBasicBlockImpl*>(&m))
    return forwardSource(
        "    out = torch.relu(self.bn1.forward(self.conv1.forward(x)))\n"
        "    out = self.bn2.forward(self.conv2.forward(out))\n" +
        residualTail(m));
  if (dynamic_cast<const ProjectionHeadImpl*>(&m))
    // As ProjectionHeadImpl::forward: Linear–ReLU–Linear, then x / max(‖x‖, 1e-8).
    return forwardSource(
        "    z = self.fc2.forward(torch.relu(self.fc1.forward(x)))\n"
        "    return z / z.norm(2, 1, True).clamp_min(1e-8)\n");
  throw TorchScriptExportError(path + ": no TorchScript export for module type " + m.name());
}

class Scripter {
 public:
  // A TorchScript copy of `m` (recursively): same child names, parameters and buffers.
  torch::jit::Module convert(const nn::Module& m, const std::string& path) {
    // Every class gets its own name: two Conv3d with different strides have different forward code,
    // and one saved archive holds each class name once.
    torch::jit::Module out(c10::QualifiedName("binge." + typeName(m) + "_" + std::to_string(counter_++)));
    for (const auto& p : m.named_parameters(/*recurse=*/false))
      out.register_parameter(p.key(), cpuCopy(p.value()), /*is_buffer=*/false);
    for (const auto& b : m.named_buffers(/*recurse=*/false)) out.register_buffer(b.key(), cpuCopy(b.value()));
    for (const auto& child : m.named_children())
      out.register_module(child.key(), convert(*child.value(), path + "." + child.key()));
    out.define(moduleSource(m, path));
    return out;
  }

  // An encoder with its projection head: forward = features, embed = head(features).
  torch::jit::Module encoder(const char* className, nn::Module& backbone, nn::Module& head, const std::string& path) {
    torch::jit::Module out(c10::QualifiedName(std::string("binge.") + className));
    out.register_module("encoder", convert(backbone, path));
    out.register_module("head", convert(head, path + "_head"));
    out.define(
        "def forward(self, x):\n"
        "    return self.encoder.forward(x)\n"
        "def embed(self, x):\n"
        "    return self.head.forward(self.encoder.forward(x))\n");
    out.eval();
    return out;
  }

 private:
  static std::string typeName(const nn::Module& m) {
    std::string name = m.name();
    const auto colon = name.rfind("::");
    if (colon != std::string::npos) name = name.substr(colon + 2);
    for (char& c : name)
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
  }
  static torch::Tensor cpuCopy(const torch::Tensor& t) { return t.detach().to(torch::kCPU).clone(); }

  int counter_ = 0;
};

}  // namespace

ScriptedEncoders scriptEncoders(AudioVisualModel& model) {
  torch::NoGradGuard noGrad;
  Scripter s;
  ScriptedEncoders out;
  out.video = s.encoder("VideoEncoder", model->videoEncoder(), model->videoHead(), "video");
  out.audio = s.encoder("AudioEncoder", model->audioEncoder(), model->audioHead(), "audio");
  return out;
}

}  // namespace binge
