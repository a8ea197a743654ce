#!/usr/bin/env bash
# Qt's X11 (xcb) platform plugin needs a few system libraries that a fresh Debian/Ubuntu
# machine may lack; without them the app stops with "could not load the Qt platform plugin".
set -u
venv=${1:-.venv}
plugin=$(ls "$venv"/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so 2>/dev/null | head -1)
[ -n "$plugin" ] || exit 0
qtlib=$(dirname "$plugin")/../../lib
missing=$(LD_LIBRARY_PATH="$qtlib" ldd "$plugin" "$qtlib"/libQt6XcbQpa.so.6 2>/dev/null | grep "not found" | sort -u)
[ -z "$missing" ] && exit 0
pkgs="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "The window needs system libraries this machine lacks; installing (apt-get): $pkgs"
  apt-get update -q && apt-get install -y -q $pkgs
else
  echo "The window needs these system libraries: $pkgs"
  echo "(Debian/Ubuntu: sudo apt-get install $pkgs)"
fi
