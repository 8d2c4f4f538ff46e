"""The portfolio figures a compliance officer lifts into a modern slavery statement: a small portfolio built
through the use cases, day by day, with every KPI checked by hand against what happened; the period's edges,
the previous period, an empty register, and the same counts as `fldd assessments list` / `actions list`."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import time
from pathlib import Path

import pytest
import yaml

from fldd.cli import main
from fldd.store import clock
from fldd.store import findings as store_findings
from fldd.usecases.assessments import (
    AssessmentSession,
    add_auditor_finding,
    start_assessment,
)
from fldd.usecases.context import AppContext, open_context
from fldd.usecases.errors import Rejected
from fldd.usecases.portfolio_figures import portfolio_figures
from fldd.usecases.portfolio_kpis import KPIS
from fldd.usecases.suppliers import add_supplier
from tests.usecases.test_assessment_flow import complete

SETS = Path(__file__).resolve().parent.parent / "standard" / "answer_sets"
TODAY = dt.date(2026, 11, 23)
SINCE, UNTIL = "2026-07-01", "2026-09-30"  # the previous period: 2026-03-31 to 2026-06-30 (92 days each)
SAMPLE_REASON = "Small site: every worker on shift that day was interviewed"


class StoryClock:
    """Stands in for the time module of fldd.store.clock, so the store stamps what it writes (findings, action
    steps) on the story's day, at 09:00 UTC."""

    strftime = staticmethod(time.strftime)
    gmtime = staticmethod(time.gmtime)

    def __init__(self) -> None:
        self.day = TODAY

    def time(self) -> float:
        return float(calendar.timegm(self.day.timetuple()) + 9 * 3600)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Story:
    """Builds the portfolio through the use cases, each step on its own day."""

    def __init__(self, ctx: AppContext, story_clock: StoryClock) -> None:
        self.ctx, self.clock = ctx, story_clock

    def on(self, day: str) -> AppContext:
        self.clock.day = d(day)
        return AppContext(self.ctx.store, "Ana (auditor)", "auditor", today=lambda: d(day))

    def assess(self, supplier_id: int, answer_set: str, day: str, *, submit: bool = True) -> AssessmentSession:
        """An assessment answered with a shipped answer set (the rest with the lowest-risk answers), submitted
        on `day`, its findings raised then."""
        case = yaml.safe_load((SETS / f"{answer_set}.yaml").read_text(encoding="utf-8"))["score_input"]
        ctx = self.on(day)
        session = AssessmentSession(ctx, start_assessment(ctx, supplier_id, case["questionnaire"]))
        for qid, value in case["answers"].items():
            session.answer(qid, value)
        complete(session)
        if submit:
            session.move_to("submitted", sample_reason=SAMPLE_REASON)
        return session

    def step(self, session: AssessmentSession, threshold_id: str, *moves: tuple[str, str]) -> int:
        """Move the action of a session's finding through (status, day) steps; its action id."""
        (row,) = [r for r in store_findings.rows(self.ctx.store, assessment_id=session.id)
                  if r["threshold_id"] == threshold_id]
        for status, day in moves:
            self.on(day)
            store_findings.set_action_status(self.ctx.store, row["action_id"], status, who="Site manager",
                                             note=f"{status} on {day}")
        return row["action_id"]


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    """Eight suppliers in Poland, Malaysia and Thailand; the database path and the ids, the context closed."""
    path = tmp_path_factory.mktemp("portfolio") / "fldd.sqlite3"
    ctx = open_context(path, user="amina", role="buyer")
    ctx.today = lambda: TODAY
    story_clock = StoryClock()
    ids: dict[str, int] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "time", story_clock)
        story = Story(ctx, story_clock)
        story.on("2025-05-01")
        lodz = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
        klang = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
        penang = add_supplier(ctx, "Penang Circuits", "MY", goods=["Electronics"], chain_tier=2)
        bangkok = add_supplier(ctx, "Bangkok Seafood", "TH", goods=["Shrimp"], chain_tier=2)
        chiang_mai = add_supplier(ctx, "Chiang Mai Garments", "TH", goods=["Garments", "Textiles"], chain_tier=3)
        gdansk = add_supplier(ctx, "Gdansk Paper", "PL", goods=["Paper"])
        poznan = add_supplier(ctx, "Poznan Textiles", "PL", goods=["Textiles"])
        ayutthaya = add_supplier(ctx, "Ayutthaya Rice", "TH", goods=["Rice"], status="suspended")
        ids.update(lodz=lodz, klang=klang, penang=penang, bangkok=bangkok, chiang_mai=chiang_mai, gdansk=gdansk,
                   poznan=poznan, ayutthaya=ayutthaya)

        # Bangkok: no grievance channel, assessed 2025-06-01, valid until 2026-06-01 (expired on 30 September);
        # its Major finding done in 2025 and verified on 5 July 2026.
        bkk = story.assess(bangkok, "desktop_no_grievance_channel", "2025-06-01")
        ids["bkk_action"] = story.step(bkk, "thr_grv_no_mechanism", ("in_progress", "2025-06-10"),
                                       ("done", "2025-07-20"), ("verified", "2026-07-05"))
        # Poznan: clean, assessed 2025-11-15: its result runs out on 2026-11-15, within 90 days of 30 September.
        story.assess(poznan, "desktop_clean_sme", "2025-11-15")
        # Lodz: clean desktop on 1 March, before both periods; on site on 1 July, the period's first day, where
        # the declaration and the documents differ once (a Minor finding, left open past its closure date).
        story.assess(lodz, "desktop_clean_sme", "2026-03-01")
        ids["lodz_onsite"] = story.assess(lodz, "onsite_clean_site", "2026-07-01").id
        # Klang: fees repaid with proof declared on 15 April (previous period; the Minor action under way since
        # 2 May is past its closure date), then confirmed on site on 30 September, the period's last day, where
        # the auditor also records a Priority finding on the grievance channel.
        klang_desktop = story.assess(klang, "fees_repaid_with_proof_desktop", "2026-04-15")
        ids["klang_desktop_action"] = story.step(klang_desktop, "fees_charged", ("in_progress", "2026-05-02"))
        klang_onsite = story.assess(klang, "fees_repaid_with_proof_onsite", "2026-09-30")
        ids["klang_onsite"] = klang_onsite.id
        ids["auditor_finding"] = add_auditor_finding(
            story.on("2026-09-30"), klang_onsite.id, severity="priority", title="Anonymous complaints are traced",
            question_id="mi_grievance_anonymous")
        # Penang: large fees not repaid, declared on 10 August: Priority, rated high; the action is done on 5
        # October and verified on 20 October, after the period; a clean desktop on 15 October, after it too.
        pen = story.assess(penang, "fees_unrepaid_large_desktop", "2026-08-10")
        ids["penang_desktop"] = pen.id
        ids["penang_action"] = story.step(pen, "fees_charged", ("done", "2026-10-05"), ("verified", "2026-10-20"))
        story.assess(penang, "desktop_clean_sme", "2026-10-15")
        # Chiang Mai: student interns at night, 20 August: three Major young-worker findings; one left open,
        # one done on 10 September (21 days), one done on 25 August (5 days) and verified on 15 September.
        cm = story.assess(chiang_mai, "desktop_student_interns_night", "2026-08-20")
        story.step(cm, "thr_yw_students_hours", ("in_progress", "2026-08-25"), ("done", "2026-09-10"))
        story.step(cm, "thr_yw_students_pay", ("done", "2026-08-25"), ("verified", "2026-09-15"))
        # Ayutthaya (suspended since): a clean desktop on 30 June, the previous period's last day.
        story.assess(ayutthaya, "desktop_clean_sme", "2026-06-30")
        # Gdansk: a draft started in the period, never submitted.
        story.assess(gdansk, "desktop_clean_sme", "2026-08-01", submit=False)
    ctx.close()
    return str(path), ids


@pytest.fixture
def ctx(portfolio):
    context = open_context(portfolio[0], user="amina", role="buyer")
    context.today = lambda: TODAY
    yield context
    context.close()


@pytest.fixture
def figures(ctx):
    return portfolio_figures(ctx, since=SINCE, until=UNTIL)


def rows(table: list[dict], key: str) -> dict:
    return {row[key]: {k: v for k, v in row.items() if k != key} for row in table}


def test_the_period_its_previous_one_and_every_kpi_of_the_catalogue(figures):
    assert (figures["since"], figures["until"], figures["as_of"]) == (SINCE, UNTIL, UNTIL)
    assert figures["previous"] == {"since": "2026-03-31", "until": "2026-06-30"}
    assert list(figures["kpis"]) == list(KPIS)
    assert list(figures["previous_kpis"]) == [k for k, kpi in KPIS.items() if kpi.period]


def test_standing_kpis_on_the_last_day_of_the_period(figures):
    k = figures["kpis"]
    # the register: seven active suppliers (Ayutthaya is suspended) in three countries
    assert (k["suppliers_total"], k["countries_total"]) == (7, 3)
    # DOL lists Malaysian gloves and electronics, Thai shrimp and garments: high; Polish goods: low
    assert k["suppliers_high_inherent"] == 4
    # valid on 30 September: Lodz and Klang (on site), Penang, Chiang Mai, Poznan; Bangkok's expired on 1 June
    assert (k["suppliers_assessed"], k["suppliers_assessed_pct"]) == (5, 71.4)
    assert (k["suppliers_never_assessed"], k["reassessments_overdue"], k["reassessments_due"]) == (1, 1, 1)
    # Penang's latest (10 August; its clean one of 15 October comes after) is high, with the fee red flag
    assert (k["suppliers_high_or_severe"], k["suppliers_red_flags"]) == (1, 1)
    # Priority: Penang's fees (open that day: done only on 5 October) and the auditor's, both open; Major:
    # Chiang Mai's open one; Minor: Klang's desktop (under way), Lodz's mismatch and Klang's on-site fees
    assert k["findings_open"] == 6
    # Penang's plan (due 17 August) and Chiang Mai's (3 September); Klang's desktop closure (14 July, under way)
    # and Lodz's (31 July, its plan's day too: an open action past its closure date owes the work itself)
    assert k["actions_overdue"] == 4
    # fees found by the latest result: Klang on site (repaid with proof) and Penang (not repaid)
    assert (k["fees_found_suppliers"], k["fees_repaid_suppliers"]) == (2, 1)
    # every latest result rated the grievance mechanism; Bangkok's has none, Klang's was faulted by the auditor
    assert (k["grievance_assessed"], k["grievance_effective"]) == (6, 4)


def test_period_kpis_count_both_edges_and_the_previous_period(figures):
    k, p = figures["kpis"], figures["previous_kpis"]
    # Lodz on site on 1 July and Klang on site on 30 September count; Penang's of 15 October and the draft do not
    assert (k["assessments_completed"], k["assessments_desktop"], k["assessments_onsite"]) == (4, 2, 2)
    assert (p["assessments_completed"], p["assessments_desktop"], p["assessments_onsite"]) == (2, 2, 0)
    assert (k["findings_priority"], k["findings_major"], k["findings_minor"]) == (2, 3, 2)
    assert (p["findings_priority"], p["findings_major"], p["findings_minor"]) == (0, 0, 1)
    # closed: Chiang Mai's two and Bangkok's, verified on 5 July; verified: Bangkok's and Chiang Mai's one
    assert (k["actions_closed"], k["actions_verified"]) == (3, 2)
    assert k["days_to_close_median"] == 13.0  # 5 and 21 days: Bangkok's was done in 2025
    assert (p["actions_closed"], p["actions_verified"], p["days_to_close_median"]) == (0, 0, None)
    assert (k["young_worker_findings"], p["young_worker_findings"]) == (3, 0)


def test_supplier_breakdowns(figures):
    t = figures["tables"]
    assert rows(t["by_country"], "country") == {
        "PL": {"name": "Poland", "suppliers": 3, "assessed": 2, "high_or_severe": 0, "inherent_level": "low"},
        "MY": {"name": "Malaysia", "suppliers": 2, "assessed": 2, "high_or_severe": 1, "inherent_level": "high"},
        "TH": {"name": "Thailand", "suppliers": 2, "assessed": 1, "high_or_severe": 0, "inherent_level": "high"}}
    assert [r["country"] for r in t["by_country"]] == ["PL", "MY", "TH"]
    goods = rows(t["by_goods"], "goods")
    assert goods["Textiles"] == {"suppliers": 2, "assessed": 2, "high_or_severe": 0}  # Chiang Mai and Poznan
    assert goods["Paper"] == {"suppliers": 1, "assessed": 0, "high_or_severe": 0}
    assert len(goods) == 7 and t["by_goods"][0]["goods"] == "Textiles"
    assert rows(t["by_chain_tier"], "chain_tier") == {
        1: {"suppliers": 4, "assessed": 3, "high_or_severe": 0},
        2: {"suppliers": 2, "assessed": 1, "high_or_severe": 1},
        3: {"suppliers": 1, "assessed": 1, "high_or_severe": 0}}
    assert t["by_rating"] == [{"rating": "low", "suppliers": 3}, {"rating": "medium", "suppliers": 2},
                              {"rating": "high", "suppliers": 1}, {"rating": "severe", "suppliers": 0},
                              {"rating": "not_assessed", "suppliers": 1}]
    assert t["by_inherent"] == [{"level": "high", "suppliers": 4}, {"level": "medium", "suppliers": 0},
                                {"level": "low", "suppliers": 3}, {"level": "unknown", "suppliers": 0}]
    assert t["reassessment"] == [{"state": "overdue", "suppliers": 1}, {"state": "due_90_days", "suppliers": 1},
                                 {"state": "valid", "suppliers": 4}, {"state": "never_assessed", "suppliers": 1}]


def test_heat_map_keeps_the_top_countries_and_goods_and_sums_the_rest(ctx):
    from fldd.store import portfolio_report
    from fldd.usecases import portfolio_tables

    supplier_rows = portfolio_tables.annotate(portfolio_report.suppliers(ctx.store, UNTIL, [], []), UNTIL)
    heat = portfolio_tables.heat_map(supplier_rows, top=1)
    assert heat["countries"] == ["PL", "other"] and heat["goods"] == ["Textiles", "other"]
    cells = {(c["country"], c["goods"]): c for c in heat["cells"]}
    assert set(cells) == {("PL", "Textiles"), ("PL", "other"), ("other", "Textiles"), ("other", "other")}
    assert cells["PL", "other"]["suppliers"] == 2  # Lodz (low) and Gdansk (never assessed)
    assert cells["PL", "other"]["ratings"] == {"low": 1, "medium": 0, "high": 0, "severe": 0, "not_assessed": 1}
    assert (cells["PL", "other"]["worst_rating"], cells["PL", "other"]["inherent_level"]) == ("low", "low")
    # Chiang Mai makes garments and textiles: once under Textiles, once under the other goods
    assert cells["other", "Textiles"]["suppliers"] == 1 and cells["other", "Textiles"]["country_name"] == "Other"
    assert cells["other", "other"]["suppliers"] == 4  # Klang, Penang, Bangkok, Chiang Mai
    assert cells["other", "other"]["worst_rating"] == "high"
    assert (cells["other", "other"]["high_or_severe"], cells["other", "other"]["high_or_severe_pct"]) == (1, 25.0)
    assert (cells["PL", "other"]["high_or_severe"], cells["PL", "other"]["high_or_severe_pct"]) == (0, 0.0)
    assert sum(c["suppliers"] for c in heat["cells"]) == 8  # seven suppliers, Chiang Mai in two columns


def test_assessments_findings_and_actions_tables(figures):
    t = figures["tables"]
    assert t["assessments_by_tier"] == [{"tier": "desktop", "completed": 2, "previous": 2},
                                        {"tier": "onsite", "completed": 2, "previous": 0}]
    assert t["assessments_by_month"] == [{"month": "2026-07", "desktop": 0, "onsite": 1},
                                         {"month": "2026-08", "desktop": 2, "onsite": 0},
                                         {"month": "2026-09", "desktop": 0, "onsite": 1}]
    assert rows(t["findings_by_severity_status"], "severity") == {
        "priority": {"open": 2, "in_progress": 0, "done": 0, "verified": 0, "total": 2},
        "major": {"open": 1, "in_progress": 0, "done": 1, "verified": 2, "total": 4},
        "minor": {"open": 2, "in_progress": 1, "done": 0, "verified": 0, "total": 3}}
    assert rows(t["open_findings_by_age"], "band") == {
        "0-30": {"priority": 1, "major": 0, "minor": 1, "total": 2},  # raised on 30 September
        "31-90": {"priority": 1, "major": 1, "minor": 0, "total": 2},  # Penang (51 days), Chiang Mai (41)
        "91-180": {"priority": 0, "major": 0, "minor": 2, "total": 2},  # Lodz (91 days), Klang's desktop (168)
        "over 180": {"priority": 0, "major": 0, "minor": 0, "total": 0}}
    assert rows(t["actions_overdue"], "owed") == {
        "plan": {"priority": 1, "major": 1, "minor": 0, "total": 2},
        "closure": {"priority": 0, "major": 0, "minor": 2, "total": 2},
        "due": {"priority": 0, "major": 0, "minor": 0, "total": 0}}
    assert t["fees"] == [{"what": "found", "suppliers": 2}, {"what": "repaid", "suppliers": 1},
                         {"what": "found_not_repaid", "suppliers": 1}]
    assert t["grievance"] == [{"what": "assessed", "suppliers": 6}, {"what": "without_finding", "suppliers": 4},
                              {"what": "with_finding", "suppliers": 2}]
    assert [(r["table"], r["edition"]) for r in t["risk_data"]] == [
        ("dol-goods", "2024 edition (partial reconstruction), published 2024-09-05"),
        ("dol-countries", "2022 edition"), ("tip-tiers", "2025 edition, published 2025-09-29")]
    assert set(figures["definitions"]) >= {"latest_result", "fees_found", "fees_repaid", "grievance"}


def test_today_the_statuses_are_the_present_ones(ctx):
    """On 23 November Penang's action is verified and its newer clean result is the latest; Bangkok's result
    has expired and Poznan's (15 November) too."""
    k = portfolio_figures(ctx)["kpis"]
    assert (k["suppliers_high_or_severe"], k["fees_found_suppliers"], k["reassessments_overdue"]) == (0, 1, 2)
    assert k["findings_open"] == 5  # Penang's is verified now
    assert k["actions_verified"] == 3  # Bangkok's, Chiang Mai's and Penang's, all within the last twelve months


def test_a_day_that_is_not_a_date_or_a_period_backwards_is_refused(ctx):
    with pytest.raises(Rejected, match="--since '2026-13-01': not a date"):
        portfolio_figures(ctx, since="2026-13-01")
    with pytest.raises(Rejected, match="--since 2026-10-01 is after --until 2026-09-30: the period would be empty"):
        portfolio_figures(ctx, since="2026-10-01", until=UNTIL)


@pytest.mark.parametrize(("since", "until", "named"), [
    (None, "9999-12-31", "--until 9999-12-31: a report cannot describe days that have not happened; --until "
                         "must be today or earlier"),
    (None, "2026-11-24", "--until 2026-11-24: a report cannot describe days that have not happened"),
    ("0001-01-01", "0001-12-31", "--since 0001-01-01: give a day from 1900-01-01"),
    (None, "1899-12-31", "--until 1899-12-31: give a day from 1900-01-01"),
    ("2026-11-24", None, "--since 2026-11-24: a report cannot describe days that have not happened"),
    ("2026-11-20", "2026-11-19", "--since 2026-11-20 is after --until 2026-11-19: the period would be empty"),
])
def test_a_day_out_of_range_is_refused_naming_the_option_never_a_crash(ctx, since, until, named):
    with pytest.raises(Rejected) as caught:
        portfolio_figures(ctx, since=since, until=until)
    assert any(m.startswith(named) for m in caught.value.messages), caught.value.messages


def test_the_earliest_and_latest_days_allowed_give_figures(ctx):
    f = portfolio_figures(ctx, since="1900-01-01", until=TODAY.isoformat())
    assert f["previous"]["since"] < "1900-01-01" and f["kpis"]["suppliers_total"] == 7
    assert portfolio_figures(ctx, until="1900-12-31")["kpis"]["suppliers_total"] == 0


def test_a_past_day_counts_only_the_suppliers_registered_by_then(ctx):
    before = portfolio_figures(ctx, since="2025-01-01", until="2025-04-30")["kpis"]
    assert before["suppliers_total"] == before["countries_total"] == before["suppliers_never_assessed"] == 0
    assert before["suppliers_assessed_pct"] is None
    on_the_day = portfolio_figures(ctx, since="2025-01-01", until="2025-05-01")["kpis"]
    assert on_the_day["suppliers_total"] == 7  # registered on 1 May 2025 (Ayutthaya is suspended today)
    assert "status" in KPIS["suppliers_total"].counts and "today" in KPIS["suppliers_total"].counts


def test_the_default_period_is_the_twelve_months_ending_today(ctx):
    f = portfolio_figures(ctx)
    assert (f["since"], f["until"]) == ("2025-11-24", "2026-11-23")
    assert f["previous"] == {"since": "2024-11-24", "until": "2025-11-23"}
    assert len(f["tables"]["assessments_by_month"]) == 13  # November 2025 to November 2026


def test_an_empty_register_gives_zeros_and_no_percentage(tmp_path):
    ctx = open_context(tmp_path / "empty.sqlite3", user="amina", role="buyer")
    ctx.today = lambda: TODAY
    try:
        f = portfolio_figures(ctx)
    finally:
        ctx.close()
    none = {"suppliers_assessed_pct", "days_to_close_median"}
    assert {k: v for k, v in f["kpis"].items() if v != 0} == dict.fromkeys(none)
    assert {k: v for k, v in f["previous_kpis"].items() if v != 0} == {"days_to_close_median": None}
    t = f["tables"]
    assert t["by_country"] == t["by_goods"] == t["by_chain_tier"] == t["heat_map"]["cells"] == []
    assert all(r["suppliers"] == 0 for r in t["by_rating"] + t["by_inherent"] + t["fees"] + t["grievance"])


def test_the_figures_match_the_assessments_and_actions_lists(portfolio, capsys):
    """What the command line lists for today, counted by hand, is what the portfolio report says."""
    path, _ = portfolio
    today = dt.date.today()  # the command line works on the real day
    assert main(["--db", path, "assessments", "list", "--json"]) == 0
    assessments = json.loads(capsys.readouterr().out)
    assert main(["--db", path, "actions", "list", "--json"]) == 0
    actions = json.loads(capsys.readouterr().out)
    ctx = open_context(path)
    ctx.today = lambda: today
    try:
        f = portfolio_figures(ctx)
    finally:
        ctx.close()
    k, t = f["kpis"], f["tables"]

    done = [a for a in assessments if a["status"] != "draft" and f["since"] <= a["assessed_on"] <= f["until"]]
    assert k["assessments_completed"] == len(done)
    assert k["assessments_onsite"] == sum(a["tier"] == "onsite" for a in done)
    latest: dict[int, dict] = {}
    for a in sorted((a for a in assessments if a["status"] != "draft"), key=lambda a: (a["assessed_on"], a["id"])):
        latest[a["supplier_id"]] = a
    register = {a["supplier_id"] for a in assessments} - {_portfolio_id(portfolio, "ayutthaya")}
    latest = {s: a for s, a in latest.items() if s in register}
    by_rating = {r["rating"]: r["suppliers"] for r in t["by_rating"]}
    for rating in ("low", "medium", "high", "severe"):
        assert by_rating[rating] == sum(a["rating"] == rating for a in latest.values()), rating
    assert k["reassessments_overdue"] == sum(a["valid_until"] < today.isoformat() for a in latest.values())

    assert k["actions_overdue"] == sum(a["overdue"] for a in actions)
    assert k["findings_open"] == sum(a["status"] in ("open", "in_progress") for a in actions)
    for row in t["findings_by_severity_status"]:
        for status in ("open", "in_progress", "done", "verified"):
            assert row[status] == sum(a["severity"] == row["severity"] and a["status"] == status
                                      for a in actions), (row["severity"], status)
    owed = {r["owed"]: r["total"] for r in t["actions_overdue"]}
    for kind in ("plan", "closure"):
        assert owed[kind] == sum(a["overdue"] and a["deadline_kind"] == kind for a in actions), kind


def _portfolio_id(portfolio, name: str) -> int:
    return portfolio[1][name]


def test_the_history_gives_the_present_statuses_on_today(ctx):
    """Counting from the actions' histories on today's date gives what their present statuses give."""
    from fldd.store.portfolio_findings import findings_figures
    from fldd.usecases.portfolio_figures import AGE_BANDS

    def count(today: bool) -> list:
        found = findings_figures(ctx.store, TODAY.isoformat(), [(SINCE, UNTIL)], AGE_BANDS, [], [], today=today)
        return sorted(found, key=lambda row: [str(v) for v in row.values()])

    assert count(False) == count(True)
    assert {row["status"] for row in count(True)} == {"open", "in_progress", "done", "verified"}


def test_the_ids_the_report_names_are_in_the_shipped_standard(ctx):
    """The few ids of the standard the figures name (fldd/store/assessment_figures.py, report_topics.TOPICS)
    exist in the questionnaires as shipped, and each topic finds questions and finding rules in both tiers."""
    from fldd.store.assessment_figures import FEES_FACT, REPAID_IN_TIME
    from fldd.usecases.report_topics import TOPICS, _scope

    desktop, onsite = ctx.standard.get("fldd-desktop"), ctx.standard.get("fldd-onsite")
    for q in (desktop, onsite):
        assert FEES_FACT in q.facts, q.id
        assert any(t.fact == FEES_FACT and t.action == "finding" for t in q.thresholds), q.id
    assert {d.id for d in desktop.derived} & set(REPAID_IN_TIME) == {"fee_repaid_in_time"}
    assert {d.id for d in onsite.derived} & set(REPAID_IN_TIME) == {"dr_fee_repaid_in_time"}
    modules = {m.id for q in (desktop, onsite) for m in q.modules}
    for topic, spec in TOPICS.items():
        assert set(spec["modules"]) <= modules, topic
        assert set(spec["terms"]) <= set(ctx.standard.glossary), topic
        for q in (desktop, onsite):
            asked, raised = _scope(q, set(spec["modules"]), set(spec["terms"]))
            assert asked and raised, (topic, q.id)


def test_suppliers_counted_by_the_next_step_the_queue_recommends(ctx, figures):
    from fldd.usecases.queue import STEPS, queue_rows

    counted = {r["supplier_id"]: r["step"] for r in queue_rows(ctx) if r["supplier"] != "Ayutthaya Rice"}  # suspended
    table = figures["tables"]["by_next_step"]
    assert [r["step"] for r in table] == list(STEPS)
    assert {r["step"]: r["suppliers"] for r in table} == {s: list(counted.values()).count(s) for s in STEPS}
    assert sum(r["suppliers"] for r in table) == figures["kpis"]["suppliers_total"]
    assert "next_step" in figures["definitions"]

