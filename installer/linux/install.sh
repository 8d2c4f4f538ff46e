#!/bin/sh
# Installs fldd for you alone, without root: run it from the unpacked folder (`./install.sh`).
#   the app              ~/.local/opt/fldd          (replaced whole when you install a newer version)
#   the command          ~/.local/bin/fldd          (a link to the app)
#   the menu entry       ~/.local/share/applications/org.fldd.fldd.desktop
#   the icon             ~/.local/share/icons/hicolor/*/apps/org.fldd.fldd.png (and .svg)
#   the description      ~/.local/share/metainfo/org.fldd.fldd.metainfo.xml (for software centres)
# Your database and backups are not in any of these: installing again or uninstalling leaves them alone.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ID=org.fldd.fldd
DEST="$HOME/.local/opt/fldd"
BIN="$HOME/.local/bin"
SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"

[ -x "$HERE/fldd/fldd" ] || { echo "install.sh: no fldd/fldd beside this script: run it from the unpacked folder" >&2; exit 1; }
# The new copy must start before the old one is replaced (a damaged download must not leave you without fldd).
"$HERE/fldd/fldd" --version >/dev/null || { echo "install.sh: the fldd in $HERE/fldd does not start; nothing was changed" >&2; exit 1; }

mkdir -p "$(dirname "$DEST")" "$BIN" "$SHARE/applications" "$SHARE/metainfo"
rm -rf "$DEST.new"
cp -R "$HERE/fldd" "$DEST.new"
cp "$HERE/uninstall.sh" "$DEST.new/uninstall.sh"
rm -rf "$DEST"
mv "$DEST.new" "$DEST"
ln -sfn "$DEST/fldd" "$BIN/fldd"

# The menu entry starts the app by its full path: ~/.local/bin is not on every desktop's PATH.
case $DEST in
  *[\"\`\$\\]*) exec_line="Exec=fldd" ;;  # characters a .desktop Exec line would need escaped: rely on PATH
  *) exec_line="Exec=\"$DEST/fldd\"" ;;
esac
sed "s|^Exec=.*|$exec_line|" "$HERE/share/$ID.desktop" >"$SHARE/applications/$ID.desktop"
cp "$HERE/share/$ID.metainfo.xml" "$SHARE/metainfo/$ID.metainfo.xml"
for png in "$HERE"/share/icons/fldd-*.png; do
  size=$(basename "$png" .png); size=${size#fldd-}
  mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$SHARE/icons/hicolor/${size}x${size}/apps/$ID.png"
done
mkdir -p "$SHARE/icons/hicolor/scalable/apps"
cp "$HERE/share/icons/fldd.svg" "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
# Desktops watch these folders; a newer folder date also tells an icon cache, where one exists, to look again.
touch "$SHARE/applications" "$SHARE/icons/hicolor"

echo "fldd $("$DEST/fldd" --version | sed 's/^fldd //') is installed in $DEST"
echo "Start it from your applications menu (Office), or type: fldd"
case ":$PATH:" in
  *":$BIN:"*) ;;
  *) echo "($BIN is not on your PATH yet: log out and in again, or start it as $DEST/fldd)" ;;
esac
echo "To remove it later: $DEST/uninstall.sh (your database and backups are kept)"
