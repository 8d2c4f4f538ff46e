"""A buyer's database as the fldd of questionnaire version 1.0.0 left it (v1_database/make_v1_database.py made it
with that fldd): today's fldd opens it, shows each assessment with its version, scores it as it was scored, takes
in a workbook sent under 1.0.0, and moves the assessments to the current version one by one and all at once."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from fldd.cli import main
from fldd.store import assessments as store_assessments
from fldd.store import evidence as store_evidence
from fldd.store import findings as store_findings
from fldd.usecases.assessments import AssessmentSession, assessment_json, list_assessments, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.version_moves import move_all, move_assessment
from fldd.usecases.version_moves import moves as assessment_moves

HERE = Path(__file__).parent / "v1_database"
MADE = json.loads((HERE / "v1_results.json").read_text(encoding="utf-8"))
KLANG_DESKTOP, KLANG_ONSITE, DHAKA_CLOSED, SAIGON_DRAFT = 1, 2, 3, 4


def conclusions(result: dict) -> dict:
    """What scoring concluded, as the 1.0.0 fldd stored it and as today's recomputes it."""
    return {"score": result["score"], "rating": result["rating"], "completeness": result["completeness"]["percent"],
            "red_flags": sorted(f["question"] for f in result["red_flags"]),
            "triggers": [(t["id"], t["action"], t["severity"], t.get("plan_due", t.get("due_date")))
                         for t in result["triggers"]],
            "expires": result["expires"]}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "fldd.sqlite3"
    shutil.copy(HERE / "v1.sqlite3", path)
    return path


@pytest.fixture
def ctx(db):
    context = open_context(db, user="amina", role="buyer")
    context.today = lambda: dt.date(2026, 11, 23)
    yield context
    context.close()


def test_it_opens_and_lists_every_assessment_with_its_version(ctx):
    rows = {r["id"]: r for r in list_assessments(ctx)}
    assert {(i, r["questionnaire_id"], r["questionnaire_version"], r["status"]) for i, r in rows.items()} == {
        (KLANG_DESKTOP, "fldd-desktop", "1.0.0", "submitted"), (KLANG_ONSITE, "fldd-onsite", "1.0.0", "under_review"),
        (DHAKA_CLOSED, "fldd-desktop", "1.0.0", "closed"), (SAIGON_DRAFT, "fldd-desktop", "1.0.0", "draft")}
    assert ctx.standard.get("fldd-desktop").version != "1.0.0"  # the current version has moved on


@pytest.mark.parametrize("assessment_id", [KLANG_DESKTOP, KLANG_ONSITE, DHAKA_CLOSED])
def test_an_old_assessment_scores_exactly_as_it_did(ctx, assessment_id):
    session = AssessmentSession(ctx, assessment_id)
    assert session.questionnaire.ref.endswith("@1.0.0")
    stored = MADE["assessments"][str(assessment_id)]["result"]
    assert conclusions(session.result_json()) == conclusions(stored)
    assert len(stored["triggers"]) > 3  # a troubled site, so the comparison means something


def test_the_command_line_shows_the_version(db, capsys):
    assert main(["--db", str(db), "assessments", "list"]) == 0
    out = capsys.readouterr().out
    assert out.count("fldd-desktop 1.0.0") == 3 and "fldd-onsite 1.0.0" in out
    assert main(["--db", str(db), "assessments", "show", str(KLANG_DESKTOP)]) == 0
    assert "fldd-desktop@1.0.0, submitted" in capsys.readouterr().out


def test_a_workbook_sent_under_1_0_0_comes_back_into_its_1_0_0_assessment(ctx, tmp_path):
    returned = tmp_path / "saigon-returned.xlsx"
    shutil.copy(HERE / "saigon-returned.xlsx", returned)
    (report,) = import_paths(ctx, [returned])
    assert report.outcome in ("accepted", "accepted_incomplete"), report.errors
    assert report.assessment_id == SAIGON_DRAFT
    record = store_assessments.get(ctx.store, SAIGON_DRAFT)
    assert record.questionnaire_version == "1.0.0"
    stored = store_assessments.answers(ctx.store, SAIGON_DRAFT)
    assert stored["pr_workers_total"].value == MADE["answers"]["pr_workers_total"]
    assert stored["fee_any_paid"].value == "no"


def test_one_submitted_assessment_moves_with_its_report(ctx):
    before = AssessmentSession(ctx, KLANG_DESKTOP)
    answered = {q for q, a in store_assessments.answers(ctx.store, KLANG_DESKTOP).items() if a.value is not None}
    findings = store_findings.rows(ctx.store, assessment_id=KLANG_DESKTOP)
    report = move_assessment(ctx, KLANG_DESKTOP)
    target = ctx.standard.get("fldd-desktop")
    assert (report["from"], report["to"], report["status"]) == ("1.0.0", target.version, "submitted")
    kept = {q for q in answered if target.question(q) is not None}
    assert set(report["carried"]) | {d["question"] for d in report["dropped"]} == kept
    assert set(report["retired_kept"]) == answered - kept
    assert report["before"]["rating"] == before.result.rating
    assert report["comments_kept"] == 1 and report["evidence_kept"] == 1
    assert len(report["findings_on_record"]) == len(findings)

    record = store_assessments.get(ctx.store, KLANG_DESKTOP)
    assert (record.questionnaire_version, record.status) == (target.version, "submitted")
    after = AssessmentSession(ctx, KLANG_DESKTOP)
    assert after.questionnaire is target and after.result.rating == report["after"]["rating"]
    assert after.comments["fee_any_paid"].startswith("Agency in Kathmandu")
    assert len(store_evidence.list_for(ctx.store, assessment_id=KLANG_DESKTOP)) == 1
    still = store_findings.rows(ctx.store, assessment_id=KLANG_DESKTOP)
    assert [(f["id"], f["title"], f["due_date"]) for f in findings] == \
        [(f["id"], f["title"], f["due_date"]) for f in still[:len(findings)]]
    shown = assessment_json(ctx, KLANG_DESKTOP)
    (move,) = shown["moves"]
    assert (move["from_version"], move["to_version"], move["moved_by"]) == ("1.0.0", target.version, "amina")
    assert move["report"]["after"] == report["after"]
    with pytest.raises(Exception, match="moves only to a newer version"):
        move_assessment(ctx, KLANG_DESKTOP)


def test_a_dry_run_changes_nothing(ctx):
    report = move_assessment(ctx, KLANG_ONSITE, dry_run=True)
    assert report["dry_run"] and report["to"] != "1.0.0"
    assert store_assessments.get(ctx.store, KLANG_ONSITE).questionnaire_version == "1.0.0"
    assert assessment_json(ctx, KLANG_ONSITE)["moves"] == []


def test_all_move_at_once_and_the_closed_one_stays(ctx):
    done = move_all(ctx, from_version="1.0.0")
    assert [r["assessment"] for r in done["moved"]] == [KLANG_DESKTOP, KLANG_ONSITE, SAIGON_DRAFT]
    (skipped,) = done["skipped"]
    assert skipped["assessment"] == DHAKA_CLOSED and "closed" in skipped["why"]
    versions = {r["id"]: r["questionnaire_version"] for r in list_assessments(ctx)}
    assert versions[DHAKA_CLOSED] == "1.0.0" and len({versions[i] for i in (1, 2, 4)} - {"1.0.0"}) == 1
    assert move_all(ctx) == {"moved": [], "skipped": [skipped], "dry_run": False}


def test_the_database_refuses_a_version_change_without_its_move(ctx):
    with pytest.raises(sqlite3.IntegrityError, match="only with its move recorded"), ctx.store.write() as db:
        db.execute("UPDATE assessments SET questionnaire_version = '2.0.0' WHERE id = ?", [SAIGON_DRAFT])
    move_assessment(ctx, SAIGON_DRAFT)
    with pytest.raises(sqlite3.IntegrityError, match="never changed"), ctx.store.write() as db:
        db.execute("UPDATE questionnaire_moves SET moved_by = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="kept while its assessment exists"), ctx.store.write() as db:
        db.execute("DELETE FROM questionnaire_moves")
    fresh = start_assessment(ctx, MADE["saigon"], "fldd-desktop@1.0.0")
    move_assessment(ctx, fresh)
    with ctx.store.write() as db:  # the entry goes with its assessment
        db.execute("DELETE FROM assessments WHERE id = ?", [fresh])
    assert assessment_moves(ctx, fresh) == []


def test_migrate_on_the_command_line(db, capsys):
    assert main(["--db", str(db), "assessments", "migrate", str(KLANG_DESKTOP), "--dry-run"]) == 0
    assert "would move fldd-desktop 1.0.0 -> " in capsys.readouterr().out
    assert main(["--db", str(db), "assessments", "migrate", str(KLANG_DESKTOP)]) == 0
    out = capsys.readouterr().out
    assert "moved fldd-desktop 1.0.0 -> " in out and "answers carried: " in out and "before (1.0.0): High risk" in out
    assert main(["--db", str(db), "assessments", "migrate", "--all", "--from", "1.0.0", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert [r["assessment"] for r in done["moved"]] == [KLANG_ONSITE, SAIGON_DRAFT]
    assert [s["assessment"] for s in done["skipped"]] == [DHAKA_CLOSED]
    assert main(["--db", str(db), "assessments", "migrate", "--all", str(KLANG_DESKTOP)]) == 1
    assert "name one assessment (ID) or --all" in capsys.readouterr().err
    assert main(["--db", str(db), "assessments", "show", str(KLANG_DESKTOP)]) == 0
    assert "moved from fldd-desktop 1.0.0 to " in capsys.readouterr().out


def test_re_sending_an_old_draft_sends_its_own_version_and_new_exports_the_current_one(ctx, tmp_path):
    from fldd.exchange.workbook_check import read_metadata
    from fldd.exchange.workbook_read import open_workbook

    def read_metadata_file(path):
        return read_metadata(open_workbook(path))

    again = export_workbook(ctx, MADE["saigon"], "fldd-desktop", tmp_path / "again.xlsx", assessment_id=SAIGON_DRAFT)
    fresh = export_workbook(ctx, MADE["saigon"], "fldd-desktop", tmp_path / "fresh.xlsx")
    assert read_metadata_file(again.path)["version"] == "1.0.0"
    assert read_metadata_file(fresh.path)["version"] == ctx.standard.get("fldd-desktop").version != "1.0.0"


def test_an_answers_file_of_1_0_0_is_scored_by_1_0_0(tmp_path, capsys):
    golden = json.loads((Path(__file__).parents[1] / "standard" / "releases" / "golden_1_0_0.json")
                        .read_text(encoding="utf-8"))
    example = next(e for e in golden if e["name"].startswith("edge: two red-flag options"))  # severe at 96.9
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"questionnaire": "fldd-desktop", "version": "1.0.0", "as_of": example["as_of"],
                                "inputs": example["inputs"], "answers": example["answers"]}), encoding="utf-8")
    assert main(["score", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["version"], result["rating"]) == ("1.0.0", example["expect"]["rating"])
    assert [t["id"] for t in result["triggers"]] == [t[0] for t in example["expect"]["triggers"]]


def test_a_workbook_sent_before_its_assessment_moved_is_refused_with_the_way_on(ctx, tmp_path):
    move_assessment(ctx, SAIGON_DRAFT)
    returned = tmp_path / "saigon-returned.xlsx"
    shutil.copy(HERE / "saigon-returned.xlsx", returned)
    (report,) = import_paths(ctx, [returned])
    current = ctx.standard.get("fldd-desktop").version
    assert report.outcome == "rejected"
    assert any(f"was answered on fldd-desktop@1.0.0, but assessment {SAIGON_DRAFT} (Saigon Stitch Co.) has moved to "
               f"version {current} since it was sent" in issue.message for issue in report.errors)
    assert store_assessments.answers(ctx.store, SAIGON_DRAFT)["pr_workers_total"].value == 400


def test_findings_on_record_are_not_raised_again_as_one_fact_and_new_ones_count_from_the_move(ctx):
    import dataclasses

    from fldd.standard.model import Fact, Threshold
    from tests.usecases.version_variant import VariantContext

    recorded = [f for f in store_findings.rows(ctx.store, assessment_id=KLANG_DESKTOP) if f["threshold_id"]]
    pair = {f["threshold_id"] for f in recorded[:2]}
    current = ctx.standard.get("fldd-desktop@1.0.0")
    new_rule = Threshold("thr_new_rule", {"en": "A rule new in 9.0.0"}, next(iter(current.floors)).condition,
                         "finding", "major", {"en": "Do it."}, (), None, current.where)
    thresholds = tuple(dataclasses.replace(t, fact="fact_pair") if t.id in pair else t for t in current.thresholds)
    variant = dataclasses.replace(current, version="9.0.0", thresholds=(*thresholds, new_rule), red_flags_count="fact",
                                  facts={"fact_pair": Fact("fact_pair", {"en": "One fact"}, current.where)},
                                  _by_id={}, content_hash="variant")
    standard = dataclasses.replace(ctx.standard, questionnaires={**ctx.standard.questionnaires, "fldd-desktop": variant})
    vctx = VariantContext(ctx.store, ctx.user, ctx.role, ctx.today, custom=standard)
    report = move_assessment(vctx, KLANG_DESKTOP)
    assert "fact_pair" in {f["id"] for f in report["after"]["findings"]}
    assert [f["id"] for f in report["findings_raised"]] == ["thr_new_rule"]  # the fact's sources are on record
    (raised,) = report["findings_raised"]
    assert raised["due_date"] == (ctx.today() + dt.timedelta(days=14)).isoformat()  # from the day of the move
    assert len(store_findings.rows(ctx.store, assessment_id=KLANG_DESKTOP)) == len(report["findings_on_record"]) + 1
