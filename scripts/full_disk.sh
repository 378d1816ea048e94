#!/usr/bin/env bash
# Full disk (docs/reliability.md): runs import, prepare, train, export and probe against a small tmpfs
# that fills up (a private mount namespace, no root needed: unshare -rm) and checks for each that it
# stops with one line naming the path and the bytes free, exits non-zero, leaves no temporary file and
# leaves what was there before intact. Prints one line per case; exits 1 on the first broken promise.
#
#   scripts/full_disk.sh [WORK_DIR]     env: BINGE_CLI (binge-cli)
set -uo pipefail
CLI=$(command -v "${BINGE_CLI:-binge-cli}")
WORK=$(realpath -m "${1:-full-disk-work}")
mkdir -p "$WORK"
WORLD=$WORK/world
if [ ! -f "$WORLD/library.json" ]; then
  "$CLI" demo --out "$WORLD" --titles 4 --minutes 0.25 --probe-per-class 2 --probe-seconds 2 > /dev/null
  "$CLI" import --library "$WORLD/library.json" "$WORLD/titles" > /dev/null 2>&1
  "$CLI" prepare --library "$WORLD/library.json" > /dev/null 2>&1
fi
RUN=$WORK/run
if [ ! -d "$RUN/checkpoints" ]; then
  rm -rf "$RUN"
  "$CLI" --threads 1 train --library "$WORLD/library.json" --run "$RUN" --steps 4 --batch 8 --titles-per-batch 2 \
    --checkpoint-every 2 --probe "$WORLD/probe" > /dev/null 2>&1
fi
CHECKPOINT_BYTES=$(stat -c %s "$(ls "$RUN"/checkpoints/*.pt | tail -1)")

# in_full_disk SIZE_KB FREE_KB SETUP COMMAND: a tmpfs of SIZE_KB at $D, SETUP run in it, then filled so
# that FREE_KB remain, then COMMAND (which writes its exit status to $R, outside the tmpfs); prints its stderr, "rc=N" and a listing of the tmpfs.
in_full_disk() {
  unshare -rm sh -c '
    D=$(mktemp -d); R=$(mktemp); mount -t tmpfs -o size=$1k none "$D" || exit 99; export D R
    sh -c "$3" || exit 98
    dd if=/dev/zero of="$D/filler" bs=4k 2>/dev/null; truncate -s -"$2"K "$D/filler"
    sh -c "$4" 2>&1 >/dev/null | tail -3; echo "rc=$(cat "$R")"
    find "$D" -name "*.tmp-*" -o -name "*.partial" | sed "s/^/LEFT: /"
    sh -c "${5:-true}"' _ "$@"
}
fail() { echo "BROKEN: $*"; exit 1; }
check() {  # NAME OUTPUT: one line naming no space and the bytes free, rc != 0, nothing left behind
  local name=$1 out=$2
  echo "$out" | grep -q "rc=99" && { echo "SKIPPED: no private mount namespace (unshare -rm) here"; exit 0; }
  echo "$out" | grep -q "LEFT:" && fail "$name left a temporary file: $out"
  echo "$out" | grep -Eqi "no space left|not enough space" || fail "$name did not say the disk is full: $out"
  echo "$out" | grep -q "free" || fail "$name did not say how much is free: $out"
  echo "$out" | grep -q "^rc=[1-9]" || fail "$name exited 0 on a full disk: $out"
  echo "$name: $(echo "$out" | grep -Ei "no space|not enough space" | head -1)"
}
export CLI WORLD RUN

# import into a library that already holds titles: the library stays as it was.
out=$(in_full_disk 2048 0 '"$CLI" import --library "$D/lib.json" "$WORLD/titles/Movies" > /dev/null 2>&1; cp "$D/lib.json" "$D/before.json"' \
  '"$CLI" import --library "$D/lib.json" "$WORLD/titles"; echo $? > "$R"' \
  'cmp "$D/lib.json" "$D/before.json" && echo INTACT')
check import "$out"; echo "$out" | grep -q INTACT || fail "import changed the library it could not save"

# prepare: covered by test_data (fullDiskStopsEarlyAndLeavesNothingPartial); here with a cache that
# already holds titles, which stay valid.
out=$(in_full_disk 4096 200 '"$CLI" prepare --library "$WORLD/library.json" --cache "$D/c" > /dev/null 2>&1; rm -f "$D"/c/*kites*' \
  '"$CLI" prepare --library "$WORLD/library.json" --cache "$D/c"; echo $? > "$R"' \
  'rm -f "$D/filler"; "$CLI" prepare --library "$WORLD/library.json" --cache "$D/c" --json | grep -q "\"up_to_date\": 3" && echo INTACT')
check prepare "$out"; echo "$out" | grep -q INTACT || fail "prepare damaged the titles prepared before"

# train: room for the run's small files and one checkpoint, not two; the first checkpoint stays loadable.
out=$(in_full_disk $((CHECKPOINT_BYTES * 2 / 1024 + 256)) $((CHECKPOINT_BYTES / 1024 + 40)) 'true' \
  '"$CLI" --threads 1 train --library "$WORLD/library.json" --run "$D/run" --steps 6 --batch 8 --titles-per-batch 2 --checkpoint-every 2; echo $? > "$R"' \
  'rm -f "$D/filler"; mount -o remount,size=256m "$D"; "$CLI" --threads 1 train --run "$D/run" --resume > /dev/null 2>&1 && echo INTACT')
check train "$out"; echo "$out" | grep -q INTACT || fail "train: the run does not resume once there is room"

# export over an earlier export: the earlier files stay whole.
out=$(in_full_disk 8192 8 '"$CLI" export --run "$RUN" --out "$D/export" > /dev/null 2>&1; md5sum "$D"/export/*.* > "$D/sums"' \
  '"$CLI" export --run "$RUN" --out "$D/export"; echo $? > "$R"' \
  'md5sum -c --quiet "$D/sums" && echo INTACT')
check export "$out"; echo "$out" | grep -q INTACT || fail "export damaged the files of an earlier export"

# probe --json into a file on the full disk.
out=$(in_full_disk 1024 0 'true' '"$CLI" probe --run "$RUN" --json > "$D/probe.json"; echo $? > "$R"')
check probe "$out"
echo "full disk: 5 commands, 0 broken promises"
