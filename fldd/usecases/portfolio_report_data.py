"""What the portfolio report shows, gathered once for both renderers (PDF and xlsx): the figures of the period
and the one before with the change, the breakdown tables, and the reporting-law map with its statements filled
in. Plain data: the renderers never touch the database or the standard."""

from __future__ import annotations

from fldd.standard.model import pick
from fldd.standard.reporting_laws import fill
from fldd.usecases.context import AppContext
from fldd.usecases.portfolio_figures import portfolio_figures
from fldd.usecases.portfolio_kpis import KPIS
from fldd.usecases.rating_words import RATING_WORDS
from fldd.usecases.reporting_laws import figure_words, kpi_word, law_map

TITLE = "Forced-labour due diligence: portfolio report"


def portfolio_report_data(ctx: AppContext, *, since: str | None = None, until: str | None = None) -> dict:
    """Everything the portfolio report prints, as plain data (see the keys below)."""
    from fldd.usecases.questionnaires import standard

    figures = portfolio_figures(ctx, since=since, until=until)
    shipped = standard()
    laws = law_map(shipped)
    kpis = kpi_rows(figures["kpis"], figures["previous_kpis"])
    return {
        "title": TITLE,
        "since": figures["since"], "until": figures["until"], "as_of": figures["as_of"],
        "previous": figures["previous"],
        "generated": ctx.today().isoformat(),
        "prepared_by": ctx.user,
        "editions": editions(shipped, laws.edition, figures["tables"].get("risk_data", []),
                             figures.get("questionnaire_versions")),
        "kpis": kpis,
        "tables": figures["tables"],
        "definitions": figures.get("definitions", {}),
        "rating_words": {("not_assessed" if k is None else k): v for k, v in RATING_WORDS.items()},
        "laws": law_sections(laws, figures, shipped),
    }


def kpi_rows(current: dict, previous: dict) -> list[dict]:
    """One row per KPI of the catalogue: value, previous-period value (period KPIs only) and the change."""
    rows = []
    for kid, kpi in KPIS.items():
        value = current.get(kid)
        before = previous.get(kid) if kpi.period else None
        change = (value - before) if kpi.period and _number(value) and _number(before) else None
        rows.append({"id": kid, "label": kpi.label, "counts": kpi.counts, "kind": kpi.kind, "period": kpi.period,
                     "value": value, "previous": before, "change": change,
                     "value_text": kpi_word(kid, value),
                     "previous_text": kpi_word(kid, before) if kpi.period else "",
                     "change_text": change_words(kpi.kind, change) if kpi.period else ""})
    return rows


def change_words(kind: str, change: float | int | None) -> str:
    """A change as the trend column shows it: '+3', '-2', 'no change' ('pts' for percentages)."""
    if change is None:
        return "n/a"
    if change == 0:
        return "no change"
    shown = f"{change:+.1f}" if isinstance(change, float) and not change.is_integer() else f"{int(change):+d}"
    return f"{shown} pts" if kind == "percent" else shown


def editions(shipped, law_edition: str, risk_data: list[dict], versions: list[dict] | None = None) -> list[str]:
    """The editions the figures rest on, for the cover: every questionnaire version of the assessments counted
    (else the shipped versions), the law map, the risk data."""
    if versions:
        by_id: dict[str, list[str]] = {}
        for row in versions:
            by_id.setdefault(row["questionnaire"], []).append(row["version"])
        lines = ["Standard, the versions of the assessments counted: "
                 + "; ".join(f"{qid} {', '.join(found)}" for qid, found in by_id.items())]
    else:
        lines = ["Standard: " + ", ".join(f"{q.id} {q.version}" for q in shipped.questionnaires.values())
                 + " (no assessment counted)"]
    lines.append(f"Reporting-law map: edition {law_edition}")
    lines += [f"Risk data: {row.get('title', row.get('table', ''))}, {row.get('edition', 'edition unknown')}"
              for row in risk_data]
    return lines


def law_sections(laws, figures: dict, shipped) -> list[dict]:
    """Each law with each item's statement filled in, its figures (now and before) and its data points."""
    words = figure_words(figures["kpis"])
    before = figures["previous_kpis"]
    questions = {q.id: (qn.id, pick(q.text, "en")) for qn in shipped.questionnaires.values() for q in qn.questions}
    basis = {key: _citation(shipped.sources[key]) for law in laws.laws for key in law.basis if key in shipped.sources}
    out = []
    for law in laws.laws:
        items = []
        for item in law.items:
            items.append({
                "id": item.id, "title": item.title, "asks": item.asks,
                "statement": fill(item.statement, words),
                "figures": [{"id": k, "label": KPIS[k].label, "value_text": words[k],
                             "previous_text": kpi_word(k, before.get(k)) if KPIS[k].period else ""}
                            for k in item.kpis],
                "datapoints": [{"id": d, "questionnaire": questions[d][0], "text": questions[d][1]}
                               for d in item.datapoints],
                "company_adds": item.company_adds,
            })
        out.append({"id": law.id, "name": law.name, "short": law.short, "applies_to": law.applies_to,
                    "status": law.status, "basis": [basis[k] for k in law.basis if k in basis], "items": items})
    return out


def _citation(source) -> str:
    """A source as cited, saying so when fldd's makers saw it only in secondary sources (check: true)."""
    citation = " ".join(source.citation.split())
    return f"{citation} (seen in secondary sources only: check it)" if source.check else citation


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
