"""Migrations for the reports (issue 10): their SQL, kept out of migrations.py, which registers them. Like every
migration, they describe the database as it was on their day and import no live domain code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# The figures of each stored result that the portfolio report counts: distinct red flags (once per fact, else
# per question), whether a finding on the recruitment-fee fact was raised, and whether the standard's own
# "repaid in full within 90 days with records" value held (desktop and on-site). The ids are those of the
# standard as shipped on this migration's day (fldd/store/assessment_figures.py keeps the live ones).
FIGURES_TABLE = """CREATE TABLE assessment_figures (
    assessment_id INTEGER PRIMARY KEY REFERENCES assessments (id) ON DELETE CASCADE,
    red_flags INTEGER NOT NULL DEFAULT 0 CHECK (red_flags >= 0),
    fees_found INTEGER NOT NULL DEFAULT 0 CHECK (fees_found IN (0, 1)),
    fees_repaid INTEGER NOT NULL DEFAULT 0 CHECK (fees_repaid IN (0, 1)))"""
FIGURES_BACKFILL = """INSERT INTO assessment_figures (assessment_id, red_flags, fees_found, fees_repaid)
SELECT id, red_flags, found, found AND repaid FROM (
    SELECT a.id,
           (SELECT count(DISTINCT coalesce(json_extract(f.value, '$.fact'), json_extract(f.value, '$.question')))
              FROM json_each(a.result, '$.red_flags') f) AS red_flags,
           EXISTS (SELECT 1 FROM json_each(a.result, '$.triggers') t
                   WHERE json_extract(t.value, '$.action') = 'finding'
                     AND json_extract(t.value, '$.fact') = 'fees_charged') AS found,
           coalesce(json_extract(a.result, '$.derived.fee_repaid_in_time'), 0) = 1
             OR coalesce(json_extract(a.result, '$.derived.dr_fee_repaid_in_time'), 0) = 1 AS repaid
    FROM assessments a WHERE a.result IS NOT NULL AND json_valid(a.result))"""
REPORT_INDEXES = (
    # The portfolio report reads these columns of every assessment, finding and action: from these indexes
    # alone, never from the rows (a result of 6-45 kB makes each assessment row a page or more to read).
    "CREATE INDEX assessments_report ON assessments (supplier_id, status, assessed_on, submitted_at, tier)",
    "CREATE INDEX findings_report ON findings (assessment_id, severity, created_at, threshold_id, question_id)",
    ("CREATE INDEX corrective_actions_report ON corrective_actions (finding_id, status, due_date, closure_date, "
     "done_at, verified_at, updated_at)"),
)


def report_figures(db: Database) -> None:
    """Small figures per assessment beside its stored result (red flags, recruitment fees found and repaid), so
    the portfolio report counts 100,000 assessments in SQL instead of reading every result; filled in here
    from the results already stored."""
    for statement in (FIGURES_TABLE, FIGURES_BACKFILL, *REPORT_INDEXES):
        db.execute(statement)
