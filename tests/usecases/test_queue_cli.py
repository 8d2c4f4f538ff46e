"""`fldd suppliers queue`, `fldd suppliers decide` and `fldd suppliers list --json`: the same next steps and
reasons as the app, for scripts; a decision without a reason refused with exit 1 and nothing kept."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fldd.cli import main
from fldd.usecases.context import open_context
from fldd.usecases.queue_decisions import history
from fldd.usecases.suppliers import add_supplier


@pytest.fixture
def db(tmp_path):
    """A register of a supplier of garments from Bangladesh and one of furniture from Poland, never assessed."""
    path = tmp_path / "fldd.sqlite3"
    ctx = open_context(path, user="amina", role="buyer")
    ids = {"denim": add_supplier(ctx, "Dhaka Denim", "BD", goods=["Garments"]),
           "chairs": add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])}
    ctx.close()
    return str(path), ids


def run(capsys, *words):
    code = main(list(words))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_queue_prints_each_step_with_its_reasons_most_urgent_first(capsys, db):
    path, ids = db
    code, out, _ = run(capsys, "--db", path, "suppliers", "queue")
    assert code == 0
    lines = out.splitlines()
    assert "Dhaka Denim" in lines[0] and lines[0].endswith("On-site assessment")
    assert lines[1].startswith("       - High inherent risk (high, score 6/10: ")
    assert any("Lodz Chairs" in line and line.endswith("Desktop self-assessment") for line in lines)
    assert lines[-1] == "2 supplier(s)"


def test_the_queue_filters_by_step_country_and_need_of_a_decision_and_speaks_json(capsys, db):
    path, ids = db
    code, out, _ = run(capsys, "--db", path, "suppliers", "queue", "--step", "desktop", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["supplier_id"], r["step"]) for r in rows] == [(ids["chairs"], "desktop")]
    assert rows[0]["reasons"][0].startswith("Never assessed; inherent risk low")
    code, out, _ = run(capsys, "--db", path, "suppliers", "queue", "--country", "bd", "--json")
    assert [r["supplier_id"] for r in json.loads(out)] == [ids["denim"]]


def test_a_decision_recorded_from_the_command_line_takes_the_supplier_out_of_the_undecided(capsys, db):
    path, ids = db
    until = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    code, out, err = run(capsys, "--db", path, "suppliers", "decide", "Dhaka Denim", "--decision", "defer",
                         "--until", until, "--reason", "Audit booked with the spring round")
    assert (code, err) == (0, "")
    assert out.startswith(f"Dhaka Denim: recommended On-site assessment; Deferred until {until} by ")
    code, out, _ = run(capsys, "--db", path, "suppliers", "queue", "--undecided", "--json")
    assert [r["supplier_id"] for r in json.loads(out)] == [ids["chairs"]]


def test_a_decision_without_a_reason_is_refused_and_nothing_is_kept(capsys, db):
    path, ids = db
    code, _, err = run(capsys, "--db", path, "suppliers", "decide", str(ids["chairs"]), "--decision", "none",
                       "--reason", " ")
    assert code == 1 and err.startswith("error: reason: say why")
    ctx = open_context(path)
    try:
        assert history(ctx, ids["chairs"]) == []
    finally:
        ctx.close()


def test_suppliers_list_json_carries_inherent_risk_recommendation_and_reasons(capsys, db):
    path, ids = db
    code, out, _ = run(capsys, "--db", path, "suppliers", "list", "--json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    denim = rows[ids["denim"]]
    assert (denim["inherent_level"], denim["inherent_score"], denim["recommendation"]) == ("high", 6, "onsite")
    assert "DOL list names Garments from Bangladesh" in denim["reasons"][0]
    assert denim["risk_editions"].startswith("US DOL List of Goods ")
    assert rows[ids["chairs"]]["recommendation"] == "desktop"
