#pragma once
// Which device training runs on, and how many CPU threads LibTorch uses. Torch-free header so the GUI
// can show it in its status bar.
#include <string>

namespace binge {

struct ComputeDevice {
  bool cuda = false;
  int cudaDeviceCount = 0;
  std::string name;  // "CPU (2 threads)" or "CUDA: NVIDIA H100 80GB HBM3"
};

ComputeDevice detectComputeDevice();

// Sets LibTorch's intra-op thread count. requested <= 0 means "all hardware threads" (this Debian
// build of LibTorch defaults to 1, which leaves cores idle). Returns the count now in effect.
int configureTorchThreads(int requested);
int torchThreads();

}  // namespace binge
