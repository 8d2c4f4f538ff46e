"""The bulk import job runs in a thread of its own, on its own connection, with progress and cancel."""

from __future__ import annotations

import threading

from fldd.usecases.assessments import list_assessments
from fldd.usecases.exchange import export_workbook
from fldd.usecases.import_job import files_to_import, run_import
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill


def returned(ctx, folder, n: int):
    supplier_id = add_supplier(ctx, f"Supplier {n}", "MY")
    sent = export_workbook(ctx, supplier_id, "fldd-desktop", folder / f".sent-{n}.xlsx").path
    return fill(sent, {"gov_policy_exists": "Yes", "pr_workers_total": 10 * n}, out=folder / f"{n:02}.xlsx")


def test_an_import_in_another_thread_uses_its_own_connection(ctx, tmp_path):
    paths = [returned(ctx, tmp_path, n) for n in (1, 2, 3)]
    seen, result = [], {}

    def job():  # a sqlite connection may not cross threads: ctx's own would raise here
        result["reports"] = run_import(ctx, paths, progress=lambda done, total, path: seen.append((done, total)))

    worker = threading.Thread(target=job)
    worker.start()
    worker.join(60)

    assert [r.outcome for r in result["reports"]] == ["accepted_incomplete"] * 3
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert sorted(r["supplier"] for r in list_assessments(ctx)) == ["Supplier 1", "Supplier 2", "Supplier 3"]


def test_a_cancel_is_read_between_files(ctx, tmp_path):
    paths = [returned(ctx, tmp_path, n) for n in (1, 2, 3)]
    stop = threading.Event()

    reports = run_import(ctx, paths, progress=lambda done, total, path: stop.set(), cancelled=stop.is_set)

    assert [r.path.name for r in reports] == ["01.xlsx"]
    assert [r["supplier"] for r in list_assessments(ctx)] == ["Supplier 1"]


def test_a_dry_run_writes_nothing_and_folders_give_their_workbooks(ctx, tmp_path):
    paths = [returned(ctx, tmp_path, n) for n in (1, 2)]

    assert files_to_import([tmp_path]) == paths  # the hidden .sent- copies are left out
    assert [r.outcome for r in run_import(ctx, [tmp_path], dry_run=True)] == ["accepted_incomplete"] * 2
    assert list_assessments(ctx) == []
