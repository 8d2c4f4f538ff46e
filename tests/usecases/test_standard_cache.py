"""The compiled standard is reused while its files are unchanged and rebuilt as soon as one changes."""

from __future__ import annotations

import shutil

from fldd.paths import questionnaires_dir
from fldd.usecases.standard_cache import cached_standard
from tests.standard.test_onsite_fields import draft_next_version


def test_cache_is_reused_then_rebuilt_after_an_edit(tmp_path):
    root = tmp_path / "questionnaires"
    shutil.copytree(questionnaires_dir(), root)
    cache = tmp_path / "cache"
    first = cached_standard(root, cache)
    (pickle_file,) = cache.glob("standard-*.pickle")
    assert cached_standard(root, cache).questionnaires.keys() == first.questionnaires.keys()
    draft_next_version(root)  # released content changes only under a new version
    module = root / "desktop" / "profile.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "How many workers work at this site today?", "How many workers are employed at this site today?"),
        encoding="utf-8")
    rebuilt = cached_standard(root, cache)
    assert rebuilt.questionnaires["fldd-desktop"].question("pr_workers_total").text["en"].startswith(
        "How many workers are employed")
    assert not pickle_file.exists() and len(list(cache.glob("standard-*.pickle"))) == 1


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    root = tmp_path / "questionnaires"
    shutil.copytree(questionnaires_dir(), root)
    cache = tmp_path / "cache"
    cached_standard(root, cache)
    (pickle_file,) = cache.glob("standard-*.pickle")
    pickle_file.write_bytes(b"not a pickle")
    assert "fldd-desktop" in cached_standard(root, cache).questionnaires
