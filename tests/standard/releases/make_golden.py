"""Writes golden_1_0_0.json: answers to fldd-desktop and fldd-onsite 1.0.0 and what 1.0.0 concluded from them,
recorded by the fldd of commit 8263398 (the last one at 1.0.0, before issue 9). test_releases.py scores the same
answers against the frozen 1.0.0 snapshot with today's engine and requires the same conclusions, so neither a
later engine nor a later content version changes how an old assessment scores. Kept to show how the file was
made; run it on a checkout of that commit (it refuses files past 1.0.0):

    git archive 8263398 | tar -x -C /tmp/fldd-old
    cp tests/standard/releases/make_golden.py /tmp/fldd-old/tests/standard/releases/
    cd /tmp/fldd-old && PYTHONPATH=. python tests/standard/releases/make_golden.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import yaml

from fldd.standard.answers import coerce_all, to_json
from fldd.standard.engine import score
from fldd.standard.loader import load

HERE = Path(__file__).parent
CASES = HERE.parent / "cases"
AS_OF = "2026-11-23"


# Three red-flag answers, two of them options of one multiple-choice question, made 1.0.0's rating severe at a
# good score: 1.0.0 counted red-flag answers (not questions or facts). Added to a well-run site's answers.
EDGE_FLAGS = {"con_abuse_reports": 3, "con_abuse_types": ["violence_staff", "threat_authorities"],
              "hrs_overtime_refusal": ["fine"]}


def conclusions(result) -> dict:
    """What must not change: the score, the rating, red flags, mismatches and every rule that fired."""
    return {"score": None if result.score is None else str(result.score), "rating": result.rating,
            "red_flags": sorted([f.question, str(f.value)] for f in result.red_flags),
            "mismatches": sorted(m.question for m in result.mismatches),
            "triggers": [[t.id, t.action, t.severity, t.due_days] for t in result.triggers]}


def random_answers(q, rng: random.Random) -> dict:
    """A plausible complete set of raw answers (every question answered, specials now and then)."""
    out = {}
    for qu in q.questions:
        if rng.random() < 0.08:
            continue
        specials = [o.value for o in qu.specials]
        if specials and rng.random() < 0.1:
            out[qu.id] = rng.choice(specials)
        elif qu.type in ("yesno", "single"):
            out[qu.id] = rng.choice([o.value for o in qu.options])
        elif qu.type == "multi":
            plain = [o.value for o in qu.options if not o.exclusive]
            excl = [o.value for o in qu.options if o.exclusive]
            if excl and (rng.random() < 0.3 or not plain):
                out[qu.id] = [rng.choice(excl)]
            else:
                out[qu.id] = rng.sample(plain, rng.randint(1, min(3, len(plain))))
        elif qu.type in ("number", "count", "percent"):
            low = int(qu.minimum) if qu.minimum is not None else 0
            high = int(qu.maximum) if qu.maximum is not None else (100 if qu.type == "percent" else 400)
            out[qu.id] = rng.randint(low, min(high, 400))
        elif qu.type == "money":
            out[qu.id] = {"amount": rng.choice([0, 50, 300, 900, 1500, 2600]), "currency": rng.choice(["MYR", "USD"])}
        elif qu.type == "date":
            out[qu.id] = (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 1100))).isoformat()
        else:
            out[qu.id] = rng.choice(["", "see the attached policy", "none"])
    return out


def main() -> None:
    standard = load().standard
    desktop, onsite = standard.get("fldd-desktop"), standard.get("fldd-onsite")
    assert desktop.version == onsite.version == "1.0.0", "the files have moved past 1.0.0"
    examples = []
    for path in sorted(CASES.glob("*.yaml")):
        for tid, case in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            for kind in ("trips", "misses"):
                for i, ex in enumerate(case.get(kind, [])):
                    examples.append({"name": f"{path.stem} {tid} {kind}[{i}]",
                                     "questionnaire": "fldd-onsite" if path.stem.startswith("onsite") else "fldd-desktop",
                                     "answers": ex.get("answers") or {}, "declared": ex.get("declared") or {},
                                     "inputs": ex.get("inputs") or {}})
    rng = random.Random(20261207)
    for i in range(25):
        examples.append({"name": f"random desktop {i}", "questionnaire": "fldd-desktop",
                         "answers": random_answers(desktop, rng), "declared": {},
                         "inputs": {"inherent.tip_tier": rng.choice(["Tier 1", "Tier 2", "Tier 3"])}})
        examples.append({"name": f"random on-site {i}", "questionnaire": "fldd-onsite",
                         "answers": random_answers(onsite, rng), "declared": random_answers(desktop, rng),
                         "inputs": {}})
    out = []
    for ex in examples:
        q = standard.get(ex["questionnaire"])
        values, errors = coerce_all(q, ex["answers"])
        assert not errors, (ex["name"], [str(e) for e in errors])
        declared, errors = coerce_all(desktop, ex["declared"]) if ex["declared"] else ({}, [])
        assert not errors, (ex["name"], [str(e) for e in errors])
        result = score(q, values, inputs=ex["inputs"], declared=declared, as_of=dt.date.fromisoformat(AS_OF))
        out.append({**ex, "answers": {k: to_json(v) for k, v in values.items()},
                    "declared": {k: to_json(v) for k, v in declared.items()}, "as_of": AS_OF,
                    "expect": conclusions(result)})
    clean = next(e for e in out if e["questionnaire"] == "fldd-desktop" and e["expect"]["rating"] == "low"
                 and len(e["answers"]) > 60)
    edge = {**clean, "name": "edge: two red-flag options of one question count twice",
            "answers": {**clean["answers"], **EDGE_FLAGS}}
    values, errors = coerce_all(desktop, edge["answers"])
    assert not errors
    result = score(desktop, values, inputs=edge["inputs"], as_of=dt.date.fromisoformat(AS_OF))
    out.append({**edge, "expect": conclusions(result)})
    (HERE / "golden_1_0_0.json").write_text(json.dumps(out, indent=None, ensure_ascii=False, sort_keys=True)
                                             .replace('}, {"answers"', '},\n{"answers"') + "\n", encoding="utf-8")
    print(f"{len(out)} examples")


if __name__ == "__main__":
    main()
