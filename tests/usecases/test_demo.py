"""The demo portfolio: believable, every state present, added once, and all or nothing."""

from __future__ import annotations

import pytest

from fldd.usecases import demo
from fldd.usecases.assessments import list_assessments
from fldd.usecases.corrections import apply_correction, pending_corrections, pending_count
from fldd.usecases.findings import list_findings
from fldd.usecases.suppliers import register


def test_demo_covers_every_state_and_is_added_once(ctx):
    first = demo.build_demo(ctx)
    assert first["existing"] is False and first["suppliers"] == len(demo.SUPPLIERS)
    rows = list_assessments(ctx)
    assert {r["status"] for r in rows} == {"draft", "submitted", "under_review", "closed"}
    assert {r["tier"] for r in rows} == {"desktop", "onsite"}
    assert len({r["country"] for r in register(ctx)}) >= 15
    findings = list_findings(ctx)
    assert {f["severity"] for f in findings} == {"priority", "major", "minor"}
    assert {f["status"] for f in findings} >= {"open", "done", "verified"}
    assert pending_count(ctx) == {"corrections": len(demo.SUGGESTED_CORRECTIONS), "suppliers": 2}
    again = demo.build_demo(ctx)
    assert again["existing"] is True and again["suppliers"] == first["suppliers"]
    assert len(list_assessments(ctx)) == len(rows)
    assert pending_count(ctx) == {"corrections": len(demo.SUGGESTED_CORRECTIONS), "suppliers": 2}


def test_the_demo_corrections_show_what_was_on_file_and_can_be_applied(ctx):
    demo.build_demo(ctx)
    pending = pending_corrections(ctx)
    assert {(c.supplier, c.field) for c in pending} == {(name, key) for name, key, _, _ in demo.SUGGESTED_CORRECTIONS}
    for correction in pending:
        assert correction.on_file == correction.current and not correction.changed_since
        apply_correction(ctx, correction.id)  # every demo suggestion passes the register's checks
    assert pending_corrections(ctx) == []


def test_a_failure_half_way_leaves_no_demo_behind(ctx, monkeypatch):
    calls = []
    real = demo._story

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("disk pulled out")
        return real(*args, **kwargs)

    monkeypatch.setattr(demo, "_story", failing)
    with pytest.raises(RuntimeError):
        demo.build_demo(ctx)
    assert register(ctx) == [] and list_assessments(ctx) == [] and pending_corrections(ctx) == []
    monkeypatch.setattr(demo, "_story", real)
    assert demo.build_demo(ctx)["suppliers"] == len(demo.SUPPLIERS)
