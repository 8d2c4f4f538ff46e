"""The supplier facts the next-step rules read (questionnaires/next_steps.yaml), and the words their reasons fill
in: built for every supplier from one grouped read of the store, the workbooks awaited and the screening matches.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import lru_cache

from fldd.risk.data import RiskData

EXPIRING_WITHIN_DAYS = 60

# name -> what it is; the rules file may name only these (checked by `fldd questionnaires validate`).
FACTS = {
    "status": "the supplier's status in the register: active, onboarding, suspended, inactive",
    "inherent_level": "inherent risk stored on the supplier: low, medium, high (null when not computed)",
    "inherent_score": "inherent risk score stored on the supplier, 1-10",
    "assessed": "how many assessments that count (submitted, under review or closed) the supplier has",
    "result_tier": "tier of the latest assessment that counts: desktop or onsite (null: none)",
    "rating": "rating of that result: low, medium, high, severe (null: none)",
    "assessed_on": "its assessment date",
    "valid_until": "the day it expires (the questionnaire's validity_months after the assessment date)",
    "expired": "true when that result expired before today",
    "expires_in_days": f"days until it expires, when it expires within {EXPIRING_WITHIN_DAYS} days (else null)",
    "onsite_valid": "true when an on-site result that counts has not expired",
    "escalate_onsite": "how many thresholds of the latest result ask for an on-site assessment",
    "enhanced_dd": "how many thresholds of the latest result ask for enhanced due diligence",
    "actions_overdue": "open or in-progress corrective actions past their plan or closure date",
    "serious_overdue": "of those, the actions of Priority or Major findings",
    "priority_overdue": "of those, the actions of Priority findings",
    "priority_past_closure": "actions of Priority findings not done by their closure date",
    "other_overdue": "actions past their date other than those Priority ones past their closure date",
    "serious_other_overdue": "of those other actions, the actions of Priority or Major findings",
    "screening_pending": "possible entity-list matches waiting for a person to confirm or dismiss",
    "screening_confirmed": "entity-list matches a person confirmed, whose listing is in force",
    "screening_delisted": "entity-list matches a person confirmed whose entity is on no list in force any more",
    "desktop_draft": "true when a desktop self-assessment is in progress (a draft)",
    "onsite_draft": "true when an on-site assessment is in progress (a draft)",
    "desktop_awaited_days": "days since the desktop workbook sent to the supplier and awaited went out (null: none)",
    "onsite_awaited_days": "days since the on-site workbook sent out and awaited went out (null: none)",
}
# name -> what it says; reasons may fill these in beside the facts.
WORDS = {
    "supplier": "the supplier's name",
    "country_name": "the supplier's country",
    "goods": "the supplier's goods",
    "inherent_words": "the inherent risk with the factors behind it and the editions of the risk data",
    "inherent_level_words": "the inherent level with its score and the editions it rests on",
    "result_words": "the latest result: tier, date and rating",
    "onsite_words": "the thresholds of the latest result asking for an on-site assessment",
    "enhanced_words": "the thresholds of the latest result asking for enhanced due diligence",
    "overdue_words": "the corrective actions past their date: how many, the oldest date",
    "other_overdue_words": "the late actions other than Priority ones past closure: how many, the oldest date",
    "priority_words": "the Priority corrective actions past their closure date",
    "confirmed_words": "the confirmed entity-list matches: entity, list and edition",
    "pending_words": "the possible entity-list matches: entity, list and edition",
    "delisted_words": "the confirmed matches whose listing is gone: entity, list, last edition, why and since when",
    "draft_started": "the day the draft in progress was started",
    "desktop_draft_started": "the day the desktop self-assessment draft in progress was started",
    "onsite_draft_started": "the day the on-site assessment draft in progress was started",
}
# The facts a decision is taken on: when one of them changes, the decision lapses (the days-counting facts are
# left out, or a decision would lapse every morning; "expiring" stands for expires_in_days).
MATERIAL = ("step", "status", "inherent_level", "assessment_id", "rating", "expired", "expiring", "onsite_valid",
            "escalate_onsite", "enhanced_dd", "actions_overdue", "priority_past_closure", "screening_pending",
            "screening_confirmed")
TIER_WORDS = {"desktop": "desktop self-assessment", "onsite": "on-site assessment"}


def facts_of(row: dict, today: dt.date, awaited: dict[str, int | None], pending: list[dict],
             confirmed: list[dict], delisted: list[dict] = ()) -> dict:
    """The rules' facts for one supplier row of store.queue.supplier_facts; awaited: days since the workbook
    of each tier still awaited went out."""
    until = dt.date.fromisoformat(row["valid_until"]) if row["valid_until"] else None
    left = (until - today).days if until else None
    return {
        "status": row["status"], "inherent_level": row["inherent_level"], "inherent_score": row["inherent_score"],
        "assessed": row["assessed"], "result_tier": row["result_tier"], "rating": row["rating"],
        "assessed_on": dt.date.fromisoformat(row["assessed_on"]) if row["assessed_on"] else None,
        "valid_until": until, "expired": bool(until and left < 0),
        "expires_in_days": left if left is not None and 0 <= left <= EXPIRING_WITHIN_DAYS else None,
        "onsite_valid": bool(row["onsite_until"] and row["onsite_until"] >= today.isoformat()),
        "escalate_onsite": len(row["onsite_triggers"]), "enhanced_dd": len(row["enhanced_triggers"]),
        "actions_overdue": row["actions_overdue"], "serious_overdue": row["serious_overdue"],
        "priority_overdue": row["priority_overdue"], "priority_past_closure": row["priority_past_closure"],
        "other_overdue": row["other_overdue"], "serious_other_overdue": row["serious_other_overdue"],
        "screening_pending": len(pending), "screening_confirmed": len(confirmed),
        "screening_delisted": len(delisted),
        "desktop_draft": bool(row["desktop_draft"]), "onsite_draft": bool(row["onsite_draft"]),
        "desktop_awaited_days": awaited.get("desktop"), "onsite_awaited_days": awaited.get("onsite"),
    }


def material(facts: dict, step: str, assessment_id: int | None) -> dict:
    """The facts a decision rests on (MATERIAL), in JSON types."""
    out = {"step": step, "assessment_id": assessment_id, "expiring": facts["expires_in_days"] is not None}
    for name in MATERIAL:
        if name not in out:
            out[name] = facts[name]
    return out


def _phrase(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _match_words(matches: list[dict]) -> str:
    return _phrase([f"{m['entity']} on the {m['list_name']} ({m['edition']})" for m in matches])


def _delisted_words(matches: list[dict]) -> str:
    """'Acme Co on the UFLPA Entity List (2026-01); not on the edition in force (2026-03) since 2026-12-07'."""
    return "; and ".join(f"{m['entity']} on the {m['list_name']} ({m['edition']}); {m['closed_why']} since "
                         f"{(m['closed_at'] or '')[:10]}" for m in matches)


@lru_cache(maxsize=4096)  # suppliers of one country and goods share the same stored text
def _weighty(text: str | None) -> tuple[dict, ...]:
    """The stored factors that weigh most in the score (fldd.usecases.inherent: 2 points or more, or lifting the
    level; else the heaviest one)."""
    if not text:
        return ()
    factors = sorted((f for f in json.loads(text) or [] if (f.get("points") or 0) > 0 or f.get("lifts_to")),
                     key=lambda f: -(f.get("points") or 0))
    return tuple([f for f in factors if (f.get("points") or 0) >= 2 or f.get("lifts_to")] or factors[:1])


@lru_cache(maxsize=4096)
def _stored(text: str | None) -> tuple[str, ...]:
    """The stored factors that weigh most in the score (fldd.usecases.inherent: 2 points or more, or lifting the
    level; else the heaviest one), each with the edition of the risk data it rests on."""
    return tuple(f"{f['words']} — {f['edition']}" if f.get("edition") else f["words"] for f in _weighty(text))


@lru_cache(maxsize=4096)
def _stored_lists(text: str | None) -> str:
    """The editions the weighty stored factors come from ('Our watch list, 2026-01 edition and ...'), or ''."""
    lists: list[str] = []
    for factor in _weighty(text):
        if factor.get("edition") and factor["edition"] not in lists:
            lists.append(factor["edition"])
    return _phrase(lists) if lists else ""


def _inherent(risk: RiskData, country: str, goods: tuple[str, ...], cache: dict) -> tuple[str, ...]:
    """Without stored factors (a row the inherent-risk refresh has not reached): the factors that raise a
    supplier's inherent risk, in words with their editions: the country's TIP tier
    (when on the Watch List or Tier 3) and each of its goods the DOL list names for that country. Worked out once
    per country and per country and good in `cache`, however many suppliers share them."""
    key = (country, goods)
    if key not in cache:
        factors = []
        if ("tip", country) not in cache:
            tier = risk.tip.get(country)
            name = risk.countries.get(country, country)
            cache[("tip", country)] = (f"{name} is on {'Tier 3' if tier == 'Tier 3' else 'the ' + tier} of the "
                                       f"{risk.tip_edition} TIP report") if tier else None
        if cache[("tip", country)]:
            factors.append(cache[("tip", country)])
        for good in goods:
            if (country, good) not in cache:
                cache[(country, good)] = _listed(risk, country, good)
            factors.extend(f for f in cache[(country, good)] if f not in factors)
        cache[key] = tuple(factors)
    return cache[key]


def _listed(risk: RiskData, country: str, good: str) -> list[str]:
    """What the DOL list in force says of this good from this country, in words with its edition."""
    from fldd.risk.goods import matching_listings

    name = risk.countries.get(country, country)
    out = []
    for _, listing in matching_listings([good], risk.goods_by_country.get(country, ())):
        kinds = [w for flag, w in ((listing.child_labour, "child labour"), (listing.forced_labour, "forced labour"),
                                   (listing.forced_child_labour, "forced child labour")) if flag]
        if kinds:
            out.append(f"the {risk.goods_edition} DOL list names {listing.good} from {name} for {_phrase(kinds)}")
        if listing.derived_from:
            out.append(f"the {risk.goods_edition} DOL list names {listing.good} from {name} as made with listed "
                       f"inputs from {risk.countries.get(listing.derived_from, listing.derived_from)}")
    return out


def words_for(row: dict, facts: dict, risk: RiskData, pending: list[dict], confirmed: list[dict],
              cache: dict, delisted: list[dict] = ()) -> Callable[[str], object]:
    """word(name) for one supplier: a fact in words, or one of WORDS (computed only when a reason asks); cache
    is shared by the suppliers of one queue."""
    def level_words() -> str:
        if not row["inherent_level"]:
            return "not computed"
        score = row["inherent_score"]
        shown = f"{score:g}" if isinstance(score, (int, float)) else "?"
        lists = _stored_lists(row["inherent_factors"])  # the lists the score rests on: own and entity lists too
        return (f"{row['inherent_level']} (score {shown}/10; {lists})" if lists else
                f"{row['inherent_level']} (score {shown}/10; DOL List of Goods {risk.goods_edition}, "
                f"TIP report {risk.tip_edition})")

    def inherent_words() -> str:
        factors = _stored(row["inherent_factors"]) or _inherent(risk, row["country"], tuple(row["goods"]), cache)
        head = f"{row['inherent_level'] or 'not computed'}, score {row['inherent_score']:g}/10" \
            if isinstance(row["inherent_score"], (int, float)) else level_words()
        return f"{head}: {'; '.join(factors)}" if factors else level_words()

    def overdue_words() -> str:
        return (f"{_plural(row['actions_overdue'], 'corrective action', 'corrective actions')} past "
                f"{'its' if row['actions_overdue'] == 1 else 'their'} date, the oldest since {row['oldest_overdue']}")

    def other_overdue_words() -> str:
        n = row["other_overdue"]
        other = "other " if row["priority_past_closure"] else ""  # those are said on a line of their own
        return (f"{_plural(n, other + 'corrective action', other + 'corrective actions')} past "
                f"{'its date, since' if n == 1 else 'their date, the oldest since'} {row['oldest_other']}")

    special = {
        "supplier": lambda: row["name"],
        "country_name": lambda: risk.countries.get(row["country"], row["country"]),
        "goods": lambda: _phrase(row["goods"]) if row["goods"] else "no goods given",
        "inherent_words": inherent_words,
        "inherent_level_words": level_words,
        "result_words": lambda: (f"{TIER_WORDS.get(row['result_tier'], row['result_tier'])} of {row['assessed_on']}"
                                 f", rated {row['rating'] or 'not rated'}"),
        "onsite_words": lambda: "; ".join(row["onsite_triggers"]),
        "enhanced_words": lambda: "; ".join(row["enhanced_triggers"]),
        "overdue_words": overdue_words,
        "other_overdue_words": other_overdue_words,
        "desktop_draft_started": lambda: row["desktop_started"] or "?",
        "onsite_draft_started": lambda: row["onsite_started"] or "?",
        "priority_words": lambda: _plural(row["priority_past_closure"], "Priority corrective action",
                                          "Priority corrective actions"),
        "confirmed_words": lambda: _match_words(confirmed),
        "pending_words": lambda: _match_words(pending),
        "delisted_words": lambda: _delisted_words(delisted),
        "draft_started": lambda: row["draft_started"] or "?",
        "result_tier": lambda: {"desktop": "desktop", "onsite": "on-site"}.get(row["result_tier"], "latest"),
        "valid_until": lambda: facts["valid_until"] or "no expiry date",
    }

    def word(name: str) -> object:
        if name in special:
            return special[name]()
        value = facts.get(name)
        return "unknown" if value is None else value

    return word
