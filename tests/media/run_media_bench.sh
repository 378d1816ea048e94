#!/usr/bin/env bash
# The "Media" benchmarks of docs/benchmarks.md, side by side in one run:
#   1. binge-cli bench decode vs the PyAV reference loader on the same files, same clip count;
#   2. peak RSS while decoding random clips from a 1-hour file (with an RSS trace);
#   3. import (probe) of 1,000 files.
# Usage: run_media_bench.sh BUILD_DIR MEDIA_DIR [CLIPS]   (MEDIA_DIR from make_bench_media.sh)
set -euo pipefail
build="${1:?usage: $0 BUILD_DIR MEDIA_DIR [CLIPS]}"
media="${2:?usage: $0 BUILD_DIR MEDIA_DIR [CLIPS]}"
clips="${3:-200}"
cli="$build/app/binge-cli"
peer="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/shared/peers/pyav_clips.py"
real=/usr/share/forensics-samples/original-files
out="$build/media-bench"
mkdir -p "$out"
files=("$real/movie2/movie-hello.mp4" "$real/movie1/VID_20191220_170832.mp4" "$real/movie2/movie-hello.avi"
       "$real/movie2/movie-hello.mpeg" "$real/movie2/movie-hello.ogg"
       "$media/h264-720p-gop11.mp4" "$media/h264-480p-gop193.mp4" "$media/theora-640x480.ogg"
       "$media/mjpeg-640x480.avi")

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== 1. random clips, all files: binge-cli bench decode --clips $clips --seed 0 --json FILES"
"$cli" bench decode --clips "$clips" --seed 0 --json "${files[@]}" > "$out/bench-decode.json" 2> "$out/bench-decode.log"
cat "$out/bench-decode.log"
echo "== 1. PyAV reference: /usr/bin/python3 $peer $clips FILES"
/usr/bin/python3 "$peer" "$clips" "${files[@]}" 2>/dev/null | tee "$out/pyav-all.txt"
echo "== 1b. per file, PyAV reference ($((clips / 4)) clips each)"
for f in "${files[@]}"; do
  printf '%s: ' "$(basename "$f")"
  /usr/bin/python3 "$peer" "$((clips / 4))" "$f" 2>/dev/null
done | tee "$out/pyav-per-file.txt"

echo "== 2. RSS on a 1-hour file: binge-cli bench decode --clips 2000 --no-per-file --json long-1h-160x120.mp4"
"$cli" bench decode --clips 2000 --no-per-file --json "$media/long-1h-160x120.mp4" > "$out/bench-rss.json" 2> "$out/bench-rss.log"
cat "$out/bench-rss.log"
/usr/bin/python3 -c "import json; d=json.load(open('$out/bench-rss.json')); print('rss trace MB:', [round(x) for x in d['rss_trace_mb']])"

echo "== 3. import of 1,000 files (hard links of one 5 s H.264+AAC file)"
rm -rf "$out/thousand" && mkdir -p "$out/thousand"
ffmpeg -y -v error -nostdin -f lavfi -i testsrc2=size=320x240:rate=25:duration=5 -f lavfi -i sine=duration=5 \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac "$out/thousand/seed.mp4"
for i in $(seq -w 1 999); do ln "$out/thousand/seed.mp4" "$out/thousand/title-$i.mp4"; done
rm -f "$out/thousand.json"
start=$(date +%s.%N)
"$cli" import --library "$out/thousand.json" "$out/thousand" 2> "$out/import.log" >/dev/null
end=$(date +%s.%N)
tail -1 "$out/import.log" | head -c 300; echo
echo "import seconds: $(echo "$end - $start" | bc)"
start=$(date +%s.%N)
"$cli" import --library "$out/thousand.json" "$out/thousand" 2> "$out/reimport.log" >/dev/null
end=$(date +%s.%N)
echo "re-import (unchanged) seconds: $(echo "$end - $start" | bc)"
