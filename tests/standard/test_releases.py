"""Released questionnaire versions: frozen snapshots that keep old assessments reading and scoring as they did."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from fldd.paths import questionnaires_dir
from fldd.standard import releases
from fldd.standard.answers import coerce_all
from fldd.standard.engine import score
from fldd.standard.loader import load
from fldd.standard.normalise import questionnaire_json
from fldd.usecases.errors import Rejected
from fldd.usecases.questionnaires import release, standard

GOLDEN = json.loads((Path(__file__).parent / "releases" / "golden_1_0_0.json").read_text(encoding="utf-8"))


def conclusions(result) -> dict:
    """The same conclusions make_golden.py recorded from the 1.0.0 files."""
    return {"score": None if result.score is None else str(result.score), "rating": result.rating,
            "red_flags": sorted([f.question, str(f.value)] for f in result.red_flags),
            "mismatches": sorted(m.question for m in result.mismatches),
            "triggers": [[t.id, t.action, t.severity, t.due_days] for t in result.triggers]}


def test_version_1_0_0_of_both_tiers_is_kept_with_the_hash_its_exports_carry():
    for qid, recorded in (("fldd-desktop", "8a4e469baf77b0988d768611e8c36d6fe647307f5c1195957c54697f76efbf0b"),
                          ("fldd-onsite", "96d95b31b4086e7b956d55151efebcc9c73158e0e48f9142d806968873616d17")):
        old = standard().get(f"{qid}@1.0.0")
        assert old is not None and old.version == "1.0.0"
        assert old.content_hash == recorded
        assert "1.0.0" in standard().versions(qid)
        assert standard().versions(qid)[-1] == standard().get(qid).version
        assert old.question("fee_any_paid" if qid == "fldd-desktop" else "wi_interviewed") is not None


@pytest.mark.parametrize("example", GOLDEN, ids=[e["name"] for e in GOLDEN])
def test_an_old_version_scores_exactly_as_it_did(example):
    q = standard().get(f"{example['questionnaire']}@1.0.0")
    values, errors = coerce_all(q, example["answers"])
    assert not errors
    declared = {}
    if example["declared"]:
        declared, errors = coerce_all(standard().get("fldd-desktop@1.0.0"), example["declared"])
        assert not errors
    result = score(q, values, inputs=example["inputs"], declared=declared,
                   as_of=dt.date.fromisoformat(example["as_of"]))
    assert conclusions(result) == example["expect"]


def test_a_snapshot_gives_back_the_questionnaire_it_froze():
    for q in standard().questionnaires.values():
        data = releases.snapshot(q)
        assert data["content_hash"] == q.content_hash
        rebuilt = releases.build(data["questionnaire"], data["content_hash"], Path("x.json"))
        assert questionnaire_json(rebuilt, None) == data["questionnaire"]


@pytest.fixture
def copy(tmp_path):
    root = tmp_path / "questionnaires"
    shutil.copytree(questionnaires_dir(), root)
    return root


def _messages(root: Path) -> list[str]:
    return [f"{Path(p.path).name}: {p.message}" for p in load(root).errors]


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_tampered_snapshot_is_a_validation_error_and_is_not_loaded(copy):
    path = releases.release_path(copy, "fldd-desktop", "1.0.0")
    _edit(path, lambda d: d["questionnaire"]["questions"][0]["text"].update(en="Something else"))
    loaded = load(copy)
    assert any("does not match its content_hash" in p.message and p.path == str(path) for p in loaded.errors)
    assert "1.0.0" not in loaded.standard.releases.get("fldd-desktop", {})


def test_a_snapshot_under_another_version_s_file_name_is_an_error(copy):
    path = releases.release_path(copy, "fldd-desktop", "1.0.0")
    moved = path.with_name("0.9.0.json")
    path.rename(moved)
    assert any("the snapshot of fldd-desktop@1.0.0 must be releases/fldd-desktop/1.0.0.json" in m for m in _messages(copy))


def test_sources_and_terms_a_release_cites_must_stay(copy):
    body = json.loads(releases.release_path(copy, "fldd-onsite", "1.0.0").read_text())["questionnaire"]
    key = body["questions"][0]["basis"][0]
    sources = (copy / "sources.yaml").read_text(encoding="utf-8")
    (copy / "sources.yaml").write_text(sources.replace(f"key: {key}\n", f"key: {key}-renamed\n"), encoding="utf-8")
    assert any(f"cites '{key}', which is no longer in sources.yaml" in m for m in _messages(copy))


def test_content_changed_under_a_released_version_number_is_an_error(copy):
    path = releases.release_path(copy, "fldd-desktop", standard().get("fldd-desktop").version)
    body = releases.snapshot(standard().get("fldd-desktop"))
    body["questionnaire"]["title"]["en"] = "An older title"
    body["content_hash"] = releases.body_hash(body["questionnaire"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body), encoding="utf-8")
    assert any("is released and its content has changed since" in m for m in _messages(copy))


def test_release_freezes_the_current_version_once(copy):
    version = standard().get("fldd-onsite").version
    target = releases.release_path(copy, "fldd-onsite", version)
    target.unlink(missing_ok=True)
    path, written = release("fldd-onsite", copy)
    assert (path, written) == (target, True)
    assert load(copy).standard.get(f"fldd-onsite@{version}").content_hash == standard().get("fldd-onsite").content_hash
    assert release("fldd-onsite", copy) == (target, False)
    with pytest.raises(Rejected, match="only the current version"):
        release("fldd-onsite@0.1.0", copy)
