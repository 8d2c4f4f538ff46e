#!/usr/bin/env bash
# Builds fldd for Linux from a clone, in one command: installer/build_linux.sh
#   dist/fldd/                                  the app bundle (runs without Python: dist/fldd/fldd)
#   dist/fldd-VERSION-linux-ARCH.tar.gz         the bundle with a menu entry, AppStream data, the icon and
#                                               install.sh / uninstall.sh for a per-user install without root
# It sets up .venv with ./dev setup first (PyInstaller comes with the test extra). No AppImage: appimagetool is
# downloaded from GitHub, which this build does not rely on (installer/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'build_linux: %s\n' "$*" >&2; }

./dev setup
PY=.venv/bin/python
VERSION=$("$PY" -c 'import fldd; print(fldd.__version__)')
ARCH=$(uname -m)
NAME="fldd-$VERSION-linux-$ARCH"
ID=org.fldd.fldd

# The AppStream file must describe this version (software centres show its release notes).
grep -q "<release version=\"$VERSION\"" "installer/linux/$ID.metainfo.xml" ||
  { say "installer/linux/$ID.metainfo.xml has no <release version=\"$VERSION\">: add one"; exit 1; }
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "installer/linux/$ID.metainfo.xml" >/dev/null ||
    { appstreamcli validate --no-net "installer/linux/$ID.metainfo.xml" >&2; exit 1; }
else
  say "appstreamcli not found (apt-get install appstream): the AppStream file is not validated"
fi
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "installer/linux/$ID.desktop"
fi

say "building the bundle in dist/fldd (about a minute)"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller installer/fldd.spec
dist/fldd/fldd --version >/dev/null

say "packing dist/$NAME.tar.gz"
installer/linux/stage.sh dist/fldd "build/$NAME" "$VERSION"
tar -C build -czf "dist/$NAME.tar.gz" "$NAME"
rm -rf "build/$NAME"
say "done: dist/fldd/ ($(du -sh dist/fldd | cut -f1)) and dist/$NAME.tar.gz ($(du -sh "dist/$NAME.tar.gz" | cut -f1))"
