#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader of outside bytes (docs/reliability.md, Fuzzing): builds the
# libFuzzer targets with clang (-DBINGE_FUZZ=ON: AddressSanitizer, UBSan, checksum gates off), generates
# the seed corpora with the product's own writers, runs each target, and writes a report. Inputs that
# crash are copied to tests/fuzz/crashes/<target>/, where the normal build's test_fuzz_replay replays them.
#
#   scripts/fuzz.sh [TARGET ...]     (default: all eight)
#   env: FUZZ_BUILD (build-fuzz), FUZZ_RUNS (1000000 executions per text-format target),
#        FUZZ_SECONDS (1800 s per media, cache and checkpoint target), FUZZ_JOBS (parallel targets, 1)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${FUZZ_BUILD:-build-fuzz}
RUNS=${FUZZ_RUNS:-1000000}
SECONDS_EACH=${FUZZ_SECONDS:-1800}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(library config events sweep_ledger run_files media cache checkpoint)

mkdir -p "$BUILD"
cmake -S . -B "$BUILD" -DBINGE_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBINGE_BUILD_GUI=OFF -DBINGE_BUILD_TESTS=OFF > "$BUILD/configure.log" 2>&1 || { cat "$BUILD/configure.log"; exit 1; }
cmake --build "$BUILD" -j"$(nproc)" || exit 1

fuzz_one() {
  local target=$1 corpus=$BUILD/corpus/$1 findings=$BUILD/findings/$1/ budget
  mkdir -p "$corpus" "$findings"
  case $target in
    media|cache|checkpoint) budget=(-max_total_time="$SECONDS_EACH") ;;
    *) budget=(-runs="$RUNS") ;;
  esac
  local started=$SECONDS
  # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: one that needs 4 GB is a finding too.
  "$BUILD/tests/fuzz/fuzz_$target" "$corpus" "$BUILD/fuzz-seeds/$target" "${budget[@]}" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$findings" -print_final_stats=1 > "$BUILD/fuzz-$target.log" 2>&1
  local rc=$? wall=$((SECONDS - started))
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$BUILD/fuzz-$target.log" | grep -o '[0-9]*$' | tail -1)
  local found=0
  for f in "$findings"*; do
    [ -f "$f" ] || continue
    found=$((found + 1))
    mkdir -p "tests/fuzz/crashes/$target"
    cp "$f" "tests/fuzz/crashes/$target/$(basename "$f")"
  done
  printf '| %s | %s | %s | %s | %s | %s |\n' "$target" "${runs:-?}" "$wall" "$(find "$corpus" -type f | wc -l)" "$found" \
    "$([ $rc -eq 0 ] && echo ok || echo "exit $rc, see $BUILD/fuzz-$target.log")" >> "$BUILD/fuzz-report.md"
}

{
  echo "fuzz run of $(git rev-parse --short HEAD) on $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores"
  echo
  echo "| target | executions | wall s | corpus files | crash inputs | outcome |"
  echo "|---|---|---|---|---|---|"
} > "$BUILD/fuzz-report.md"
JOBS=${FUZZ_JOBS:-1}
for target in "${TARGETS[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
  fuzz_one "$target" &
done
wait
cat "$BUILD/fuzz-report.md"
