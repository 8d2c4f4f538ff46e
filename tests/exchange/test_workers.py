"""Large imports read and check files in worker processes: same outcome as reading them here, in file order;
a worker that cannot start or dies leaves its files to this process."""

from __future__ import annotations

import os
import sys

import pytest

from fldd.usecases import workbook_reading, workbook_workers
from fldd.usecases.assessments import assessment_json
from fldd.usecases.exchange import export_workbook, import_paths
from tests.exchange.conftest import fill


@pytest.fixture
def folder(every_ctx, every_supplier, tmp_path):
    folder = tmp_path / "returned"
    folder.mkdir()
    for n in range(5):
        path = export_workbook(every_ctx, every_supplier, "xchg-every", folder / f"s{n}.xlsx").path
        fill(path, {"migrants": "No", "workers": n + 1, "languages": f"語言 {n}"})
    (folder / "s2.xlsx").write_text("not a workbook")  # a bad file among them
    return folder


@pytest.fixture
def in_workers(monkeypatch):
    """Use worker processes from three files on, with two workers whatever this machine has."""
    monkeypatch.setattr(workbook_reading, "PROCESS_MIN_FILES", 3)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def _outcomes(ctx, reports):
    return [(r.path.name, r.outcome, assessment_json(ctx, r.assessment_id)["answers"] if r.assessment_id else None)
            for r in reports]


def test_workers_give_the_same_reports_in_file_order(every_ctx, folder, in_workers, monkeypatch):
    started = []
    real = workbook_workers.Workers.__init__

    def counting(self, *args, **kwargs):
        started.append(args[0])
        real(self, *args, **kwargs)

    monkeypatch.setattr(workbook_workers.Workers, "__init__", counting)
    progress = []

    reports = import_paths(every_ctx, [folder], progress=lambda i, n, p: progress.append((i, p.name)))

    assert started == [2]
    assert [(i, name) for i, name in progress] == [(1, "s0.xlsx"), (2, "s1.xlsx"), (3, "s2.xlsx"), (4, "s3.xlsx"),
                                                   (5, "s4.xlsx")]
    outcomes = _outcomes(every_ctx, reports)
    assert [o[1] for o in outcomes] == ["accepted_incomplete"] * 2 + ["rejected"] + ["accepted_incomplete"] * 2
    assert outcomes[4][2] == {"migrants": "no", "workers": 5, "languages": "語言 4"}
    assert "not a zip archive" in reports[2].errors[0].message


def test_cancelling_stops_the_workers(every_ctx, folder, in_workers):
    reports = import_paths(every_ctx, [folder], cancelled=lambda: True)
    assert reports == []
    reports = import_paths(every_ctx, [folder], progress=lambda i, n, p: None,
                           cancelled=lambda: len(every_ctx.store.conn.execute("SELECT 1 FROM imports").fetchall()) >= 1)
    assert [r.path.name for r in reports] == ["s0.xlsx"]


def test_files_of_a_worker_that_cannot_work_are_read_here(every_ctx, folder, in_workers, monkeypatch):
    monkeypatch.setattr(workbook_workers, "worker_command", lambda: [sys.executable, "-c", "pass"])

    reports = import_paths(every_ctx, [folder])

    assert [r.outcome for r in reports] == ["accepted_incomplete"] * 2 + ["rejected"] + ["accepted_incomplete"] * 2


def test_the_app_command_starts_a_worker_as_the_bundled_app_does(every_ctx, folder, in_workers, monkeypatch):
    """A frozen build starts its workers as `fldd --fldd-read-worker` (there is no `python -m` there)."""
    monkeypatch.setattr(workbook_workers, "worker_command",
                        lambda: [sys.executable, "-m", "fldd", workbook_workers.WORKER_FLAG])
    loaded = []
    real = workbook_workers.Workers.map

    def spying(self, files, load_here, stopped_on):
        for item in real(self, files, lambda path: pytest.fail(f"{path.name} was read here, not by a worker"),
                         stopped_on):
            loaded.append(item.path.name)
            yield item

    monkeypatch.setattr(workbook_workers.Workers, "map", spying)

    reports = import_paths(every_ctx, [folder])

    assert loaded == [f"s{n}.xlsx" for n in range(5)]
    assert [r.outcome for r in reports].count("accepted_incomplete") == 4


def test_workers_score_each_file_as_this_process_would(every_ctx, folder, in_workers):
    from fldd.usecases.assessments import AssessmentSession

    reports = import_paths(every_ctx, [folder])

    for report in reports:
        if report.assessment_id is None:
            continue
        stored = assessment_json(every_ctx, report.assessment_id)["result"]
        again = AssessmentSession(every_ctx, report.assessment_id).result.to_json()
        assert (stored["score"], stored["rating"], stored["completeness"]) == (
            again["score"], again["rating"], again["completeness"])
        assert [t["id"] for t in stored["triggers"]] == [t["id"] for t in again["triggers"]]


def test_a_file_a_worker_dies_on_is_refused_and_not_read_here(every_ctx, folder, in_workers, monkeypatch, tmp_path):
    """Were a file to crash the reader (as python-calamine aborts on far cells), only a worker would die."""
    dying = tmp_path / "dying_worker.py"
    dying.write_text(
        "import sys\n"
        "from fldd.usecases import workbook_workers as w\n"
        "import fldd.usecases.workbook_reading as r\n"
        "original = r.load\n"
        "def load(path, *args):\n"
        "    if path.name == 's3.xlsx':\n"
        "        import os; os._exit(134)\n"
        "    return original(path, *args)\n"
        "r.load = load\n"
        "sys.exit(w.main())\n", encoding="utf-8")
    monkeypatch.setattr(workbook_workers, "worker_command", lambda: [sys.executable, str(dying)])

    reports = import_paths(every_ctx, [folder])

    assert [r.outcome for r in reports] == ["accepted_incomplete"] * 2 + ["rejected"] * 2 + ["accepted_incomplete"]
    assert "the reader stopped on this file" in reports[3].errors[0].message
