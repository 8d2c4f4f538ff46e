"""Command-line faces of a supplier answering its buyer's workbook: `fldd workbook open`, `answer`, `write-back`."""

from __future__ import annotations

import argparse
from pathlib import Path

from fldd.cli_register import EXIT_OK, _print_json, _run


def cmd_open(args: argparse.Namespace) -> int:
    from fldd.usecases.received_workbook import open_received

    def action(ctx) -> int:
        opened = open_received(ctx, args.file)
        if args.json:
            _print_json({"assessment_id": opened.assessment_id, "supplier_id": opened.supplier_id,
                         "export_id": opened.export_id, "created": opened.created, "answers": opened.answers,
                         "changed": opened.changed, "note": opened.note})
        else:
            what = "new assessment" if opened.created else "assessment"
            note = f" ({opened.note})" if opened.note else ""
            print(f"{args.file.name}: {what} {opened.assessment_id} answers it; {opened.answers} answers in the "
                  f"workbook, {opened.changed} set here (export {opened.export_id}){note}")
        return EXIT_OK

    return _run(args, action)


def cmd_answer(args: argparse.Namespace) -> int:
    from fldd.usecases.answer_file import answer_from_file

    def action(ctx) -> int:
        done = answer_from_file(ctx, args.assessment, args.answers)
        if args.json:
            _print_json({"assessment_id": args.assessment, "answers": done.answers, "comments": done.comments,
                         "missing": list(done.missing)})
        else:
            print(f"assessment {args.assessment}: {done.answers} answers and {done.comments} comments saved; "
                  f"{len(done.missing)} required questions still open")
        return EXIT_OK

    return _run(args, action)


def cmd_write_back(args: argparse.Namespace) -> int:
    from fldd.usecases.write_back import write_back

    def action(ctx) -> int:
        done = write_back(ctx, args.assessment, args.output, overwrite=args.overwrite)
        if args.json:
            _print_json({"path": str(done.path), "export_id": done.export_id, "answers": done.answers,
                         "comments": done.comments, "evidence_not_carried": done.evidence})
        else:
            print(f"wrote {done.path}: {done.answers} answers, {done.comments} comments (export {done.export_id})")
            if done.evidence:
                print(f"  {done.evidence} evidence file(s) do not travel in a workbook: send them as an answer pack "
                      f"(fldd workbook pack {args.assessment} -o FILE.zip)")
        return EXIT_OK

    return _run(args, action)


def cmd_pack(args: argparse.Namespace) -> int:
    from fldd.usecases.answer_pack import export_pack

    def action(ctx) -> int:
        path = export_pack(ctx, args.assessment, args.output)
        print(f"wrote answer pack {path} (assessment {args.assessment})")
        return EXIT_OK

    return _run(args, action)


def add_received(wsub: argparse._SubParsersAction) -> None:
    """`fldd workbook open|answer|write-back|pack`: the supplier's side of the exchange."""
    p = wsub.add_parser("open", help="open a workbook a buyer sent: check it and answer it in this database")
    p.add_argument("file", type=Path, metavar="FILE.xlsx")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_open)
    p = wsub.add_parser("answer", help="set answers and comments of an assessment from a JSON file")
    p.add_argument("assessment", type=int, metavar="ASSESSMENT")
    p.add_argument("answers", type=Path, metavar="ANSWERS.json",
                   help='{"answers": {"question_id": value, ...}, "comments": {"question_id": "text", ...}}')
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_answer)
    p = wsub.add_parser("write-back", help="write the received workbook back with this assessment's answers")
    p.add_argument("assessment", type=int, metavar="ASSESSMENT")
    p.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx",
                   help="default: beside the received file, as 'NAME - answered.xlsx'")
    p.add_argument("--overwrite", action="store_true", help="replace the file if it exists (even the one received)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_write_back)
    p = wsub.add_parser("pack", help="write an assessment as an answer pack (.json; .zip also carries its evidence)")
    p.add_argument("assessment", type=int, metavar="ASSESSMENT")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.json|FILE.zip")
    p.set_defaults(handler=cmd_pack)
