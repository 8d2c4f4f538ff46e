"""The next-step rules file: the shipped one passes `fldd questionnaires validate`; a rule an author got wrong is
refused naming the file, line and rule, before the queue could print a step nobody can explain."""

from __future__ import annotations

import pytest

from fldd.standard.next_steps import NextStepsError, recommend
from fldd.usecases.queue import STEPS, check_rules, rules, rules_path
from fldd.usecases.queue_facts import FACTS
from fldd.usecases.questionnaires import validate

SOURCES = {"rba-vap", "us-uflpa"}
GOOD = """edition: 2026-12
rules:
  - id: expired
    if: "expired"
    step: desktop
    reason: "Expired on {valid_until}"
    basis: [rba-vap]
  - id: rest
    if: "true"
    step: none
    reason: Nothing to do
"""


def problems_of(tmp_path, text):
    path = tmp_path / "next_steps.yaml"
    path.write_text(text, encoding="utf-8")
    found, problems = check_rules(SOURCES, path)
    return found, [f"{p.line}: {p.message}" for p in problems.errors]


def test_the_shipped_rules_pass_validation_and_name_only_known_facts_steps_and_sources():
    assert not [p for p in validate().problems if "next_steps" in p.path]
    shipped = rules()
    assert {r.step for r in shipped.rules} == set(STEPS)
    assert shipped.rules[-1].condition.to_text() == "true"


def test_a_good_file_is_read_and_applied_in_order(tmp_path):
    found, problems = problems_of(tmp_path, GOOD)
    assert problems == []
    facts = dict.fromkeys(FACTS) | {"expired": True, "valid_until": "2026-01-01"}
    said = recommend(found, facts, lambda name: facts[name])
    assert (said.step, said.rule, said.reasons, said.basis) == ("desktop", "expired", ("Expired on 2026-01-01",),
                                                               ("rba-vap",))
    facts["expired"] = None  # unknown is not true: the rule does not hold
    assert recommend(found, facts, lambda name: facts[name]).step == "none"


@pytest.mark.parametrize(("change", "message"), [
    (('if: "expired"', 'if: "expird"'), "4: expired: 'expird' is not a supplier fact"),
    (('if: "expired"', 'if: "expired and"'), "4: expired: unexpected end"),
    (('if: "expired"', 'if: "mismatch(expired)"'), "4: expired: mismatch() reads answers"),
    (("step: desktop", "step: audit"), "3: rule expired: step 'audit' is not one of relationship"),
    (("reason: \"Expired on {valid_until}\"", "reason: \"Expired on {valid_til}\""),
     "6: expired: '{valid_til}' is neither a supplier fact nor a word"),
    (("basis: [rba-vap]", "basis: [oecd-nowhere]"), "3: rule expired: basis 'oecd-nowhere' is not in sources.yaml"),
    (('if: "true"', 'if: "expired"'), "8: the last rule must hold for every supplier"),
    (("    step: none\n", ""), "8: rest: 'step' is missing"),
    (("    basis: [rba-vap]\n", "    basis: [rba-vap]\n    weight: 3\n"), "3: expired: unknown field 'weight'"),
    (("id: rest", "id: expired"), "8: rule expired: the id is used twice"),
])
def test_a_rule_an_author_got_wrong_is_refused_naming_its_line_and_id(tmp_path, change, message):
    _, problems = problems_of(tmp_path, GOOD.replace(*change))
    assert any(p.startswith(message) for p in problems), problems


def test_the_queue_refuses_to_run_on_a_broken_rules_file(tmp_path, monkeypatch):
    from fldd.usecases import queue

    (tmp_path / "sources.yaml").write_text((rules_path().parent / "sources.yaml").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    (tmp_path / "next_steps.yaml").write_text(GOOD.replace('"expired"', '"expird"'), encoding="utf-8")
    monkeypatch.setattr(queue, "rules_path", lambda root=None: tmp_path / "next_steps.yaml")
    with pytest.raises(NextStepsError, match="'expird' is not a supplier fact"):
        queue.rules()
