"""Command line: `fldd` opens the desktop app; subcommands script the same use cases headless."""

import argparse
from pathlib import Path

from fldd import __version__

EXIT_OK = 0
EXIT_REJECTED = 1  # the input was read and refused; the message names the file, sheet, cell or question
EXIT_USAGE = 2  # argparse uses 2 for bad command lines too


def _open_app(args: argparse.Namespace) -> int:
    """Open the desktop window (or, with --selftest, check this copy and exit); Qt is imported only here so the
    rest of the CLI stays fast."""
    if args.print_data_paths is not None:
        return _print_data_paths(args.print_data_paths)
    if args.selftest:
        from fldd.usecases.selftest import run_selftest

        return EXIT_OK if run_selftest(lambda line: print(line, flush=True)) else EXIT_REJECTED
    from fldd.ui.app import run_app

    return run_app(args.db, demo_if_new=args.demo_if_new)  # None: the database fldd.json points at


def _print_data_paths(answer_file: str) -> int:
    """The person's own places, one a line ('database: PATH'), for the uninstallers: on stdout as the bytes the
    file system uses, or into answer_file as UTF-16LE (no byte-order mark) with CRLF (what the Windows uninstaller reads). Reads the
    settings file only: nothing is opened or created."""
    import os
    import sys

    from fldd.usecases.about import data_places

    lines = [f"{label}: {place}" for label, place in data_places().items()]
    if answer_file:
        Path(answer_file).write_bytes("\r\n".join(lines + [""]).encode("utf-16-le"))  # no BOM: read as is
    else:
        sys.stdout.buffer.write(b"".join(os.fsencode(line) + b"\n" for line in lines))
        sys.stdout.flush()
    return EXIT_OK


# Each entry adds one subcommand: it takes the subparsers object, adds its parser and sets
# `handler` (a function of the parsed args returning an exit code) with set_defaults.
def _standard_commands() -> tuple:
    from fldd import cli_about, cli_actions, cli_backup, cli_exchange, cli_register, cli_report, cli_risk, cli_standard

    return (cli_standard.add_questionnaires, cli_standard.add_score, cli_register.add_suppliers,
            cli_register.add_assessments, cli_actions.add_actions, cli_register.add_demo, cli_exchange.add_workbook,
            cli_report.add_report, cli_risk.add_risk, cli_backup.add_backup, cli_about.add_about)


SUBCOMMANDS: tuple = ()


def _app_parser() -> argparse.ArgumentParser:
    """The options of the bare `fldd` (open the app), without any subcommand."""
    parser = argparse.ArgumentParser(prog="fldd", description="Forced-labour due diligence, offline.")
    parser.add_argument("--version", action="version", version=f"fldd {__version__}")
    parser.add_argument("--db", type=Path, metavar="FILE", help="database file (default: in the user data folder)")
    parser.add_argument("--selftest", action="store_true",
                        help="check that this copy of fldd works (a temporary database; yours is not opened) and exit")
    parser.add_argument("--print-data-paths", nargs="?", const="", metavar="FILE",
                        help="print where your database, backups and settings are (into FILE, in UTF-16, when given) "
                             "and exit; used by the uninstallers")
    parser.add_argument("--demo-if-new", action="store_true",
                        help="when the database does not exist yet, fill it with the demo portfolio first")
    parser.set_defaults(handler=_open_app)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with every subcommand from SUBCOMMANDS."""
    parser = _app_parser()
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add_subcommand in _standard_commands() + SUBCOMMANDS:
        add_subcommand(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `fldd` and `python -m fldd`; returns the exit code."""
    import sys

    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["--fldd-read-worker"]:  # the bundled app started as a bulk import's reader process
        from fldd.usecases.workbook_workers import main as worker

        return worker()
    opens_app = not [w for i, w in enumerate(words) if not w.startswith("-") and (i == 0 or words[i - 1] not in ("--db", "--print-data-paths"))]
    if opens_app and not {"-h", "--help"} & set(words):
        args = _app_parser().parse_args(words)  # the window opens sooner without the subcommands' set-up
    else:
        args = build_parser().parse_args(words)
    try:
        return args.handler(args)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        import os

        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush from failing again
        return EXIT_OK
