"""Command-line face of the import log: `fldd workbook log`, what happened to every file imported."""

from __future__ import annotations

import argparse
import datetime as dt

from fldd.cli_register import EXIT_OK, _print_json, _run

OUTCOME_CHOICES = ("accepted", "accepted_incomplete", "rejected", "unchanged", "superseded")
DEFAULT_LIMIT = 100


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of at least 1")
    return int(text)


def cmd_log(args: argparse.Namespace) -> int:
    from fldd.usecases.import_log import LogFilter, import_entry, import_log, local_time_text, outcome_word

    def action(ctx) -> int:
        where = LogFilter(outcome=args.outcome, supplier=args.supplier or "", since=args.since, until=args.until)
        page = import_log(ctx, where, limit=args.limit)
        if args.json:
            _print_json({"total": page.total, "shown": len(page.lines),
                         "entries": [import_entry(ctx, line.id).to_json() for line in page.lines]})
            return EXIT_OK
        for line in page.lines:
            supplier = line.supplier or "(supplier not known)"
            print(f"{local_time_text(line.imported_at)}  {outcome_word(line.outcome):<19}  {line.file_name}  "
                  f"·  {supplier}" + (f"  ·  {line.questionnaire}" if line.questionnaire else ""))
            if line.problems:  # every reason: what to write back to the supplier
                for issue in import_entry(ctx, line.id).problems:
                    print(f"      {issue}")
            else:
                print(f"      {line.gist()}")
        shown = f"{len(page.lines)} of {page.total}" if page.more else f"{page.total}"
        more = f"; --limit {page.total} shows them all" if page.more else ""
        print(f"{shown} import(s), newest first{more}")
        return EXIT_OK

    return _run(args, action)


def add_log(wsub: argparse._SubParsersAction) -> None:
    """`fldd workbook log`, under `fldd workbook`."""
    p = wsub.add_parser("log", help="what happened to every file imported, newest first")
    p.add_argument("--outcome", choices=OUTCOME_CHOICES, help="only files with this outcome")
    p.add_argument("--supplier", metavar="TEXT", help="only files of suppliers whose name contains TEXT")
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="imported on or after this day")
    p.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="imported on or before this day")
    p.add_argument("--limit", type=_count, default=DEFAULT_LIMIT, metavar="N",
                   help=f"at most N files (default {DEFAULT_LIMIT})")
    p.add_argument("--json", action="store_true", help="every entry whole: problems, changes, missing answers")
    p.set_defaults(handler=cmd_log)
