"""Command-line face of backups: `fldd backup create|restore|show|status`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from fldd.cli_register import EXIT_OK, _fail, _print_json, _run

EXIT_USAGE = 2
CLI_HOW = "Run `fldd backup create` (or press Ctrl+B in the app)"


def _facts_json(facts) -> dict:
    return {**dataclasses.asdict(facts), "path": str(facts.path)}


def _facts_lines(facts) -> list[str]:
    from fldd.usecases import backup_words as words

    lines = [f"{facts.path}", f"  made {words.when(facts.made_at)} by {words.made_by(facts.app_version)}",
             f"  holds {words.holds(facts.counts)} ({words.size(facts.size_bytes)})"]
    if facts.source_db:
        lines.append(f"  backed up from {facts.source_db}")
    if facts.older_schema:
        lines.append("  made by an earlier fldd: it is brought up to date when restored")
    return lines


def cmd_backup_create(args: argparse.Namespace) -> int:
    from fldd.usecases.backup import back_up

    def action(ctx) -> int:
        facts = back_up(ctx, args.output)
        if args.json:
            _print_json(_facts_json(facts))
        else:
            print("Backed up to " + "\n".join(_facts_lines(facts)))
        return EXIT_OK

    return _run(args, action, current_risk=False)


def cmd_backup_show(args: argparse.Namespace) -> int:
    from fldd.usecases.backup import read_backup
    from fldd.usecases.errors import Rejected

    try:
        facts = read_backup(args.file)
    except Rejected as exc:
        return _fail(exc.messages)
    if args.json:
        _print_json(_facts_json(facts))
    else:
        print("\n".join(_facts_lines(facts)))
    return EXIT_OK


def cmd_backup_status(args: argparse.Namespace) -> int:
    from fldd.usecases.backup import backup_status
    from fldd.usecases.backup_words import when

    def action(ctx) -> int:
        status = backup_status(ctx, how=CLI_HOW)
        if args.json:
            _print_json(dataclasses.asdict(status))
            return EXIT_OK
        if status.last_at is None:
            print("This workspace has never been backed up.")
        else:
            ago = "today" if status.days_ago == 0 else f"{status.days_ago} day{'' if status.days_ago == 1 else 's'} ago"
            print(f"Last backup: {when(status.last_at)} ({ago}), {status.last_path}")
        if status.reminder:
            print(status.reminder)
        return EXIT_OK

    return _run(args, action, current_risk=False)


class _NotAsked(Exception):
    """No terminal to ask at, and no --yes."""


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from fldd import app_config
    from fldd.store.errors import StoreError
    from fldd.usecases.backup import restore_file
    from fldd.usecases.backup_words import holds
    from fldd.usecases.errors import Rejected

    try:
        db = args.db or app_config.database_to_open()
    except app_config.DatabaseMissing as exc:
        return _fail([str(exc)])

    def confirm(facts, current: dict[str, int]) -> bool:
        if args.yes:
            return True
        if not sys.stdin.isatty():
            raise _NotAsked
        print("\n".join(["Restore this backup:", *_facts_lines(facts)]))
        print(f"in place of the database {db}")
        print(f"  which holds {holds(current)}.")
        print(f"The database is first saved as a backup in {app_config.backup_folder()}, so you can go back.")
        return input("Restore? [y/N] ").strip().lower() in ("y", "yes")

    try:
        facts, safety = restore_file(db, args.file, confirm=confirm)
    except _NotAsked:
        print(f"error: {args.file}: not restored: restoring replaces the database {db}, and there is no terminal to "
              "ask at. Add --yes to restore without being asked; nothing was changed.", file=sys.stderr)
        return EXIT_USAGE
    except Rejected as exc:
        return _fail(exc.messages)
    except StoreError as exc:
        return _fail([str(exc)])
    if args.json:
        _print_json({"restored": _facts_json(facts), "database": str(db), "previous_saved_as": str(safety)})
    else:
        print(f"Restored {facts.path} into {db}: it now holds {holds(facts.counts)}.")
        print(f"The database it replaced is saved as {safety}")
    return EXIT_OK


def add_backup(sub: argparse._SubParsersAction) -> None:
    """`fldd backup create|restore|show|status`."""
    parser = sub.add_parser("backup", help="back up the database (evidence files included), restore a backup")
    bsub = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    p = bsub.add_parser("create", help="write a checked backup file (default: a dated file in the backup folder)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE_OR_FOLDER",
                   help="the backup file, or a folder for a dated one")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backup_create)
    p = bsub.add_parser("restore", help="put a backup in place of the database (which is first backed up)")
    p.add_argument("file", type=Path, metavar="FILE", help="a .fldd-backup file")
    p.add_argument("--yes", action="store_true", help="do not ask (needed when not run at a terminal)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backup_restore)
    p = bsub.add_parser("show", help="what a backup file holds, read from the file alone")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backup_show)
    p = bsub.add_parser("status", help="when the database was last backed up, and whether a backup is due")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backup_status)

