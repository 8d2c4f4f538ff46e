"""The small figures kept beside each stored result (table assessment_figures, migration 0011): written with the
result, so the portfolio report counts them in SQL and never reads or re-scores 100,000 results."""

from __future__ import annotations

# The one place the report names ids of the standard (tests/usecases/test_portfolio_figures.py checks that the
# shipped questionnaires define them): the fact every recruitment-fee finding names, desktop and on-site, and
# the derived values that say the fees were repaid in full within 90 days with records of each repayment.
FEES_FACT = "fees_charged"
REPAID_IN_TIME = ("fee_repaid_in_time", "dr_fee_repaid_in_time")


def figures(result: dict) -> tuple[int, int, int]:
    """(red flags, fees found, fees repaid) of a result as fldd keeps it (Result.to_json): red flags counted
    once per fact (else per question), as the rating counts them; fees found when the result raises a finding
    on FEES_FACT; repaid when, besides, one of REPAID_IN_TIME holds."""
    flags = {flag.get("fact") or flag.get("question") for flag in result.get("red_flags") or ()}
    found = any(t.get("action") == "finding" and t.get("fact") == FEES_FACT for t in result.get("triggers") or ())
    derived = result.get("derived") or {}
    repaid = found and any(derived.get(key) is True for key in REPAID_IN_TIME)
    return len(flags), int(found), int(repaid)


def keep(db, assessment_id: int, result: dict) -> None:
    """Write the figures of the result just stored, inside the caller's transaction."""
    db.execute("INSERT INTO assessment_figures (assessment_id, red_flags, fees_found, fees_repaid) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (assessment_id) DO UPDATE SET red_flags = excluded.red_flags, "
               "fees_found = excluded.fees_found, fees_repaid = excluded.fees_repaid",
               [assessment_id, *figures(result)])
