"""JSON answer packs: a supplier's fldd exports a completed assessment, the buyer's fldd imports it whole or not
at all; bad, changed and repeated packs are caught."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fldd.exchange.answer_pack import digest
from fldd.store import assessments as store_assessments
from fldd.store.exchange import data_checksum, imports
from fldd.usecases.answer_pack import export_pack, import_pack
from fldd.usecases.assessments import AssessmentSession, assessment_json, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)
OS_ID = "MY2023001K7M2QN"
NAME = "Klang Valley Gloves 巴生手套 ถุงมือ قفازات"


def _context(path, role):
    ctx = open_context(path, user=role, role=role)
    ctx.today = lambda: TODAY
    return ctx


@pytest.fixture
def supplier_ctx(tmp_path):
    ctx = _context(tmp_path / "supplier.sqlite3", "supplier")
    yield ctx
    ctx.close()


@pytest.fixture
def buyer(tmp_path):
    ctx = _context(tmp_path / "buyer.sqlite3", "buyer")
    add_supplier(ctx, NAME, "MY", goods=["Rubber Gloves"], identifiers={"os_id": OS_ID})
    yield ctx
    ctx.close()


def answer_all(session: AssessmentSession, skip: int = 0) -> None:
    """Answer every visible required question (lowest risk), leaving out the last `skip` of them."""
    for _ in range(6):
        missing = session.result.completeness.missing
        for qid in missing[:len(missing) - skip] if skip else missing:
            q = session.questionnaire.question(qid)
            if q.options:
                best = min((o for o in q.options if o.value not in ("unknown", "na")), key=lambda o: o.risk or 0)
                session.answer(qid, [best.value] if q.type == "multi" else best.value)
            elif q.type == "money":
                session.answer(qid, "1500 MYR")
            elif q.type in ("number", "count", "percent"):
                session.answer(qid, 150 if qid == "wag_overtime_rate_pct" else int(q.minimum or 0))
            else:
                session.answer(qid, "马来语和尼泊尔语 ภาษามลายู العربية")
        if not session.result.completeness.missing[:len(session.result.completeness.missing) - skip]:
            break


def supplier_assessment(ctx, skip: int = 0) -> int:
    """The supplier's own desktop self-assessment, answered (comments in three scripts) and submitted."""
    supplier_id = add_supplier(ctx, NAME, "MY", goods=["Rubber Gloves"], identifiers={"os_id": OS_ID})
    session = AssessmentSession(ctx, start_assessment(ctx, supplier_id, "fldd-desktop"))
    answer_all(session, skip)
    session.comment("hrs_peak_weekly_max", "旺季 ช่วงพีค موسم الذروة")
    if not skip:
        session.move_to("submitted")
    return session.id


def exported(supplier_ctx, tmp_path, skip: int = 0):
    assessment_id = supplier_assessment(supplier_ctx, skip)
    path = export_pack(supplier_ctx, assessment_id, tmp_path / "packs" / "klang.json")
    return assessment_id, path


def test_export_writes_a_sealed_pack_with_every_answer_and_comment(supplier_ctx, tmp_path):
    assessment_id, path = exported(supplier_ctx, tmp_path)
    pack = json.loads(path.read_text(encoding="utf-8"))
    source = assessment_json(supplier_ctx, assessment_id)

    assert pack["format"] == "fldd-answer-pack" and pack["protocol"] == 1
    assert (pack["questionnaire"], pack["version"]) == ("fldd-desktop", supplier_ctx.standard.get("fldd-desktop").version)
    assert pack["supplier"]["name"] == NAME and pack["supplier"]["identifiers"] == {"os_id": OS_ID}
    assert pack["assessment"]["uid"] == source["uid"] and pack["assessment"]["status"] == "submitted"
    assert pack["answers"] == source["answers"]
    assert pack["comments"]["hrs_peak_weekly_max"] == "旺季 ช่วงพีค موسم الذروة"
    assert pack["digest"] == digest(pack)
    assert len(pack["signature"]["hmac"]) == 64
    assert not list(path.parent.glob("*.part"))  # written through a temporary file


def test_buyer_imports_the_pack_and_holds_the_same_answers(supplier_ctx, buyer, tmp_path):
    assessment_id, path = exported(supplier_ctx, tmp_path)

    report = import_pack(buyer, path)

    assert report.outcome == "accepted", [str(e) for e in report.errors]
    assert report.supplier == NAME and report.revision == 1
    got = assessment_json(buyer, report.assessment_id)
    sent = assessment_json(supplier_ctx, assessment_id)
    assert got["answers"] == sent["answers"] and got["comments"] == sent["comments"]
    assert got["uid"] == sent["uid"] and got["source"] == "answer_pack" and got["status"] == "submitted"
    assert got["result"]["rating"] == sent["result"]["rating"]
    assert imports(buyer.store)[0]["outcome"] == "accepted"


def test_the_same_pack_twice_changes_nothing(supplier_ctx, buyer, tmp_path):
    _, path = exported(supplier_ctx, tmp_path)
    first = import_pack(buyer, path)
    before = data_checksum(buyer.store)

    again = import_pack(buyer, path)

    assert again.outcome == "unchanged" and again.assessment_id == first.assessment_id
    assert (again.supplier, again.questionnaire) == (NAME, buyer.standard.get("fldd-desktop").ref)
    assert data_checksum(buyer.store) == before


def test_a_newer_pack_for_the_same_assessment_becomes_a_new_revision(supplier_ctx, buyer, tmp_path):
    assessment_id, path = exported(supplier_ctx, tmp_path)
    first = import_pack(buyer, path)
    session = AssessmentSession(supplier_ctx, assessment_id)
    session.move_to("draft")
    session.answer("hrs_peak_weekly_max", 58, "less overtime since March")
    newer = export_pack(supplier_ctx, assessment_id, tmp_path / "packs" / "klang-2.json")

    report = import_pack(buyer, newer)

    assert report.outcome == "accepted" and report.assessment_id == first.assessment_id
    assert report.revision == 2 and store_assessments.get(buyer.store, first.assessment_id).revision == 2
    changed = {(c.question, c.what): (c.old, c.new) for c in report.changes}
    assert changed[("hrs_peak_weekly_max", "answer")][1] == "58"
    assert changed[("hrs_peak_weekly_max", "comment")] == ("旺季 ช่วงพีค موسم الذروة", "less overtime since March")
    assert assessment_json(buyer, first.assessment_id)["answers"]["hrs_peak_weekly_max"] == 58


def test_an_older_pack_after_a_newer_one_is_superseded(supplier_ctx, buyer, tmp_path):
    assessment_id, old = exported(supplier_ctx, tmp_path)
    pack = json.loads(old.read_text(encoding="utf-8"))
    pack["assessment"]["exported_at"] = "2026-11-01T08:00:00Z"
    pack["digest"] = digest(pack)
    pack["signature"] = None
    old.write_text(json.dumps(pack), encoding="utf-8")
    session = AssessmentSession(supplier_ctx, assessment_id)
    session.move_to("draft")
    session.answer("hrs_peak_weekly_max", 58)
    newer = export_pack(supplier_ctx, assessment_id, tmp_path / "packs" / "klang-2.json")
    applied = import_pack(buyer, newer)
    before = data_checksum(buyer.store)

    report = import_pack(buyer, old)

    assert report.outcome == "superseded" and report.assessment_id == applied.assessment_id
    assert data_checksum(buyer.store) == before


def test_an_incomplete_pack_is_accepted_as_incomplete_with_what_is_missing(supplier_ctx, buyer, tmp_path):
    _, path = exported(supplier_ctx, tmp_path, skip=2)

    report = import_pack(buyer, path)

    assert report.outcome == "accepted_incomplete"
    assert len(report.missing) == 2 and all(m.question for m in report.missing)
    assert store_assessments.get(buyer.store, report.assessment_id).status == "draft"


def test_a_dry_run_reports_without_writing(supplier_ctx, buyer, tmp_path):
    _, path = exported(supplier_ctx, tmp_path)
    before = data_checksum(buyer.store)

    report = import_pack(buyer, path, dry_run=True)

    assert report.outcome == "accepted" and report.answered > 50
    assert data_checksum(buyer.store) == before and imports(buyer.store) == []


def _rewrite(path, change, reseal=True):
    pack = json.loads(path.read_text(encoding="utf-8"))
    change(pack)
    if reseal:
        pack["digest"] = digest(pack)
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")


def _rejected(ctx, path):
    before = data_checksum(ctx.store)
    report = import_pack(ctx, path)
    assert report.outcome == "rejected"
    assert data_checksum(ctx.store) == before
    assert imports(ctx.store)[0]["outcome"] == "rejected"
    return [str(e) for e in report.errors]


def test_a_pack_changed_after_export_is_rejected_by_its_digest(supplier_ctx, buyer, tmp_path):
    _, path = exported(supplier_ctx, tmp_path)
    _rewrite(path, lambda p: p["answers"].update(hrs_peak_weekly_max=40), reseal=False)

    errors = _rejected(buyer, path)

    assert any("digest" in e and "changed after it was exported" in e for e in errors), errors


def test_a_pack_this_database_signed_then_changed_and_resealed_is_rejected_by_its_signature(buyer, tmp_path):
    supplier_id = add_supplier(buyer, "Penang Latex", "MY")
    session = AssessmentSession(buyer, start_assessment(buyer, supplier_id, "fldd-desktop"))
    answer_all(session)
    path = export_pack(buyer, session.id, tmp_path / "own.json")
    _rewrite(path, lambda p: p["answers"].update(hrs_peak_weekly_max=40))  # digest recomputed, HMAC cannot be

    errors = _rejected(buyer, path)

    assert any("signature" in e for e in errors), errors


def test_schema_problems_name_the_field(supplier_ctx, buyer, tmp_path):
    _, path = exported(supplier_ctx, tmp_path)

    def damage(pack):
        pack["assessment"]["status"] = "finished"
        pack["supplier"]["country"] = "Malaysia"
        pack["answers"]["hrs_peak_weekly_max"] = True
        pack["colour"] = "blue"

    _rewrite(path, damage)
    errors = _rejected(buyer, path)

    assert any(e.startswith("klang.json: assessment.status:") for e in errors), errors
    assert any(e.startswith("klang.json: supplier.country:") for e in errors), errors
    assert any(e.startswith("klang.json: answers.hrs_peak_weekly_max:") for e in errors), errors
    assert any("colour" in e and "unknown field" in e for e in errors), errors


def test_answers_the_questionnaire_refuses_are_rejected_naming_the_question(supplier_ctx, buyer, tmp_path):
    _, path = exported(supplier_ctx, tmp_path)

    def damage(pack):
        pack["answers"]["hrs_peak_weekly_max"] = -5
        pack["answers"]["no_such_question"] = "yes"
        pack["comments"]["another_unknown"] = "?"

    _rewrite(path, damage)
    errors = _rejected(buyer, path)

    assert any("answers.hrs_peak_weekly_max" in e and "(hrs_peak_weekly_max)" in e for e in errors), errors
    assert any("answers.no_such_question" in e for e in errors), errors
    assert any("comments.another_unknown" in e for e in errors), errors


@pytest.mark.parametrize("content, expected", [
    (b"\x89PNG\r\n", "not UTF-8"),
    (b"{\"format\": \"fldd-answer-pack\",", "invalid JSON at line 1"),
    (b"[1, 2]", "'format' is not"),
    (b"{\"format\": \"fldd-answer-pack\", \"format\": \"x\"}", "appears twice"),
    (b"{\"format\": \"fldd-answer-pack\", \"protocol\": NaN}", "NaN"),
])
def test_files_that_are_not_packs_are_rejected_with_the_reason(buyer, tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)

    errors = _rejected(buyer, path)

    assert any(expected in e for e in errors), errors


def test_an_unknown_supplier_or_questionnaire_version_is_rejected(supplier_ctx, tmp_path):
    _, path = exported(supplier_ctx, tmp_path)
    stranger = _context(tmp_path / "other-buyer.sqlite3", "buyer")
    try:
        assert any("not in this register" in e for e in _rejected(stranger, path))
        _rewrite(path, lambda p: p.update(version="9.0.0"))
        assert any("9.0.0 is not shipped" in e for e in _rejected(stranger, path))
    finally:
        stranger.close()


def test_an_oversized_file_is_refused_before_it_is_read(buyer, tmp_path, monkeypatch):
    import fldd.exchange.answer_pack as answer_pack

    monkeypatch.setattr(answer_pack, "MAX_BYTES", 100)
    path = tmp_path / "big.json"
    path.write_text("{" + " " * 200 + "}", encoding="utf-8")

    errors = _rejected(buyer, path)

    assert any("an answer pack is at most 100" in e for e in errors), errors


def test_the_published_schema_is_a_valid_json_schema():
    from jsonschema import Draft202012Validator

    from fldd.paths import questionnaires_dir

    schema = json.loads((questionnaires_dir() / "schema" / "answer-pack.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)


def test_bulk_import_of_a_folder_sends_packs_to_the_pack_importer(supplier_ctx, buyer, tmp_path):
    from fldd.usecases.exchange import import_paths

    _, path = exported(supplier_ctx, tmp_path)

    reports = import_paths(buyer, [path.parent, path])

    assert [(r.path.name, r.outcome) for r in reports] == [("klang.json", "accepted"), ("klang.json", "unchanged")]
