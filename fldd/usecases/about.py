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


def data_places() -> dict[str, Path]:
    """Where the person's own files are, from the settings file alone (nothing opened or created): the database
    fldd opens, the backup folder and the data folder (settings, error log)."""
    return {"database": app_config.database_path(), "backup folder": app_config.backup_folder(),
            "data folder": paths.data_dir()}


def _edition(edition) -> dict:
    """An edition for About; its note is kept complete or not (a whole table may still list only some countries)."""
    from fldd.usecases.risk_data import basis_lines

    return {"kind": edition.kind, "name": edition.name, "edition": edition.edition, "shown": edition.shown(),
            "published": edition.published, "complete": edition.complete,
            "note": edition.note, "basis": basis_lines(edition),
            "rows": edition.rows, "loaded_at": edition.loaded_at, "loaded_by": edition.loaded_by,
            "file_name": edition.file_name, "source": edition.source}


def _questionnaires(standard) -> list[dict]:
    questionnaires = []
    for q in standard.questionnaires.values():
        reads = standard.versions(q.id)
        questionnaires.append({"id": q.id, "version": q.version, "tier": q.tier, "title": q.title[q.languages[0]],
                               "languages": list(q.languages), "earlier_versions": reads[:-1]})
    questionnaires.sort(key=lambda r: (r["tier"] != "desktop", r["id"]))
    return questionnaires


def _copy_and_places(db_path: Path) -> dict:
    """The facts that need no open database: this copy, and the places (the database's size by stat only)."""
    return {
        "version": __version__,
        "python": platform.python_version(),
        "system": system_words(platform.system(), platform.release(), platform.version()),
        "bundle": bool(getattr(sys, "frozen", False)),
        "database": str(db_path),
        "database_size": database_size(db_path),
        "database_exists": db_path.is_file(),
        "data_folder": str(paths.data_dir()),
        "backup_folder": str(app_config.backup_folder()),
        "last_backup": None,
        "last_backup_path": None,
        "config_file": str(app_config.config_path()),
        "error_log": str(error_log.log_path()),
    }


def about_facts(ctx: AppContext) -> dict:
    """This copy (version, Python, system, bundle or source), the person's data (database and its size, data
    folder, backup folder and the last backup, config file), every shipped questionnaire with the versions it
    reads, and every risk-data edition in force. Only reads: nothing is written or created."""
    from fldd.usecases.backup import backup_status
    from fldd.usecases.risk_data import risk_editions

    facts = _copy_and_places(Path(ctx.store.path))
    last = backup_status(ctx)
    facts.update(last_backup=last.last_at, last_backup_path=last.last_path,
                 questionnaires=_questionnaires(ctx.standard),
                 risk_editions=[_edition(e) for e in risk_editions(ctx)], unavailable="")
    return facts


def facts_without_database(db_path: Path, why: str) -> dict:
    """The facts when the database cannot be opened (the app has it, or there is none yet), why saying so: the
    same keys, with no risk editions or last backup. Nothing is opened or created, not even the cache."""
    from fldd.standard.loader import load_shipped

    facts = _copy_and_places(db_path)
    facts.update(questionnaires=_questionnaires(load_shipped()), risk_editions=[], unavailable=why)
    return facts


def system_words(system: str, release: str, version: str) -> str:
    """'Windows 11' where Python 3.11 says release '10' but the build (version '10.0.22631') is 22000 or later;
    else the system and release as Python gives them."""
    if system == "Windows" and release == "10":
        try:
            if int(version.split(".")[2]) >= 22000:
                release = "11"
        except (IndexError, ValueError):
            pass
    return f"{system} {release}".strip()


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


def database_words(facts: dict) -> str:
    """'3.2 MB', or 'not there' when no file is at the database's place."""
    return backup_words.size(facts["database_size"]) if facts.get("database_exists", True) else "not there"


def about_text(facts: dict) -> str:
    """The facts as plain text for a support email: one fact a line, the paths in full."""
    lines = [f"fldd {facts['version']}",
             f"Running from: {'the installed bundle' if facts['bundle'] else 'source (Python environment)'}",
             f"Python: {facts['python']}"]
    lines += [f"{label}: {facts[key]}" for key, label in (("qt", "Qt"), ("pyside", "PySide6")) if facts.get(key)]
    lines += [f"System: {facts['system']}", "",
              f"Database: {facts['database']} ({database_words(facts)})",
              f"Data folder: {facts['data_folder']}",
              f"Backup folder: {facts['backup_folder']}",
              *([] if facts.get("unavailable") else [f"Last backup: {last_backup_words(facts)}"]),
              f"Settings file: {facts['config_file']}",
              f"Error log: {facts['error_log']}", "",
              "Questionnaires:"]
    lines += [f"  {questionnaire_line(q)}" for q in facts["questionnaires"]]
    if facts.get("unavailable"):
        return "\n".join(lines + ["", facts["unavailable"]]) + "\n"
    lines += ["", "Risk data in force:"]
    for e in facts["risk_editions"]:
        lines.append(f"  {edition_line(e)}")
        if e["note"]:
            lines.append(f"    {e['note']}")
        lines += [f"    {line}" for line in e["basis"]]
    return "\n".join(lines) + "\n"
