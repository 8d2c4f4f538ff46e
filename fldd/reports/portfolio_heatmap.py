"""The country x goods heat map: one cell per pair, coloured by the worst latest rating of the suppliers in it,
with the count and the rating in words, so it reads on a grayscale printout too (the shades darken with the
risk, and the word is there when the colour is not)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from fldd.reports import text
from fldd.reports.pdf_tables import in_report_font
from fldd.reports.portfolio_template import RULE, Styles

# lightest to darkest: luminance falls with risk, so gray levels keep the order
SHADES = {
    "not_assessed": colors.white,
    "low": colors.HexColor("#C6E3BC"),
    "medium": colors.HexColor("#EDB54A"),
    "high": colors.HexColor("#C8562A"),
    "severe": colors.HexColor("#7A1414"),
}
LEGEND_ORDER = ("low", "medium", "high", "severe", "not_assessed")
_DARK = ("severe",)


def heat_map(heat: dict, rating_words: dict[str, str], st: Styles, width: float) -> list:
    """The grid and its legend as flowables; an empty list when no supplier has a country and goods."""
    countries, goods = heat.get("countries", []), heat.get("goods", [])
    if not countries or not goods:
        return [text.para("No supplier with a country and goods recorded.", st.body)]
    cells = {(c["country"], c["goods"]): c for c in heat.get("cells", [])}
    names = {c["country"]: c.get("country_name") or c["country"] for c in heat.get("cells", [])}
    label_w = min(38 * 2.835, width * 0.24)
    col_w = (width - label_w) / len(goods)
    size = _fitting_size([_goods_label(g) for g in goods], col_w - 5)
    head = st.cell_bold.clone("heat_head", fontSize=size, leading=size + 1.5, alignment=1)
    data = [[text.para("Country \\ goods", st.cell_bold.clone("heat_corner", fontSize=7.5, leading=9))]
            + [text.para(_goods_label(g), head) for g in goods]]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                in_report_font(),
                ("LEFTPADDING", (1, 0), (-1, -1), 2), ("RIGHTPADDING", (1, 0), (-1, -1), 2),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEF1F4")),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EEF1F4"))]
    for r, country in enumerate(countries, start=1):
        label = "Other countries" if country == "other" else f"{names.get(country, country)} ({country})"
        row = [text.para(label, st.cell.clone("heat_row", fontSize=8, leading=9.5))]
        for c, good in enumerate(goods, start=1):
            cell = cells.get((country, good))
            if cell is None or not cell.get("suppliers"):
                row.append(text.para("-", st.cell.clone("heat_empty", alignment=1, textColor=RULE)))
                continue
            rating = cell.get("worst_rating") or "not_assessed"
            row.append(_cell(cell["suppliers"], rating, rating_words, st))
            commands.append(("BACKGROUND", (c, r), (c, r), SHADES.get(rating, colors.white)))
        data.append(row)
    table = Table(data, colWidths=[label_w] + [col_w] * len(goods), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return [table, legend(rating_words, st, width)]


def _cell(count: int, rating: str, rating_words: dict[str, str], st: Styles):
    colour = colors.white if rating in _DARK else colors.black
    style = st.cell.clone("heat_cell", alignment=1, fontSize=7, leading=8.5, textColor=colour)
    word = _short(rating, rating_words)
    return [text.para(str(count), style.clone("heat_count", fontName=text.SANS_BOLD, fontSize=10, leading=11)),
            text.para(word, style)]


def legend(rating_words: dict[str, str], st: Styles, width: float) -> Table:
    """Swatches with the rating words; the note says what a cell counts."""
    row, commands = [], [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 6),
                         in_report_font()]
    for i, key in enumerate(LEGEND_ORDER):
        row += ["", text.para(rating_words.get(key, key), st.small)]
        commands += [("BACKGROUND", (2 * i, 0), (2 * i, 0), SHADES[key]),
                     ("BOX", (2 * i, 0), (2 * i, 0), 0.5, colors.black)]
    note = ("Each cell: suppliers of that country and goods (a supplier with several goods counts in each); "
            "shade and word: the worst latest rating among them. '-': no supplier.")
    swatch = 9
    table = Table([row, [text.para(note, st.small)] + [""] * (len(row) - 1)],
                  colWidths=[swatch, (width - swatch * 5) / 5] * 5, hAlign="LEFT")
    commands.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(commands))
    return table


def _fitting_size(labels: list[str], room: float, largest: float = 7.5, smallest: float = 5.5) -> float:
    """The font size at which the longest word of any goods label fits its column (no word cut in two)."""
    words = [w for label in labels for w in label.split()] or [""]
    widest = max(stringWidth(w, text.SANS_BOLD, 1) for w in words)
    return max(smallest, min(largest, room / widest if widest else largest))


def _short(rating: str, rating_words: dict[str, str]) -> str:
    words = rating_words.get(rating, rating)
    return words.replace(" risk", "") if rating != "not_assessed" else words.lower()


def _goods_label(goods: str) -> str:
    return "Other goods" if goods == "other" else goods
