"""The statement section of the portfolio PDF: per law, per item, the sentence with the figures filled in (to
lift into a statement), the figures behind it, the data points that feed them, and what the company adds."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from fldd.reports import text
from fldd.reports.portfolio_tables import grid
from fldd.reports.portfolio_template import Styles, heading


def law_map_section(data: dict, st: Styles, width: float) -> list:
    """The whole section: an introduction, then one subsection per law (each a bookmark)."""
    flow = [heading("Statement text by reporting law", 0, st),
            text.para("For each law, the items its statement or report covers, with a sentence fldd fills in "
                      "from this period's figures, ready to adapt. The figures rest on the supplier data points "
                      "listed; what fldd cannot evidence (policies, board approval, training of the company's own "
                      "staff...) is named under 'The company adds'. Check each law's status before relying on "
                      "it.", st.body)]
    for i, law in enumerate(data["laws"]):
        if i:
            flow.append(PageBreak())
        flow += law_block(law, st, width)
    return flow


def law_block(law: dict, st: Styles, width: float) -> list:
    """One law: who it applies to, its status, its sources, then each item."""
    label = st.cell_bold
    facts = [["Applies to", law["applies_to"]], ["Status", law["status"]]]
    facts += [["Source" if i == 0 else "", citation] for i, citation in enumerate(law["basis"])]
    flow = [heading(law["name"], 1, st),
            grid(None, facts, [26 * 2.835, width - 26 * 2.835], st, numeric_from=99), Spacer(1, 6)]
    for item in law["items"]:
        flow.append(CondPageBreak(120))
        flow += item_block(item, st, width, label)
    return flow


def item_block(item: dict, st: Styles, width: float, label) -> list:
    """One item: title, what it asks, the filled-in statement, the figures, data points, what to add."""
    head = [text.para(item["title"], st.h2.clone("item", fontSize=10.5, leading=13, spaceBefore=8)),
            text.para(item["asks"], st.small),
            text.para(item["statement"], st.statement)]
    if item["figures"]:  # the sentence and the figures it quotes stay on one page
        rows = [[f["label"], f["value_text"], f["previous_text"] or "-"] for f in item["figures"]]
        head.append(grid(["Figure behind it", "This period", "Previous period"], rows,
                         [width - 2 * 28 * 2.835, 28 * 2.835, 28 * 2.835], st))
    flow: list = [KeepTogether(head)]
    if item["datapoints"]:
        points = "; ".join(f"{d['id']} ({d['text']})" for d in item["datapoints"])
        flow.append(text.para(f"Data points: {points}", st.small.clone("points", spaceBefore=3)))
    flow.append(KeepTogether([text.para("The company adds", label.clone("adds_label", spaceBefore=4)),
                              text.para(item["company_adds"], st.body)]))
    return flow
