"""Command-line face of the reports: `fldd report pdf|xlsx|portfolio|dossier|verify|key`. Each command calls the
same use case as the app's report actions and prints the file it wrote."""

from __future__ import annotations

import argparse
from pathlib import Path

from fldd.cli_register import EXIT_OK, EXIT_REJECTED, _print_json, _run


def cmd_report_pdf(args: argparse.Namespace) -> int:
    from fldd.usecases.report_assessment import write_assessment_pdf

    def action(ctx) -> int:
        written = write_assessment_pdf(ctx, args.assessment, args.output, closing=args.closing)
        print(f"wrote {written}")
        return EXIT_OK

    return _run(args, action, current_risk=True)


def cmd_report_xlsx(args: argparse.Namespace) -> int:
    from fldd.usecases.report_assessment_xlsx import write_assessment_xlsx

    def action(ctx) -> int:
        written = write_assessment_xlsx(ctx, args.assessment, args.output)
        print(f"wrote {written}")
        return EXIT_OK

    return _run(args, action, current_risk=True)


def cmd_report_portfolio(args: argparse.Namespace) -> int:
    from fldd.usecases.report_portfolio import write_portfolio_report

    def action(ctx) -> int:
        written = write_portfolio_report(ctx, args.output, since=args.since, until=args.until)
        print(f"wrote {written}")
        return EXIT_OK

    return _run(args, action, current_risk=True)


def cmd_report_dossier(args: argparse.Namespace) -> int:
    from fldd.usecases.dossier import write_dossier

    def action(ctx) -> int:
        written = write_dossier(ctx, args.supplier, args.output)
        print(f"wrote {written}")
        return EXIT_OK

    return _run(args, action, current_risk=True)


def cmd_report_verify(args: argparse.Namespace) -> int:
    from fldd.terminal_text import json_shown
    from fldd.usecases.dossier import verify_dossier

    def action(ctx) -> int:
        outcome = verify_dossier(ctx, args.file)
        if args.json:  # the dossier's own text may hold bidi or control characters: escaped, never raw
            print(json_shown(outcome))
        else:
            for line in outcome["lines"]:
                print(line)
        return EXIT_OK if outcome["intact"] else EXIT_REJECTED

    return _run(args, action)


def cmd_report_key(args: argparse.Namespace) -> int:
    from fldd.usecases.dossier_key import own_fingerprint

    def action(ctx) -> int:
        key = own_fingerprint(ctx, create=True)
        if args.json:
            _print_json({"fingerprint": key})
        else:
            print(f"This database signs its dossiers with the key {key}")
            print("Give this fingerprint to the recipients of your dossiers by another channel than the dossier "
                  "(your e-mail signature, your website, a letter): `fldd report verify` prints the fingerprint "
                  "of the key that signed a dossier, for them to compare.")
        return EXIT_OK

    return _run(args, action)


def add_report(sub: argparse._SubParsersAction) -> None:
    """`fldd report ...`: the files fldd hands over."""
    parser = sub.add_parser("report", help="write reports: assessment PDF or Excel, portfolio, dossier")
    rsub = parser.add_subparsers(title="reports", metavar="REPORT", required=True)

    p = rsub.add_parser("pdf", help="the assessment report as PDF (or, with --closing, the closing-meeting summary)")
    p.add_argument("assessment", type=int, metavar="ASSESSMENT", help="assessment id")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--closing", action="store_true",
                   help="the short on-site closing-meeting summary: findings, dates and signatures")
    p.set_defaults(handler=cmd_report_pdf)

    p = rsub.add_parser("xlsx", help="the assessment report as Excel tables (answers, findings, indicators, evidence)")
    p.add_argument("assessment", type=int, metavar="ASSESSMENT", help="assessment id")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_report_xlsx)

    p = rsub.add_parser("portfolio", help="the portfolio report with the statement KPIs, as PDF or Excel")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf|FILE.xlsx")
    p.add_argument("--since", metavar="DATE", help="first day of the period (default: a year before --until)")
    p.add_argument("--until", metavar="DATE", help="last day of the period, today or earlier (default: today)")
    p.set_defaults(handler=cmd_report_portfolio)

    p = rsub.add_parser("dossier", help="one supplier's due-diligence dossier: reports, data, evidence, signed manifest")
    p.add_argument("supplier", metavar="SUPPLIER", help="supplier id or exact name")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.zip")
    p.set_defaults(handler=cmd_report_dossier)

    p = rsub.add_parser("verify", help="check a dossier: every file against the manifest, and the signature")
    p.add_argument("file", type=Path, metavar="FILE.zip")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_report_verify)

    p = rsub.add_parser("key", help="the fingerprint of the key that signs this database's dossiers, to give out")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_report_key)
