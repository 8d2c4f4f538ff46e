"""Command-line faces of the workbook exchange: `fldd workbook export` and `fldd workbook import`."""

from __future__ import annotations

import argparse
from pathlib import Path

from fldd.cli_import_log import add_log
from fldd.cli_received import add_received
from fldd.cli_register import EXIT_OK, EXIT_REJECTED, _print_json, _run
from fldd.cli_sent import add_sent

MISSING_SHOWN = 12


def cmd_export(args: argparse.Namespace) -> int:
    from fldd.usecases.errors import Rejected
    from fldd.usecases.exchange import export_workbook, find_supplier

    def action(ctx) -> int:
        if args.all or len(args.supplier) > 1:
            return _export_many(ctx, args)
        if Path(args.output).suffix.lower() == ".json":  # a JSON answer pack of one assessment
            from fldd.usecases.answer_pack import export_pack

            if args.assessment is None:
                raise Rejected([f"{args.output}: an answer pack carries one assessment: name it with --assessment ID"])
            path = export_pack(ctx, args.assessment, args.output)
            print(f"wrote answer pack {path} (assessment {args.assessment})")
            return EXIT_OK
        supplier_id = find_supplier(ctx, args.supplier[0])
        done = export_workbook(ctx, supplier_id, args.questionnaire, args.output, lang=args.lang,
                               assessment_id=args.assessment)
        if args.json:
            _print_json({"path": str(done.path), "export_id": done.export_id, "questions": done.questions,
                         "prefilled": done.prefilled})
        else:
            prefilled = f", {done.prefilled} answers prefilled" if done.prefilled else ""
            print(f"wrote {done.path}: {done.questions} questions{prefilled} (export {done.export_id})")
        return EXIT_OK

    return _run(args, action)


def _export_many(ctx, args: argparse.Namespace) -> int:
    """One workbook per supplier into the folder -o names, each file or refusal listed as it is done; exit 1 when
    any supplier was refused."""
    import sys

    from fldd.usecases.bulk_export import BulkOutcome, export_workbooks
    from fldd.usecases.errors import Rejected
    from fldd.usecases.exchange import find_supplier
    from fldd.usecases.suppliers import register

    folder = Path(args.output)
    if args.assessment is not None:
        raise Rejected(["--assessment re-sends one supplier's assessment: give one --supplier with it"])
    if folder.suffix.lower() in (".xlsx", ".json"):
        raise Rejected([f"{folder}: with several suppliers -o names a folder, one workbook per supplier"])
    ids: list[int] = []
    unknown: list[BulkOutcome] = []
    if args.all:
        ids = [row["id"] for row in register(ctx)]
        if not ids:
            raise Rejected(["the register has no supplier yet (see `fldd suppliers add`)"])
    for ref in args.supplier:
        try:
            ids.append(find_supplier(ctx, ref))
        except Rejected as exc:
            unknown.append(BulkOutcome(0, ref, reasons=tuple(exc.messages)))

    def say(outcome: BulkOutcome) -> None:
        if args.json:
            return
        if outcome.written:
            print(f"wrote {outcome.path}")
        else:
            print(f"refused {outcome.supplier}: {'; '.join(outcome.reasons)}")
        sys.stdout.flush()  # hundreds of suppliers: each line as it is done

    for outcome in unknown:
        say(outcome)
    outcomes = unknown + export_workbooks(ctx, ids, args.questionnaire, folder, args.lang,
                                          progress=lambda done, total, outcome: say(outcome))
    written = sum(o.written for o in outcomes)
    refused = len(outcomes) - written
    if args.json:
        _print_json({"folder": str(folder), "questionnaire": args.questionnaire, "language": args.lang,
                     "written": written, "refused": refused, "suppliers": [o.to_json() for o in outcomes]})
    else:
        print(f"{written} workbook{'s' if written != 1 else ''} written to {folder}"
              + (f", {refused} supplier{'s' if refused != 1 else ''} refused" if refused else ""))
    return EXIT_REJECTED if refused else EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from fldd.usecases.errors import Rejected
    from fldd.usecases.exchange import import_paths, write_report_xlsx
    from fldd.usecases.output_files import refuse_unwritable

    def action(ctx) -> int:
        if args.report:
            try:
                refuse_unwritable(args.report)
            except Rejected as exc:
                raise Rejected([*exc.messages, "--report: the report cannot be written there, so nothing was "
                                "imported"]) from None
        reports = import_paths(ctx, args.paths, dry_run=args.dry_run)
        unwritten = None
        if args.report:
            try:
                write_report_xlsx(reports, args.report)
            except Rejected as exc:
                unwritten = exc
        _print_reports(args, reports)
        if unwritten is not None:  # the imports stand: say so, and exit 1 for the missing report
            done = "checked (dry run: nothing imported)" if args.dry_run else "imported"
            raise Rejected([f"the files were {done} as listed; the report could not be written: {message}"
                            for message in unwritten.messages])
        return EXIT_REJECTED if any(r.outcome == "rejected" for r in reports) or not reports else EXIT_OK

    return _run(args, action)


def _print_reports(args: argparse.Namespace, reports) -> None:
    """Each file's outcome, its problems, what keeps it a draft and its changes, then the tally (or JSON)."""
    from fldd.exchange.outcome import NOT_ANSWERED

    if args.json:
        _print_json({"dry_run": args.dry_run, "files": [r.to_json() for r in reports]})
        return
    for r in reports:
        print(r.summary())
        for issue in r.errors:
            print(f"  error: {issue.where() + ': ' if issue.where() else ''}{issue.message}")
        unanswered = [m for m in r.missing if m.message == NOT_ANSWERED]
        if unanswered:
            shown = ", ".join(m.question or "?" for m in unanswered[:MISSING_SHOWN])
            more = f" and {len(unanswered) - MISSING_SHOWN} more" if len(unanswered) > MISSING_SHOWN else ""
            print(f"  required, not answered: {shown}{more}")
        for lacking in (m for m in r.missing if m.message != NOT_ANSWERED):  # e.g. a sample below its minimum
            print(f"  draft: {lacking.missing_text()}")
        if r.revision and r.revision > 1:
            for change in r.changes:
                print(f"  changed: {change}")
        for change in r.corrections:
            print(f"  supplier correction suggested: {change.question}: {change.old!r} -> {change.new!r} "
                  "(see `fldd suppliers corrections`)")
    counts = {}
    for r in reports:
        counts[r.outcome] = counts.get(r.outcome, 0) + 1
    tally = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()) or "no files"
    print(f"{len(reports)} file(s): {tally}" + (" (dry run: nothing written)" if args.dry_run else ""))


def add_workbook(sub: argparse._SubParsersAction) -> None:
    """`fldd workbook export|sent|import|log|open|answer|write-back|pack`."""
    parser = sub.add_parser("workbook", help="send questionnaires as Excel workbooks and import them back")
    wsub = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    p = wsub.add_parser("export", help="write a questionnaire workbook for a supplier (or many) to fill in")
    p.add_argument("--questionnaire", required=True, metavar="ID", help="e.g. fldd-desktop")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--supplier", action="append", default=[], metavar="SUPPLIER",
                     help="the supplier's id or exact name; give it several times for several suppliers")
    who.add_argument("--all", action="store_true", help="every supplier in the register")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx|FOLDER",
                   help="the file; with several suppliers or --all, a folder (made if missing) for one workbook each")
    p.add_argument("--lang", default="en", metavar="LL", help="language of the workbook (default en)")
    p.add_argument("--assessment", type=int, metavar="ID",
                   help="re-send this assessment: its answers prefilled, the returned file updates it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_export)
    add_sent(wsub)
    p = wsub.add_parser("import", help="check and import returned workbooks (files or folders)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    p.add_argument("--report", type=Path, metavar="FILE.xlsx",
                   help="also save the per-file report as a workbook (checked before anything is imported)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)
    add_log(wsub)
    add_received(wsub)
