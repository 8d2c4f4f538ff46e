"""What this copy of fldd is and what it works with: the facts Help > About and `fldd about` show, and the plain
text a person pastes into a support email ("Copy details"). Collected in one place so the window and the command
say the same thing; the Qt and PySide6 versions are added by the window (only fldd/ui imports PySide6)."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from fldd import __version__, app_config, error_log, paths
from fldd.usecases import backup_words
from fldd.usecases.context import AppContext

WHAT_IT_IS = ("Forced-labour due diligence for suppliers, field auditors and buyers: self-assessments, on-site "
              "audits, findings and corrective actions, kept on this computer and usable without internet.")


def database_size(path: Path) -> int:
    """Bytes the database takes on disk: the file and its write-ahead log (recent changes not yet folded in).
    Only the sizes are read (os.stat): the files are never opened here."""
    total = 0
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            total += part.stat().st_size
        except OSError:
            pass
    return total


def _edition(edition) -> dict:
    from fldd.usecases.risk_data import basis_lines

    return {"kind": edition.kind, "name": edition.name, "edition": edition.edition, "shown": edition.shown(),
            "published": edition.published, "complete": edition.complete,
            "note": edition.note if not edition.complete else "", "basis": basis_lines(edition),
            "rows": edition.rows, "loaded_at": edition.loaded_at, "loaded_by": edition.loaded_by,
            "file_name": edition.file_name, "source": edition.source}


def about_facts(ctx: AppContext) -> dict:
    """This copy (version, Python, system, bundle or source), the person's data (database and its size, data
    folder, backup folder and the last backup, config file), every shipped questionnaire with the versions it
    reads, and every risk-data edition in force. Only reads: nothing is written or created."""
    from fldd.usecases.backup import backup_status
    from fldd.usecases.risk_data import risk_editions

    standard = ctx.standard
    questionnaires = []
    for q in standard.questionnaires.values():
        reads = standard.versions(q.id)
        questionnaires.append({"id": q.id, "version": q.version, "tier": q.tier, "title": q.title[q.languages[0]],
                               "languages": list(q.languages), "earlier_versions": reads[:-1]})
    questionnaires.sort(key=lambda r: (r["tier"] != "desktop", r["id"]))
    db_path = Path(ctx.store.path)
    last = backup_status(ctx)
    return {
        "version": __version__,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}".strip(),
        "bundle": bool(getattr(sys, "frozen", False)),
        "database": str(db_path),
        "database_size": database_size(db_path),
        "data_folder": str(paths.data_dir()),
        "backup_folder": str(app_config.backup_folder()),
        "last_backup": last.last_at,
        "last_backup_path": last.last_path,
        "config_file": str(app_config.config_path()),
        "error_log": str(error_log.log_path()),
        "questionnaires": questionnaires,
        "risk_editions": [_edition(e) for e in risk_editions(ctx)],
    }


def where_words(edition: dict) -> str:
    """'shipped with fldd' or 'loaded 2026-12-07 by amina from dol-2025.csv'."""
    if not edition["loaded_at"]:
        return "shipped with fldd"
    return f"loaded {edition['loaded_at'][:10]} by {edition['loaded_by']} from {edition['file_name']}"


def questionnaire_line(q: dict) -> str:
    """'fldd-desktop 2.0.0 (desktop): Forced-labour desktop self-assessment; in en, es; also reads 1.0.0'."""
    also = f"; also reads {', '.join(q['earlier_versions'])}" if q["earlier_versions"] else ""
    return f"{q['id']} {q['version']} ({q['tier']}): {q['title']}; in {', '.join(q['languages'])}{also}"


def edition_line(e: dict) -> str:
    """'US DOL List of Goods ..., 2024 edition (partial reconstruction), published 2024-09-05, shipped with fldd'."""
    published = f", published {e['published']}" if e["published"] else ", publication date not known"
    return f"{e['name']}, {e['shown']}{published}, {where_words(e)}"


def last_backup_words(facts: dict) -> str:
    """'23 November 2026 at 14:02, /path/to/file.fldd-backup', or 'none yet'."""
    if not facts["last_backup"]:
        return "none yet"
    return backup_words.when(facts["last_backup"]) + (f", {facts['last_backup_path']}"
                                                       if facts["last_backup_path"] else "")


def about_text(facts: dict) -> str:
    """The facts as plain text for a support email: one fact a line, the paths in full."""
    lines = [f"fldd {facts['version']}",
             f"Running from: {'the installed bundle' if facts['bundle'] else 'source (Python environment)'}",
             f"Python: {facts['python']}"]
    lines += [f"{label}: {facts[key]}" for key, label in (("qt", "Qt"), ("pyside", "PySide6")) if facts.get(key)]
    lines += [f"System: {facts['system']}", "",
              f"Database: {facts['database']} ({backup_words.size(facts['database_size'])})",
              f"Data folder: {facts['data_folder']}",
              f"Backup folder: {facts['backup_folder']}",
              f"Last backup: {last_backup_words(facts)}",
              f"Settings file: {facts['config_file']}",
              f"Error log: {facts['error_log']}", "",
              "Questionnaires:"]
    lines += [f"  {questionnaire_line(q)}" for q in facts["questionnaires"]]
    lines += ["", "Risk data in force:"]
    for e in facts["risk_editions"]:
        lines.append(f"  {edition_line(e)}")
        if e["note"]:
            lines.append(f"    {e['note']}")
        lines += [f"    {line}" for line in e["basis"]]
    return "\n".join(lines) + "\n"
