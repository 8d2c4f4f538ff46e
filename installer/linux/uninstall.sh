#!/bin/sh
# Removes the fldd that install.sh put in your home folder: the app, the fldd command, the menu entry, the icons.
# It KEEPS your database, your settings and your backups, and says where they are.
set -eu

ID=org.fldd.fldd
DEST="$HOME/.local/opt/fldd"
BIN="$HOME/.local/bin"
SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
DATA="$SHARE/fldd"  # where fldd keeps its database and settings on Linux (FLDD_DATA_DIR when set)
[ -n "${FLDD_DATA_DIR:-}" ] && DATA=$FLDD_DATA_DIR

# A text value of fldd.json (the file app_config writes), without needing Python or jq to read it.
json_text() {
  grep -o "\"$1\": *\"[^\"]*\"" "$DATA/fldd.json" | head -n 1 | sed 's/^[^:]*: *"//; s/"$//; s/\\\\/\\/g'
}

# Only the link install.sh made: a `fldd` of another kind in ~/.local/bin (a pip install, say) stays.
if [ -L "$BIN/fldd" ] && [ "$(readlink "$BIN/fldd")" = "$DEST/fldd" ]; then rm -f "$BIN/fldd"; fi
rm -f "$SHARE/applications/$ID.desktop" "$SHARE/metainfo/$ID.metainfo.xml"
rm -f "$SHARE"/icons/hicolor/*/apps/"$ID".png "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
rm -rf "$DEST" "${XDG_CACHE_HOME:-$HOME/.cache}/fldd"  # the cache is rebuilt from the app when needed
touch "$SHARE/applications"; [ -d "$SHARE/icons/hicolor" ] && touch "$SHARE/icons/hicolor"

echo "fldd is removed. Your own files are kept:"
echo "  database and settings: $DATA"
if [ -f "$DATA/fldd.json" ]; then
  moved=$(json_text database)
  [ -n "$moved" ] && echo "  database (moved by you): $moved"
  chosen=$(json_text backup_folder)
else
  chosen=""
fi
if [ -z "$chosen" ]; then
  documents=$(xdg-user-dir DOCUMENTS 2>/dev/null || true)
  [ "$documents" = "$HOME" ] && documents=""  # no Documents folder set: fldd uses ~/Documents
  chosen="${documents:-$HOME/Documents}/fldd backups"
fi
echo "  backups: $chosen"
echo "Delete them yourself if you no longer need them; installing fldd again finds them."
