"""Supplier names compared with the names and aliases on entity lists: pure logic, no database.

A match here is only a question for a person ("is this supplier that listed company?"), never a verdict, so
the rules lean towards asking when two names are the same company written differently (legal form, order,
plural, one typing slip, a descriptive word left out) and away from asking when two names only share common
words ("Garments Ltd" is not every garment maker)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from fldd.risk.data import Entity

from fldd.risk.screening_words import (CJK_LEGAL, COMMON_WORDS, GENERIC_WORDS, LEGAL_PHRASES, LEGAL_WORDS,
                                     TRAILING_MARKS, TRAILING_WORDS)

LONG_NAME = 15  # characters (normalised) from which one typing slip still leaves the name recognisable

EXACT, ORDER, PLURAL, TYPO, MISSING = 100, 90, 85, 75, 70  # strength of each way of matching, out of 100
CONTAINED = 60  # one name wholly inside the other's longer name ("Meixin Hair Products" in "Lop County Meixin ...")
GENERIC = 50  # a name of common words only, the same word for word, in the same country
ABROAD = 20  # taken off when the list gives the entity another country than the supplier's
FLOOR = 45  # below this (a containment or a plain name abroad) a resemblance is not put to a person
_CJK = r"\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_HAS_CJK = re.compile(f"[{_CJK}]")


def _fold(text: str) -> str:
    """Case, width and accents folded; '&' spelt out; every mark between words a space."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text).replace("'", "").replace("’", "").replace(".", " ")
    text = "".join(c if c.isalnum() else " " for c in text)
    return re.sub(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])", "", text)


def _join_initials(words: list[str]) -> list[str]:
    """'s a de c v' -> 'sa de cv': initials written with dots become one word, as typed without them."""
    out: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1 and word.isascii():
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        out.append(word)
    return out + ([run] if run else [])


def _drop_legal(words: list[str]) -> list[str]:
    kept = list(words)
    for phrase in LEGAL_PHRASES:
        size = len(phrase)
        i = 0
        while i + size <= len(kept):
            if tuple(kept[i:i + size]) == phrase:
                del kept[i:i + size]
            else:
                i += 1
    kept = [w for w in kept if w not in LEGAL_WORDS]
    out = []
    for word in kept:
        if _HAS_CJK.search(word):
            for legal in CJK_LEGAL:
                word = word.replace(legal, "")
        if word:
            out.append(word)
    return out


def _drop_trailing(words: list[str]) -> list[str]:
    """'hoshine ... ltd and subsidiaries' -> 'hoshine ... ltd': the group an entry takes in is set aside."""
    for i, word in enumerate(words):
        if (i and word == "and" and all(w in TRAILING_WORDS for w in words[i:])
                and any(w in TRAILING_MARKS for w in words[i:])):
            return words[:i]
    return words


def words_of(name: str) -> tuple[str, ...]:
    """The words that tell one company from another; the folded words as they are when nothing else is left."""
    words = _drop_trailing(_join_initials(_fold(name).split()))
    return tuple(_drop_legal(words) or words)


def normalise(name: str) -> str:
    """A name as compared: 'Kashgar Brightway Textile Co., Ltd.' -> 'kashgar brightway textile'."""
    return " ".join(words_of(name))


def _stem(word: str) -> str:
    """Singular and plural alike ('textiles' -> 'textile'); short words and Chinese characters as they are."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isascii():
        return word[:-1]
    return word


def _one_slip(a: str, b: str) -> bool:
    """a and b differ by one letter added, left out, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


_COMMON_STEMS = COMMON_WORDS | {_stem(w) for w in COMMON_WORDS}
_GENERIC_STEMS = (GENERIC_WORDS - LEGAL_WORDS) | {_stem(w) for w in GENERIC_WORDS - LEGAL_WORDS}
# "(XPCC)" in an entry: the acronym the list gives for the name, one more name of the entity
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Z0-9&-]{1,9})\s*\)")


def _is_generic(word: str) -> bool:
    return word in GENERIC_WORDS or _stem(word) in _GENERIC_STEMS or word.isdigit() or len(word) < 2


def _distinct(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_stem(w) for w in words if not _is_generic(w))


def distinctive(name: str) -> tuple[str, ...]:
    """The words of a name (as stems) that tell the company from others: not legal forms, not words of trade,
    not places. A name without any is generic ("Textile Co. Ltd.", "Hong Kong Group Limited")."""
    return _distinct(words_of(name))


def _names_in(text: str) -> list[tuple[str, str]]:
    """(as written, as compared) for an entry: the name with its bracketed acronym set aside, and the acronym."""
    acronyms = [m.group(1) for m in _ACRONYM.finditer(text) if sum(c.isupper() for c in m.group(1)) >= 2]
    if not acronyms:
        return [(text, text)]
    return [(text, _ACRONYM.sub(" ", text)), *((a, a) for a in acronyms)]


@dataclass(frozen=True)
class Variant:
    """One name or alias of an entity, prepared for comparing."""

    entity: int  # position in the index's entities
    text: str  # as the list writes it
    words: tuple[str, ...]
    stems: tuple[str, ...]
    distinct: tuple[str, ...]  # the stems that are not generic (distinctive)


@dataclass(frozen=True)
class NameMatch:
    """A supplier name or alias that resembles an entity's name or alias: what, how (in words) and how strongly."""

    entity: Entity
    matched_on: str  # the supplier's name or alias
    matched_to: str  # the entity's name or alias
    how: str
    strength: int  # out of 100: 100 the same name, lower for a looser resemblance or another country
    supplier_country: str | None = None  # ISO codes, as the supplier's record and the list give them
    entity_country: str | None = None


def _variant(entity: int, text: str, compared: str | None = None) -> Variant | None:
    words = words_of(text if compared is None else compared)
    return Variant(entity, text, words, tuple(_stem(w) for w in words), _distinct(words)) if words else None


class EntityIndex:
    """Every name and alias of the entities, indexed by their words, so each supplier is compared only with the
    few entries that share a word with it (10,000 suppliers x 150 entities: benchmarks/bench_screening.py)."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = tuple(entities)
        self.exact: dict[tuple[str, ...], list[Variant]] = defaultdict(list)
        self.by_stems: dict[tuple[str, ...], list[Variant]] = defaultdict(list)
        self.by_set: dict[tuple[str, ...], list[Variant]] = defaultdict(list)
        self.by_word: dict[str, list[Variant]] = defaultdict(list)
        for number, entity in enumerate(self.entities):
            seen = set()
            for text, compared in (pair for name in (entity.name, *entity.aliases) for pair in _names_in(name)):
                variant = _variant(number, text, compared)
                if variant is None or variant.words in seen:
                    continue
                seen.add(variant.words)
                self.exact[variant.words].append(variant)
                self.by_stems[variant.stems].append(variant)
                self.by_set[tuple(sorted(variant.stems))].append(variant)
                for stem in set(variant.stems):
                    self.by_word[stem].append(variant)

    def matches(self, text: str) -> list[tuple[Variant, str, int]]:
        """(entity variant, how, strength) for every entry this one name resembles."""
        mine = _variant(-1, text)
        if mine is None:
            return []
        found: dict[Variant, tuple[str, int]] = {}

        def note(variant: Variant, how: str, strength: int) -> None:
            if variant not in found or found[variant][1] < strength:
                found[variant] = (how, strength)

        if not mine.distinct:  # a plain name ("Textile Ltd"): word for word only, and only in the same country
            for v in self.exact.get(mine.words, ()):
                note(v, "the same name, but made only of common words (trade, place, legal form)", GENERIC)
            return [(v, how, strength) for v, (how, strength) in found.items()]
        for v in self.exact.get(mine.words, ()):
            note(v, "same name once case, accents, punctuation and legal-form words are set aside", EXACT)
        if len(mine.words) >= 2:
            for v in self.by_set.get(tuple(sorted(mine.stems)), ()):
                if v.stems != mine.stems:
                    note(v, "same words in another order", ORDER)
            for v in self.by_stems.get(mine.stems, ()):
                if v.words != mine.words:
                    note(v, "same name but for a singular or plural word", PLURAL)
        self._close(mine, note)
        return [(v, how, strength) for v, (how, strength) in found.items()]

    def _close(self, mine: Variant, note) -> None:
        """One typing slip in a long name; one descriptive word more or fewer."""
        shared: dict[Variant, int] = defaultdict(int)
        for stem in set(mine.stems):
            for v in self.by_word.get(stem, ()):
                shared[v] += 1
        size = len(set(mine.stems))
        for v, count in shared.items():
            theirs = len(set(v.stems))
            if theirs == size and count == size - 1 and len(v.words) == len(mine.words) and v.distinct:
                slips = [(a, b) for a, b in zip(mine.stems, v.stems) if a != b]
                if (len(slips) == 1 and _one_slip(*slips[0]) and min(len(" ".join(mine.words)),
                                                                     len(" ".join(v.words))) >= LONG_NAME):
                    note(v, f"one typing difference: '{_word(mine, slips[0][0])}' and '{_word(v, slips[0][1])}'",
                         TYPO)
            elif abs(theirs - size) == 1 and count == min(theirs, size) >= 2:
                short, long_ = (mine, v) if size < theirs else (v, mine)
                extra = [w for w, s in zip(long_.words, long_.stems) if s not in short.stems]
                if (len(extra) == 1 and _stem(extra[0]) in _COMMON_STEMS
                        and any(s not in _COMMON_STEMS for s in short.stems)
                        and [s for s in long_.stems if s in short.stems] == list(short.stems)):
                    note(v, f"same name but for the descriptive word '{_said(long_, extra[0])}'", MISSING)
            if count == size < theirs:
                note(v, f"the supplier's name '{mine.text}' is wholly inside the listed name", CONTAINED)
            elif count == theirs < size and v.distinct:
                note(v, f"the listed name '{v.text}' is wholly inside the supplier's longer name", CONTAINED)


def _word(variant: Variant, stem: str) -> str:
    return next((w for w, s in zip(variant.words, variant.stems) if s == stem), stem)


def _said(variant: Variant, word: str) -> str:
    """The word as the name writes it ('Apparel'), for the how."""
    found = re.search(rf"\b{re.escape(word)}\b", variant.text, re.IGNORECASE)
    return found.group(0) if found else word


def _country_words(mine: str | None, theirs: str | None, names: dict[str, str]) -> str:
    if not theirs:
        return "the list gives no country for the entity"
    if not mine:
        return f"listed in {names.get(theirs, theirs)}; the supplier's country is not known"
    if mine == theirs:
        return f"both in {names.get(mine, mine)}"
    return (f"the supplier is in {names.get(mine, mine)}, the listed entity in {names.get(theirs, theirs)}: "
            f"weighs {ABROAD} less")


def _weighed(strength: int, generic: bool, mine: str | None, theirs: str | None) -> int | None:
    """The strength once the countries are weighed; None when not to be put to a person. A plain name needs the
    same country to be asked about at all; another country lowers any resemblance and drops the weak ones."""
    if generic:
        return strength if mine and theirs and mine == theirs else None
    if mine and theirs and mine != theirs:
        strength -= ABROAD
    return strength if strength >= FLOOR else None


def screen_names(names: Iterable[str], index: EntityIndex, *, country: str | None = None,
                 country_names: dict[str, str] | None = None) -> list[NameMatch]:
    """The entities one supplier's name and aliases resemble: one match per entity, the strongest reason, with
    the supplier's country (ISO code) weighed against the entity's when the list gives one."""
    mine = (country or "").strip().upper() or None
    best: dict[int, NameMatch] = {}
    for name in names:
        if not name or not name.strip():
            continue
        for variant, how, strength in index.matches(name):
            entity = index.entities[variant.entity]
            theirs = (entity.iso2 or "").strip().upper() or None
            weighed = _weighed(strength, not variant.distinct or how.startswith("the same name, but made only"),
                               mine, theirs)
            current = best.get(variant.entity)
            if weighed is None or (current is not None and current.strength >= weighed):
                continue
            best[variant.entity] = NameMatch(entity, name, variant.text,
                                             f"{how}; {_country_words(mine, theirs, country_names or {})}",
                                             weighed, mine, theirs)
    return sorted(best.values(), key=lambda m: (-m.strength, m.entity.list_name, m.entity.name))
