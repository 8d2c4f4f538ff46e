"""The shipped reporting-law map, checked against the KPI catalogue and the shipped questionnaires, and its
statements filled in with a period's figures for the portfolio report."""

from __future__ import annotations

from pathlib import Path

from fldd.standard import reporting_laws
from fldd.standard.model import Standard
from fldd.standard.problems import Problems
from fldd.standard.reporting_laws import LawMap
from fldd.usecases.portfolio_kpis import KPIS


def law_map_path(root: Path | None = None) -> Path:
    """Where the map lives: beside the questionnaires whose data points it names."""
    from fldd.paths import questionnaires_dir

    return (root or questionnaires_dir()) / reporting_laws.FILE_NAME


def check_law_map(standard: Standard, path: Path | None = None) -> tuple[LawMap | None, Problems]:
    """The map and every problem in it (unknown KPI, data point or source; placeholder that is not a KPI)."""
    datapoints = {q.id for qn in standard.questionnaires.values() for q in qn.questions}
    problems = Problems()
    found = reporting_laws.read(path or law_map_path(), kpi_ids=set(KPIS), datapoint_ids=datapoints,
                                source_keys=set(standard.sources), problems=problems)
    return found, problems


def law_map(standard: Standard | None = None, path: Path | None = None) -> LawMap:
    """The map, or ReportingLawsError naming each law and item that is wrong."""
    from fldd.usecases.questionnaires import standard as shipped

    found, problems = check_law_map(standard or shipped(), path)
    if found is None or problems.errors:
        raise reporting_laws.ReportingLawsError(problems)
    return found


def figure_words(kpis: dict[str, object]) -> dict[str, str | None]:
    """Each KPI's value as it reads in a sentence: counts as numbers, percentages with %; None where nothing
    could be counted (fill leaves out the sentence that reads it)."""
    return {kid: None if kpis.get(kid) is None else kpi_word(kid, kpis.get(kid)) for kid in KPIS}


def kpi_word(kid: str, value: object) -> str:
    """One figure in words ('12', '45%', '17', 'n/a')."""
    if value is None:
        return "n/a"
    if isinstance(value, float) and not value.is_integer():
        shown = f"{value:.1f}"
    else:
        shown = f"{int(value):,}" if isinstance(value, (int, float)) else str(value)
    return f"{shown}%" if KPIS[kid].kind == "percent" else shown
