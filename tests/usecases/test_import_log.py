"""The import log as a buyer asks it: what happened to one file, which were rejected and why, and which
revisions made an assessment. On a month of imports (tests/exchange/import_log_story.py)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from fldd.usecases.context import open_context
from fldd.usecases.errors import Rejected
from fldd.usecases.import_log import (
    LogFilter, assessment_imports, import_entry, import_log, local_time_text, problem, save_log_xlsx)
from fldd.usecases.suppliers import update_supplier
from tests.exchange.import_log_story import a_month_of_imports, local_zone

FILES_NEWEST_FIRST = ["scanned letter.xlsx", "Klang Valley Gloves.xlsx", "Penang Latex v3.xlsx",
                      "Penang Latex old.xlsx", "Penang Latex v2.xlsx", "Penang Latex v2.xlsx", "Penang Latex.xlsx"]


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    """(ctx, story): the story's database, built once for the tests that only read it; local time is UTC."""
    folder = tmp_path_factory.mktemp("month")
    ctx = open_context(folder / "fldd.sqlite3", user="amina", role="buyer")
    ctx.today = lambda: dt.date(2026, 11, 23)
    with local_zone("UTC"), pytest.MonkeyPatch.context() as monkeypatch:
        story = a_month_of_imports(ctx, monkeypatch, folder / "mail")
        yield ctx, story
    ctx.close()


@pytest.fixture
def utc():
    with local_zone("UTC"):
        yield


def files(page) -> list[str]:
    return [line.file_name for line in page.lines]


def test_the_log_lists_every_file_newest_first(month, utc):
    ctx, _ = month
    page = import_log(ctx)

    assert files(page) == FILES_NEWEST_FIRST and page.total == 7 and not page.more
    assert [line.outcome for line in page.lines] == [
        "rejected", "accepted_incomplete", "rejected", "superseded", "unchanged", "accepted_incomplete",
        "accepted_incomplete"]
    assert [line.imported_at[:10] for line in page.lines] == [f"2026-11-0{d}" for d in range(8, 1, -1)]


def test_pages_of_the_log_follow_one_another(month, utc):
    ctx, _ = month
    first = import_log(ctx, limit=3)
    second = import_log(ctx, limit=3, offset=3)
    last = import_log(ctx, limit=3, offset=6)

    assert (first.total, first.more, second.more, last.more) == (7, True, True, False)
    assert files(first) + files(second) + files(last) == FILES_NEWEST_FIRST


def test_the_log_filters_by_outcome(month, utc):
    ctx, _ = month
    rejected = import_log(ctx, LogFilter(outcome="rejected"))

    assert files(rejected) == ["scanned letter.xlsx", "Penang Latex v3.xlsx"] and rejected.total == 2
    assert files(import_log(ctx, LogFilter(outcome="superseded"))) == ["Penang Latex old.xlsx"]
    with pytest.raises(Rejected, match="no outcome 'lost'"):
        import_log(ctx, LogFilter(outcome="lost"))


def test_the_log_filters_by_supplier_text_ignoring_case(month, utc):
    ctx, _ = month
    penang = import_log(ctx, LogFilter(supplier="PENANG latex"))

    assert files(penang) == FILES_NEWEST_FIRST[2:]
    assert files(import_log(ctx, LogFilter(supplier="klang"))) == ["Klang Valley Gloves.xlsx"]
    assert import_log(ctx, LogFilter(supplier="letter")).total == 0  # a file name is not a supplier
    assert files(import_log(ctx, LogFilter(text="letter"))) == ["scanned letter.xlsx"]  # the search box's text is
    assert files(import_log(ctx, LogFilter(text="v2"))) == ["Penang Latex v2.xlsx"] * 2


def test_the_log_filters_by_local_dates_inclusive(month, utc):
    ctx, _ = month
    assert files(import_log(ctx, LogFilter(since=dt.date(2026, 11, 7)))) == FILES_NEWEST_FIRST[:2]
    assert files(import_log(ctx, LogFilter(until=dt.date(2026, 11, 2)))) == ["Penang Latex.xlsx"]
    week = import_log(ctx, LogFilter(outcome="rejected", supplier="penang", since=dt.date(2026, 11, 3),
                                     until=dt.date(2026, 11, 6)))
    assert files(week) == ["Penang Latex v3.xlsx"]
    with pytest.raises(Rejected, match="ends"):
        import_log(ctx, LogFilter(since=dt.date(2026, 11, 6), until=dt.date(2026, 11, 5)))


def test_dates_are_local_days_not_utc_days(month):
    ctx, _ = month
    with local_zone("Asia/Kuala_Lumpur"):  # UTC+8: the import at 2026-11-02 08:00 UTC was at 16:00 there
        assert local_time_text("2026-11-02T08:00:00Z") == "2026-11-02 16:00"
        assert files(import_log(ctx, LogFilter(since=dt.date(2026, 11, 8)))) == ["scanned letter.xlsx"]
    with local_zone("Pacific/Honolulu"):  # UTC-10: the imports at 09:00 UTC were at 23:00 the day before
        assert local_time_text("2026-11-08T09:00:00Z") == "2026-11-07 23:00"
        assert files(import_log(ctx, LogFilter(since=dt.date(2026, 11, 8)))) == []
        assert files(import_log(ctx, LogFilter(since=dt.date(2026, 11, 7)))) == ["scanned letter.xlsx"]
        assert files(import_log(ctx, LogFilter(until=dt.date(2026, 11, 1)))) == ["Penang Latex.xlsx"]


def test_a_rejected_file_in_full_gives_each_problem_with_sheet_cell_and_question(month, utc):
    ctx, story = month
    [line] = import_log(ctx, LogFilter(text="v3")).lines
    entry = import_entry(ctx, line.id)

    assert (entry.outcome, entry.supplier, entry.questionnaire) == ("rejected", "Penang Latex Sdn Bhd",
                                                                    ctx.standard.get("fldd-desktop").ref)
    assert entry.assessment_id is None and entry.export_id == story.reports[0].export_id
    assert [(p.sheet, p.cell, p.question) for p in entry.problems] == [
        ("Site profile", "D2", "1.1 (pr_workers_total)"), ("Policy and management", "D2", "2.1 (gov_policy_exists)")]
    assert entry.problems[0].message == "'many' is not a number"
    assert [str(p) for p in entry.problems] == [str(e).split(": ", 1)[1] for e in story.reports[4].errors]
    assert line.gist().startswith("sheet 'Site profile', cell D2") and line.gist().endswith("(and 1 more)")
    data = entry.to_json()
    assert data["problems"][1] == {
        "text": str(entry.problems[1]), "message": entry.problems[1].message, "sheet": "Policy and management",
        "cell": "D2", "question": "2.1 (gov_policy_exists)"}


def test_a_file_that_is_no_workbook_says_so_and_names_no_supplier(month, utc):
    ctx, _ = month
    [line] = import_log(ctx, LogFilter(text="scanned")).lines
    entry = import_entry(ctx, line.id)

    assert (entry.supplier, entry.questionnaire, entry.export_id) == ("", "", None)
    assert len(entry.problems) == 1 and "zip" in entry.problems[0].message
    assert entry.problems[0].sheet is None


def test_a_revision_in_full_lists_its_changes_and_the_answers_still_missing(month, utc):
    ctx, story = month
    revision = import_entry(ctx, import_log(ctx, LogFilter(text="v2")).lines[-1].id)

    assert (revision.outcome, revision.revision, revision.assessment_id) == (
        "accepted_incomplete", 2, story.penang_assessment)
    assert revision.saved_at == "2026-11-02T10:00:00Z" and revision.sha256 == story.reports[1].sha256
    assert {(c.question, c.what, c.old, c.new) for c in revision.changes} == {
        ("pr_workers_total", "answer", "120", "130"), ("gov_policy_exists", "answer", "Yes", "No"),
        ("pr_workers_total", "comment", "", "ten more since October")}
    assert revision.answers_changed == 2
    assert len(revision.missing) == len(story.reports[1].missing) > 0
    assert revision.missing[0].sheet and revision.missing[0].cell and revision.missing[0].question
    unchanged = import_entry(ctx, import_log(ctx, LogFilter(outcome="unchanged")).lines[0].id)
    assert unchanged.note == "the same file was imported on 2026-11-03 09:00"  # in local time


def test_an_assessments_history_tells_each_revision_and_each_file_that_changed_nothing(month, utc):
    ctx, story = month
    history = assessment_imports(ctx, story.penang_assessment)

    assert [(e.file_name, e.outcome, e.revision) for e in history] == [
        ("Penang Latex.xlsx", "accepted_incomplete", 1), ("Penang Latex v2.xlsx", "accepted_incomplete", 2),
        ("Penang Latex v2.xlsx", "unchanged", None), ("Penang Latex old.xlsx", "superseded", None),
        ("Penang Latex v3.xlsx", "rejected", None)]  # rejected, but of the same export
    missing = len(story.reports[1].missing)
    assert history[1].headline() == (f"Revision 2 from 'Penang Latex v2.xlsx' (saved 2026-11-02), imported "
                                     f"2026-11-03: 2 answers and 1 comment changed; {missing} required answers "
                                     "still missing")
    first = story.reports[0]
    assert history[0].headline().startswith("Revision 1 from 'Penang Latex.xlsx' (saved 2026-11-01), imported "
                                            f"2026-11-02: created the assessment with {first.answered} answers")
    assert first.answered > 1
    assert history[2].headline() == ("No change: 'Penang Latex v2.xlsx', imported 2026-11-04: the same file was "
                                     "imported on 2026-11-03 09:00")
    assert history[3].headline().startswith("Not applied: 'Penang Latex old.xlsx' (saved 2026-10-30)")
    assert history[4].headline().startswith("Rejected: 'Penang Latex v3.xlsx', imported 2026-11-06: sheet 'Site")
    assert [e.file_name for e in assessment_imports(ctx, story.klang_assessment)] == ["Klang Valley Gloves.xlsx"]


def test_an_assessment_made_in_the_app_has_no_import_history(month):
    from fldd.usecases.assessments import start_assessment

    ctx, story = month
    assert assessment_imports(ctx, start_assessment(ctx, story.klang, "fldd-onsite")) == []
    with pytest.raises(Rejected, match="no assessment 9999"):
        assessment_imports(ctx, 9999)
    with pytest.raises(Rejected, match="no import log entry 9999"):
        import_entry(ctx, 9999)


def test_a_renamed_supplier_is_found_by_its_new_name_and_its_old_one(ctx, monkeypatch, tmp_path, utc):
    story = a_month_of_imports(ctx, monkeypatch, tmp_path / "mail")
    update_supplier(ctx, story.klang, name="KVG Manufacturing")

    assert files(import_log(ctx, LogFilter(supplier="kvg"))) == ["Klang Valley Gloves.xlsx"]
    assert files(import_log(ctx, LogFilter(supplier="klang valley"))) == ["Klang Valley Gloves.xlsx"]


def test_supplier_text_is_matched_beyond_ascii(ctx, monkeypatch, tmp_path, utc):
    from fldd.usecases.exchange import export_workbook, import_paths
    from fldd.usecases.suppliers import add_supplier
    from tests.exchange.conftest import fill

    supplier = add_supplier(ctx, "ÇUKUROVA İplik Örme", "TR", goods=["Cotton"])
    sent = export_workbook(ctx, supplier, "fldd-desktop", tmp_path / "sent.xlsx").path
    import_paths(ctx, [fill(sent, {"pr_workers_total": 40}, out=tmp_path / "cukurova.xlsx")])

    assert files(import_log(ctx, LogFilter(supplier="çukurova"))) == ["cukurova.xlsx"]
    assert files(import_log(ctx, LogFilter(text="ÖRME"))) == ["cukurova.xlsx"]


def test_the_filtered_log_is_saved_as_a_spreadsheet_with_when_each_file_came_in(month, tmp_path, utc):
    ctx, _ = month
    path, count = save_log_xlsx(ctx, LogFilter(supplier="penang"), tmp_path / "log.xlsx")

    assert count == 5
    book = openpyxl.load_workbook(path)
    rows = list(book["Files"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Imported", "File", "Outcome", "Supplier") and "Answers" not in rows[0]
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [
        ("2026-11-06 09:00", "Penang Latex v3.xlsx", "rejected"), ("2026-11-05 09:00", "Penang Latex old.xlsx",
                                                                  "superseded"),
        ("2026-11-04 09:00", "Penang Latex v2.xlsx", "unchanged"),
        ("2026-11-03 09:00", "Penang Latex v2.xlsx", "accepted_incomplete"),
        ("2026-11-02 08:00", "Penang Latex.xlsx", "accepted_incomplete")]
    details = list(book["Details"].iter_rows(values_only=True))
    assert details[0][:3] == ("Imported", "File", "Kind")
    assert ("2026-11-06 09:00", "Penang Latex v3.xlsx", "problem", "Site profile", "D2", "1.1 (pr_workers_total)",
            "'many' is not a number") == details[1][:7]
    assert any(r[1] == "Penang Latex v2.xlsx" and r[2] == "change (comment)" for r in details)


@pytest.mark.parametrize("text", [
    "sheet 'Site profile', cell D2, question 1.1 (pr_workers_total): 'many' is not a number",
    "sheet 'Workers' voice', cell D9: a formula =A1 is not an answer: type the value",
    "question 2.3 (gov_x): 'maybe' is not one of the answers: 'Yes', 'No'",
    "cell D4: moved",
    "not an Excel workbook (.xlsx): the file is not a zip archive",
    "answers.hrs_peak_weekly_max: 'many' is not a number",
])
def test_a_logged_problem_reads_back_into_its_parts_and_prints_as_logged(text):
    issue = problem(text)

    assert str(issue) == text
    if text.startswith(("sheet", "question", "cell")):
        assert issue.where() and ": " not in issue.where() and not issue.message.startswith(("cell", "question"))
    else:
        assert (issue.sheet, issue.cell, issue.question, issue.message) == (None, None, None, text)
