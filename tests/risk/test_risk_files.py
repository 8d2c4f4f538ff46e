"""Reading a risk list's file, as the buyer whose CSV came out of Excel in Europe or an old system, and as the
buyer handed a hostile workbook: encodings and separators read, anything unsafe refused before it is parsed."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from fldd.exchange.risk_file import MAX_ROWS, Unreadable, read_risk_file

HEAD = "Country;Good;Forced Labor\r\n"


def rows_of(path):
    return [(s.name, s.rows) for s in read_risk_file(path).sheets]


def test_a_latin_1_csv_with_semicolons_is_read(tmp_path):
    path = tmp_path / "goods.csv"
    path.write_bytes((HEAD + "Côte d'Ivoire;Cacao;X\r\n").encode("cp1252"))
    found = read_risk_file(path)
    assert found.encoding == "windows-1252"
    assert found.sheets[0].rows == [(1, ["Country", "Good", "Forced Labor"]), (2, ["Côte d'Ivoire", "Cacao", "X"])]


def test_a_csv_with_a_byte_order_mark_and_a_utf_16_tab_separated_one(tmp_path):
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + "Country,Good\nTürkiye,Hazelnuts\n".encode())
    assert rows_of(bom) == [(None, [(1, ["Country", "Good"]), (2, ["Türkiye", "Hazelnuts"])])]
    wide = tmp_path / "unicode.txt"
    wide.write_bytes("Country\tGood\r\nBurma\tJade\r\n".encode("utf-16"))
    assert rows_of(wide) == [(None, [(1, ["Country", "Good"]), (2, ["Burma", "Jade"])])]


def test_blank_lines_are_skipped_but_rows_keep_their_line_numbers(tmp_path):
    path = tmp_path / "goods.csv"
    path.write_text('Country,Good\n\n"Gambia, The",Fish\n,\n', encoding="utf-8")
    assert rows_of(path) == [(None, [(1, ["Country", "Good"]), (3, ["Gambia, The", "Fish"])])]


def test_an_old_xls_a_renamed_text_file_and_binary_data_are_refused(tmp_path):
    xls = tmp_path / "list.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    renamed = tmp_path / "list.xlsx"
    renamed.write_text("Country,Good\n", encoding="utf-8")
    binary = tmp_path / "list.csv"
    binary.write_bytes(b"Country\x00\x01\x02")
    for path, words in ((xls, "old-style .xls"), (renamed, "not a zip archive"), (binary, "binary data")):
        with pytest.raises(Unreadable, match=words):
            read_risk_file(path)


def workbook(path, build):
    book = Workbook()
    build(book)
    book.save(path)
    return path


def test_an_excel_list_is_read_as_values_with_its_sheet_and_row_numbers(tmp_path):
    def build(book):
        book.active.title = "Notes"
        book.active["A1"] = "Published 5 September 2024"
        goods = book.create_sheet("Goods")
        goods.append(["Country", "Good", "Forced Labor", "Year"])
        goods.append([])
        goods.append(["Burma", "Jade", True, 2024])
    found = rows_of(workbook(tmp_path / "list.xlsx", build))
    assert found == [("Notes", [(1, ["Published 5 September 2024"])]),
                     ("Goods", [(1, ["Country", "Good", "Forced Labor", "Year"]),
                                (3, ["Burma", "Jade", "TRUE", "2024"])])]


def test_formulas_are_refused_by_cell_never_evaluated(tmp_path):
    def build(book):
        book.active.title = "Goods"
        book.active.append(["Country", "Good", "Forced Labor"])
        book.active.append(["Burma", "=HYPERLINK(\"http://x\",\"Jade\")", "=1+0"])
    with pytest.raises(Unreadable) as refused:
        read_risk_file(workbook(tmp_path / "list.xlsx", build))
    assert [(i.sheet, i.cell) for i in refused.value.issues] == [("Goods", "B2"), ("Goods", "C2")]
    assert "paste the values instead" in refused.value.issues[0].message


def test_a_cell_far_beyond_the_rows_a_list_has_is_refused_before_reading(tmp_path):
    def build(book):
        book.active.title = "Goods"
        book.active["A1"] = "Country"
        book.active[f"A{MAX_ROWS + 11}"] = "far"
    with pytest.raises(Unreadable, match="beyond column Z or row"):
        read_risk_file(workbook(tmp_path / "list.xlsx", build))


def test_a_zip_bomb_is_refused_by_the_workbook_guards(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(Unreadable, match="zip bomb"):
        read_risk_file(path)
