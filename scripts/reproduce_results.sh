#!/usr/bin/env bash
# Reproduces the table of docs/results.md with one `binge-cli sweep`: the demo world, uniform vs
# title-balanced vs hierarchical sampling × seeds 1–3 at the tiny preset's default budget (its own
# steps, as the GUI's Start runs them), live probes, a standalone probe of every run and of random init
# per seed. The sweep skips finished runs and resumes an interrupted one, so the table can be built
# across sessions: rerun the same command. Results: WORK_DIR/sweep/results.md (.csv, .json) and the
# figures WORK_DIR/sweep/probe-{video,audio}.svg; `binge-cli sweep --report WORK_DIR/sweep` rewrites
# them at any time.
#
#   scripts/reproduce_results.sh [WORK_DIR]      env: BINGE_CLI (binge-cli), STEPS (preset's), SEEDS (1,2,3),
#                                                      SAMPLERS (uniform,title-balanced,hierarchical),
#                                                      PROBE_EVERY (250), WORLD_SEED (1)
set -euo pipefail
CLI=${BINGE_CLI:-binge-cli}
WORK=${1:-results-work}
STEPS=${STEPS:-}
PROBE_EVERY=${PROBE_EVERY:-250}
WORLD_SEED=${WORLD_SEED:-1}
SEEDS=${SEEDS:-1,2,3}
SAMPLERS=${SAMPLERS:-uniform,title-balanced,hierarchical}
WORLD=$WORK/world
LIB=$WORLD/library.json
mkdir -p "$WORK"

[ -f "$WORLD/ground_truth.json" ] || "$CLI" demo --out "$WORLD" --seed "$WORLD_SEED"
[ -f "$LIB" ] || "$CLI" import --library "$LIB" "$WORLD/titles"
"$CLI" prepare --library "$LIB"

"$CLI" sweep --library "$LIB" --probe "$WORLD/probe" --out "$WORK/sweep" --grid "sampler=$SAMPLERS" \
  --seeds "$SEEDS" --final-probe --probe-every "$PROBE_EVERY" --batch-event-every 25 ${STEPS:+--steps "$STEPS"}
