"""Check a returned workbook against the standard and the signing database; return plain typed answers.

Order: the metadata (fldd workbook? protocol, questionnaire, version, content hash, signature), then the
question rows (every locked cell where the layout puts it), then formulas and answers. Every problem found is
reported, each naming sheet, cell and question; answers are read only from rows proven to be in place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fldd.exchange import metadata
from fldd.exchange.layout import (
    COL_ANSWER, COL_COMMENT, COL_ID, COL_NO, COL_QUESTION, CURRENCY, FIRST_ROW, META_SHEET, OPTION, PROTOCOL,
    SUP_CORRECTION, SUP_KEY, SUP_LABEL, SUP_ON_FILE, Layout, ModuleSheet, Row, layout, normal_text)
from fldd.exchange.outcome import Change, Issue
from fldd.exchange.workbook_read import Unreadable, WorkbookFile
from fldd.standard.answers import AnswerError, coerce
from fldd.standard.model import Question, Questionnaire, Standard, pick

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
TICKED = {"x", "✓", "✔", "☑", "☒", "1", "true", "yes", "y"}
UNTICKED = {"", "0", "false", "no", "n", "-"}


@dataclass
class Checked:
    """A workbook as checked: what it is, its answers as typed values, and every problem found."""

    issues: list[Issue] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    questionnaire: Questionnaire | None = None
    layout: Layout | None = None
    values: dict[str, Any] = field(default_factory=dict)  # question id -> typed value (answered ones)
    comments: dict[str, str] = field(default_factory=dict)  # question id -> comment (non-empty ones)
    corrections: list[Change] = field(default_factory=list)  # supplier profile: field, on file -> suggested


def norm(value: str) -> str:
    """Text compared loosely: typographic quotes made plain, whitespace collapsed, case folded."""
    return " ".join(value.translate(_QUOTES).split()).casefold()


class Labels:
    """Option labels of one questionnaire in every language it has, mapped back to option values."""

    _cache: dict[tuple[str, str, str], Labels] = {}

    def __init__(self, q: Questionnaire, lang: str) -> None:
        self.choices: dict[str, dict[str, str]] = {}  # question id -> normalised label or value -> option value
        self.exact: dict[str, dict[str, str]] = {}  # question id -> label as fldd wrote it -> option value
        self.specials: dict[str, dict[str, str]] = {}
        self.ticked, self.unticked = set(TICKED), set(UNTICKED)  # tick cells: "x", also Yes / No in any language
        order = [code for code in q.languages if code != lang] + [lang]  # the workbook's language wins
        for question in q.questions:
            choices: dict[str, str] = {}
            for option in question.options:
                choices[norm(option.value)] = option.value
            for code in order:
                for option in question.options:
                    if code in option.label:
                        choices[norm(option.label[code])] = option.value
            if question.type == "yesno":
                for option in question.options:
                    words = self.ticked if option.value == "yes" else self.unticked if option.value == "no" else set()
                    words.update(norm(label) for label in option.label.values())
                for word, value in (("y", "yes"), ("n", "no"), ("true", "yes"), ("false", "no")):
                    choices.setdefault(word, value)
            self.choices[question.id] = choices
            self.exact[question.id] = {pick(o.label, lang): o.value for o in question.options}
            specials: dict[str, str] = {}
            for code in order:
                for option in question.specials:
                    specials[norm(option.value)] = option.value
                    if code in option.label:
                        specials[norm(option.label[code])] = option.value
            self.specials[question.id] = specials

    @classmethod
    def of(cls, q: Questionnaire, lang: str) -> Labels:
        """The labels of `q` (built once per questionnaire and language)."""
        key = (q.ref, q.content_hash, lang)
        if key not in cls._cache:
            cls._cache[key] = cls(q, lang)
        return cls._cache[key]


def read_metadata(book: WorkbookFile) -> dict[str, str]:
    """The `_fldd` sheet's key/value rows."""
    meta: dict[str, str] = {}
    for row in book.rows(META_SHEET):
        if row and isinstance(row[0], str) and row[0].strip():
            meta[row[0].strip()] = _as_text(row[1]) if len(row) > 1 else ""
    return meta


def read_ahead(book: WorkbookFile, standard: Standard) -> None:
    """Read every sheet check_workbook will look at (no checks yet), so that the file can be closed first."""
    if META_SHEET not in book.sheet_names:
        return
    book.read_ahead([META_SHEET])
    try:
        meta = read_metadata(book)
    except Unreadable:
        return
    q = standard.get(f"{meta.get('questionnaire')}@{meta.get('version')}")
    if q is not None and meta.get("language") in q.languages:
        lay = layout(q, meta["language"])
        book.read_ahead([lay.supplier_title] + [sheet.title for sheet in lay.sheets])


def check_workbook(book: WorkbookFile, standard: Standard, secret: str | None) -> Checked:
    """Every check of the protocol but those that need the database's records (supplier, assessment)."""
    out = Checked()
    if META_SHEET not in book.sheet_names:
        out.issues.append(Issue(f"not an fldd workbook: it has no {META_SHEET} sheet (a workbook made by another "
                                "tool, or the answers copied into a new file, cannot be imported; answer in "
                                "the workbook fldd exported)"))
        return out
    try:
        out.meta = meta = read_metadata(book)
        q, lay = _check_metadata(meta, standard, secret, out.issues)
        if q is None or lay is None:
            return out
        out.questionnaire, out.layout = q, lay
        grids = _grids(book, lay, out.issues)
        if out.issues:
            return out
        _check_rows(lay, grids, out.issues)
        if out.issues:
            return out
        _check_formulas(book, lay, out.issues)
        _read_answers(lay, grids, {s.title: book.percent_cells(s.title) for s in lay.sheets}, out)
        _read_corrections(lay, grids[lay.supplier_title], out)
    except Unreadable as exc:
        out.issues.extend(exc.issues)
    return out


def _check_metadata(meta: dict[str, str], standard: Standard, secret: str | None,
                    issues: list[Issue]) -> tuple[Questionnaire | None, Layout | None]:
    where = {"sheet": META_SHEET}
    missing = [k for k in (*metadata.KEYS, metadata.SIGNATURE) if not meta.get(k)]
    if missing:
        issues.append(Issue(f"the workbook's metadata is incomplete (no {', '.join(missing)}): it was changed or "
                            "damaged", **where))
        return None, None
    if meta["protocol"] != PROTOCOL:
        issues.append(Issue(f"exchange protocol {meta['protocol']} is unknown to this fldd, which reads protocol "
                            f"{PROTOCOL}: update fldd", **where))
        return None, None
    ref = f"{meta['questionnaire']}@{meta['version']}"
    q = standard.get(ref)
    if q is None:
        shipped = standard.get(meta["questionnaire"])
        if shipped is None:
            issues.append(Issue(f"unknown questionnaire '{meta['questionnaire']}': this fldd ships "
                                f"{', '.join(sorted(standard.questionnaires))}", **where))
        else:
            issues.append(Issue(f"questionnaire {ref} is not shipped with this fldd (it has version "
                                f"{shipped.version}): import it with the fldd version that exported it", **where))
    elif meta["content_hash"] != q.content_hash:
        issues.append(Issue(f"the questionnaire {ref} this workbook was made from differs from the one this fldd "
                            f"ships (content hash {meta['content_hash'][:12]}… here, {q.content_hash[:12]}… "
                            "shipped)", **where))
    if q is not None and meta["language"] not in q.languages:
        issues.append(Issue(f"language '{meta['language']}' is not one of {q.ref}'s ({', '.join(q.languages)})",
                            **where))
    if not metadata.verify(meta, secret):
        issues.append(Issue("the signature does not match this database: the workbook was exported by another "
                            "fldd database, or its metadata was changed", **where))
    if issues or q is None:
        return None, None
    lay = layout(q, meta["language"])
    if meta["fingerprint"] != lay.fingerprint:
        issues.append(Issue(f"the question rows this workbook was exported with differ from the rows this fldd "
                            f"lays out for {q.ref} (exported by another version of fldd?)", **where))
        return None, None
    return q, lay


def _grids(book: WorkbookFile, lay: Layout, issues: list[Issue]) -> dict[str, list[list[Any]]]:
    grids = {}
    for title in [lay.supplier_title] + [s.title for s in lay.sheets]:
        if title not in book.sheet_names:
            issues.append(Issue("the sheet is missing (renamed or deleted?)", sheet=title))
            continue
        try:
            grids[title] = book.rows(title)
        except Unreadable as exc:
            issues.extend(exc.issues)
    return grids


def _cell(grid: list[list[Any]], row: int, col: int) -> Any:
    if row - 1 < len(grid):
        values = grid[row - 1]
        if col < len(values):
            return values[col]
    return ""


def _check_rows(lay: Layout, grids: dict[str, list[list[Any]]], issues: list[Issue]) -> None:
    """Each locked cell the import relies on holds what the layout put there."""
    grid = grids[lay.supplier_title]
    for f in lay.supplier_fields:
        if _as_text(_cell(grid, f.row, SUP_KEY)) != f.key or normal_text(_cell(grid, f.row, SUP_LABEL)) != f.label:
            issues.append(Issue(f"row {f.row} should hold the field '{f.label}' ({f.key}): rows were moved, "
                                "inserted, deleted or edited", sheet=lay.supplier_title, cell=f"A{f.row}"))
    for sheet in lay.sheets:
        grid = grids[sheet.title]
        if [tuple(row[:3]) for row in grid[FIRST_ROW - 1:FIRST_ROW - 1 + len(sheet.rows)]] == list(sheet.locked):
            continue  # the common case, compared in one go
        _check_sheet_rows(lay, sheet, grid, issues)


def _check_sheet_rows(lay: Layout, sheet: ModuleSheet, grid: list[list[Any]], issues: list[Issue]) -> None:
    """Row by row, with whitespace differences forgiven, naming each row that differs and how."""
    by_key = {r.key: r for r in sheet.rows}
    for r in sheet.rows:
        key = _as_text(_cell(grid, r.row, COL_ID))
        number = _as_text(_cell(grid, r.row, COL_NO))
        wording = normal_text(_cell(grid, r.row, COL_QUESTION))
        if key == r.key and number == r.number and wording == r.text:
            continue
        where = {"sheet": sheet.title, "question": _qref(lay, r.question)}
        if key != r.key:
            moved = by_key.get(key) or _find_key(lay, key)
            found = f"'{key}'" if key else "nothing"
            hint = f" (its place is row {moved.row})" if isinstance(moved, Row) else ""
            issues.append(Issue(f"row {r.row} should hold {_row_name(r)}; it holds {found}{hint}: rows were "
                                "moved, inserted or deleted", cell=f"A{r.row}", **where))
        elif number != r.number:
            issues.append(Issue(f"the number was changed to '{number}' (it is {r.number})", cell=f"B{r.row}",
                                **where))
        else:
            issues.append(Issue(f"the question text was changed: it reads '{_short(wording)}', fldd wrote "
                                f"'{_short(r.text)}'", cell=f"C{r.row}", **where))


def _find_key(lay: Layout, key: str) -> Row | None:
    for sheet in lay.sheets:
        for r in sheet.rows:
            if r.key == key:
                return r
    return None


def _row_name(r: Row) -> str:
    if r.kind == OPTION and r.option is not None:
        return f"option '{r.option.value}' of {r.question.id}"
    if r.kind == CURRENCY:
        return f"the currency of {r.question.id}"
    return f"question {r.question.id}"


def _check_formulas(book: WorkbookFile, lay: Layout, issues: list[Issue]) -> None:
    for title, rows in [(lay.supplier_title, {})] + [(s.title, {r.row: r for r in s.rows}) for s in lay.sheets]:
        for cell, formula in sorted(book.formulas(title).items()):
            row = rows.get(int("".join(ch for ch in cell if ch.isdigit()) or 0))
            question = _qref(lay, row.question) if row else None
            issues.append(Issue(f"the cell holds a formula ({_short(formula, 60)}); fldd reads typed values only: "
                                "type the answer itself", sheet=title, cell=cell, question=question))


def _read_answers(lay: Layout, grids: dict[str, list[list[Any]]], percent_cells: dict[str, frozenset[str]],
                  out: Checked) -> None:
    labels = Labels.of(lay.questionnaire, lay.lang)
    values, comments, issues = out.values, out.comments, out.issues
    for sheet in lay.sheets:
        grid = grids[sheet.title]
        percents = percent_cells[sheet.title]
        for r, subrows in sheet.groups:
            row = grid[r.row - 1]  # present: the locked cells of every row were checked
            if len(row) > COL_COMMENT:
                raw, comment = row[COL_ANSWER], row[COL_COMMENT]
            else:
                raw, comment = _cell(grid, r.row, COL_ANSWER), _cell(grid, r.row, COL_COMMENT)
            question = r.question
            if comment != "":
                text = _as_text(comment).strip()
                if text:
                    comments[question.id] = text
            if raw == "" and not subrows:
                continue  # unanswered (the common blank cell, without any conversion)
            if percents and isinstance(raw, float) and r.answer_cell in percents and _in_percent(question):
                raw = str(Decimal(repr(raw)) * 100)  # "45%" typed into the cell: it holds 0.45
            elif isinstance(raw, str) and raw.rstrip().endswith("%") and _in_percent(question):
                raw = raw.rstrip()[:-1]  # "45%" kept as text
            try:
                value = _value(question, r, raw, subrows, grid, labels, lay.lang)
            except _Bad as bad:
                issues.append(Issue(bad.message, cell=bad.cell, sheet=sheet.title, question=_qref(lay, question)))
                continue
            if value is not None:
                values[question.id] = value


def _in_percent(question: Question) -> bool:
    """A percentage question, or a number counted in %."""
    return question.type == "percent" or (question.type == "number" and "%" in question.unit.values())


class _Bad(Exception):
    def __init__(self, message: str, cell: str) -> None:
        super().__init__(message)
        self.message, self.cell = message, cell


def _value(question: Question, r: Row, raw: Any, subrows: tuple[Row, ...], grid: list[list[Any]], labels: Labels,
           lang: str) -> Any:
    """The typed answer of one question from its answer cell's value (and its option or currency rows)."""
    cell = r.answer_cell
    kind = question.type
    if kind == "multi":
        if _as_text(raw).strip():
            raise _Bad(f"'{_short(_as_text(raw), 40)}': for this question, type x beside each option that applies, "
                       f"in the rows below ({subrows[0].answer_cell if subrows else ''} on), not in this cell", cell)
        return _multi(question, subrows, grid, labels, lang)
    if kind in ("yesno", "single") and isinstance(raw, str):
        found = labels.exact[question.id].get(raw)  # picked from the dropdown: the common case, no normalising
        if found is not None:
            return found
    elif isinstance(raw, float) and kind in ("number", "count", "percent"):
        try:
            return coerce(question, repr(raw))
        except AnswerError as exc:
            raise _Bad(exc.message, cell) from None
    special = labels.specials[question.id].get(norm(raw)) if isinstance(raw, str) and raw.strip() else None
    if question.type == "money":
        currency_row = subrows[0] if subrows else None
        currency = _as_text(_cell(grid, currency_row.row, COL_ANSWER)).strip() if currency_row else ""
        if special is not None:
            return special
        return _money(question, raw, currency, cell, currency_row.answer_cell if currency_row else cell)
    if special is not None:
        return special
    try:
        if question.type in ("yesno", "single"):
            return _choice(question, raw, labels, lang, cell)
        if question.type in ("number", "count", "percent"):
            return coerce(question, _number_text(question, raw, cell))
        if question.type == "date":
            return coerce(question, _date(raw, cell))
        return coerce(question, _as_text(raw))
    except AnswerError as exc:
        raise _Bad(exc.message, cell) from None


def _choice(question: Question, raw: Any, labels: Labels, lang: str, cell: str) -> str | None:
    if raw == "" or raw is None:
        return None
    if isinstance(raw, bool) and question.type == "yesno":
        return "yes" if raw else "no"
    found = labels.exact[question.id].get(raw) if isinstance(raw, str) else None  # picked from the list
    if found is None:
        found = labels.choices[question.id].get(norm(_as_text(raw)))
    if found is None:
        expected = ", ".join(f"'{pick(o.label, lang)}'" for o in question.options + question.specials)
        raise _Bad(f"'{_short(_as_text(raw), 60)}' is not one of the answers: {expected}", cell)
    return found


def _multi(question: Question, subrows: tuple[Row, ...], grid: list[list[Any]], labels: Labels, lang: str):
    chosen = []
    for r in subrows:
        raw = _cell(grid, r.row, COL_ANSWER)
        if raw == "" or raw == "x":  # the common cases first, without normalising
            if raw == "x":
                chosen.append(r.option.value)
            continue
        word = norm(_as_text(raw))
        if word in labels.ticked or (r.option is not None and word == norm(pick(r.option.label, lang))):
            chosen.append(r.option.value)
        elif word not in labels.unticked:
            raise _Bad(f"'{_short(_as_text(raw), 40)}' is not a tick: type x if "
                       f"'{_short(r.text, 60)}' applies, else leave the cell empty", r.answer_cell)
    try:
        return coerce(question, chosen) if chosen else None
    except AnswerError as exc:
        raise _Bad(exc.message, subrows[0].answer_cell if subrows else "") from None


def _money(question: Question, raw: Any, currency: str, cell: str, currency_cell: str) -> Any:
    if raw == "" or raw is None:
        if currency:
            raise _Bad(f"a currency ({currency}) without an amount: type the amount in {cell}, or clear the "
                       "currency", currency_cell)
        return None
    try:
        if isinstance(raw, str) and not currency:
            return coerce(question, raw)  # "1200 MYR" typed in one cell is fine too
        amount = _number_text(question, raw, cell)
        if not currency:
            raise _Bad(f"the amount has no currency: type its 3-letter code (such as USD) in {currency_cell}",
                       currency_cell)
        return coerce(question, {"amount": amount, "currency": currency})
    except AnswerError as exc:
        raise _Bad(exc.message, currency_cell if "currency" in exc.message else cell) from None


def _number_text(question: Question, raw: Any, cell: str) -> str:
    if isinstance(raw, bool):
        raise _Bad(f"expected a number, got {'TRUE' if raw else 'FALSE'}", cell)
    if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        raise _Bad(f"expected a number, got a date or time ({raw})", cell)
    if isinstance(raw, float):
        return repr(raw)
    return str(raw)


def _date(raw: Any, cell: str) -> Any:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if raw != int(raw) or not 1 <= raw <= 2958465:
            raise _Bad(f"{raw} is not a date: type a date such as 2026-03-31", cell)
        return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
    return _as_text(raw)


def _read_corrections(lay: Layout, grid: list[list[Any]], out: Checked) -> None:
    for f in lay.supplier_fields:
        suggested = normal_text(_as_text(_cell(grid, f.row, SUP_CORRECTION)))
        on_file = normal_text(_as_text(_cell(grid, f.row, SUP_ON_FILE)))
        if suggested and suggested != on_file:
            out.corrections.append(Change(f.key, "", on_file, suggested, what="supplier"))


def _as_text(value: Any) -> str:
    """A cell value as text: whole floats without '.0', dates as ISO, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.date().isoformat() if isinstance(value, dt.datetime) and value.time() == dt.time() \
            else value.isoformat()
    return str(value)


def _qref(lay: Layout, question: Question) -> str:
    return f"{lay.numbers.get(question.id, '?')} ({question.id})"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def answer_words(question: Question | None, value: Any, lang: str) -> str:
    """An answer in words for reports: option labels, amounts with currency, dates as ISO."""
    from fldd.standard.answers import to_json
    from fldd.standard.conditions import Money

    if value is None or value == "" or value == ():
        return ""
    if question is not None and isinstance(value, str) and question.option(value):
        return pick(question.option(value).label, lang)
    if isinstance(value, (tuple, list)):
        return "; ".join(answer_words(question, v, lang) for v in value)
    if isinstance(value, Money):
        return f"{to_json(value.amount)} {value.currency}"
    if isinstance(value, dict) and "amount" in value:
        return f"{value['amount']} {value.get('currency', '')}".strip()
    if isinstance(value, Decimal):
        return str(to_json(value))
    return str(value)
