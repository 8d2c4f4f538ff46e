"""Which workbooks came back and which to chase: returned, awaiting (overdue after 30 days), replaced by a newer
workbook, or answered with an earlier copy after a reminder went out."""

from __future__ import annotations

from fldd.store import exchange as store_exchange
from fldd.store import exports as store_exports
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.sent_workbooks import sent_workbooks, summary
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill


def _sent(ctx, supplier, export_id, day, questionnaire="fldd-desktop"):
    return store_exports.record(ctx.store, export_id=export_id, supplier_id=supplier, questionnaire_id=questionnaire,
                                version="1.0.0", tier=questionnaire.split("-")[-1], language="en",
                                file_name=f"{export_id}.xlsx", exported_by="amina", exported_at=f"{day}T09:00:00Z")


def _back(ctx, export_id, day, outcome="accepted", sha=None):
    store_exchange.record_import(ctx.store, file_name=f"{export_id}-back.xlsx", sha256=sha or f"{export_id}{day}",
                                 outcome=outcome, errors=[], export_id=export_id, imported_at=f"{day}T15:00:00Z")


def _states(rows) -> dict:
    return {r["export_id"]: r["status"] for r in rows}


def test_returned_awaiting_and_overdue_with_the_days_counted_to_today(ctx):
    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY")
    denim = add_supplier(ctx, "Dhaka Denim", "BD")
    _sent(ctx, gloves, "g-1", "2026-09-01")
    _back(ctx, "g-1", "2026-09-15")
    _sent(ctx, denim, "d-1", "2026-10-01")
    _back(ctx, "d-1", "2026-10-05", outcome="rejected")  # a bad file is no return
    _sent(ctx, gloves, "g-2", "2026-11-20", questionnaire="fldd-onsite")  # another questionnaire: no replacement

    rows = sent_workbooks(ctx)

    assert [(r["export_id"], r["supplier"], r["sent_on"], r["days_since_sent"], r["status"], r["overdue"])
            for r in rows] == [("g-1", "Klang Valley Gloves", "2026-09-01", 83, "returned", False),
                               ("d-1", "Dhaka Denim", "2026-10-01", 53, "awaiting", True),
                               ("g-2", "Klang Valley Gloves", "2026-11-20", 3, "awaiting", False)]
    assert (rows[0]["returned_on"], rows[0]["days_to_return"], rows[0]["returned_file"]) == (
        "2026-09-15", 14, "g-1-back.xlsx")
    assert [r["export_id"] for r in sent_workbooks(ctx, awaiting_only=True)] == ["d-1", "g-2"]
    assert [r["export_id"] for r in sent_workbooks(ctx, supplier_id=gloves)] == ["g-1", "g-2"]
    assert summary(rows) == {"sent": 3, "returned": 1, "awaiting": 2, "overdue": 1, "replaced": 0, "not_chased": 0}


def test_a_newer_workbook_of_the_same_questionnaire_replaces_the_one_not_returned(ctx):
    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY")
    _sent(ctx, gloves, "first", "2026-08-01")
    _sent(ctx, gloves, "second", "2026-10-01")

    rows = sent_workbooks(ctx)

    assert _states(rows) == {"first": "replaced", "second": "awaiting"}
    assert (rows[0]["replaced_by"], rows[0]["replaced_on"], rows[0]["overdue"]) == (rows[1]["id"], "2026-10-01", False)
    assert [r["export_id"] for r in sent_workbooks(ctx, awaiting_only=True)] == ["second"]


def test_an_earlier_copy_returned_after_the_reminder_answers_it(ctx):
    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY")
    _sent(ctx, gloves, "first", "2026-08-01")
    _sent(ctx, gloves, "reminder", "2026-10-01")
    _back(ctx, "first", "2026-10-10")  # the supplier answered the first mail

    rows = sent_workbooks(ctx)

    assert _states(rows) == {"first": "returned", "reminder": "returned"}
    assert (rows[1]["returned_on"], rows[1]["returned_copy_sent_on"], rows[1]["days_to_return"]) == (
        "2026-10-10", "2026-08-01", 9)
    assert sent_workbooks(ctx, awaiting_only=True) == []


def test_a_new_round_after_a_return_is_awaited_again(ctx):
    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY")
    _sent(ctx, gloves, "2025-round", "2025-11-01")
    _back(ctx, "2025-round", "2025-11-20")
    _sent(ctx, gloves, "2026-round", "2026-11-01")
    _back(ctx, "2025-round", "2026-11-10", outcome="accepted")  # last year's assessment revised: not this round

    assert _states(sent_workbooks(ctx)) == {"2025-round": "returned", "2026-round": "awaiting"}


def test_a_re_sent_assessment_is_returned_only_by_a_file_after_the_re_send(ctx):
    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY")
    _sent(ctx, gloves, "uid-1", "2026-01-10")
    _back(ctx, "uid-1", "2026-02-01", sha="feb")
    _sent(ctx, gloves, "uid-1", "2026-10-01")  # the same assessment re-sent: the same export id
    _back(ctx, "uid-1", "2026-10-20", outcome="unchanged", sha="feb")  # the February file imported again

    assert [r["status"] for r in sent_workbooks(ctx)] == ["returned", "awaiting"]
    _back(ctx, "uid-1", "2026-10-25", outcome="unchanged", sha="oct")  # sent back confirming every answer
    assert [(r["status"], r["returned_on"]) for r in sent_workbooks(ctx)] == [
        ("returned", "2026-02-01"), ("returned", "2026-10-25")]


def test_the_log_follows_real_exports_and_imports(ctx, tmp_path):
    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY")
    denim = add_supplier(ctx, "Dhaka Denim", "BD")
    sent = export_workbook(ctx, gloves, "fldd-desktop", tmp_path / "gloves.xlsx", lang="es")
    export_workbook(ctx, denim, "fldd-desktop", tmp_path / "denim.xlsx")
    assert {r["supplier"]: r["status"] for r in sent_workbooks(ctx)} == {"Klang Valley Gloves": "awaiting",
                                                                         "Dhaka Denim": "awaiting"}

    fill(sent.path, {"pr_workers_total": 80, "gov_policy_exists": "Sí"})
    [report] = import_paths(ctx, [sent.path])

    rows = {r["supplier"]: r for r in sent_workbooks(ctx)}
    assert report.outcome == "accepted_incomplete"
    assert (rows["Klang Valley Gloves"]["status"], rows["Klang Valley Gloves"]["language"],
            rows["Klang Valley Gloves"]["file_name"]) == ("returned", "es", "gloves.xlsx")
    assert rows["Dhaka Denim"]["status"] == "awaiting"


def test_overdue_means_waiting_more_than_thirty_days(ctx):
    for name, day in (("Thirty", "2026-10-24"), ("Thirty-one", "2026-10-23")):
        _sent(ctx, add_supplier(ctx, name, "MY"), name, day)

    assert [(r["supplier"], r["days_since_sent"], r["overdue"]) for r in sent_workbooks(ctx)] == [
        ("Thirty-one", 31, True), ("Thirty", 30, False)]


def test_a_suspended_or_inactive_supplier_is_not_chased_until_it_is_active_again(ctx):
    from fldd.usecases.suppliers import update_supplier

    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY")
    denim = add_supplier(ctx, "Dhaka Denim", "BD")
    _sent(ctx, gloves, "g-1", "2026-08-01")
    _sent(ctx, denim, "d-1", "2026-08-01")
    update_supplier(ctx, gloves, status="suspended")

    rows = sent_workbooks(ctx)

    assert [(r["export_id"], r["status"], r["overdue"]) for r in rows] == [
        ("g-1", "not_chased", False), ("d-1", "awaiting", True)]
    assert [r["export_id"] for r in sent_workbooks(ctx, awaiting_only=True)] == ["d-1"]
    assert summary(rows)["not_chased"] == 1

    update_supplier(ctx, gloves, status="active")
    assert _states(sent_workbooks(ctx)) == {"g-1": "awaiting", "d-1": "awaiting"}
