"""Export, fill in like a person, import: the database holds exactly what was entered."""

from __future__ import annotations

import datetime as dt

import openpyxl

from fldd.store import assessments as store_assessments
from fldd.store import exchange as store_exchange
from fldd.usecases.assessments import AssessmentSession, assessment_json, start_assessment
from fldd.usecases.exchange import export_workbook, import_paths
from tests.exchange.conftest import fill, sheet_of

CHINESE = "普通话和粤语；工人来自四川"
THAI = "ภาษาไทยและภาษาพม่า"
ARABIC = "العربية والأردية"


def _answers_of(ctx, assessment_id):
    data = assessment_json(ctx, assessment_id)
    return data["answers"], data["comments"]


def test_every_question_type_round_trips(every_ctx, every_supplier, tmp_path):
    path = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "out.xlsx").path
    fill(path, {
        "migrants": "Yes", "holder": "The worker, always", "topics": ["fees", "documents"], "workers": 250,
        "hours": 58.5, "share": 12.5, "wage": (1500, "MYR"), "fee": "Don't know",
        "audit_date": dt.date(2026, 3, 31), "languages": CHINESE, "note": f"{THAI} / {ARABIC}",
    }, comments={"wage": ARABIC, "topics": THAI, "workers": CHINESE})

    [report] = import_paths(every_ctx, [path])

    assert report.outcome == "accepted", [str(e) for e in report.errors]
    answers, comments = _answers_of(every_ctx, report.assessment_id)
    assert answers == {
        "migrants": "yes", "holder": "worker", "topics": ["fees", "documents"], "workers": 250, "hours": 58.5,
        "share": 12.5, "wage": {"amount": 1500, "currency": "MYR"}, "fee": "unknown", "audit_date": "2026-03-31",
        "languages": CHINESE, "note": f"{THAI} / {ARABIC}",
    }
    assert comments == {"wage": ARABIC, "topics": THAI, "workers": CHINESE}
    record = store_assessments.get(every_ctx.store, report.assessment_id)
    assert (record.source, record.status, record.uid) == ("workbook", "submitted", report.export_id)
    revisions = store_assessments.revisions(every_ctx.store, report.assessment_id)
    assert {r["source"] for r in revisions} == {"workbook"}


def test_values_typed_as_text_or_in_other_forms_are_read_too(every_ctx, every_supplier, tmp_path):
    path = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "out.xlsx").path
    fill(path, {
        "migrants": "  yes ", "holder": "The Worker, Always", "topics": ["none"], "workers": "1,200",
        "hours": "Don’t know", "share": "45%", "wage": ("1,500.50", "myr"), "fee": "Not applicable",
        "audit_date": "2026-03-31", "languages": 42, "note": "",
    })
    fill(path, {}, cells={("Money, dates and text", "D3"): None})  # wage currency cleared: typed in one cell
    fill(path, {"wage": "1500.50 MYR"})

    [report] = import_paths(every_ctx, [path])

    assert report.outcome == "accepted", [str(e) for e in report.errors]
    answers, _ = _answers_of(every_ctx, report.assessment_id)
    assert answers == {
        "migrants": "yes", "holder": "worker", "topics": ["none"], "workers": 1200, "hours": "unknown",
        "share": 45, "wage": {"amount": 1500.5, "currency": "MYR"}, "fee": "na", "audit_date": "2026-03-31",
        "languages": "42",
    }


def test_an_excel_date_serial_and_a_datetime_are_dates(every_ctx, every_supplier, tmp_path):
    path = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "out.xlsx").path
    fill(path, {"migrants": "No", "topics": ["contracts"], "workers": 3, "hours": 40, "wage": (900, "USD"),
                "fee": (0, "USD"), "audit_date": 46112, "languages": "Malay"})

    [report] = import_paths(every_ctx, [path])

    answers, _ = _answers_of(every_ctx, report.assessment_id)
    assert answers["audit_date"] == "2026-03-31"
    assert answers["fee"] == {"amount": 0, "currency": "USD"}


def test_formula_like_text_round_trips_as_text_and_is_written_as_string_cells(every_ctx, every_supplier, tmp_path):
    first = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "first.xlsx").path
    fill(first, {"migrants": "No", "topics": ["fees"], "workers": 10, "hours": 40, "wage": (900, "USD"),
                 "fee": "Don't know", "audit_date": "Not applicable", "languages": "=1+1", "note": "+44 20 7946 0000"},
         comments={"workers": "@home", "hours": "-5 overtime", "wage": "=cmd|' /C calc'!A0"})
    [report] = import_paths(every_ctx, [first])
    answers, comments = _answers_of(every_ctx, report.assessment_id)
    assert (answers["languages"], answers["note"]) == ("=1+1", "+44 20 7946 0000")
    assert comments == {"workers": "@home", "hours": "-5 overtime", "wage": "=cmd|' /C calc'!A0"}

    again = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "again.xlsx",
                            assessment_id=report.assessment_id).path

    wb = openpyxl.load_workbook(again)
    for qid, column in (("languages", "D"), ("note", "D"), ("workers", "E"), ("wage", "E")):
        ws, row = sheet_of(wb, qid)
        cell = ws[f"{column}{row}"]
        assert cell.data_type == "s" and cell.value[0] in "=+@", (qid, cell.value, cell.data_type)
    import zipfile

    with zipfile.ZipFile(again) as zf:
        assert not any(b"<f>" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))


def test_option_labels_map_back_in_any_language_of_the_questionnaire(ctx, supplier_id, tmp_path):
    path = export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "en.xlsx", lang="en").path
    fill(path, {"gov_policy_exists": "Sí", "gov_responsible": "Un miembro designado de la alta dirección",
                "pr_permits_tied": "No sé", "pr_workers_total": 120})

    [report] = import_paths(ctx, [path])

    assert report.outcome == "accepted_incomplete", [str(e) for e in report.errors]
    answers, _ = _answers_of(ctx, report.assessment_id)
    assert answers["gov_policy_exists"] == "yes"
    assert answers["gov_responsible"] == "top_manager"
    assert answers["pr_permits_tied"] == "unknown"


def test_a_spanish_workbook_round_trips(ctx, supplier_id, tmp_path):
    path = export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "es.xlsx", lang="es").path
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["Instrucciones", "Proveedor"]
    fill(path, {"gov_policy_exists": "Sí", "gov_policy_topics": ["fees", "contracts"],
                "pr_monthly_base_wage": (1200, "MYR")}, comments={"gov_policy_exists": THAI})

    [report] = import_paths(ctx, [path])

    answers, comments = _answers_of(ctx, report.assessment_id)
    assert answers["gov_policy_exists"] == "yes"
    assert answers["gov_policy_topics"] == ["fees", "contracts"]
    assert answers["pr_monthly_base_wage"] == {"amount": 1200, "currency": "MYR"}
    assert comments == {"gov_policy_exists": THAI}
    assert store_assessments.get(ctx.store, report.assessment_id).language == "es"


def test_missing_required_answers_are_listed_with_their_cells(every_ctx, every_supplier, tmp_path):
    path = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "out.xlsx").path
    fill(path, {"migrants": "Yes", "workers": 5})

    [report] = import_paths(every_ctx, [path])

    assert report.outcome == "accepted_incomplete"
    missing = {m.question: (m.sheet, m.cell) for m in report.missing}
    assert missing["1.2 (holder)"] == ("Basics yes no, choices and", "D3")
    assert missing["1.3 (topics)"][1] == "D5"  # the first tick cell of a multi-choice question
    assert "2.5 (note)" not in missing  # not required
    assert store_assessments.get(every_ctx.store, report.assessment_id).status == "draft"


def test_the_same_file_twice_changes_nothing(every_ctx, every_supplier, tmp_path):
    path = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "out.xlsx").path
    fill(path, {"migrants": "No", "workers": 5})
    [first] = import_paths(every_ctx, [path])
    before = store_exchange.data_checksum(every_ctx.store)

    [second] = import_paths(every_ctx, [path])

    assert second.outcome == "unchanged" and second.assessment_id == first.assessment_id
    assert (second.supplier, second.questionnaire) == (first.supplier, first.questionnaire) != ("", "")
    assert store_exchange.data_checksum(every_ctx.store) == before
    assert [r["outcome"] for r in store_exchange.imports(every_ctx.store)] == ["unchanged", "accepted_incomplete"]


def test_a_newer_file_for_the_same_export_becomes_revision_2_with_its_changes(every_ctx, every_supplier, tmp_path):
    sent = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "sent.xlsx").path
    v1 = fill(sent, {"migrants": "No", "workers": 5, "hours": 50, "languages": "Malay"}, out=tmp_path / "v1.xlsx")
    v2 = fill(v1, {"workers": 7, "hours": "Don't know", "languages": ""}, out=tmp_path / "v2.xlsx",
              comments={"workers": "two more since March"})
    [first] = import_paths(every_ctx, [v1])

    [second] = import_paths(every_ctx, [v2])

    assert second.outcome == "accepted_incomplete" and second.assessment_id == first.assessment_id
    assert (first.revision, second.revision) == (1, 2)
    assert store_assessments.get(every_ctx.store, first.assessment_id).revision == 2
    changed = {(c.question, c.what): (c.old, c.new) for c in second.changes}
    assert changed == {("workers", "answer"): ("5", "7"), ("workers", "comment"): ("", "two more since March"),
                       ("hours", "answer"): ("50", "Don't know"), ("languages", "answer"): ("Malay", "")}
    answers, _ = _answers_of(every_ctx, first.assessment_id)
    assert answers["workers"] == 7 and "languages" not in answers
    assert len(store_assessments.list_rows(every_ctx.store)) == 1


def test_an_older_file_after_a_newer_one_is_superseded(every_ctx, every_supplier, tmp_path):
    sent = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "sent.xlsx").path
    v1 = fill(sent, {"migrants": "No", "workers": 5}, out=tmp_path / "v1.xlsx")
    v2 = fill(v1, {"workers": 7}, out=tmp_path / "v2.xlsx")
    _set_saved_at(v1, "2026-11-01T08:00:00Z")
    _set_saved_at(v2, "2026-11-02T08:00:00Z")
    import_paths(every_ctx, [v2])
    before = store_exchange.data_checksum(every_ctx.store)

    [old] = import_paths(every_ctx, [v1])

    assert old.outcome == "superseded"
    assert store_exchange.data_checksum(every_ctx.store) == before


def test_re_sending_an_assessment_prefills_it_and_the_answer_updates_it(every_ctx, every_supplier, tmp_path):
    assessment_id = start_assessment(every_ctx, every_supplier, "xchg-every")
    session = AssessmentSession(every_ctx, assessment_id)
    session.answer("workers", 12, comment=CHINESE)
    session.answer("topics", ["fees", "contracts"])
    session.answer("wage", "800 USD")
    path = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "again.xlsx",
                           assessment_id=assessment_id).path
    [unchanged] = import_paths(every_ctx, [path], dry_run=True)
    assert unchanged.outcome == "unchanged"

    fill(path, {"workers": 13})
    [report] = import_paths(every_ctx, [path])

    assert report.assessment_id == assessment_id and report.revision == 2
    assert [(c.question, c.old, c.new) for c in report.changes] == [("workers", "12", "13")]
    answers, comments = _answers_of(every_ctx, assessment_id)
    assert answers == {"workers": 13, "topics": ["fees", "contracts"], "wage": {"amount": 800, "currency": "USD"}}
    assert comments == {"workers": CHINESE}


def test_dry_run_reports_without_writing(every_ctx, every_supplier, tmp_path):
    path = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "out.xlsx").path
    fill(path, {"migrants": "No", "workers": 5})
    before = store_exchange.data_checksum(every_ctx.store, skip=())

    [report] = import_paths(every_ctx, [path], dry_run=True)

    assert report.outcome == "accepted_incomplete" and report.assessment_id is None
    assert store_exchange.data_checksum(every_ctx.store, skip=()) == before


def test_folders_progress_and_cancel(every_ctx, every_supplier, tmp_path):
    folder = tmp_path / "returned"
    folder.mkdir()
    for n in range(3):
        path = export_workbook(every_ctx, every_supplier, "xchg-every", folder / f"s{n}.xlsx").path
        fill(path, {"migrants": "No", "workers": n + 1})
    (folder / "~$s0.xlsx").write_bytes(b"lock file")
    (folder / "notes.txt").write_text("not a workbook")
    seen = []

    reports = import_paths(every_ctx, [folder], progress=lambda i, n, p: seen.append((i, n, p.name)),
                           cancelled=lambda: len(seen) >= 2)

    assert seen == [(1, 3, "s0.xlsx"), (2, 3, "s1.xlsx")]
    assert [r.path.name for r in reports] == ["s0.xlsx", "s1.xlsx"]


def _set_saved_at(path, stamp: str) -> None:
    """Rewrite the file's own 'last saved' time (docProps/core.xml), as a later save would."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            zf.writestr(info, data)


def test_the_per_file_report_can_be_saved_as_a_spreadsheet(every_ctx, every_supplier, tmp_path):
    from fldd.usecases.exchange import write_report_xlsx

    good = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "good.xlsx").path
    fill(good, {"migrants": "No", "workers": 5})
    bad = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "bad.xlsx").path
    fill(bad, {"migrants": "=maybe", "workers": 5})
    reports = import_paths(every_ctx, [good, bad])

    saved = write_report_xlsx(reports, tmp_path / "report.xlsx")

    wb = openpyxl.load_workbook(saved)
    files = [[c.value for c in row][:3] for row in wb["Files"].iter_rows(min_row=2)]
    assert files == [["good.xlsx", "accepted_incomplete", reports[0].supplier],
                     ["bad.xlsx", "rejected", reports[1].supplier]]
    details = [[c.value for c in row] for row in wb["Details"].iter_rows(min_row=2)]
    problem = next(row for row in details if row[1] == "problem")
    assert problem[:5] == ["bad.xlsx", "problem", "Basics yes no, choices and", "D2", "1.1 (migrants)"]
    assert problem[5].startswith("'=maybe' is not one of the answers")
    assert any(row[1] == "missing" and row[0] == "good.xlsx" for row in details)


def test_a_percentage_typed_with_a_percent_sign_is_read_as_that_percentage(ctx, supplier_id, tmp_path):
    """Excel and LibreOffice turn "150%" typed into a cell into 1.5 with a percent format: read it as 150."""
    path = export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "pct.xlsx").path
    wb = openpyxl.load_workbook(path)
    ws, row = sheet_of(wb, "wag_overtime_rate_pct")
    ws[f"D{row}"].value = 1.5
    ws[f"D{row}"].number_format = "0%"
    ws, row = sheet_of(wb, "doc_exit_penalty_pct")
    ws[f"D{row}"].value = "25 %"  # kept as text
    ws, row = sheet_of(wb, "pr_workers_total")
    ws[f"D{row}"].value = 0.5  # a percent format on a count means nothing: 0.5 is still refused as a count
    ws[f"D{row}"].number_format = "0.0%"
    wb.save(path)

    [report] = import_paths(ctx, [path], dry_run=True)

    assert [(e.question, e.message) for e in report.errors] == [
        ("1.1 (pr_workers_total)", "0.5 is not a whole number of 0 or more")]
    fill(path, {"pr_workers_total": 40})
    [report] = import_paths(ctx, [path])
    answers, _ = _answers_of(ctx, report.assessment_id)
    assert (answers["wag_overtime_rate_pct"], answers["doc_exit_penalty_pct"]) == (150, 25)
