"""The country x goods heat map: one cell per pair, shaded by the share of its suppliers whose latest result is
rated high or severe, with the count, that share and the worst rating in words. In a large portfolio nearly
every cell holds one severe supplier, so the worst rating alone would paint every cell alike; the share tells
them apart. The shades darken as the share grows, so they keep their order on a grayscale printout, and the
words are there when the colour is not."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from fldd.reports import text
from fldd.reports.pdf_tables import in_report_font
from fldd.reports.portfolio_template import RULE, Styles

NOT_RATED = colors.white
# (upper bound of the share in %, legend words, shade): lightest to darkest, luminance falling as the share grows
BANDS = (
    (0, "None", colors.HexColor("#EEF5E9")),
    (20, "1-20%", colors.HexColor("#F8D9A0")),
    (40, "21-40%", colors.HexColor("#EFAE6A")),
    (60, "41-60%", colors.HexColor("#D9783F")),
    (80, "61-80%", colors.HexColor("#A93A22")),
    (100, "81-100%", colors.HexColor("#5E0B0B")),
)
_DARK = {BANDS[4][2], BANDS[5][2]}  # white words on these


def shade(cell: dict):
    """The cell's shade: white when none of its suppliers has a result, else the band of its high-or-severe share."""
    if not cell.get("worst_rating"):
        return NOT_RATED
    if not cell.get("high_or_severe"):
        return BANDS[0][2]
    share = cell.get("high_or_severe_pct") or 0
    return next(colour for bound, _, colour in BANDS[1:] if share <= bound or bound == 100)


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
            colour = shade(cell)
            row.append(_cell(cell, colour, rating_words, st))
            commands.append(("BACKGROUND", (c, r), (c, r), colour))
        data.append(row)
    table = Table(data, colWidths=[label_w] + [col_w] * len(goods), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return [table, legend(rating_words, st, width)]


def _cell(cell: dict, colour, rating_words: dict[str, str], st: Styles):
    style = st.cell.clone("heat_cell", alignment=1, fontSize=7, leading=8.5,
                          textColor=colors.white if colour in _DARK else colors.black)
    count = text.para(str(cell["suppliers"]), style.clone("heat_count", fontName=text.SANS_BOLD, fontSize=10,
                                                          leading=11))
    rating = cell.get("worst_rating")
    if not rating:
        return [count, text.para(_short("not_assessed", rating_words), style)]
    share = f"{cell.get('high_or_severe_pct') or 0:.0f}%"
    return [count, text.para(share, style), text.para(_short(rating, rating_words), style)]


def legend(rating_words: dict[str, str], st: Styles, width: float) -> Table:
    """Swatches with the share bands; the note says what a cell counts and what its words say."""
    keys = [(words, colour) for _, words, colour in BANDS] + [(rating_words.get("not_assessed", "Not rated"),
                                                               NOT_RATED)]
    row, commands = [], [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 6),
                         in_report_font()]
    for i, (words, colour) in enumerate(keys):
        row += ["", text.para(words, st.small)]
        commands += [("BACKGROUND", (2 * i, 0), (2 * i, 0), colour),
                     ("BOX", (2 * i, 0), (2 * i, 0), 0.5, colors.black)]
    note = ("Each cell: the suppliers of that country and goods (a supplier with several goods counts in each); "
            "the shade and the percentage: the share of them whose latest result is rated high or severe; the "
            "word: the worst latest rating among them ('not rated': none has a result). '-': no supplier.")
    swatch, n = 9, len(keys)
    table = Table([row, [text.para(note, st.small)] + [""] * (len(row) - 1)],
                  colWidths=[swatch, (width - swatch * n) / n] * n, hAlign="LEFT")
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
