#!/bin/sh
# Removes the fldd that install.sh put in your home folder: the app, the fldd command, the menu entry, the icons.
# It KEEPS your database, your settings and your backups, and says where they are (fldd itself tells: the
# `--print-data-paths` answer of the installed app, so names with accents or quotes come out exactly).
# It stops, changing nothing, when your database, backups or settings are inside the app's folder, which it
# deletes. install.sh runs the same check before it replaces that folder:
#   uninstall.sh --check-only FLDD     (FLDD: the fldd program to ask; exits 1, saying why, when unsafe)
set -eu

ID=org.fldd.fldd
DEST="$HOME/.local/opt/fldd"
BIN="$HOME/.local/bin"
SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
DATA="$SHARE/fldd"  # where fldd keeps its settings (and database) on Linux (FLDD_DATA_DIR when set)
[ -n "${FLDD_DATA_DIR:-}" ] && DATA=$FLDD_DATA_DIR
FLDD="$DEST/fldd"
CHECK_ONLY=""
if [ "${1:-}" = "--check-only" ]; then CHECK_ONLY=yes; FLDD=$2; fi

# Your places as fldd sees them ("database: PATH" a line); empty when the app cannot be asked.
places=""
[ -x "$FLDD" ] && { places=$("$FLDD" --print-data-paths 2>/dev/null) || places=""; }
place() { printf '%s\n' "$places" | sed -n "s/^$1: //p" | head -n 1; }

real() { realpath -m -- "$1" 2>/dev/null || printf '%s\n' "$1"; }
DEST_REAL=$(real "$DEST")
inside_app() {
  case $1 in "$DEST" | "$DEST"/*) return 0 ;; esac
  case $(real "$1") in "$DEST_REAL" | "$DEST_REAL"/*) return 0 ;; esac
  return 1
}
refuse() {
  printf '%s\n' "fldd: $1 is inside $DEST, the folder fldd is installed in. Installing fldd again or" \
    "uninstalling it deletes that folder, so nothing was changed. Move it out first: open fldd, then" \
    "Settings > Database > Move to another folder (for backups: Settings > Backups > Change), choose a" \
    "folder outside $DEST, and run this again." >&2
  exit 1
}
if [ -n "$places" ]; then
  for label in database "backup folder" "data folder"; do
    mine=$(place "$label")
    if [ -n "$mine" ] && inside_app "$mine"; then refuse "your $label ($mine)"; fi
  done
elif [ -f "$DATA/fldd.json" ] && grep -qF "$DEST" "$DATA/fldd.json"; then
  refuse "a folder named in your settings file ($DATA/fldd.json)"
fi
[ -n "$CHECK_ONLY" ] && exit 0

# Only the link install.sh made: a `fldd` of another kind in ~/.local/bin (a pip install, say) stays.
if [ -L "$BIN/fldd" ] && [ "$(readlink "$BIN/fldd")" = "$DEST/fldd" ]; then rm -f "$BIN/fldd"; fi
rm -f "$SHARE/applications/$ID.desktop" "$SHARE/metainfo/$ID.metainfo.xml"
rm -f "$SHARE"/icons/hicolor/*/apps/"$ID".png "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
rm -rf "$DEST" "${XDG_CACHE_HOME:-$HOME/.cache}/fldd"  # the cache is rebuilt from the app when needed
touch "$SHARE/applications"; [ -d "$SHARE/icons/hicolor" ] && touch "$SHARE/icons/hicolor"

echo "fldd is removed. Your own files are kept:"
if [ -n "$places" ]; then
  database=$(place database)
  [ -e "$database" ] || database="$database (no database there now)"
  printf '  %s\n' "database: $database" "backups: $(place "backup folder")" "settings: $(place "data folder")"
else  # the installed app did not answer: say only what is sure
  printf '  %s\n' "settings: $DATA" "database: in $DATA, or in the folder you moved it to in Settings" \
    "backups: in the backup folder you chose in Settings (Documents/fldd backups unless you changed it)"
fi
echo "Delete them yourself if you no longer need them; installing fldd again finds them."
