"""The on-site fields the app's forms rely on are checked by validation: every interview fact has its singular
wording, a checklist's "not available" is an answer the question takes, and a sample rule names real counts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fldd.paths import questionnaires_dir
from fldd.standard.loader import load, load_shipped


@pytest.fixture
def root(tmp_path) -> Path:
    """A copy of the shipped standard, to break one thing in."""
    copy = tmp_path / "std"
    shutil.copytree(questionnaires_dir(), copy)
    draft_next_version(copy)
    return copy


def draft_next_version(root: Path) -> None:
    """Raise both tiers' versions in a copy, as an edit of released content must: the shipped versions are
    released and never change."""
    for path in (root / "desktop" / "fldd-desktop.yaml", root / "onsite" / "fldd-onsite.yaml"):
        text = path.read_text(encoding="utf-8")
        head, _, rest = text.partition("\n  version: ")
        version, _, tail = rest.partition("\n")
        major, minor, patch = version.split(".")
        path.write_text(f"{head}\n  version: {major}.{minor}.{int(patch) + 1}\n{tail}", encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def errors(root: Path) -> list[str]:
    return [str(p) for p in load(root=root).errors]


def test_the_shipped_onsite_tier_carries_the_fields():
    q = load_shipped().get("fldd-onsite")
    assert q.question("wi_paid_fees").ask["en"] == "Did you pay anything, to anyone, to get this job?"
    assert q.question("dr_recruiter_licensed").check.not_available == "no_evidence"
    assert [r.id for r in q.sampling] == ["worker_interviews", "worker_files"]


def test_an_interview_fact_without_its_singular_wording_is_an_error(root):
    edit(root / "onsite" / "worker_interviews.yaml",
         '    ask: "Has anyone at work threatened you?"\n', "")
    assert any("wi_threatened" in e and "needs `ask`" in e for e in errors(root))


def test_a_singular_wording_on_a_count_that_is_not_a_fact_is_an_error(root):
    edit(root / "onsite" / "worker_interviews.yaml",
         "    text: How many workers did you interview?\n",
         "    text: How many workers did you interview?\n    ask: \"Were you interviewed?\"\n")
    assert any("wi_interviewed" in e and "ask applies only" in e for e in errors(root))


def test_a_not_available_answer_the_question_does_not_offer_is_an_error(root):
    edit(root / "onsite" / "document_review.yaml", 'not_available: "no_evidence"', 'not_available: "lost"')
    assert any("dr_recruiter_licensed" in e and "'lost' is not an answer" in e for e in errors(root))


def test_a_sample_rule_must_name_counts_and_a_derived_minimum(root):
    edit(root / "onsite" / "fldd-onsite.yaml", "    minimum: dr_files_sample_min\n", "    minimum: dr_nowhere\n")
    edit(root / "onsite" / "fldd-onsite.yaml", "    done: dr_files_sampled\n", "    done: dr_wages_payee\n")
    found = errors(root)
    assert any("worker_files" in e and "'dr_wages_payee' must be a count question" in e for e in found)
    assert any("worker_files" in e and "minimum 'dr_nowhere' must be a derived value" in e for e in found)


def test_the_singular_wording_and_the_checklist_item_are_translated(root):
    edit(root / "onsite" / "fldd-onsite.yaml", "  languages: [en]\n", "  languages: [en, es]\n")
    folder = root / "translations" / "es" / "onsite"
    folder.mkdir(parents=True)
    (folder / "worker_interviews.yaml").write_text(
        "language: es\nquestions:\n  wi_paid_fees:\n    ask: \"¿Pagó algo, a alguien, para conseguir este trabajo?\"\n",
        encoding="utf-8")
    (folder / "document_review.yaml").write_text(
        "language: es\nquestions:\n  dr_recruiter_licensed:\n    check: Licencias de los reclutadores\n",
        encoding="utf-8")
    (root / "translations" / "es" / "onsite" / "fldd-onsite.yaml").write_text(
        "language: es\nsampling:\n  worker_interviews: trabajadores entrevistados\n", encoding="utf-8")
    loaded = load(root=root)
    assert loaded.errors == []
    q = loaded.standard.get("fldd-onsite")
    assert q.question("wi_paid_fees").ask["es"].startswith("¿Pagó algo")
    assert q.question("dr_recruiter_licensed").check.item["es"] == "Licencias de los reclutadores"
    assert q.sampling[0].label["es"] == "trabajadores entrevistados"
    assert any("wi_threatened" in str(p) for p in loaded.problems if p.level == "warning")
