"""Each supplier's inherent risk as stored: computed with the risk data in force for the database, followed when
that data changes, read by scoring and imports, and never left stale by a crash."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from fldd.cli import main
from fldd.risk.data import Edition, risk_data
from fldd.risk.inherent import edition_label
from fldd.usecases import inherent as uc_inherent
from fldd.usecases import risk_data as uc_risk_data
from fldd.usecases import screening
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.inherent import ensure_current, inputs_by_uid, refresh_inherent, scoring_inputs
from fldd.usecases.questionnaires import standard
from fldd.usecases.suppliers import add_supplier, get_supplier, update_supplier

TIP_2026 = Edition("tip_tiers", "US TIP Report", "2026", "2026-06-24")


def _tip_2026(ctx):
    """A newer TIP edition that puts Germany on Tier 3 (the buyer loaded it)."""
    base = risk_data()
    others = tuple(e for e in base.editions if e.kind != "tip_tiers")
    return dataclasses.replace(base, tip={**base.tip, "DE": "Tier 3"}, tip_edition=2026, editions=(*others, TIP_2026))


def _factor(supplier, fid):
    return next(f for f in supplier.inherent_factors if f["id"] == fid)


def test_a_new_supplier_stores_its_factors_inputs_and_editions(ctx):
    sid = add_supplier(ctx, "Dhaka Knit", "BD", goods=["Garments"], corridors=["mm", "Nepal"],
                       materials=["Cotton@CN"], aliases=["DK Ltd", "Dhaka Knit"])
    s = get_supplier(ctx, sid)
    assert (s.corridors, s.materials, s.aliases) == (["MM", "NP"], [{"material": "Cotton", "country": "CN"}],
                                                     ["DK Ltd"])  # the name itself is no alias
    assert s.inherent_level == "high" and s.inherent_inputs["inherent.dol_forced_labour"] == "yes"
    assert _factor(s, "goods.forced_labour")["edition"] == edition_label(risk_data(), "dol_goods")
    assert _factor(s, "corridor.tier_3")["points"] == 2 and _factor(s, "material.forced_labour")
    assert s.inherent_editions and "rules " in s.inherent_editions


@pytest.mark.parametrize("field, value, said", [
    ("corridors", ["QQ"], "recruitment corridors: 'QQ' is not a country"),
    ("materials", ["cotton"], "raw materials: 'cotton' needs a material and its country of origin"),
    ("materials", ["cotton@Atlantis"], "raw materials: 'cotton@Atlantis': 'Atlantis' is not a country"),
])
def test_a_wrong_corridor_or_material_is_refused_naming_the_field(ctx, field, value, said):
    with pytest.raises(Rejected) as refused:
        add_supplier(ctx, "Somewhere Ltd", "DE", **{field: value})
    assert any(m.startswith(said) for m in refused.value.messages), refused.value.messages
    sid = add_supplier(ctx, "Somewhere Ltd", "DE")
    with pytest.raises(Rejected):
        update_supplier(ctx, sid, **{field: value})
    assert getattr(get_supplier(ctx, sid), field) == []


def test_the_stored_risk_follows_a_change_of_risk_data(ctx, monkeypatch):
    sid = add_supplier(ctx, "Berlin Tools", "DE", goods=["Machinery"])
    before = get_supplier(ctx, sid)
    assert before.inherent_level == "low" and before.inherent_inputs["inherent.tip_tier"] == "Tier 1 or Tier 2"
    monkeypatch.setattr(uc_risk_data, "current_risk_data", _tip_2026)
    assert ensure_current(ctx) == 1
    after = get_supplier(ctx, sid)
    assert after.inherent_level == "high" and after.inherent_inputs["inherent.tip_tier"] == "Tier 3"
    assert _factor(after, "tip.tier_3")["edition"] == "US TIP Report, 2026 edition"
    assert "2026 TIP report" in _factor(after, "tip.tier_3")["words"]
    assert after.inherent_editions != before.inherent_editions
    assert ensure_current(ctx) == 0  # nothing left to do


def test_a_crash_before_the_refresh_cannot_leave_a_stale_level(ctx, monkeypatch):
    sid = add_supplier(ctx, "Berlin Tools", "DE", goods=["Machinery"])
    monkeypatch.setattr(uc_risk_data, "current_risk_data", _tip_2026)  # loaded; the process died before refreshing
    with ctx.store.write() as db:  # and a database from before this migration never had any stored
        db.execute("UPDATE suppliers SET inherent_factors = NULL, inherent_editions = NULL")
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))
    assert session.inputs["inherent.tip_tier"] == "Tier 3"  # scoring reads current inputs
    assert "thr_inherent_risk_onsite" in {t.id for t in session.result.triggers}
    assert get_supplier(ctx, sid).inherent_factors


def test_a_confirmed_match_sets_the_uflpa_input_and_the_desktop_threshold_fires(ctx, monkeypatch):
    sid = add_supplier(ctx, "Example Textiles", "DE", aliases=["Ex Tex"])
    confirmed = [{"id": 1, "supplier_id": sid, "supplier": "Example Textiles", "list_name": "UFLPA Entity List",
                  "edition": "2025-01", "entity": "Example Textile Co.", "entity_aliases": [],
                  "matched_on": "Ex Tex", "matched_to": "Example Textile Co.", "how": "same name",
                  "status": "confirmed", "decided_by": "amina", "decided_at": "2026-11-20", "reason": "same address",
                  "found_at": "2026-11-19"}]

    def matches(ctx, *, supplier_id=None, status=None):
        return [m for m in confirmed if status in (None, m["status"]) and supplier_id in (None, m["supplier_id"])]

    monkeypatch.setattr(screening, "screening_matches", matches)
    assert refresh_inherent(ctx) == 1
    s = get_supplier(ctx, sid)
    assert s.inherent_level == "high" and s.inherent_inputs["inherent.uflpa_link"] == "yes"
    assert "Ex Tex is Example Textile Co. on UFLPA Entity List" in _factor(s, "entity.confirmed")["words"]
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))
    assert "thr_uflpa_enhanced" in {t.id for t in session.result.triggers}
    assert inputs_by_uid(ctx)[s.uid]["inherent.uflpa_link"] == "yes"  # what import workers score with


def test_import_workers_score_with_the_inputs_they_are_given_not_with_files():
    from types import SimpleNamespace

    from fldd.usecases.workbook_reading import Scoring

    checked = SimpleNamespace(issues=[], values={}, meta={"supplier_uid": "u1"},
                              questionnaire=standard().get("fldd-desktop"), layout=SimpleNamespace(lang="en"))
    inputs = {"inherent.dol_forced_labour": "no", "inherent.tip_tier": "Tier 1 or Tier 2", "inherent.uflpa_link": "yes"}
    result = Scoring(dt.date(2026, 11, 23), {"u1": inputs}).result(checked)
    assert "thr_uflpa_enhanced" in {t.id for t in result.triggers}
    assert Scoring(dt.date(2026, 11, 23), {}).result(checked) is None  # a supplier the database does not know


def test_scoring_inputs_are_the_stored_ones(ctx):
    sid = add_supplier(ctx, "Klang Gloves", "MY", goods=["Rubber Gloves"])
    s = get_supplier(ctx, sid)
    assert scoring_inputs(ctx, s) == s.inherent_inputs == {
        "inherent.dol_forced_labour": "yes", "inherent.tip_tier": "Tier 1 or Tier 2", "inherent.uflpa_link": None}


def test_refresh_of_an_unchanged_register_writes_nothing(ctx):
    add_supplier(ctx, "Klang Gloves", "MY", goods=["Rubber Gloves"])
    assert refresh_inherent(ctx) == 0 and uc_inherent.ensure_current(ctx) == 0


def test_cli_adds_corridors_materials_and_aliases_and_shows_the_factors(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    code = main(["--db", db, "suppliers", "add", "--name", "Yangon Sewing", "--country", "MM", "--goods", "Garments",
                 "--corridor", "NP", "--material", "Cotton@CN", "--alias", "YS Co"])
    out = capsys.readouterr().out
    assert code == 0 and "inherent risk high" in out
    assert "Workers come from Nepal" in out and f"[us-tip-2025; {edition_label(risk_data(), 'tip_tiers')}]" in out
    code = main(["--db", db, "suppliers", "add", "--name", "Bad Co", "--country", "DE", "--material", "cotton"])
    assert code == 1 and "raw materials: 'cotton' needs a material" in capsys.readouterr().err
