"""A supplier with fldd answers the buyer's workbook in its own database and writes the same workbook back.

The disputes these settle: the supplier whose answered workbook the buyer's import rejects; the buyer who must
be sure the returned file is its own export, untouched in its questions."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from fldd.exchange.layout import META_SHEET, layout
from fldd.exchange.metadata import verify
from fldd.exchange.workbook_check import read_metadata
from fldd.exchange.workbook_read import open_workbook
from fldd.standard.answers import AnswerError
from fldd.store import assessments as store_assessments
from fldd.store import exchange as store_exchange
from fldd.store import received as store_received
from fldd.usecases.assessments import AssessmentSession, assessment_json
from fldd.usecases.context import open_context
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import export_workbook, import_paths, workbook_secret
from fldd.usecases.received_workbook import open_received
from fldd.usecases.write_back import write_back
from tests.exchange.conftest import TODAY, StandardContext, fill, sheet_of, suggest_corrections

# Every question type, with text a spreadsheet would take for a formula and special answers.
ANSWERS = {"migrants": "yes", "holder": "company", "topics": ["fees", "documents"], "workers": 250, "hours": 58.5,
           "share": 12.5, "wage": {"amount": 1500.5, "currency": "MYR"}, "fee": "unknown",
           "audit_date": "2026-03-31", "languages": "=1+1 and +44 20 and @home", "note": "-5 days; 普通话"}
COMMENTS = {"wage": "=SUM(A1:A9) is what payroll said", "topics": "ภาษาไทย", "workers": "@ the main site"}


@pytest.fixture
def supplier_db(tmp_path, every_standard):
    """The supplier's own fldd: another database, on the same standard."""
    base = open_context(tmp_path / "supplier.sqlite3", user="siti", role="supplier")
    context = StandardContext(base.store, base.user, base.role, custom=every_standard)
    context.today = lambda: TODAY
    yield context
    context.close()


@pytest.fixture
def sent(every_ctx, every_supplier, tmp_path):
    """The workbook the buyer sent, in the supplier's mail folder."""
    folder = tmp_path / "mail"
    return export_workbook(every_ctx, every_supplier, "xchg-every", folder / "Bright - xchg-every.xlsx").path


def answer(supplier_db, assessment_id, answers=ANSWERS, comments=COMMENTS):
    session = AssessmentSession(supplier_db, assessment_id)
    for qid, value in answers.items():
        session.answer(qid, value)
    for qid, text in comments.items():
        session.comment(qid, text)
    return session


def metadata_of(path):
    book = open_workbook(path)
    try:
        return read_metadata(book)
    finally:
        book.close()


def test_the_buyer_accepts_the_workbook_the_supplier_answered_in_its_own_fldd(every_ctx, supplier_db, sent):
    opened = open_received(supplier_db, sent)
    answer(supplier_db, opened.assessment_id)

    back = write_back(supplier_db, opened.assessment_id)
    [report] = import_paths(every_ctx, [back.path])

    assert report.outcome == "accepted", [str(e) for e in report.errors]
    assert report.export_id == opened.export_id
    held = assessment_json(every_ctx, report.assessment_id)
    assert held["answers"] == ANSWERS
    assert held["comments"] == COMMENTS
    assert (back.answers, back.comments) == (len(ANSWERS), len(COMMENTS))


def test_the_returned_file_is_the_buyers_own_export_with_its_signature_and_rows_untouched(
        every_ctx, supplier_db, sent, every_standard):
    received = metadata_of(sent)
    opened = open_received(supplier_db, sent)
    answer(supplier_db, opened.assessment_id)

    back = write_back(supplier_db, opened.assessment_id)

    returned = metadata_of(back.path)
    assert returned == received  # export id, fingerprint, signature: as the buyer wrote them
    assert verify(returned, workbook_secret(every_ctx))
    assert workbook_secret(supplier_db) is None  # the supplier's database signs nothing
    lay = layout(every_standard.get("xchg-every"), "en")
    ours, theirs = openpyxl.load_workbook(sent), openpyxl.load_workbook(back.path)
    assert theirs.sheetnames == ours.sheetnames
    assert [ws.sheet_state for ws in theirs.worksheets] == [ws.sheet_state for ws in ours.worksheets]
    for title in [lay.supplier_title] + [sheet.title for sheet in lay.sheets]:
        assert locked_cells(theirs[title]) == locked_cells(ours[title]), title
    assert theirs.security.lockStructure and all(ws.protection.sheet for ws in theirs.worksheets)


def locked_cells(ws):
    """Every cell a supplier cannot change (ids, numbers, questions, how to answer, guidance...)."""
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.protection.locked and c.value}


def test_a_workbook_changed_after_the_buyer_sent_it_is_refused_naming_the_file_and_cell(supplier_db, sent):
    wb = openpyxl.load_workbook(sent)
    ws, row = sheet_of(wb, "hours")
    ws.cell(row=row, column=3).value = "Usual hours worked in one week?"
    wb.save(sent)

    with pytest.raises(Rejected) as refused:
        open_received(supplier_db, sent)

    text = "\n".join(refused.value.messages)
    assert f"{sent.name}: sheet '{ws.title}', cell C{row}" in text
    assert "the question text was changed" in text
    assert store_assessments.list_rows(supplier_db.store) == []


def test_a_workbook_whose_fingerprint_was_changed_is_refused(supplier_db, sent):
    wb = openpyxl.load_workbook(sent)
    meta = wb[META_SHEET]
    for row in meta.iter_rows():
        if row[0].value == "fingerprint":
            row[1].value = "0" * 64
    wb.save(sent)

    with pytest.raises(Rejected) as refused:
        open_received(supplier_db, sent)

    assert any(m.startswith(f"{sent.name}: ") and "question rows" in m for m in refused.value.messages)
    assert store_assessments.list_rows(supplier_db.store) == []


def test_metadata_changed_on_the_way_is_written_back_as_received_and_the_buyer_refuses_it(
        every_ctx, supplier_db, sent):
    wb = openpyxl.load_workbook(sent)
    for row in wb[META_SHEET].iter_rows():
        if row[0].value == "exported_by":
            row[1].value = "Someone Else"  # the supplier cannot tell (no key); its fldd must not launder it
    wb.save(sent)
    opened = open_received(supplier_db, sent)
    answer(supplier_db, opened.assessment_id)

    back = write_back(supplier_db, opened.assessment_id)
    [report] = import_paths(every_ctx, [back.path])

    assert report.outcome == "rejected"
    assert any("signature does not match" in str(e) for e in report.errors)


def test_metadata_naming_another_supplier_is_refused_when_the_supplier_opens_it(supplier_db, sent):
    """The metadata is bound to the workbook's own Supplier sheet, which the supplier's fldd checks too."""
    wb = openpyxl.load_workbook(sent)
    for row in wb[META_SHEET].iter_rows():
        if row[0].value == "supplier_name":
            row[1].value = "Someone Else Ltd"
    wb.save(sent)

    with pytest.raises(Rejected, match="hidden metadata belongs to a workbook sent to 'Someone Else Ltd'"):
        open_received(supplier_db, sent)


def test_answers_typed_into_the_workbook_before_opening_it_are_prefilled(supplier_db, sent):
    fill(sent, {"migrants": "Yes", "workers": 40, "wage": (900, "USD")}, comments={"workers": "two shifts"})

    opened = open_received(supplier_db, sent)

    held = assessment_json(supplier_db, opened.assessment_id)
    assert held["answers"] == {"migrants": "yes", "workers": 40, "wage": {"amount": 900, "currency": "USD"}}
    assert held["comments"] == {"workers": "two shifts"}
    record = store_assessments.get(supplier_db.store, opened.assessment_id)
    assert (record.uid, record.source, record.status) == (opened.export_id, "workbook", "draft")
    assert held["supplier"]["name"] == "深圳光明电子 (Shenzhen Bright)"
    revisions = store_assessments.revisions(supplier_db.store, opened.assessment_id)
    assert {(r["source"], r["changed_by"]) for r in revisions} == {("workbook", "siti")}


def test_opening_the_same_file_again_changes_nothing(supplier_db, sent):
    first = open_received(supplier_db, sent)
    before = store_exchange.data_checksum(supplier_db.store)

    again = open_received(supplier_db, sent)

    assert (again.assessment_id, again.created, again.changed) == (first.assessment_id, False, 0)
    assert "opened on" in again.note
    assert store_exchange.data_checksum(supplier_db.store) == before


def test_the_buyer_opening_its_own_export_is_told_to_import_it(every_ctx, sent):
    with pytest.raises(Rejected) as refused:
        open_received(every_ctx, sent)
    assert "File > Import" in refused.value.messages[0]


def test_write_back_goes_beside_the_received_file_and_never_replaces_it_unless_asked(supplier_db, sent):
    opened = open_received(supplier_db, sent)
    answer(supplier_db, opened.assessment_id, {"migrants": "no"}, {})
    original = sent.read_bytes()

    first = write_back(supplier_db, opened.assessment_id)
    assert first.path == sent.with_name("Bright - xchg-every - answered.xlsx")
    answer(supplier_db, opened.assessment_id, {"workers": 12}, {})
    second = write_back(supplier_db, opened.assessment_id)  # its own earlier file: replaced
    assert second.path == first.path
    with pytest.raises(Rejected) as refused:
        write_back(supplier_db, opened.assessment_id, sent)
    assert "as the buyer sent it" in refused.value.messages[0]
    other = sent.with_name("notes.xlsx")
    other.write_bytes(b"someone else's file")
    with pytest.raises(Rejected):
        write_back(supplier_db, opened.assessment_id, other)

    assert sent.read_bytes() == original and other.read_bytes() == b"someone else's file"
    assert not [p for p in sent.parent.iterdir() if p.name.startswith(".")]  # no temporary file left
    write_back(supplier_db, opened.assessment_id, sent, overwrite=True)
    assert sent.read_bytes() != original
    assert len(store_received.returns(supplier_db.store, opened.assessment_id)) == 3


def test_a_file_the_buyer_would_read_differently_is_not_written(supplier_db, sent, monkeypatch):
    from fldd.exchange import workbook_write

    opened = open_received(supplier_db, sent)
    answer(supplier_db, opened.assessment_id, {"migrants": "yes", "workers": 40}, {})
    real = workbook_write._answer_cell

    def drop_workers(ws, r, lang, value, validations, lists):
        real(ws, r, lang, None if r.question.id == "workers" else value, validations, lists)

    monkeypatch.setattr(workbook_write, "_answer_cell", drop_workers)

    with pytest.raises(Rejected) as refused:
        write_back(supplier_db, opened.assessment_id)

    assert any("(workers)" in m and "40" in m for m in refused.value.messages)
    assert not sent.with_name("Bright - xchg-every - answered.xlsx").exists()
    assert store_received.returns(supplier_db.store, opened.assessment_id) == []


def test_a_resent_workbook_updates_the_same_local_assessment(every_ctx, supplier_db, sent, tmp_path):
    opened = open_received(supplier_db, sent)
    answer(supplier_db, opened.assessment_id).move_to("submitted")
    [report] = import_paths(every_ctx, [write_back(supplier_db, opened.assessment_id).path])
    session = AssessmentSession(every_ctx, report.assessment_id)
    session.move_to("draft")  # the buyer returns it to the supplier, with the figure its payroll check found
    session.answer("hours", 61)
    resent = export_workbook(every_ctx, session.supplier.id, "xchg-every", tmp_path / "mail" / "again.xlsx",
                             assessment_id=report.assessment_id).path

    again = open_received(supplier_db, resent)

    assert (again.assessment_id, again.created, again.changed) == (opened.assessment_id, False, 1)
    assert again.note == "it was submitted and is a draft again"
    assert store_assessments.get(supplier_db.store, opened.assessment_id).status == "draft"
    assert assessment_json(supplier_db, opened.assessment_id)["answers"]["hours"] == 61
    assert store_received.latest(supplier_db.store, opened.assessment_id).file_name == "again.xlsx"
    answer(supplier_db, opened.assessment_id, {"hours": 59}, {})
    [revised] = import_paths(every_ctx, [write_back(supplier_db, opened.assessment_id).path])
    assert (revised.outcome, revised.revision) == ("accepted", 2)
    assert assessment_json(every_ctx, report.assessment_id)["answers"]["hours"] == 59


def test_the_suppliers_corrections_to_its_details_go_back_to_the_buyer(every_ctx, supplier_db, sent):
    suggest_corrections(sent, {"address": "Lot 7, Bao An, Shenzhen"})
    opened = open_received(supplier_db, sent)
    answer(supplier_db, opened.assessment_id)

    [report] = import_paths(every_ctx, [write_back(supplier_db, opened.assessment_id).path])

    assert [(c.question, c.new) for c in report.corrections] == [("address", "Lot 7, Bao An, Shenzhen")]
    local = assessment_json(supplier_db, opened.assessment_id)["supplier"]
    assert local["country"] == "CN"


def test_an_assessment_that_answers_no_workbook_cannot_be_written_back(supplier_db):
    from fldd.usecases.assessments import start_assessment
    from fldd.usecases.suppliers import add_supplier

    own = start_assessment(supplier_db, add_supplier(supplier_db, "Own Ltd", "MY"), "xchg-every")
    with pytest.raises(Rejected) as refused:
        write_back(supplier_db, own, None)
    assert "answer pack" in refused.value.messages[0]


def test_dates_and_submission_in_the_suppliers_database_do_not_stop_the_return(every_ctx, supplier_db, sent):
    opened = open_received(supplier_db, sent)
    session = answer(supplier_db, opened.assessment_id)
    session.move_to("submitted")
    assert session.record.assessed_on == TODAY.isoformat()

    [report] = import_paths(every_ctx, [write_back(supplier_db, opened.assessment_id).path])

    assert report.outcome == "accepted"
    assert store_assessments.get(every_ctx.store, report.assessment_id).assessed_on == dt.date(2026, 11, 23).isoformat()


def test_line_ends_and_spaces_do_not_stop_the_return(every_ctx, supplier_db, sent):
    opened = open_received(supplier_db, sent)
    answer(supplier_db, opened.assessment_id, {"languages": "Mandarin\r\nCantonese"}, {"workers": " two\r\nshifts "})

    [report] = import_paths(every_ctx, [write_back(supplier_db, opened.assessment_id).path])

    held = assessment_json(every_ctx, report.assessment_id)
    assert held["answers"]["languages"] == "Mandarin\nCantonese"
    assert held["comments"] == {"workers": "two\nshifts"}


def test_a_control_character_is_refused_where_typed_and_old_text_stops_the_write_back(supplier_db, sent):
    opened = open_received(supplier_db, sent)
    session = AssessmentSession(supplier_db, opened.assessment_id)
    with pytest.raises(AnswerError, match="languages: the text holds a control character \\(U\\+0001\\)"):
        session.answer("languages", "Malay\x01")
    with pytest.raises(Rejected, match="question hours: the comment holds a control character \\(U\\+0007\\)"):
        session.comment("hours", "ok\x07 bell")
    # text kept by an fldd from before the rule
    store_assessments.save_answer(supplier_db.store, opened.assessment_id, "languages", "Malay\x01", "", who="older")

    with pytest.raises(Rejected) as refused:
        write_back(supplier_db, opened.assessment_id)

    assert refused.value.messages == [
        "question 2.4 (languages): the answer holds a control character (U+0001) that a workbook cannot carry: "
        "remove it and write again"]
    assert not sent.with_name("Bright - xchg-every - answered.xlsx").exists()


def test_a_spanish_workbook_goes_back_in_spanish_and_is_accepted(tmp_path):
    from fldd.usecases.suppliers import add_supplier

    buyer = open_context(tmp_path / "b.sqlite3", user="amina", role="buyer")
    supplier = open_context(tmp_path / "s.sqlite3", user="lucia", role="supplier")
    try:
        supplier_id = add_supplier(buyer, "Textiles Andinos", "PE", goods=["Garments"])
        sent = export_workbook(buyer, supplier_id, "fldd-desktop", tmp_path / "Andinos.xlsx", lang="es").path
        opened = open_received(supplier, sent)
        session = AssessmentSession(supplier, opened.assessment_id)
        assert session.record.language == "es"
        multi = next(q for q in session.questionnaire.questions if q.type == "multi")
        single = next(q for q in session.questionnaire.questions if q.type == "single" and not q.show_if)
        given = {"pr_workers_total": 80, multi.id: [multi.options[0].value, multi.options[1].value],
                 single.id: single.options[-1].value}
        for qid, value in given.items():
            session.answer(qid, value)
        back = write_back(supplier, opened.assessment_id)
        wb = openpyxl.load_workbook(back.path)
        assert wb.sheetnames[:2] == ["Instrucciones", "Proveedor"]

        [report] = import_paths(buyer, [back.path])

        assert report.outcome == "accepted_incomplete", [str(e) for e in report.errors]
        assert assessment_json(buyer, report.assessment_id)["answers"] == given
    finally:
        buyer.close()
        supplier.close()


def test_a_bad_answer_typed_in_a_spreadsheet_first_is_named_with_its_cell(supplier_db, sent):
    fill(sent, {"workers": "about forty"})

    with pytest.raises(Rejected) as refused:
        open_received(supplier_db, sent)

    first, hint = refused.value.messages
    assert first.startswith(f"{sent.name}: sheet ") and "question 1.4 (workers)" in first
    assert hint == f"{sent.name}: correct or clear these answers in the workbook, save it, and open it again"
    assert store_assessments.list_rows(supplier_db.store) == []


def test_the_buyer_counts_the_written_back_file_as_that_exports_return(every_ctx, supplier_db, sent):
    from fldd.usecases.sent_workbooks import sent_workbooks

    opened = open_received(supplier_db, sent)
    answer(supplier_db, opened.assessment_id)
    [row] = sent_workbooks(every_ctx)
    assert row["status"] == "awaiting"

    import_paths(every_ctx, [write_back(supplier_db, opened.assessment_id).path])

    [row] = sent_workbooks(every_ctx)
    assert (row["status"], row["export_id"]) == ("returned", opened.export_id)


def test_an_older_workbook_of_the_export_after_a_newer_one_is_refused(every_ctx, supplier_db, sent, tmp_path,
                                                                      monkeypatch):
    first = open_received(supplier_db, sent)
    answer(supplier_db, first.assessment_id, {"workers": 12}, {})
    [report] = import_paths(every_ctx, [write_back(supplier_db, first.assessment_id).path])
    monkeypatch.setattr("fldd.usecases.exchange.now", lambda: "2099-01-01T00:00:00Z")
    resent = export_workbook(every_ctx, AssessmentSession(every_ctx, report.assessment_id).supplier.id, "xchg-every",
                             tmp_path / "mail" / "again.xlsx", assessment_id=report.assessment_id).path
    open_received(supplier_db, resent)
    old_copy = fill(sent, {"workers": 13}, out=tmp_path / "mail" / "old copy.xlsx")  # the first mail, edited later

    with pytest.raises(Rejected) as refused:
        open_received(supplier_db, old_copy)

    assert refused.value.messages == [
        f"{old_copy.name}: the buyer sent this workbook on {metadata_of(sent)['exported_at'][:10]}, before again.xlsx "
        f"(sent 2099-01-01), which assessment {first.assessment_id} already answers: the newer one counts"]
    assert store_received.latest(supplier_db.store, first.assessment_id).file_name == "again.xlsx"


def test_the_suppliers_own_record_is_found_by_an_identifier_and_kept_as_it_is(every_ctx, supplier_db, tmp_path):
    from fldd.usecases.suppliers import add_supplier, get_supplier

    own = add_supplier(supplier_db, "Bright Electronics (our own name)", "CN", identifiers={"other": "BR-77"},
                       address="Our address")
    theirs = add_supplier(every_ctx, "Shenzhen Bright", "CN", identifiers={"other": "BR-77"}, address="Old address")
    sent = export_workbook(every_ctx, theirs, "xchg-every", tmp_path / "mail" / "b.xlsx").path

    opened = open_received(supplier_db, sent)

    assert opened.supplier_id == own
    kept = get_supplier(supplier_db, own)
    assert (kept.name, kept.address) == ("Bright Electronics (our own name)", "Our address")
