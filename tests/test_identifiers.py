"""Identifiers are checked offline: OS ID check character, LEI check digits, Sedex and free-text formats."""

import pytest

from fldd.identifiers import (
    CROCKFORD,
    IDENTIFIER_SCHEMES,
    IdentifierError,
    lei_check_digits,
    os_id_check_char,
    validate_identifier,
    validate_lei,
    validate_os_id,
    validate_sedex,
    validate_slcp,
)

# Computed by the published algorithm (country letters by code point, the rest by base32 value, mod 32).
OS_IDS = ["CN2019303BQ3FZP", "IN2019067X1K87G", "BD2021145ABCDEH", "MY2023001K7M2QN", "TR2020366PQRSTH",
          "XK2024015Z9Y8WV"]
# Published LEIs (GLEIF; and three large companies) whose check digits the algorithm must reproduce.
LEIS = ["506700GE1G29325QX363", "5493001KJTIIGC8Y1R12", "7LTWFZYICNSX8D621K86", "HWUPKR0MPOU8FGXBT394"]


def test_check_character_by_hand():
    # C(67) + N(78) + 2+0+1+9+3+0+3 + B(11)+Q(23)+3+F(15)+Z(31) = 246; 246 mod 32 = 22 -> 'P'
    assert os_id_check_char("CN2019303BQ3FZ") == "P" == CROCKFORD[22]


@pytest.mark.parametrize("os_id", OS_IDS)
def test_valid_os_ids(os_id):
    assert validate_os_id(os_id) == os_id
    assert os_id_check_char(os_id[:14]) == os_id[14]


def test_os_id_is_normalised():
    assert validate_os_id("  cn2019303bq3fzp ") == "CN2019303BQ3FZP"
    assert validate_os_id("CN-2019303-BQ3FZ-P") == "CN2019303BQ3FZP"


def test_the_example_in_the_original_docstring_is_only_illustrative():
    with pytest.raises(IdentifierError, match="check character should be 'G', not 'E'"):
        validate_os_id("IN2019067X1K87E")


@pytest.mark.parametrize("os_id", OS_IDS)
def test_every_single_mistyped_character_is_caught(os_id):
    for i in range(len(os_id)):
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if i < 2 else CROCKFORD
        for char in alphabet:
            if char == os_id[i]:
                continue
            typo = os_id[:i] + char + os_id[i + 1:]
            with pytest.raises(IdentifierError):
                validate_os_id(typo)


@pytest.mark.parametrize("text, message", [
    ("CN2019303BQ3FZQ", "check character should be 'P', not 'Q'"),
    ("CN2019303BQ3FZ", "must be 15 characters, not 14"),
    ("CN2019303BQ3FZPP", "must be 15 characters, not 16"),
    ("", "an OS ID is required"),
    ("ZZ2019303BQ3FZP", "unknown country code 'ZZ'"),
    ("UK2019303BQ3FZP", "unknown country code 'UK'"),
    ("CN20193O3BQ3FZP", "year and day of the year"),
    ("CN2019400BQ3FZP", "'400' is not a day of the year 2019"),
    ("CN2019366BQ3FZP", "'366' is not a day of the year 2019"),
    ("CN2019303BQ3FO0", "'O' cannot be character 14 .* did you mean '0'"),
    ("CN2019303BI3FZP", "'I' cannot be character 11"),
])
def test_invalid_os_ids_say_what_is_wrong(text, message):
    with pytest.raises(IdentifierError, match=message):
        validate_os_id(text)


def test_leap_day_366_is_valid_in_a_leap_year():
    first14 = "TR2020366PQRST"
    assert validate_os_id(first14 + os_id_check_char(first14)) == "TR2020366PQRSTH"


def test_os_id_check_char_wants_14_characters():
    with pytest.raises(IdentifierError, match="14 characters"):
        os_id_check_char("CN2019303")


@pytest.mark.parametrize("lei", LEIS)
def test_published_leis_are_valid(lei):
    assert lei_check_digits(lei[:18]) == lei[18:]
    assert validate_lei(lei.lower()) == lei


def test_lei_constructed_from_the_algorithm():
    first18 = "FLDD00TESTSUPPLY01"
    lei = first18 + lei_check_digits(first18)
    assert validate_lei(lei) == lei
    assert int("".join(str(int(c, 36)) for c in lei)) % 97 == 1  # ISO 7064 MOD 97-10


@pytest.mark.parametrize("text, message", [
    ("506700GE1G29325QX364", "check digits should be '63', not '64'"),
    ("506700GE1G29325QY363", "check digits should be"),  # one character mistyped
    ("506700GE1G29325QX36", "must be 20 characters, not 19"),
    ("506700GE1G29325QX3AB", "18 letters or digits followed by 2 check digits"),
    ("", "an LEI is required"),
])
def test_invalid_leis(text, message):
    with pytest.raises(IdentifierError, match=message):
        validate_lei(text)


def test_sedex_references():
    assert validate_sedex(" zc1234567 ") == "ZC1234567"
    assert validate_sedex("ZS 40123") == "ZS40123"
    for bad in ("ZX123456", "1234567", "ZC", "ZCABC123", ""):
        with pytest.raises(IdentifierError, match="ZC .company. or ZS .site."):
            validate_sedex(bad)


def test_slcp_is_any_non_empty_text():
    assert validate_slcp("  SLCP  VRF-2024-0001 ") == "SLCP VRF-2024-0001"
    with pytest.raises(IdentifierError, match="empty"):
        validate_slcp("   ")


def test_schemes():
    assert set(IDENTIFIER_SCHEMES) == {"os_id", "lei", "sedex", "slcp", "other"}
    for label, validator in IDENTIFIER_SCHEMES.values():
        assert label and callable(validator)
    assert validate_identifier("os_id", "cn2019303bq3fzp") == "CN2019303BQ3FZP"
    assert validate_identifier("other", " internal 42 ") == "internal 42"
    with pytest.raises(IdentifierError, match="unknown identifier scheme 'duns'"):
        validate_identifier("duns", "123456789")
