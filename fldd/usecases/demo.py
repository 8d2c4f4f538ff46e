"""A believable demo portfolio, so that the app is worth exploring on first start. Deterministic and
idempotent: the same suppliers, answers and findings every time, added once."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import uuid
from dataclasses import replace
from typing import Any

from decimal import Decimal

from fldd.standard.answers import coerce, to_json
from fldd.standard.engine import answer_risk, score
from fldd.standard.model import Question, Questionnaire
from fldd.store import assessments as store_assessments
from fldd.store import corrections as store_corrections
from fldd.store import exchange as store_exchange
from fldd.store import exports as store_exports
from fldd.store import findings as store_findings
from fldd.store import settings
from fldd.usecases.assessments import AssessmentSession, list_assessments, start_assessment
from fldd.usecases.bulk_export import workbook_file_name
from fldd.usecases.context import AppContext
from fldd.usecases.exchange import supplier_sheet_values
from fldd.usecases.suppliers import add_supplier, get_supplier

DEMO_KEY = "demo_portfolio"
DEMO_DONE = "Done as asked; records kept at the site office for the next visit"
DEMO_VERIFIED = "Checked the records on the follow-up visit"
SEED = 20261123

# (name, country, goods, sector, chain tier, profile): profile 0 clean .. 3 troubled
SUPPLIERS = [
    ("Sunrise Apparel Ltd", "BD", ["Garments"], "Apparel", 1, 1),
    ("Chittagong Knit Composite", "BD", ["Garments"], "Apparel", 1, 2),
    ("Dhaka Denim Works", "BD", ["Garments"], "Apparel", 1, 1),
    ("Saigon Stitch Co.", "VN", ["Garments"], "Apparel", 1, 0),
    ("Mekong Footwear JSC", "VN", ["Footwear"], "Footwear", 1, 1),
    ("Hanoi Textile Mills", "VN", ["Textiles"], "Textiles", 2, 1),
    ("Penang Precision Electronics", "MY", ["Electronics"], "Electronics", 1, 2),
    ("Klang Valley Gloves Sdn Bhd", "MY", ["Rubber Gloves"], "Medical supplies", 1, 3),
    ("Sabah Palm Holdings", "MY", ["Palm Fruit"], "Agriculture", 3, 3),
    ("Johor Components Sdn Bhd", "MY", ["Electronics"], "Electronics", 2, 1),
    ("Andaman Seafood Processing", "TH", ["Shrimp"], "Seafood", 1, 3),
    ("Songkhla Fisheries Co.", "TH", ["Fish"], "Seafood", 2, 2),
    ("Bangkok Garment Group", "TH", ["Garments"], "Apparel", 1, 0),
    ("Tiruppur Cotton Spinners", "IN", ["Cotton"], "Textiles", 2, 2),
    ("Chennai Leather Exports", "IN", ["Leather Goods/Accessories"], "Leather", 1, 1),
    ("Bangalore Garment Exports", "IN", ["Garments"], "Apparel", 1, 1),
    ("Sialkot Sports Goods", "PK", ["Soccer Balls"], "Sporting goods", 1, 2),
    ("Faisalabad Home Textiles", "PK", ["Cotton"], "Textiles", 1, 1),
    ("Shenzhen Bright Electronics", "CN", ["Electronics"], "Electronics", 1, 1),
    ("Ningbo Christmas Decorations", "CN", ["Christmas Decorations"], "Consumer goods", 1, 2),
    ("Jiangsu Solar Materials", "CN", ["Polysilicon"], "Energy", 3, 2),
    ("Guangzhou Toy Factory", "CN", ["Toys"], "Toys", 1, 1),
    ("Izmir Hazelnut Cooperative", "TR", ["Hazelnuts"], "Agriculture", 2, 2),
    ("Denizli Cotton Weaving", "TR", ["Cotton"], "Textiles", 2, 1),
    ("Bursa Fashion Tekstil", "TR", ["Garments"], "Apparel", 1, 0),
    ("Sumatra Agro Lestari", "ID", ["Palm Fruit"], "Agriculture", 3, 2),
    ("Jakarta Footwear Indah", "ID", ["Footwear"], "Footwear", 1, 1),
    ("Mindanao Banana Growers", "PH", ["Bananas"], "Agriculture", 2, 1),
    ("Sinaloa Fresh Produce", "MX", ["Tomatoes"], "Agriculture", 2, 2),
    ("Monterrey Auto Parts", "MX", ["Automobile parts"], "Automotive", 1, 0),
    ("Minas Coffee Estates", "BR", ["Coffee"], "Agriculture", 2, 2),
    ("Mato Grosso Beef Packers", "BR", ["Cattle"], "Food", 2, 1),
    ("Almeria Greenhouse Farms", "ES", ["Tomatoes"], "Agriculture", 1, 1),
    ("Porto Shoe Makers", "PT", ["Footwear"], "Footwear", 1, 0),
    ("Prato Knitwear Srl", "IT", ["Garments"], "Apparel", 1, 1),
    ("Lodz Furniture Works", "PL", ["Furniture"], "Furniture", 1, 0),
    ("Accra Cocoa Traders", "GH", ["Cocoa"], "Agriculture", 3, 2),
    ("Abidjan Cocoa Cooperative", "CI", ["Cocoa"], "Agriculture", 3, 3),
    ("Addis Flower Farms", "ET", ["Flowers"], "Agriculture", 1, 1),
    ("Phnom Penh Apparel", "KH", ["Garments"], "Apparel", 1, 2),
]

# What a buyer knows of a few sites beyond country and goods, so the register shows it: other names (screened
# against entity lists), where migrant workers are recruited from, and raw-material origins. Only sites already
# at high inherent risk, so the demo's levels stay as they were.
PROFILES = {
    "Klang Valley Gloves Sdn Bhd": {"corridors": ["NP", "BD", "MM"], "aliases": ["KV Gloves"]},
    "Penang Precision Electronics": {"corridors": ["NP", "ID"], "aliases": ["PPE Sdn Bhd"]},
    "Andaman Seafood Processing": {"corridors": ["MM", "KH"]},
    "Dhaka Denim Works": {"materials": [{"material": "Cotton", "country": "IN"}], "aliases": ["DDW Ltd"]},
    "Shenzhen Bright Electronics": {"aliases": ["深圳明亮电子有限公司"]},
}

# Profile corrections suppliers typed into returned workbooks, waiting for the buyer: (supplier, field key,
# suggested value, days ago). The OS ID's check character is right, so applying it works.
SUGGESTED_CORRECTIONS = [
    ("Klang Valley Gloves Sdn Bhd", "address",
     "Lot 12, Jalan Kapar, Kawasan Perindustrian Kapar, 42200 Klang, Selangor", 4),
    ("Klang Valley Gloves Sdn Bhd", "id:os_id", "MY2023145KQ7RZZ", 4),
    ("Andaman Seafood Processing", "name", "Andaman Seafood Processing Co., Ltd.", 11),
]

# Workbooks sent to suppliers that have not come back: (supplier, days ago); one supplier was sent a reminder,
# which replaced the first workbook. Two wait for more than 30 days, so the home page has someone to chase.
AWAITING_WORKBOOKS = [
    ("Phnom Penh Apparel", 75), ("Sialkot Sports Goods", 47), ("Phnom Penh Apparel", 38),
    ("Tiruppur Cotton Spinners", 12), ("Jakarta Footwear Indah", 5), ("Mindanao Banana Growers", 2),
]
# Suppliers whose desktop assessment came back as a workbook: sent this many days before it was started, and
# imported when it was submitted (or, for a draft, as incomplete when it was started).
RETURNED_WORKBOOKS = [("Saigon Stitch Co.", 9), ("Bangkok Garment Group", 14), ("Porto Shoe Makers", 6),
                      ("Dhaka Denim Works", 21)]

# Submitted a few days ago (days before today the assessment was started), so that some corrective actions fall
# due in the next two weeks rather than all being done or overdue. Both stop at "submitted": no on-site visit.
RECENT_STARTS = {"Hanoi Textile Mills": 12, "Prato Knitwear Srl": 20}

# Which stage each supplier's story reached: how far its desktop assessment went, and an on-site visit.
OLD_VERSION_DAYS = {"closed": 120, "submitted": 300}  # begun before the current questionnaire version came out
STAGES = ["closed", "under_review", "submitted", "draft", "closed", "submitted", "closed", "under_review"]


def _answer_for(q: Questionnaire, question: Question, profile: int, rng: random.Random) -> Any:
    """A believable answer: the riskier the profile, the likelier a risky option."""
    bad = rng.random() < (0.02, 0.07, 0.25, 0.45)[profile]
    if question.options:
        plain = [o for o in question.options if o.value not in ("unknown", "na")]
        ranked = sorted(plain, key=lambda o: (o.risk if o.risk is not None else 0))
        if question.type == "multi":
            pool = [o for o in ranked if not o.exclusive] or ranked
            if not bad:
                exclusive = [o for o in ranked if o.exclusive and (o.risk or 0) == 0]
                if exclusive:
                    return [exclusive[0].value]
                return sorted({o.value for o in pool[:max(1, len(pool) // 2)] if (o.risk or 0) <= 1}) or \
                    [pool[0].value]
            return sorted({rng.choice(pool).value for _ in range(2)})
        if question.option("unknown") and rng.random() < 0.03 * profile:
            return "unknown"
        return (rng.choice(ranked[len(ranked) // 2:]) if bad else ranked[0]).value
    if question.type in ("number", "count", "percent", "money"):
        return _number_for(q, question, bad, rng)
    if question.type == "date":
        return (dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 300))).isoformat()
    return rng.choice(["Bengali", "Nepali and Burmese", "Vietnamese", "Spanish", "Tamil and Hindi"])


def _number_for(q: Questionnaire, question: Question, bad: bool, rng: random.Random) -> Any:
    """A number near the question's own risk boundaries: just inside them, or (bad) just past one."""
    low = int(question.minimum) if question.minimum is not None else 0
    high = int(question.maximum) if question.maximum is not None else (100 if question.type == "percent" else 200)
    bounds = {int(Decimal(n)) for rule in question.risk_rules for n in re.findall(r"\d+(?:\.\d+)?", rule.condition.text)}
    candidates = {low, min(high, low + 2), min(high, 10)}
    for bound in bounds:
        candidates |= {bound - 2, bound - 1, bound, bound + 1, bound + 3}
    candidates = sorted(c for c in candidates if low <= c <= high)

    def risk(c: int) -> int:
        return answer_risk(q, replace(question, type="number"), Decimal(c)) or 0

    ranked = sorted(candidates, key=lambda c: (risk(c), -c if bounds else c))
    worst = max(risk(c) for c in ranked)
    pick = rng.choice([c for c in ranked if risk(c) == worst][:2]) if bad and worst else rng.choice(ranked[:2])
    return f"{max(pick, 1) * 40} MYR" if question.type == "money" else pick


def _workforce(profile: int, rng: random.Random) -> dict[str, Any]:
    total = rng.choice([45, 120, 260, 480, 900, 1600])
    migrant = int(total * (0.05, 0.2, 0.45, 0.7)[profile])
    return {"pr_workers_total": total, "pr_workers_migrant": migrant,
            "pr_workers_foreign": int(migrant * 0.8), "pr_workers_agency": int(total * 0.1 * profile),
            "pr_workers_seasonal": int(total * 0.05 * profile),
            "pr_monthly_base_wage": {"amount": rng.choice([180, 240, 320, 410, 1500]), "currency": "USD"}}


def _fill(ctx: AppContext, assessment_id: int, profile: int, rng: random.Random, share: float = 1.0) -> None:
    """Answer the visible questions of an assessment in one transaction (a draft gets only a share)."""
    session = AssessmentSession(ctx, assessment_id)
    q = session.questionnaire
    raw = _workforce(profile, rng) if q.tier == "desktop" else _interview_counts(profile, rng)
    values = {k: v for k, v in raw.items() if q.question(k) is not None}  # the counts this version asks for
    while True:  # answers open up follow-up questions, and slots open one after another (routes, materials)
        visible = _visible(q, {k: coerce(q.question(k), v) for k, v in values.items()})
        opened = [question for question in q.questions if question.id in visible and question.id not in values]
        if not opened:
            break
        for question in opened:
            values[question.id] = _answer_for(q, question, profile, rng)
    shown = _visible(q, {k: coerce(q.question(k), v) for k, v in values.items()})
    keep = [k for k in values if k in shown]
    keep = keep[: max(5, int(len(keep) * share))]
    changes = {k: (to_json(coerce(q.question(k), values[k])), None) for k in keep}
    store_assessments.save_answers(ctx.store, assessment_id, changes, who=ctx.user, source="app")


def _visible(q: Questionnaire, typed: dict) -> frozenset[str]:
    return score(q, typed).visible


def _interview_counts(profile: int, rng: random.Random) -> dict[str, Any]:
    sample = rng.choice([12, 15, 20, 25])
    share = (0.0, 0.05, 0.2, 0.4)[profile]
    counts = {"wi_interviewed": sample}
    for qid in ("wi_paid_fees", "wi_no_own_passport", "wi_cannot_refuse_ot", "wi_over_60_hours",
                "wi_wages_late", "wi_wages_unpaid_late",  # the late-pay count of 1.0.0 and of 2.0.0
                "wi_fear_retaliation", "wi_grievance_unknown"):
        counts[qid] = min(sample, int(sample * share * rng.uniform(0.5, 1.5)))
    return counts


def build_demo(ctx: AppContext) -> dict[str, Any]:
    """Add the demo portfolio once; later calls change nothing and say so."""
    existing = settings.get(ctx.store, DEMO_KEY) == "1"
    if not existing:
        with ctx.store.write():  # all of it or none of it
            _build(ctx)
            settings.put(ctx.store, DEMO_KEY, "1")
    with ctx.store.read() as db:
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                  for t in ("suppliers", "assessments", "findings")}
    return {**counts, "existing": existing}


SAMPLE_REASON = ("The site limited the visit to one day; the remaining worker interviews and files are planned "
                 "for the follow-up visit.")


def _build(ctx: AppContext) -> None:
    rng = random.Random(SEED)
    today = ctx.today()
    ids = {}
    for index, (name, country, goods, sector, tier, profile) in enumerate(SUPPLIERS):
        supplier_id = add_supplier(ctx, name, country, goods=goods, sector=sector, chain_tier=tier,
                                   address=f"{rng.randint(1, 240)} Industrial Road, {name.split()[0]}",
                                   contacts=[{"name": "Compliance manager", "role": "Compliance",
                                              "email": f"compliance@{name.split()[0].lower()}.example"}],
                                   **PROFILES.get(name, {}))
        ids[name] = supplier_id
        stage = STAGES[index % len(STAGES)]
        days_ago = rng.randint(20, 540)  # drawn for every supplier, so the rest of the demo stays as it was
        started = today - dt.timedelta(days=RECENT_STARTS.get(name, days_ago))
        _story(ctx, supplier_id, _ref(ctx, "fldd-desktop", stage, started), stage, started, profile, rng)
        if profile >= 2 and stage in ("closed", "under_review"):
            visit = started + dt.timedelta(days=rng.randint(30, 90))
            if visit < today:
                onsite_stage = rng.choice(["closed", "under_review", "draft"])
                _story(ctx, supplier_id, _ref(ctx, "fldd-onsite", onsite_stage, visit), onsite_stage, visit,
                       profile, rng)
    _suggest_corrections(ctx, ids)
    _send_workbooks(ctx, ids, rng)


def _suggest_corrections(ctx: AppContext, ids: dict[str, int]) -> None:
    """Leave a few suppliers' suggested profile corrections pending, as their returned workbooks would have."""
    for name, key, suggested, days_ago in SUGGESTED_CORRECTIONS:
        on_file = supplier_sheet_values(get_supplier(ctx, ids[name])).get(key, "")
        when = ctx.today() - dt.timedelta(days=days_ago)
        slug = name.split()[0].lower()
        store_corrections.suggest(ctx.store, supplier_id=ids[name], field=key, on_file=on_file, suggested=suggested,
                                  file_name=f"{slug}-desktop-returned.xlsx", who="demo",
                                  received_at=f"{when.isoformat()}T09:30:00Z")


def _ref(ctx: AppContext, questionnaire_id: str, stage: str, started: dt.date) -> str:
    """Assessments closed long ago, and a few submitted long ago and not reviewed yet, are on the oldest version this
    fldd reads (as in a portfolio kept over the years: the latter can be moved to the current version); every
    other one is on the current version."""
    versions = ctx.standard.versions(questionnaire_id)
    age = (ctx.today() - started).days
    if len(versions) > 1 and age > OLD_VERSION_DAYS.get(stage, age):
        return f"{questionnaire_id}@{versions[0]}"
    return questionnaire_id


def _send_workbooks(ctx: AppContext, ids: dict[str, int], rng: random.Random) -> None:
    """Log the workbooks the buyer sent: some came back (their desktop assessment was imported from the
    workbook), some still wait."""
    for name, days_before in RETURNED_WORKBOOKS:
        row = next(r for r in list_assessments(ctx, ids[name]) if r["tier"] == "desktop")
        questionnaire = ctx.standard.get(f"fldd-desktop@{row['questionnaire_version']}")
        started = dt.date.fromisoformat(row["started_at"][:10])
        back = f"{(row['submitted_at'] or row['started_at'])[:10]}T10:15:00Z"
        _log_sent(ctx, questionnaire, ids[name], name, row["uid"], started - dt.timedelta(days=days_before))
        store_exchange.record_import(
            ctx.store, file_name=f"{name} - answers.xlsx", sha256=hashlib.sha256(row["uid"].encode()).hexdigest(),
            outcome="accepted" if row["submitted_at"] else "accepted_incomplete", errors=[],
            assessment_id=row["id"], export_id=row["uid"], saved_at=back.replace("T10:15", "T08:40"), revision=1,
            detail={"questionnaire": questionnaire.ref, "supplier": name}, imported_at=back)
    questionnaire = ctx.standard.get("fldd-desktop")
    for name, days_ago in AWAITING_WORKBOOKS:
        export_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        _log_sent(ctx, questionnaire, ids[name], name, export_id, ctx.today() - dt.timedelta(days=days_ago))


def _log_sent(ctx: AppContext, questionnaire: Questionnaire, supplier_id: int, name: str, export_id: str,
              day: dt.date) -> None:
    store_exports.record(ctx.store, export_id=export_id, supplier_id=supplier_id, questionnaire_id=questionnaire.id,
                         version=questionnaire.version, tier=questionnaire.tier, language="en",
                         file_name=workbook_file_name(name, questionnaire.id, "en", day), exported_by="demo",
                         exported_at=f"{day.isoformat()}T08:30:00Z")


def _story(ctx: AppContext, supplier_id: int, ref: str, stage: str, started: dt.date, profile: int,
           rng: random.Random) -> None:
    """One assessment taken as far as `stage`, with dates in the past and some actions worked on."""
    # Its answers and the fate of its findings draw from a stream of their own, seeded by one draw from the
    # demo's: a question added to the standard changes this story, never the dates and stories of the others.
    rng = random.Random(rng.getrandbits(64))
    day = AppContext(ctx.store, "demo", ctx.role, today=lambda: started + dt.timedelta(days=7))
    assessment_id = start_assessment(day, supplier_id, ref, assessor="Demo auditor" if "onsite" in ref else "")
    _fill(day, assessment_id, profile, rng, share=0.6 if stage == "draft" else 1.0)
    session = AssessmentSession(day, assessment_id)
    for status in ("submitted", "under_review", "closed"):
        if stage == "draft":
            break
        session.move_to(status, sample_reason=SAMPLE_REASON)  # kept only where a sample is short
        if status == stage:
            break
    def stamp(days: int) -> str:
        return f"{(started + dt.timedelta(days=days)).isoformat()}T09:00:00Z"

    closed = stage == "closed"
    store_assessments.set_dates(ctx.store, assessment_id, started_at=stamp(0), updated_at=stamp(7),
                                submitted_at=stamp(7) if stage != "draft" else None,
                                closed_at=stamp(35) if closed else None)
    session.save_result()
    today = ctx.today()
    contacts = session.supplier.contacts
    site = contacts[0]["name"] if contacts else f"{session.supplier.name} (site)"
    move = store_findings.set_action_status
    for row in store_findings.rows(ctx.store, assessment_id=assessment_id):
        age = (today - dt.date.fromisoformat(row["due_date"])).days  # days past the due date
        roll = rng.random()
        action = row["action_id"]
        if age > 45 and roll < 0.85 or closed and roll < 0.9:  # old actions are mostly dealt with
            move(ctx.store, action, "done", who=site, note=DEMO_DONE)
            move(ctx.store, action, "verified", who="Demo auditor", note=DEMO_VERIFIED)
        elif age > 0 and roll < 0.93:
            move(ctx.store, action, "done", who=site, note=DEMO_DONE)
        elif roll < 0.5:
            move(ctx.store, action, "in_progress", who=site)
