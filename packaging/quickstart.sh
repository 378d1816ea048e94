#!/usr/bin/env bash
# The README's two commands.
#   quickstart.sh gui   install dependencies, build, launch Binge on the demo library (created on first run)
#   quickstart.sh test  install dependencies, build, run the whole test suite
# Options through the environment: BINGE_BUILD_DIR (default: build), BINGE_JOBS (default: nproc),
# CTEST_ARGS (extra ctest arguments, e.g. -LE slow).
set -euo pipefail
mode="${1:-}"
case "$mode" in
  gui|test) ;;
  *) echo "usage: $0 gui|test" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BINGE_BUILD_DIR:-$root/build}"
jobs="${BINGE_JOBS:-$(nproc)}"

bash "$root/packaging/install-deps.sh"

# ccache: paths relative to the checkout so another clone reuses the cache; the sloppiness lets it
# cache translation units built with LibTorch's precompiled header.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-10G}"

echo "quickstart: building in $build" >&2
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$jobs"

if [ "$mode" = test ]; then
  cd "$build"
  export QT_QPA_PLATFORM=offscreen
  # shellcheck disable=SC2086
  ctest --output-on-failure -j "$jobs" ${CTEST_ARGS:-}
  exit $?
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "quickstart: no display found (DISPLAY is empty); on a headless machine run: xvfb-run $0 gui" >&2
  exit 1
fi
# --demo opens the built-in demo library, creating it on first run (progress and Cancel in the window).
exec "$build/app/binge" --demo
