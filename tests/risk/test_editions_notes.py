"""The caveat an edition's note gives in About must agree with the per-country bullets under it in
editions.yaml, which the inherent-risk words rest on: a reader who counts the countries must find the same number."""

from __future__ import annotations

import re

import yaml

from fldd import paths


def _dol_2024() -> dict:
    editions = yaml.safe_load((paths.resources_dir() / "risk" / "editions.yaml").read_text(encoding="utf-8"))
    return next(e for e in editions["editions"] if e["file"] == "dol-goods-2024.csv")


def test_the_count_of_countries_carried_over_unchanged_matches_the_bullet_that_lists_them():
    edition = _dol_2024()
    carried = next(c for c in edition["countries"] if c["basis"] == "carried over")["iso2"]
    told = re.search(r"(\d+) countries are carried over from the 2022 edition unchecked", edition["note"])
    assert told and int(told.group(1)) == len(carried)


def test_the_countries_with_press_reported_additions_are_named_in_the_note():
    edition = _dol_2024()
    added = [c for c in edition["countries"] if "press additions" in c["basis"]]
    assert sorted(iso for c in added for iso in c["iso2"]) == ["CN", "ID"]
    assert "China" in edition["note"] and "Indonesia" in edition["note"]
