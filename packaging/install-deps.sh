#!/usr/bin/env bash
# Installs every Debian package that Binge's build, app, tests and benchmarks use.
# Skips what is already installed. Run as root or through sudo. Idempotent.
set -euo pipefail

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps: this script needs a Debian-based system with apt-get (Debian 12 is supported)." >&2
  exit 1
fi

PACKAGES=(
  # toolchain
  g++ cmake make pkg-config ccache git dpkg-dev file
  # core: LibTorch, FFmpeg libraries, JSON, CLI, JPEG
  libtorch-dev libgloo-dev libavformat-dev libavcodec-dev libswscale-dev libswresample-dev libavutil-dev
  nlohmann-json3-dev libcli11-dev libturbojpeg0-dev
  # an optimized BLAS for LibTorch's matrix products (probes: 4x faster than the reference BLAS,
  # docs/benchmarks.md "Probe speed"); it becomes libblas.so.3 through Debian's alternatives
  libopenblas0-pthread
  # ui: Qt6 Widgets, Qt Test, Qt Multimedia, QCustomPlot (Qt6 build)
  qt6-base-dev qt6-multimedia-dev libqcustomplot-dev libgl-dev
  # tests: ffmpeg CLI to cross-check durations, real recordings, Xvfb for a real window
  ffmpeg forensics-samples-files xvfb xauth fonts-dejavu-core
  # fuzzing (scripts/fuzz.sh, docs/reliability.md): clang with libFuzzer and the sanitizer runtimes
  clang-14 libclang-rt-14-dev
  # reference implementations in shared/peers (benchmarks only)
  python3 python3-torch python3-torchvision python3-av python3-numpy
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed." >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: run as root or install sudo; missing packages: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done." >&2
