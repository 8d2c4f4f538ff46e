"""A made-up newer version of fldd-desktop for tests and screenshots of version moves: 1.0.0 with one question
retired, one single-choice question without its first option, and a new question after it."""

from __future__ import annotations

import dataclasses
import re

from fldd.standard.model import Questionnaire, Standard
from fldd.standard.normalise import questionnaire_json
from fldd.usecases.context import AppContext

OLD = "fldd-desktop@1.0.0"


@dataclasses.dataclass
class VariantContext(AppContext):
    """A context whose current fldd-desktop is a variant of 1.0.0 made by the test."""

    custom: Standard | None = None

    @property
    def standard(self) -> Standard:  # type: ignore[override]
        return self.custom


def unreferenced(q: Questionnaire, qtype: str) -> str:
    """A question of this type no condition or verification reads, so the variant can drop or change it."""
    text = " ".join(str(v) for v in _conditions(questionnaire_json(q, "en")))
    return next(qu.id for qu in q.questions if qu.type == qtype and not qu.show_if and not qu.verifies
                and not re.search(rf"\b{qu.id}\b", text))


def _conditions(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("show_if", "if", "condition", "expr", "red_flag_if", "disagree_if") and value:
                yield value
            else:
                yield from _conditions(value)
    elif isinstance(node, list):
        for item in node:
            yield from _conditions(item)


def variant(old: Questionnaire, retire: str, narrow: str, removed_option: str) -> Questionnaire:
    """Version 9.0.0: `retire` gone, `narrow` without `removed_option`, a new question after it."""
    modules = []
    for module in old.modules:
        questions = []
        for qu in module.questions:
            if qu.id == retire:
                continue
            if qu.id == narrow:
                qu = dataclasses.replace(qu, options=tuple(o for o in qu.options if o.value != removed_option))
                questions.append(qu)
                questions.append(dataclasses.replace(qu, id="gov_new_data_point", text={"en": "A new question?"},
                                                     required=True))
                continue
            questions.append(qu)
        modules.append(dataclasses.replace(module, questions=tuple(questions), retired=(retire,)))
    return dataclasses.replace(old, version="9.0.0", modules=tuple(modules), _by_id={}, content_hash="variant")




def with_variant(standard: Standard, version: str = "9.0.0") -> tuple[Standard, dict]:
    """The shipped standard whose current fldd-desktop is the variant; and what it changed (retired, narrowed
    question, removed option)."""
    old = standard.get(OLD)
    retire = unreferenced(old, "yesno")
    narrow = next(qu.id for qu in old.questions if qu.type == "single" and len(qu.options) > 3
                  and qu.id != retire and not qu.show_if and qu.module == old.modules[1].id)
    removed = old.question(narrow).options[0].value
    changed = dataclasses.replace(variant(old, retire, narrow, removed), version=version)
    # the variant is the version after 1.0.0: releases between them (2.0.0) would not exist in its world
    releases = {**standard.releases, "fldd-desktop": {"1.0.0": old}}
    return (dataclasses.replace(standard, questionnaires={**standard.questionnaires, "fldd-desktop": changed},
                                releases=releases),
            {"retire": retire, "narrow": narrow, "removed": removed, "kept": old.question(narrow).options[1].value})
