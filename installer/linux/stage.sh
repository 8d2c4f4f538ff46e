#!/bin/sh
# Lays out the Linux download's folder: stage.sh BUNDLE FOLDER VERSION
#   FOLDER/fldd/            the app bundle (a copy of BUNDLE, PyInstaller's dist/fldd)
#   FOLDER/install.sh, uninstall.sh, README.txt
#   FOLDER/share/           the menu entry, the AppStream file and the icons that install.sh puts in place
# installer/build_linux.sh packs FOLDER as the tarball; tests/installer lays one out around a stand-in bundle.
set -eu
[ $# -eq 3 ] || { echo "usage: stage.sh BUNDLE FOLDER VERSION" >&2; exit 2; }
BUNDLE=$1 STAGE=$2 VERSION=$3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ID=org.fldd.fldd

rm -rf "$STAGE"
mkdir -p "$STAGE/share/icons"
cp -R "$BUNDLE" "$STAGE/fldd"
cp "$ROOT/installer/linux/install.sh" "$ROOT/installer/linux/uninstall.sh" "$STAGE/"
cp "$ROOT/installer/linux/$ID.desktop" "$ROOT/installer/linux/$ID.metainfo.xml" "$STAGE/share/"
for size in 16 24 32 48 64 128 256 512; do  # the sizes of the desktops' hicolor icon theme
  cp "$ROOT/resources/icons/fldd-$size.png" "$STAGE/share/icons/"
done
cp "$ROOT/resources/icons/fldd.svg" "$STAGE/share/icons/"
cat >"$STAGE/README.txt" <<TEXT
fldd $VERSION for Linux

To install it for yourself (no administrator needed):   ./install.sh
Then start fldd from your applications menu (Office), or type: fldd
To check that this copy works on your computer:         ./fldd/fldd --selftest
To remove it later:                                     ~/.local/opt/fldd/uninstall.sh
Uninstalling keeps your database and your backups.

This copy was built on Debian 12: it needs a 64-bit Linux of the same age or newer (glibc 2.36 or later,
for example Debian 12, Ubuntu 23.04, Fedora 37) with a graphical desktop.
TEXT
