"""What the reader refuses before python-calamine sees a sheet: cells placed so that reading them would allocate
a huge rectangle (calamine aborts the whole process on those), however the XML spells them."""

from __future__ import annotations

import re

import pytest

from fldd.exchange.workbook_read import Unreadable, open_workbook
from fldd.usecases.exchange import export_workbook
from tests.exchange.make_bad_files import _rezip

SHEET = "xl/worksheets/sheet3.xml"  # the first module sheet ("Site profile") of an fldd-desktop workbook


@pytest.fixture
def exported(ctx, supplier_id, tmp_path):
    return export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "sent.xlsx").path


def _with_cells(source, target, cells: bytes):
    """The workbook with extra cell XML appended to the first row of the first module sheet."""
    def change(name, data):
        return re.sub(rb"(<row r=\"1\"[^>]*>)", rb"\1" + cells, data, count=1) if name == SHEET else data

    return _rezip(source, target, change)


@pytest.mark.parametrize(("cells", "expected"), [
    (b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>', "outside A1:Z9999"),
    (b'<c r="A1" r="XFD1048576"><v>1</v></c>', "without a single position"),
    (b"<c r='XFD1048576'><v>1</v></c>", "outside A1:Z9999"),
    (b'<c r="&#88;FD1048576"><v>1</v></c>', "outside A1:Z9999"),
    (b'<c s="1"><v>1</v></c>', "without a single position"),
    (b'<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="AB12"><x:v>1</x:v></x:c>',
     "outside A1:Z9999"),
    (b'<c r="A1" t="x>" r="XFD1"><v>1</v></c>', "without a single position"),
    (b'<c r="Z9" t="e" t="n"><v>1</v></c>', "an attribute given twice"),
])
def test_cells_that_would_make_the_reader_allocate_a_huge_area_are_refused(exported, tmp_path, cells, expected):
    book = open_workbook(_with_cells(exported, tmp_path / "odd.xlsx", cells))
    with pytest.raises(Unreadable) as caught:
        book.rows("Site profile")
    assert expected in str(caught.value)
    assert caught.value.issues[0].sheet == "Site profile"


def test_ordinary_cells_in_other_spellings_are_read(exported, tmp_path):
    cells = b'<c t="n" r="Z9"><v>1</v></c><c r=\'Y9\'/>'  # inside the area, in spellings that take the full check
    book = open_workbook(_with_cells(exported, tmp_path / "fine.xlsx", cells))
    assert book.rows("Site profile")[0][:2] == ["ID", "No."]


def test_a_doctype_anywhere_in_a_part_the_reader_parses_is_refused(exported, tmp_path):
    bomb = b'<?xml version="1.0"?><!-- a comment first --><!DOCTYPE x [<!ENTITY a "aaaa">]>'
    target = _rezip(exported, tmp_path / "dtd.xlsx",
                    lambda name, data: bomb + data if name == "xl/styles.xml" else data)
    with pytest.raises(Unreadable, match="declares a DTD"):
        open_workbook(target)
