"""Supplier identifiers checked offline (OS ID check character, LEI check digits), so typos are caught at entry.

Open Supply Hub OS ID, 15 characters, e.g. CN2019303BQ3FZP:
    CN       ISO 3166-1 alpha-2 country code
    2019303  year and day of the year the ID was made
    BQ3FZ    five random Crockford base32 characters (0-9 and A-Z without I, L, O, U)
    P        check character: (code point of each country letter + base32 value of each of the 12 other
             characters) modulo 32, written as a Crockford base32 character
The algorithm is public (opensupplyhub/open-apparel-registry, src/django/api/oar_id.py); this is fldd's
own implementation of it. A sum detects any single mistyped character, not every swap of two characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: value = index
_LOOKALIKES = {"O": "0", "I": "1", "L": "1", "U": "V"}  # letters Crockford leaves out, and what was meant
OS_ID_LENGTH = 15


class IdentifierError(ValueError):
    """The text is not a valid identifier of its scheme; the message says what is wrong."""


def _compact(text: str) -> str:
    """Upper case without surrounding spaces, inner spaces or hyphens (as identifiers are often pasted)."""
    return re.sub(r"[\s\-]", "", text or "").upper()


def os_id_check_char(first14: str) -> str:
    """The check character for the first 14 characters of an OS ID."""
    text = _compact(first14)
    if len(text) != OS_ID_LENGTH - 1:
        raise IdentifierError(f"the check character is computed from 14 characters, got {len(text)}")
    bad = [c for c in text[2:] if c not in CROCKFORD]
    if bad:
        raise IdentifierError(f"'{bad[0]}' is not a Crockford base32 character")
    total = ord(text[0]) + ord(text[1]) + sum(CROCKFORD.index(c) for c in text[2:])
    return CROCKFORD[total % 32]


def validate_os_id(text: str) -> str:
    """The OS ID in normal form (upper case, no spaces or hyphens), or IdentifierError saying what is wrong."""
    from fldd.risk.countries import is_country  # here: the home page names identifier fields at start-up

    os_id = _compact(text)
    if not os_id:
        raise IdentifierError("an OS ID is required")
    if len(os_id) != OS_ID_LENGTH:
        raise IdentifierError(f"an OS ID must be 15 characters, not {len(os_id)} (e.g. CN2019303BQ3FZP)")
    country, year, day, random, check = os_id[:2], os_id[2:6], os_id[6:9], os_id[9:14], os_id[14]
    if not is_country(country):
        raise IdentifierError(f"unknown country code '{country}' at the start of the OS ID")
    if not (year + day).isdigit():
        raise IdentifierError(f"characters 3-9 of an OS ID are the year and day of the year (7 digits), "
                              f"not '{year + day}'")
    if not 1 <= int(day) <= (366 if _leap(int(year)) else 365):
        raise IdentifierError(f"'{day}' is not a day of the year {year} (characters 7-9 of the OS ID)")
    for position, char in enumerate(random + check, start=10):
        if char not in CROCKFORD:
            hint = f"; did you mean '{_LOOKALIKES[char]}'?" if char in _LOOKALIKES else ""
            raise IdentifierError(f"'{char}' cannot be character {position} of an OS ID (Crockford base32 "
                                  f"has no I, L, O or U){hint}")
    expected = os_id_check_char(os_id[:14])
    if check != expected:
        raise IdentifierError(f"check character should be '{expected}', not '{check}': "
                              "a character of the OS ID is probably mistyped")
    return os_id


def lei_check_digits(first18: str) -> str:
    """ISO 17442 check digits (ISO 7064 MOD 97-10) for the first 18 characters of an LEI."""
    text = _compact(first18)
    if not re.fullmatch(r"[A-Z0-9]{18}", text):
        raise IdentifierError("the LEI check digits are computed from 18 letters and digits")
    number = int("".join(str(int(c, 36)) for c in text + "00"))  # A=10 ... Z=35
    return f"{98 - number % 97:02d}"


def validate_lei(text: str) -> str:
    """The Legal Entity Identifier in normal form, or IdentifierError (length, characters, check digits)."""
    lei = _compact(text)
    if not lei:
        raise IdentifierError("an LEI is required")
    if len(lei) != 20:
        raise IdentifierError(f"an LEI must be 20 characters, not {len(lei)}")
    if not re.fullmatch(r"[A-Z0-9]{18}[0-9]{2}", lei):
        raise IdentifierError("an LEI is 18 letters or digits followed by 2 check digits")
    expected = lei_check_digits(lei[:18])
    if lei[18:] != expected:
        raise IdentifierError(f"check digits should be '{expected}', not '{lei[18:]}': "
                              "a character of the LEI is probably mistyped")
    return lei


def validate_sedex(text: str) -> str:
    """A Sedex reference, ZC (company) or ZS (site) and digits; a format check only, Sedex has no checksum."""
    ref = _compact(text)
    if not re.fullmatch(r"Z[CS][0-9]{3,12}", ref):
        raise IdentifierError("a Sedex reference is ZC (company) or ZS (site) followed by digits, e.g. ZS1234567")
    return ref


def validate_free_text(text: str) -> str:
    """Any non-empty text, spaces trimmed and runs of spaces made one: for schemes without a published format."""
    value = " ".join((text or "").split())
    if not value:
        raise IdentifierError("the identifier is empty")
    return value


validate_slcp = validate_free_text  # SLCP assessment IDs: no published format to check

IDENTIFIER_SCHEMES: dict[str, tuple[str, Callable[[str], str]]] = {
    "os_id": ("Open Supply Hub OS ID", validate_os_id),
    "lei": ("Legal Entity Identifier (LEI)", validate_lei),
    "sedex": ("Sedex reference (ZC/ZS)", validate_sedex),
    "slcp": ("SLCP assessment ID", validate_slcp),
    "other": ("Other identifier", validate_free_text),
}
"""scheme -> (label for people, validator returning the normal form or raising IdentifierError)."""


def validate_identifier(scheme: str, text: str) -> str:
    """Validate text under a scheme of IDENTIFIER_SCHEMES; IdentifierError also for an unknown scheme."""
    if scheme not in IDENTIFIER_SCHEMES:
        raise IdentifierError(f"unknown identifier scheme '{scheme}' (known: {', '.join(IDENTIFIER_SCHEMES)})")
    return IDENTIFIER_SCHEMES[scheme][1](text)


def _leap(year: int) -> bool:
    """A Gregorian leap year (calendar.isleap, without importing calendar and locale at start-up)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
