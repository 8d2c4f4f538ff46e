"""Command-line face of the About box: `fldd about [--json]`, the same facts as Help > About fldd."""

from __future__ import annotations

import argparse
import sys

from fldd.cli_register import EXIT_OK, _print_json, _run


IN_THE_APP = ("The risk-data editions in force and the last backup are shown in the app's About box "
              "(Help > About fldd): the app has this database open now.")


def cmd_about(args: argparse.Namespace) -> int:
    """The facts; while the app has the database, or when there is none yet, those that need no database (never
    refused, and nothing is created)."""
    from fldd import app_config
    from fldd.store.lock import DatabaseInUse
    from fldd.usecases.about import about_facts, about_text, facts_without_database

    def show(facts: dict) -> int:
        if args.json:
            _print_json(facts)
        else:
            sys.stdout.write(about_text(facts))
        return EXIT_OK

    db = args.db or app_config.database_path()
    if not db.is_file():
        moved = "" if args.db or not app_config.load().database else \
            " (the place it was moved to in Settings: is its drive or folder there?)"
        return show(facts_without_database(db, f"No database yet at {db}{moved}. The app makes it when it "
                                               "first starts; nothing was created now."))
    try:
        return _run(args, lambda ctx: show(about_facts(ctx)), current_risk=False, reraise=(DatabaseInUse,))
    except DatabaseInUse:
        return show(facts_without_database(db, IN_THE_APP))


def add_about(sub: argparse._SubParsersAction) -> None:
    """`fldd about`."""
    p = sub.add_parser("about", help="this copy's version, where your data lives, the questionnaire versions and "
                                     "the risk-data editions in force (what a support request needs)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_about)
