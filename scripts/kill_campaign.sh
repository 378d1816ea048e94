#!/usr/bin/env bash
# kill -9 anywhere (issue 19, item 2; docs/reliability.md). Kills `train`, `prepare`, `import` and `sweep` at
# random moments, and inside their writes through the fault-injection switch (BINGE_FAULT_KILL, see
# core/runtime/FileWrite.h), then checks after every kill:
#   - the command's rerun (`train --resume`) succeeds,
#   - no final-named file fails to load (the rerun loads the library, every cache file, the latest
#     checkpoint) and no temporary file of the killed writer is left after the rerun,
#   - a resumed CPU run on one thread ends bit-identical (same final loss, all digits) to an
#     uninterrupted one.
# Prints one line per kill and a summary; exits 1 on the first broken promise.
#
#   scripts/kill_campaign.sh [WORK_DIR]    env: BINGE_CLI (binge-cli), KILLS (50 per command and kind)
set -euo pipefail
CLI=${BINGE_CLI:-binge-cli}
WORK=${1:-kill-work}
KILLS=${KILLS:-50}
mkdir -p "$WORK"
WORLD=$WORK/world
LIB=$WORLD/library.json
[ -f "$WORLD/ground_truth.json" ] ||
  "$CLI" demo --out "$WORLD" --titles 4 --minutes 0.25 --probe-per-class 1 --probe-seconds 2 > /dev/null
[ -f "$LIB" ] || "$CLI" import --library "$LIB" "$WORLD/titles" > /dev/null 2>&1
"$CLI" prepare --library "$LIB" > /dev/null 2>&1
TRAIN=(--threads 1 train --library "$LIB" --steps 12 --batch 8 --titles-per-batch 2 --checkpoint-every 3 --seed 7)
fail() { echo "BROKEN: $*"; exit 1; }
rand() { python3 -c "import random; print(round(random.uniform($1, $2), 2))"; }
last_loss() { tail -1 "$1/metrics.csv" | cut -d, -f2; }
no_temporaries() { ! find "$1" -name '*.tmp-*' -o -name '*.partial' | grep -q .; }

# The reference: one uninterrupted run.
rm -rf "$WORK/reference"
"$CLI" "${TRAIN[@]}" --run "$WORK/reference" > /dev/null 2>&1
REFERENCE=$(last_loss "$WORK/reference")
echo "reference run: final loss $REFERENCE"

kills=0
train_kill() {  # $1: how (random|checkpoint:BYTES)
  local run=$WORK/train-run
  rm -rf "$run"
  if [ "$1" = random ]; then
    "$CLI" "${TRAIN[@]}" --run "$run" > /dev/null 2>&1 & local pid=$!
    sleep "$(rand 0.5 8)"; kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  else
    BINGE_FAULT_KILL=$1 "$CLI" "${TRAIN[@]}" --run "$run" > /dev/null 2>&1 || true
  fi
  if [ -f "$run/config.json" ]; then
    "$CLI" --threads 1 train --run "$run" --resume > "$run.log" 2>&1 || fail "train --resume after a $1 kill: $(tail -1 "$run.log")"
  else  # killed before the run existed: the rerun is the command itself
    rm -rf "$run"; "$CLI" "${TRAIN[@]}" --run "$run" > "$run.log" 2>&1 || fail "train rerun after a $1 kill: $(tail -1 "$run.log")"
  fi
  no_temporaries "$run" || fail "train: temporary files left after the rerun ($1)"
  [ "$(last_loss "$run")" = "$REFERENCE" ] || fail "train: resumed run ends at loss $(last_loss "$run"), uninterrupted $REFERENCE ($1)"
  kills=$((kills + 1)); echo "train   $1: resumed, bit-identical"
}

prepare_kill() {
  local cache=$WORK/cache
  rm -rf "$cache"
  if [ "$1" = random ]; then
    "$CLI" prepare --library "$LIB" --cache "$cache" > /dev/null 2>&1 & local pid=$!
    sleep "$(rand 0.05 2)"; kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  else
    BINGE_FAULT_KILL=$1 "$CLI" prepare --library "$LIB" --cache "$cache" > /dev/null 2>&1 || true
  fi
  "$CLI" prepare --library "$LIB" --cache "$cache" > "$WORK/prepare.log" 2>&1 || fail "prepare rerun after a $1 kill"
  no_temporaries "$cache" || fail "prepare: temporary files left after the rerun ($1)"
  # A third prepare validates every cache file (header, index, checksums) and finds nothing to do.
  "$CLI" prepare --library "$LIB" --cache "$cache" --json > "$WORK/prepare.json" 2> /dev/null
  python3 -c "import json,sys; d=json.load(open('$WORK/prepare.json')); sys.exit(0 if d['prepared']==0 and not d['failures'] and d['up_to_date']==4 else 1)" ||
    fail "prepare: a cache file written after a $1 kill does not validate"
  kills=$((kills + 1)); echo "prepare $1: rerun complete, every cache file valid"
}

import_kill() {
  local lib=$WORK/import/library.json
  rm -rf "$WORK/import"; mkdir -p "$WORK/import"
  "$CLI" import --library "$lib" "$WORLD/titles/Movies" > /dev/null 2>&1  # the state a kill must not lose
  if [ "$1" = random ]; then
    "$CLI" import --library "$lib" "$WORLD/titles" > /dev/null 2>&1 & local pid=$!
    sleep "$(rand 0.05 1.5)"; kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  else
    BINGE_FAULT_KILL=$1 "$CLI" import --library "$lib" "$WORLD/titles" > /dev/null 2>&1 || true
  fi
  "$CLI" info --library "$lib" > /dev/null 2>&1 || fail "import: the library does not load after a $1 kill"
  "$CLI" import --library "$lib" "$WORLD/titles" > /dev/null 2>&1 || fail "import rerun after a $1 kill"
  [ "$("$CLI" info --library "$lib" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["titles"])')" = 4 ] ||
    fail "import: titles missing after a $1 kill and a rerun"
  no_temporaries "$WORK/import" || fail "import: temporary files left after the rerun ($1)"
  kills=$((kills + 1)); echo "import  $1: library loads, rerun complete"
}

# A sweep of two runs (two learning rates); a killed sweep's trainer gets SIGTERM and stops with a
# checkpoint, and the rerun of the same command resumes both runs.
SWEEP=(--threads 1 sweep --library "$LIB" --grid lr=0.001,0.002 --seeds 7 --steps 12 --batch 8 --titles-per-batch 2 --checkpoint-every 3)
final_losses() { for m in "$1"/runs/*/metrics.csv; do tail -1 "$m" | cut -d, -f2; done | tr '\n' ' '; }
rm -rf "$WORK/sweep-reference"
"$CLI" "${SWEEP[@]}" --out "$WORK/sweep-reference" > /dev/null 2>&1
SWEEP_REFERENCE=$(final_losses "$WORK/sweep-reference")
echo "reference sweep: final losses $SWEEP_REFERENCE"

sweep_kill() {  # $1: how (random|file:BYTES)
  local out=$WORK/sweep
  rm -rf "$out"
  if [ "$1" = random ]; then
    "$CLI" "${SWEEP[@]}" --out "$out" > /dev/null 2>&1 & local pid=$!
    sleep "$(rand 0.3 15)"; kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  else
    BINGE_FAULT_KILL=$1 "$CLI" "${SWEEP[@]}" --out "$out" > /dev/null 2>&1 || true
  fi
  "$CLI" "${SWEEP[@]}" --out "$out" > "$WORK/sweep.log" 2>&1 || fail "sweep rerun after a $1 kill: $(tail -1 "$WORK/sweep.log")"
  python3 -c "import json,sys; d=json.load(open('$out/results.json')); sys.exit(0)" || fail "sweep: results.json does not load after a $1 kill"
  no_temporaries "$out" || fail "sweep: temporary files left after the rerun ($1)"
  [ "$(final_losses "$out")" = "$SWEEP_REFERENCE" ] ||
    fail "sweep: runs end at losses $(final_losses "$out"), uninterrupted $SWEEP_REFERENCE ($1)"
  kills=$((kills + 1)); echo "sweep   $1: rerun complete, runs bit-identical"
}

for i in $(seq "$KILLS"); do train_kill random; done
for i in $(seq "$KILLS"); do train_kill "checkpoint:$(python3 -c 'import random; print(random.randint(1, 3_000_000))')"; done
for i in $(seq "$KILLS"); do prepare_kill random; done
for i in $(seq "$KILLS"); do prepare_kill "cache:$(python3 -c 'import random; print(random.randint(1, 3_000_000))')"; done
for i in $(seq "$KILLS"); do import_kill random; done
for i in $(seq "$KILLS"); do import_kill "library:$(python3 -c 'import random; print(random.randint(1, 3000))')"; done
for i in $(seq "$KILLS"); do sweep_kill random; done
for i in $(seq "$KILLS"); do sweep_kill "file:$(python3 -c 'import random; print(random.randint(1, 2000))')"; done
echo "kill campaign: $kills kills, 0 broken promises"
