"""The portfolio report as a compliance officer uses it: `fldd report portfolio` writes the PDF and the Excel
file; the PDF shows the KPIs against the previous period, the heat map and the statement text per law with the
figures filled in; the Excel file holds filterable tables and no formula, even where a goods name starts with
'='; the period options are honoured and checked; a cancelled job writes nothing."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from fldd import cli
from fldd.usecases import portfolio_report_data
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.portfolio_figures import portfolio_figures
from fldd.usecases.portfolio_kpis import KPIS
from fldd.usecases.report_portfolio import write_portfolio_report
from fldd.usecases.reporting_laws import kpi_word
from fldd.usecases.suppliers import add_supplier

from tests.reports.portfolio_sample import HOSTILE_GOODS, THAI_GOODS, sample_figures


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "fldd.sqlite3"
    ctx = open_context(path, user="amina", role="buyer")
    add_supplier(ctx, "Saigon Stitch Co", "VN", goods=["Garments"])
    add_supplier(ctx, '=HYPERLINK("http://x")', "TH", goods=[HOSTILE_GOODS])
    ctx.close()
    return path


@pytest.fixture
def sampled(monkeypatch):
    """The report over the sample figures; records the period each call asked for."""
    asked = []

    def figures(ctx, *, since=None, until=None):
        asked.append((since, until))
        return sample_figures(since or "2026-01-01", until or "2026-11-23")

    monkeypatch.setattr(portfolio_report_data, "portfolio_figures", figures)
    return asked


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def _report(db: Path, out: Path, *options: str) -> int:
    return cli.main(["--db", str(db), "report", "portfolio", "-o", str(out), *options])


def test_the_cli_writes_both_formats_with_the_figures_it_counts(tmp_path, capsys):
    db = tmp_path / "demo.sqlite3"
    ctx = open_context(db)
    build_demo(ctx)
    since, until = (ctx.today() - dt.timedelta(days=364)).isoformat(), ctx.today().isoformat()
    figures = portfolio_figures(ctx, since=since, until=until)
    ctx.close()
    pdf, xlsx = tmp_path / "out" / "portfolio.pdf", tmp_path / "out" / "portfolio.xlsx"
    assert _report(db, pdf, "--since", since, "--until", until) == 0
    assert _report(db, xlsx, "--since", since, "--until", until) == 0
    assert f"wrote {pdf}" in capsys.readouterr().out
    kpis, before = figures["kpis"], figures["previous_kpis"]
    assert kpis["assessments_completed"] and kpis["findings_major"]  # the demo gives figures to find
    text = _pdf_text(pdf)
    for kid, label in (("assessments_completed", "Assessments completed"), ("findings_major", "Major findings raised")):
        change = kpis[kid] - before[kid]
        shown = "no change" if change == 0 else f"{change:+d}"
        assert f"{label} {kpis[kid]} {before[kid]} {shown}" in text, label
    for kid in ("suppliers_total", "suppliers_assessed_pct", "findings_open"):
        assert f"{KPIS[kid].label} {kpi_word(kid, kpis[kid])}" in text, kid
    first_country = figures["tables"]["by_country"][0]
    assert f"{first_country['name']} ({first_country['country']})" in text  # its heat-map row
    assert "{" not in text
    sheet = load_workbook(xlsx)["KPIs"]
    values = {row[6]: row[1:3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(values) == set(KPIS)
    assert values["assessments_completed"] == (kpis["assessments_completed"], before["assessments_completed"])
    assert values["suppliers_total"] == (kpis["suppliers_total"], None)


def test_the_pdf_shows_the_kpis_against_the_previous_period(db, tmp_path, sampled):
    target = tmp_path / "p.pdf"
    assert _report(db, target) == 0
    text = _pdf_text(target)
    assert "Assessments completed 73 61 +12" in text
    assert "Priority findings raised 4 6 -2" in text
    assert "Share of suppliers with a valid result 64.2%" in text
    assert "Median days to close a finding 36.5 n/a n/a" in text  # no previous median: no change claimed
    assert "Compared with 8 February 2025 to 31 December 2025" in text
    chart_page = next(p for p in PdfReader(target).pages if "This period against the previous one" in p.extract_text()
                      and "Contents" not in p.extract_text())
    bars = " ".join(chart_page.extract_text().split())
    assert "This period Previous period" in bars and "Corrective actions verified" in bars  # legend, a bar's label


def test_the_pdf_draws_the_heat_map_with_its_labels_and_legend(db, tmp_path, sampled):
    target = tmp_path / "p.pdf"
    assert _report(db, target) == 0
    heat_page = next(p for p in PdfReader(target).pages if "Country \\ goods" in (p.extract_text() or ""))
    text = " ".join(heat_page.extract_text().split())
    for label in ("Viet Nam (VN)", "Thailand (TH)", "Bangladesh (BD)", "Other countries", "Garments",
                  "Other goods", "17 35% Severe", "13 31% High",
                  "21 0% Medium", "29 0% Low", "2 not rated"):
        assert label in text, label
    assert HOSTILE_GOODS in text.replace(" ", "")  # printed as typed (wrapped in its narrow column)
    for legend in ("None", "1-20%", "21-40%", "41-60%", "61-80%", "81-100%", "Not rated", "rated high or severe"):
        assert legend in text, legend


def test_the_heat_map_shades_by_the_share_rated_high_or_severe_darker_as_it_grows():
    from fldd.reports.portfolio_heatmap import shade

    def cell(high, suppliers=10, worst="severe"):
        return {"suppliers": suppliers, "high_or_severe": high, "high_or_severe_pct": 100 * high / suppliers,
                "worst_rating": worst}

    def lightness(colour):
        return 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue

    # at 10,000 suppliers nearly every cell holds one severe supplier: the share tells them apart
    assert shade(cell(1)) != shade(cell(9))
    shades = [shade(cell(n)) for n in (0, 1, 3, 5, 7, 9)]
    assert [lightness(c) for c in shades] == sorted((lightness(c) for c in shades), reverse=True)
    assert len(set(map(lightness, shades))) == 6
    assert shade(cell(0, worst=None)) != shade(cell(0, worst="low"))  # not rated is not "none high"


def test_the_cover_lists_every_questionnaire_version_in_the_figures(demo_ctx):
    from fldd.usecases.portfolio_report_data import portfolio_report_data

    data = portfolio_report_data(demo_ctx)
    standard = data["editions"][0]
    assert "fldd-desktop 1.0.0, 2.0.0" in standard and "fldd-onsite 1.0.0, 2.0.0" in standard, standard


def test_the_law_map_section_fills_in_every_statement(db, tmp_path, sampled):
    target = tmp_path / "p.pdf"
    assert _report(db, target) == 0
    reader = PdfReader(target)
    text = _pdf_text(target)
    assert "In the reporting period we completed 73 supplier assessments: 58 desktop self-assessments and 15 " \
           "on-site assessments" in text
    assert "64.2% of our suppliers hold a current assessment. 6 reassessments are overdue" in text
    assert "and 1 on-site assessments" not in text and "[" not in text
    assert "{" not in text and "}" not in text
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    for law in ("UK Modern Slavery Act 2015", "Australia Modern Slavery Act 2018", "Canada, Fighting Against",
                "EU Corporate Sustainability", "EU Forced Labour Regulation", "Germany, Supply Chain"):
        assert any(law in title for title in _all_titles(reader.outline)), law
    assert "Statement text by reporting law" in outline and "Method and definitions" in outline
    assert "The company adds" in text
    assert "applies from July 2029" in text and "Applies from 14 December 2027" in text
    assert "(seen in secondary sources only: check it)" in text  # the 2025 UK guidance, S-211 questionnaire


def _all_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        titles += _all_titles(item) if isinstance(item, list) else [item.title]
    return titles


def test_the_pdf_has_page_numbers_contents_and_metadata(db, tmp_path, sampled):
    target = tmp_path / "p.pdf"
    assert _report(db, target) == 0
    reader = PdfReader(target)
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in " ".join(page.extract_text().split())
    assert reader.metadata.title == "Forced-labour due diligence: portfolio report"
    ctx = open_context(db)
    assert reader.metadata.author == ctx.user  # who prepared it, as the command line knows them
    ctx.close()
    contents = " ".join(reader.pages[1].extract_text().split())
    assert "Contents" in contents and "Where the risk lies: country x goods" in contents
    assert "What each figure counts" in _pdf_text(target)


def test_the_excel_report_is_filterable_tables_and_never_a_formula(db, tmp_path, sampled):
    target = tmp_path / "p.xlsx"
    assert _report(db, target) == 0
    book = load_workbook(target)
    for ws in book.worksheets[1:]:
        assert len(ws.tables) == 1, ws.title
        table = next(iter(ws.tables.values()))  # its filter buttons: the table's own autofilter, whole table
        assert table.autoFilter is not None and table.autoFilter.ref == table.ref, ws.title
        assert ws.freeze_panes == "A2"
    goods = book["Suppliers by goods"]
    hostile = [c for row in goods.iter_rows() for c in row if c.value == HOSTILE_GOODS]
    assert hostile and all(c.data_type == "s" for c in hostile)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert not any(c.data_type == "f" for c in row), ws.title
    with zipfile.ZipFile(target) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(re.search(rb"<f[ >]", archive.read(n)) for n in sheets)
    heat = {(r[1], r[2]): r[3:6] for r in book["Heat map"].iter_rows(min_row=2, values_only=True)}
    assert heat[("VN", "Garments")] == (17, 6, 35.3)  # suppliers, rated high or severe, share
    kpis = {row[6]: row[1:4] for row in book["KPIs"].iter_rows(min_row=2, values_only=True)}
    assert kpis["assessments_completed"] == (73, 61, 12)
    assert kpis["suppliers_assessed_pct"] == (64.2, None, None)


def test_the_excel_law_map_sheet_holds_the_statements_filled_in(db, tmp_path, sampled):
    target = tmp_path / "p.xlsx"
    assert _report(db, target) == 0
    rows = list(load_workbook(target)["Law map"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in rows} == {"UK Modern Slavery Act", "Australia Modern Slavery Act", "Canada S-211",
                                     "EU CSDDD", "EU Forced Labour Regulation", "Germany LkSG"}
    assert all("{" not in r[2] for r in rows)
    uk_dd = next(r for r in rows if r[0] == "UK Modern Slavery Act" and r[1] == "Due diligence processes")
    assert "we completed 73 supplier assessments" in uk_dd[2]
    assert "Assessments completed: 73" in uk_dd[3] and "gov_assesses_partners" in uk_dd[4]


def test_the_period_options_reach_the_figures(db, tmp_path, sampled):
    assert _report(db, tmp_path / "p.xlsx", "--since", "2025-07-01", "--until", "2026-06-30") == 0
    assert sampled == [("2025-07-01", "2026-06-30")]
    cover = load_workbook(tmp_path / "p.xlsx")["Report"]
    assert cover["B3"].value == "2025-07-01 to 2026-06-30"


@pytest.mark.parametrize(("options", "named"), [
    (["--since", "2026-13-01"], "--since '2026-13-01'"),
    (["--until", "30/06/2026"], "--until '30/06/2026'"),
    (["--until", "2026-02-30"], "--until '2026-02-30'"),
    (["--since", "2026-07-01", "--until", "2026-06-30"], "--since 2026-07-01 is after --until 2026-06-30"),
    (["--until", "9999-12-31"], "--until 9999-12-31: a report cannot describe days that have not happened; "
                                "--until must be today or earlier"),
    (["--since", "0001-01-01", "--until", "0001-12-31"], "--since 0001-01-01: give a day from 1900-01-01"),
])
def test_bad_dates_are_refused_naming_the_option(db, tmp_path, capsys, options, named):
    target = tmp_path / "p.pdf"
    assert _report(db, target, *options) == 1
    assert named in capsys.readouterr().err
    assert not target.exists()


def test_a_file_that_is_neither_pdf_nor_xlsx_is_refused(db, tmp_path, capsys):
    assert _report(db, tmp_path / "p.docx") == 1
    assert "written as .pdf or .xlsx" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["p.pdf", "p.xlsx"])
def test_a_cancelled_report_writes_nothing(db, tmp_path, sampled, name):
    ctx = open_context(db)
    try:
        assert write_portfolio_report(ctx, tmp_path / "out" / name, cancelled=lambda: True) is None
    finally:
        ctx.close()
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_cancelling_in_the_middle_of_the_pdf_leaves_no_half_file(db, tmp_path, sampled):
    asks = []

    def cancelled() -> bool:  # false until the PDF is some pages in
        asks.append(1)
        return len(asks) > 5

    steps = []
    ctx = open_context(db)
    try:
        assert write_portfolio_report(ctx, tmp_path / "p.pdf", cancelled=cancelled,
                                      progress=lambda done, total, what: steps.append(done)) is None
    finally:
        ctx.close()
    assert len(asks) > 5 and steps == [0, 1]
    assert list(tmp_path.glob("p.pdf*")) == [] and list(tmp_path.glob(".p.pdf*")) == []


def test_every_font_is_embedded_and_thai_goods_read_back(db, tmp_path, sampled):
    target = tmp_path / "p.pdf"
    assert _report(db, target) == 0
    reader = PdfReader(target)
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts and not any("Helvetica" in name for name in fonts)  # a table's empty cell named none
    for name, font in fonts.items():
        assert "/FontFile2" in font["/FontDescriptor"], name
    heat_page = next(p for p in reader.pages if "Country \\ goods" in (p.extract_text() or ""))
    assert THAI_GOODS in heat_page.extract_text()


def test_a_buyers_goods_named_like_a_formula_stay_text_end_to_end(db, tmp_path):
    target = tmp_path / "p.xlsx"
    assert _report(db, target) == 0
    book = load_workbook(target)
    goods = [c for row in book["Suppliers by goods"].iter_rows(min_row=2) for c in row[:1]]
    assert [(c.value, c.data_type) for c in goods if c.value == HOSTILE_GOODS] == [(HOSTILE_GOODS, "s")]
    heat = [c.value for row in book["Heat map"].iter_rows(min_row=2) for c in row]
    assert HOSTILE_GOODS in heat
    for ws in book.worksheets:
        assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row), ws.title


def test_the_report_counts_suppliers_by_next_step(db, tmp_path, sampled):
    """A board asks what the team will do next with its suppliers: the PDF and the Excel file say how many
    suppliers each recommended step concerns."""
    pdf, xlsx = tmp_path / "p.pdf", tmp_path / "p.xlsx"
    assert _report(db, pdf) == 0 and _report(db, xlsx) == 0
    text = _pdf_text(pdf)
    assert "Suppliers by next step Recommended next step (today) Suppliers" in text
    for words, n in (("Decide on the relationship", 2), ("Enhanced due diligence", 3), ("On-site assessment", 17),
                     ("Desktop self-assessment", 44), ("No action now", 71)):
        assert f"{words} {n}" in text, words
    steps = load_workbook(xlsx)["Suppliers by next step"]
    assert [[c.value for c in row] for row in steps.iter_rows(min_row=2)] == [
        ["Decide on the relationship", 2], ["Enhanced due diligence", 3], ["On-site assessment", 17],
        ["Desktop self-assessment", 44], ["No action now", 71]]
