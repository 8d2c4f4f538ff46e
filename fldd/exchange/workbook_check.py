"""Check a returned workbook against the standard and the signing database; return plain typed answers.

Order: the metadata (fldd workbook? protocol, questionnaire, version, content hash, signature), then the
question rows (every locked cell where the layout puts it), then formulas and answers. Every problem found is
reported, each naming sheet, cell and question; answers are read only from rows proven to be in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fldd.exchange import metadata
from fldd.exchange.layout import (
    COL_ANSWER, COL_COMMENT, COL_ID, COL_NO, COL_QUESTION, CURRENCY, FIRST_ROW, META_SHEET, OPTION, PROTOCOL,
    SUP_CORRECTION, SUP_KEY, SUP_LABEL, SUP_ON_FILE, Layout, ModuleSheet, Row, layout, normal_text)
from fldd.exchange.outcome import Change, Issue
from fldd.exchange.workbook_read import Unreadable, WorkbookFile
from fldd.exchange.workbook_values import Bad, Labels, answer_value, as_text, cell_value, in_percent, short
from fldd.standard.answers import as_given
from fldd.standard.model import Question, Questionnaire, Standard, pick


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


def read_metadata(book: WorkbookFile) -> dict[str, str]:
    """The `_fldd` sheet's key/value rows."""
    meta: dict[str, str] = {}
    for row in book.rows(META_SHEET):
        if row and isinstance(row[0], str) and row[0].strip():
            meta[row[0].strip()] = as_text(row[1]) if len(row) > 1 else ""
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


def check_workbook(book: WorkbookFile, standard: Standard, secret: str | None, *, received: bool = False) -> Checked:
    """Every check of the protocol but those that need the database's records (supplier, assessment).

    received: the supplier's fldd opening the workbook its buyer sent. The signature is the buyer's, keyed with
    a secret only the buyer's database holds: it is kept as received and checked when the file comes back;
    everything else (content hash, fingerprint, every question row) is checked here as on import."""
    out = Checked()
    if META_SHEET not in book.sheet_names:
        out.issues.append(Issue(f"not an fldd workbook: it has no {META_SHEET} sheet (a workbook made by another "
                                "tool, or the answers copied into a new file, cannot be imported; answer in "
                                "the workbook fldd exported)"))
        return out
    try:
        out.meta = meta = read_metadata(book)
        q, lay = _check_metadata(meta, standard, secret, out.issues, received)
        if q is None or lay is None:
            return out
        out.questionnaire, out.layout = q, lay
        grids = _grids(book, lay, out.issues)
        if out.issues:
            return out
        _check_columns(lay, grids, out.issues)
        if out.issues:
            return out
        _check_rows(lay, grids, out.issues)
        if out.issues:
            return out
        _check_binding(meta, lay, grids[lay.supplier_title], out.issues)
        if out.issues:
            return out
        _check_formulas(book, lay, out.issues)
        _read_answers(lay, grids, {s.title: book.percent_cells(s.title) for s in lay.sheets}, out)
        _read_corrections(lay, grids[lay.supplier_title], out)
    except Unreadable as exc:
        out.issues.extend(exc.issues)
    return out


def _check_metadata(meta: dict[str, str], standard: Standard, secret: str | None,
                    issues: list[Issue], received: bool = False) -> tuple[Questionnaire | None, Layout | None]:
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
            versions = ", ".join(standard.versions(meta["questionnaire"]))
            issues.append(Issue(f"questionnaire {ref} is not shipped with this fldd (it reads versions "
                                f"{versions}): import it with the fldd version that exported it", **where))
    elif meta["content_hash"] != q.content_hash:
        issues.append(Issue(f"the questionnaire {ref} this workbook was made from differs from the one this fldd "
                            f"ships (content hash {meta['content_hash'][:12]}… here, {q.content_hash[:12]}… "
                            "shipped)", **where))
    if q is not None and meta["language"] not in q.languages:
        issues.append(Issue(f"language '{meta['language']}' is not one of {q.ref}'s ({', '.join(q.languages)})",
                            **where))
    if not received and not metadata.verify(meta, secret):
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


def _check_columns(lay: Layout, grids: dict[str, list[list[Any]]], issues: list[Issue]) -> None:
    """Each column the import reads (A to E of a module sheet, A to D of the Supplier sheet) is found by its
    header, where the layout put it: a column inserted, deleted or moved before them (a hidden one too) would
    make answers be read from another column. Columns after them may change: nothing is read there."""
    module_header = lay.module_header[:COL_COMMENT + 1]
    for title, header in [(lay.supplier_title, lay.supplier_header)] + [(s.title, module_header)
                                                                        for s in lay.sheets]:
        grid = grids[title]
        if grid and tuple(grid[0][:len(header)]) == header:
            continue  # the common case, compared in one go
        found = [normal_text(as_text(cell_value(grid, 1, col))) for col in range(len(header))]
        if found == list(header):
            continue
        col = next(i for i, (seen, want) in enumerate(zip(found, header)) if seen != want)
        letter = chr(ord("A") + col)
        moved = f" (it is column {chr(ord('A') + found.index(header[col]))} now)" if header[col] in found else ""
        issues.append(Issue(f"column {letter} should be '{header[col]}'{moved}; it reads '{short(found[col])}': "
                            "columns were inserted, deleted or moved (hidden ones too), so the answers cannot be "
                            "read safely: answer in the workbook as fldd sent it", sheet=title, cell=f"{letter}1"))


def _check_binding(meta: dict[str, str], lay: Layout, grid: list[list[Any]], issues: list[Issue]) -> None:
    """The hidden metadata belongs to this workbook's own Supplier sheet: the supplier it names (every file) and,
    for a workbook that carries a binding, the export id the sheet shows and everything the buyer held on file."""
    name_row = lay.supplier_fields[0].row
    on_sheet = normal_text(as_text(cell_value(grid, name_row, SUP_ON_FILE)))
    where = {"sheet": lay.supplier_title}
    if on_sheet != normal_text(meta["supplier_name"]):
        issues.append(Issue(f"this workbook was sent to '{short(on_sheet, 60)}' (its Supplier sheet), but its hidden "
                            f"metadata belongs to a workbook sent to '{short(meta['supplier_name'], 60)}': another "
                            "workbook's metadata was copied in; import the workbook fldd exported, as it came back",
                            cell=f"{_letter(SUP_ON_FILE)}{name_row}", **where))
        return
    if metadata.BINDING not in meta:
        return  # exported before workbooks carried a binding: checked by the supplier's name only
    reference = as_text(cell_value(grid, lay.reference_row, SUP_ON_FILE)).strip()
    on_file = [(f.key, as_text(cell_value(grid, f.row, SUP_ON_FILE))) for f in lay.supplier_fields]
    if metadata.binding(lay.supplier_title, reference, on_file) != meta[metadata.BINDING]:
        issues.append(Issue(f"the Supplier sheet (reference '{short(reference, 40)}') does not belong to this "
                            f"workbook's hidden metadata (export {meta['export_id']}): another workbook's metadata "
                            "was copied in, or what the buyer held on file was edited; import the workbook fldd "
                            "exported, as it came back", cell=f"{_letter(SUP_ON_FILE)}{lay.reference_row}",
                            **where))


def _letter(col: int) -> str:
    return chr(ord("A") + col)


def _check_rows(lay: Layout, grids: dict[str, list[list[Any]]], issues: list[Issue]) -> None:
    """Each locked cell the import relies on holds what the layout put there."""
    grid = grids[lay.supplier_title]
    for f in lay.supplier_fields:
        key, label = as_text(cell_value(grid, f.row, SUP_KEY)), normal_text(cell_value(grid, f.row, SUP_LABEL))
        if key != f.key or label != f.label:
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
        key = as_text(cell_value(grid, r.row, COL_ID))
        number = as_text(cell_value(grid, r.row, COL_NO))
        wording = normal_text(cell_value(grid, r.row, COL_QUESTION))
        if key == r.key and number == r.number and wording == r.text:
            continue
        where = {"sheet": sheet.title, "question": _qref(lay, r.question)}
        if key != r.key:
            moved = by_key.get(key) or _find_key(lay, key)
            found = f"'{key}'" if key else "nothing"
            hint = f" (its place is row {moved.row})" if isinstance(moved, Row) else ""
            issues.append(Issue(f"row {r.row} should hold {_row_name(lay, r)}; it holds {found}{hint}: rows were "
                                "moved, inserted or deleted", cell=f"A{r.row}", **where))
        elif number != r.number:
            issues.append(Issue(f"the number was changed to '{number}' (it is {r.number})", cell=f"B{r.row}",
                                **where))
        else:
            issues.append(Issue(f"the question text was changed: it reads '{short(wording)}', fldd wrote "
                                f"'{short(r.text)}'", cell=f"C{r.row}", **where))


def _find_key(lay: Layout, key: str) -> Row | None:
    for sheet in lay.sheets:
        for r in sheet.rows:
            if r.key == key:
                return r
    return None


def _row_name(lay: Layout, r: Row) -> str:
    if r.kind == OPTION and r.option is not None:  # named as the sheet shows it, not by its code
        return f"the option '{short(pick(r.option.label, lay.lang))}' of {r.question.id}"
    if r.kind == CURRENCY:
        return f"the currency of {r.question.id}"
    return f"question {r.question.id}"


def _check_formulas(book: WorkbookFile, lay: Layout, issues: list[Issue]) -> None:
    """Formulas and error values (#N/A, #DIV/0!...): neither is an answer, and a reader shows neither as typed
    (calamine gives a formula's cached value and an error value as an empty cell, which would clear an answer)."""
    for title, rows in [(lay.supplier_title, {})] + [(s.title, {r.row: r for r in s.rows}) for s in lay.sheets]:
        formulas = book.formulas(title)
        for cell, formula in sorted(formulas.items()):
            issues.append(Issue(f"the cell holds a formula ({short(formula, 60)}); fldd reads typed values only: "
                                "type the answer itself", sheet=title, cell=cell, question=_row_ref(lay, rows, cell)))
        for cell, value in sorted(book.error_values(title).items()):
            if cell not in formulas:
                issues.append(Issue(f"the cell holds the error value {short(value, 20)}, not an answer: clear it or "
                                    "type the answer itself", sheet=title, cell=cell,
                                    question=_row_ref(lay, rows, cell)))


def _row_ref(lay: Layout, rows: dict[int, Row], cell: str) -> str | None:
    row = rows.get(int("".join(ch for ch in cell if ch.isdigit())[:6] or 0))
    return _qref(lay, row.question) if row else None


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
                raw, comment = cell_value(grid, r.row, COL_ANSWER), cell_value(grid, r.row, COL_COMMENT)
            question = r.question
            if comment != "":
                text = as_given(as_text(comment))
                if text:
                    comments[question.id] = text
            if raw == "" and not subrows:
                continue  # unanswered (the common blank cell, without any conversion)
            if percents and isinstance(raw, float) and r.answer_cell in percents and in_percent(question):
                raw = str(Decimal(repr(raw)) * 100)  # "45%" typed into the cell: it holds 0.45
            elif isinstance(raw, str) and raw.rstrip().endswith("%") and in_percent(question):
                raw = raw.rstrip()[:-1]  # "45%" kept as text
            try:
                value = answer_value(question, r, raw, subrows, grid, labels, lay.lang)
            except Bad as bad:
                issues.append(Issue(bad.message, cell=bad.cell, sheet=sheet.title, question=_qref(lay, question)))
                continue
            if value is not None:
                values[question.id] = value


def _read_corrections(lay: Layout, grid: list[list[Any]], out: Checked) -> None:
    for f in lay.supplier_fields:
        suggested = normal_text(as_text(cell_value(grid, f.row, SUP_CORRECTION)))
        on_file = normal_text(as_text(cell_value(grid, f.row, SUP_ON_FILE)))
        if suggested and suggested != on_file:
            out.corrections.append(Change(f.key, "", on_file, suggested, what="supplier"))


def _qref(lay: Layout, question: Question) -> str:
    return f"{lay.numbers.get(question.id, '?')} ({question.id})"
