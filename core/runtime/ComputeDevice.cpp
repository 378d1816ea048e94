#include "runtime/ComputeDevice.h"

#include <torch/torch.h>

#include <thread>

#ifdef BINGE_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#endif

namespace binge {

ComputeDevice detectComputeDevice() {
  ComputeDevice device;
  device.cuda = torch::cuda::is_available();
  if (device.cuda) {
    device.cudaDeviceCount = static_cast<int>(torch::cuda::device_count());
#ifdef BINGE_WITH_CUDA
    device.name = std::string("CUDA: ") + at::cuda::getDeviceProperties(0)->name;
#else
    device.name = "CUDA";
#endif
    if (device.cudaDeviceCount > 1) device.name += " (×" + std::to_string(device.cudaDeviceCount) + ")";
  } else {
    device.name = "CPU (" + std::to_string(torchThreads()) + " threads)";
  }
  return device;
}

int configureTorchThreads(int requested) {
  int threads = requested;
  if (threads <= 0) {
    threads = static_cast<int>(std::thread::hardware_concurrency());
    if (threads <= 0) threads = 1;
  }
  torch::set_num_threads(threads);
  return torch::get_num_threads();
}

int torchThreads() { return torch::get_num_threads(); }

}  // namespace binge
