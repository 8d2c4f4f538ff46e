"""What the on-site guidance tells the auditor about sample sizes and sub-groups is what the rules compute."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from fldd.standard.answers import coerce_all
from fldd.standard.engine import score
from fldd.usecases.questionnaires import standard

AS_OF = dt.date(2026, 11, 23)


def derived(answers: dict) -> dict:
    q = standard().questionnaires["fldd-onsite"]
    values, errors = coerce_all(q, answers)
    assert not errors
    return score(q, values, as_of=AS_OF).derived


@pytest.mark.parametrize("qid", ["wi_interviewed", "dr_files_sampled"])
def test_every_sample_size_the_guidance_quotes_is_the_rules_minimum(qid):
    guidance = standard().questionnaires["fldd-onsite"].question(qid).guidance["en"]
    examples = re.findall(r"(\d+)(?: files)? for ([\d,]+) workers", guidance)
    assert examples, "the guidance gives at least one worked example"
    for sample, workforce in examples:
        minimum = derived({"wi_workforce_on_site": int(workforce.replace(",", ""))})["wi_sample_min"]
        assert minimum == Decimal(sample), (qid, workforce, minimum)


def test_over_sampled_migrants_are_weighted_back_to_the_workforce():
    site = {"wi_workforce_on_site": 400, "wi_interviewed": 20, "wi_migrants_interviewed": 10,
            "wi_migrants_on_site": 40, "wi_no_rest_day": 0}
    # half the migrants interviewed, none of the others: 30% of the sample, 5% of the workforce
    weighted = derived({**site, "wi_over_60_hours": 5, "wi_over_60_migrants": 5})["wi_hours_pct"]
    assert weighted == Decimal(5)
    # without the sub-count the raw share stands
    assert derived({**site, "wi_over_60_hours": 5})["wi_hours_pct"] == Decimal(25)
    # everyone interviewed is a migrant: nothing to weight against
    alone = {**site, "wi_migrants_interviewed": 20, "wi_over_60_hours": 5, "wi_over_60_migrants": 5}
    assert derived(alone)["wi_hours_pct"] == Decimal(25)
