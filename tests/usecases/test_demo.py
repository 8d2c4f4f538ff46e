"""The demo portfolio: believable, every state present, added once, and all or nothing."""

from __future__ import annotations

import pytest

from fldd.usecases import demo
from fldd.usecases.assessments import list_assessments
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
    again = demo.build_demo(ctx)
    assert again["existing"] is True and again["suppliers"] == first["suppliers"]
    assert len(list_assessments(ctx)) == len(rows)


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
    assert register(ctx) == [] and list_assessments(ctx) == []
    monkeypatch.setattr(demo, "_story", real)
    assert demo.build_demo(ctx)["suppliers"] == len(demo.SUPPLIERS)
