#!/usr/bin/env bash
# Reproduces the table of docs/results.md: the demo world, random init vs uniform vs title-balanced vs
# hierarchical sampling, tiny preset at its default budget (the preset's own steps, as the GUI's Start
# runs them), probes, neighbour shares and retrieval on the demo probe set. Finished runs are skipped on
# a rerun, so the table can be built across sessions. The experiment is binge-cli calls only; the last
# step only formats the JSON the runs wrote.
#
#   scripts/reproduce_results.sh [WORK_DIR]      env: BINGE_CLI (binge-cli), STEPS (preset's), SEEDS ("1 2 3"),
#                                                      SAMPLERS ("uniform title-balanced hierarchical"),
#                                                      PROBE_EVERY (250), WORLD_SEED (1)
set -euo pipefail
CLI=${BINGE_CLI:-binge-cli}
WORK=${1:-results-work}
STEPS=${STEPS:-}
PROBE_EVERY=${PROBE_EVERY:-250}
WORLD_SEED=${WORLD_SEED:-1}
SEEDS=${SEEDS:-"1 2 3"}
SAMPLERS=${SAMPLERS:-"uniform title-balanced hierarchical"}
WORLD=$WORK/world
LIB=$WORLD/library.json
mkdir -p "$WORK/runs"

[ -f "$WORLD/ground_truth.json" ] || "$CLI" demo --out "$WORLD" --seed "$WORLD_SEED"
[ -f "$LIB" ] || "$CLI" import --library "$LIB" "$WORLD/titles"
"$CLI" prepare --library "$LIB"

for seed in $SEEDS; do
  for sampler in $SAMPLERS; do
    run=$WORK/runs/$sampler-$seed
    if [ ! -f "$run/probe.json" ]; then
      rm -rf "$run"
      # Live probes every PROBE_EVERY steps and at the last step (probe events in events.jsonl).
      "$CLI" train --library "$LIB" --probe "$WORLD/probe" --run "$run" --sampler "$sampler" --seed "$seed" \
        ${STEPS:+--steps "$STEPS"} --probe-every "$PROBE_EVERY" --batch-event-every 25 --json > "$run.train.json"
      "$CLI" probe --run "$run" --json > "$run/probe.json"
    fi
  done
  first=$(echo $SAMPLERS | cut -d' ' -f1)
  # Random init of the same preset and seed: the baseline.
  [ -f "$WORK/runs/random-init-$seed.json" ] ||
    "$CLI" probe --run "$WORK/runs/$first-$seed" --random-init --json > "$WORK/runs/random-init-$seed.json"
done

# Probe-accuracy-vs-step figures (mean ± std over seeds per sampler, random init dashed), drawn by
# binge-cli itself; docs/results.md links the copies under docs/images.
runs=()
for sampler in $SAMPLERS; do for seed in $SEEDS; do [ -d "$WORK/runs/$sampler-$seed" ] && runs+=("$WORK/runs/$sampler-$seed"); done; done
for modality in video audio; do
  "$CLI" figure --out "$WORK/probe-$modality.svg" --modality "$modality" --kind linear "${runs[@]}"
done

/usr/bin/python3 - "$WORK/runs" $SEEDS <<'PY'
import json, statistics, sys, pathlib
runs, seeds = pathlib.Path(sys.argv[1]), sys.argv[2:]
def ms(values):
    values = [100 * v for v in values]
    return f"{statistics.mean(values):.1f} ± {statistics.stdev(values):.1f}" if len(values) > 1 else f"{values[0]:.1f}"
def last_hardness(run):
    batches = [json.loads(l) for l in open(run / "events.jsonl") if l.strip().startswith('{') and '"batch"' in l]
    return batches[-1]["hardness"] if batches else {}
rows = [("random init", [runs / f"random-init-{s}.json" for s in seeds], None)]
for sampler in ["uniform", "title-balanced", "hierarchical"]:
    files = [runs / f"{sampler}-{s}" / "probe.json" for s in seeds]
    if all(f.exists() for f in files):
        rows.append((sampler, files, [runs / f"{sampler}-{s}" for s in seeds]))
print("| model | kNN video | kNN audio | linear video | linear audio | linear both | 10-NN same event / same show, video | 10-NN same event / same show, audio | recall@1 v2v | recall@1 a2a | neg. cosine same-title / cross-title (per seed) | easy neg. share |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for name, files, rundirs in rows:
    docs = [json.load(open(f)) for f in files]
    cells = [ms([d[m][p]["accuracy"] for d in docs]) for m, p in
             [("video", "knn"), ("audio", "knn"), ("video", "linear"), ("audio", "linear"), ("both", "linear")]]
    for m in ("video", "audio"):
        n = [d[m].get("neighbours", {}) for d in docs]
        cells.append(ms([x.get("same_class", float("nan")) for x in n]) + " / " +
                     ms([x.get("same_show") if x.get("same_show") is not None else float("nan") for x in n]))
    cells += [ms([d["retrieval"][k]["recall@1"] for d in docs]) for k in ("v2v", "a2a")]
    if rundirs:
        h = [last_hardness(r) for r in rundirs]
        cells += [", ".join(f"{x.get('same_title_negative', float('nan')):.2f}/{x.get('cross_title_negative', float('nan')):.2f}" for x in h),
                  ms([x.get("easy_negative_share", 0) for x in h])]
    else:
        cells += ["—", "—"]
    print(f"| {name} | " + " | ".join(cells) + " |")
n0 = docs[0]["video"].get("neighbours", {})
print(f"\nchance: {100 * docs[0]['chance']:.1f}%, {docs[0]['items']} probe items, {docs[0]['split']}, seeds {' '.join(seeds)}; "
      f"10-NN chance: same event {100 * n0.get('same_class_chance', float('nan')):.1f}%, "
      f"same show {100 * (n0.get('same_show_chance') or float('nan')):.1f}%")
PY
