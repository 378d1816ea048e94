#!/usr/bin/env bash
# Builds the .deb with CPack and checks that it installs what a desktop user needs.
set -euo pipefail
build="$1"
cd "$build"
rm -f binge_*.deb
cpack -G DEB >/dev/null
deb=$(ls binge_*.deb | head -n 1)
listing=$(dpkg-deb -c "$deb")
status=0
for f in ./usr/bin/binge ./usr/bin/binge-cli ./usr/share/applications/binge.desktop \
         ./usr/share/icons/hicolor/scalable/apps/binge.svg; do
  if ! grep -q " $f\$" <<<"$listing"; then
    echo "missing from $deb: $f" >&2
    status=1
  fi
done
dpkg-deb -f "$deb" Depends | grep -q libtorch || { echo "$deb does not depend on libtorch" >&2; status=1; }
[ $status -eq 0 ] && echo "$deb holds binge, binge-cli, the desktop entry and the icon"
exit $status
