#!/usr/bin/env bash
# Generates the synthetic files of the "Media" benchmarks (docs/benchmarks.md) into DIR:
# noisy test patterns, so they are not trivially compressible, in the four codec families of issue 3.
#   h264-720p-gop11.mp4    H.264 1280x720 25 fps, GOP 11, AAC        (20 s)
#   h264-480p-gop193.mp4   H.264 854x480 25 fps, GOP 193, AAC        (20 s)
#   theora-640x480.ogg     Theora 640x480 25 fps, GOP 44, Vorbis     (20 s)
#   mjpeg-640x480.avi      MJPEG 640x480 25 fps, PCM s16             (20 s)
#   long-1h-160x120.mp4    H.264 160x120 25 fps, 1 hour, AAC         (for the RSS check)
# Usage: make_bench_media.sh DIR
set -euo pipefail
dir="${1:?usage: $0 DIR}"
mkdir -p "$dir"
ff() { ffmpeg -y -v error -nostdin "$@"; }
audio=(-f lavfi -i "sine=frequency=330:sample_rate=48000:duration=20,aeval=val(0)+0.05*random(0):c=same")
[ -f "$dir/h264-720p-gop11.mp4" ] || ff -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=20" "${audio[@]}" \
  -vf "noise=alls=12:allf=t" -c:v libx264 -preset veryfast -g 11 -keyint_min 11 -sc_threshold 0 -pix_fmt yuv420p \
  -c:a aac -shortest "$dir/h264-720p-gop11.mp4"
[ -f "$dir/h264-480p-gop193.mp4" ] || ff -f lavfi -i "mandelbrot=size=854x480:rate=25" "${audio[@]}" -t 20 \
  -vf "noise=alls=12:allf=t" -c:v libx264 -preset veryfast -g 193 -keyint_min 193 -sc_threshold 0 -pix_fmt yuv420p \
  -c:a aac -shortest "$dir/h264-480p-gop193.mp4"
[ -f "$dir/theora-640x480.ogg" ] || ff -f lavfi -i "testsrc2=size=640x480:rate=25:duration=20" "${audio[@]}" \
  -vf "noise=alls=12:allf=t" -c:v libtheora -q:v 6 -g 44 -c:a libvorbis -shortest "$dir/theora-640x480.ogg"
[ -f "$dir/mjpeg-640x480.avi" ] || ff -f lavfi -i "mandelbrot=size=640x480:rate=25" "${audio[@]}" -t 20 \
  -vf "noise=alls=12:allf=t" -c:v mjpeg -q:v 4 -pix_fmt yuvj420p -c:a pcm_s16le -shortest "$dir/mjpeg-640x480.avi"
[ -f "$dir/long-1h-160x120.mp4" ] || ff -f lavfi -i "testsrc2=size=160x120:rate=25:duration=3600" \
  -f lavfi -i "sine=frequency=330:sample_rate=16000:duration=3600" -c:v libx264 -preset ultrafast -g 50 \
  -pix_fmt yuv420p -c:a aac -b:a 32k -ac 1 "$dir/long-1h-160x120.mp4"
ls -l "$dir"
