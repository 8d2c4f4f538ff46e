"""A country typed by its usual names, in the supplier form or a supplier's suggested correction, finds its code."""

from __future__ import annotations

import pytest

from fldd.risk.countries import OTHER_NAMES, code_for_name, country_name
from fldd.usecases.supplier_form import country_code_from_text


@pytest.mark.parametrize(("typed", "code"), [
    ("Viet Nam", "VN"), ("Vietnam", "VN"), ("  viet   NAM ", "VN"), ("Cote d'Ivoire", "CI"), ("Côte d’Ivoire", "CI"),
    ("Ivory Coast", "CI"), ("Republic of Korea", "KR"), ("Lao PDR", "LA"), ("Turkey", "TR"), ("Türkiye", "TR"),
    ("Czech Republic", "CZ"), ("Russian Federation", "RU"), ("UK", "GB"), ("United States of America", "US"),
    ("Burma", "MM"), ("Myanmar", "MM")])
def test_usual_names_find_the_code(typed, code):
    assert code_for_name(typed) == code
    assert country_code_from_text(typed) == code


def test_codes_and_the_registers_own_form_still_work_and_anything_else_is_left_for_the_check_to_refuse():
    assert [country_code_from_text(t) for t in ("my", "MY — Malaysia", "Malaysia")] == ["MY", "MY", "MY"]
    assert country_code_from_text(" Narnia ") == "Narnia"
    assert code_for_name("Korea") is None  # North or South: not guessed


def test_every_other_name_belongs_to_a_known_country_and_none_names_two():
    for code, names in OTHER_NAMES.items():
        country_name(code)  # raises for an unknown code
        for name in names:  # a name given to two countries would find only one of them
            assert code_for_name(name) == code, name
