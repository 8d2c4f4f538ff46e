"""Which workbooks went out to suppliers and which came back, so a buyer knows whom to chase.

Rules, for each workbook logged as sent (one row per file written, oldest first):

- returned: a file of its export was imported after it was sent and applied (accepted, or accepted as
  incomplete; or found equal to what the assessment holds in a file never applied before: a re-sent
  assessment sent back without a change). returned_at is the first such import. The same file imported again
  does not count, nor a file of a re-sent assessment's export id imported before this copy went out.
- returned with an earlier copy: the supplier answered an earlier workbook of the same questionnaire after
  this one was sent (a reminder crossed the reply): it counts as returned then, with that copy named.
- replaced: not returned, and a newer workbook of the same questionnaire went to the same supplier later;
  the newer one is the one to chase.
- not chased: it would be awaiting, but the supplier is now suspended or inactive in the register, so nobody
  should chase it (it counts again as awaiting if the supplier becomes active or onboarding again).
- awaiting: none of these. Awaiting for more than CHASE_AFTER_DAYS days is overdue.

Days count calendar days from the local date the workbook was sent to today (never below 0). The home page
reads these at start-up, so nothing here loads the standard.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from fldd.store import exports as store_exports
from fldd.usecases.context import AppContext

AWAITING, RETURNED, REPLACED, NOT_CHASED = "awaiting", "returned", "replaced", "not_chased"
NOT_CHASED_STATUSES = frozenset({"suspended", "inactive"})  # supplier statuses of the register
CHASE_AFTER_DAYS = 30


def sent_workbooks(ctx: AppContext, awaiting_only: bool = False, supplier_id: int | None = None) -> list[dict]:
    """Every workbook sent (to one supplier, or all), oldest first, with its status (see the module's rules):
    id, export_id, supplier_id, supplier, questionnaire, version, tier, language, sent_at (UTC), sent_on (local
    date), sent_by, file_name, assessment_id (re-sent), days_since_sent, status, returned_at, returned_on,
    returned_file, days_to_return, returned_copy_sent_on (an earlier copy came back instead), replaced_by (the
    newer row's id), replaced_on, overdue (awaiting for more than CHASE_AFTER_DAYS days)."""
    today = ctx.today()
    rows = [_row(r, today) for r in store_exports.sent(ctx.store, supplier_id)]
    by_request: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        by_request[(row["supplier_id"], row["questionnaire"])].append(row)
    for copies in by_request.values():
        for index, row in enumerate(copies):
            if row["status"] == RETURNED:
                continue
            answered = [c for c in copies[:index] if c["returned_at"] and c["returned_at"] >= row["sent_at"]
                        and not c["returned_copy_sent_on"]]
            if answered:
                first = min(answered, key=lambda c: c["returned_at"])
                row.update(status=RETURNED, returned_copy_sent_on=first["sent_on"])
                _returned(row, first["returned_at"], first["returned_file"])
            elif index + 1 < len(copies):
                newer = copies[index + 1]
                row.update(status=REPLACED, replaced_by=newer["id"], replaced_on=newer["sent_on"])
    for row in rows:
        if row["status"] == AWAITING and row["supplier_status"] in NOT_CHASED_STATUSES:
            row["status"] = NOT_CHASED
        row["overdue"] = row["status"] == AWAITING and row["days_since_sent"] > CHASE_AFTER_DAYS
    return [r for r in rows if r["status"] == AWAITING] if awaiting_only else rows


def _row(stored: dict, today: dt.date) -> dict:
    sent_on = local_date(stored["exported_at"])
    row = {"id": stored["id"], "export_id": stored["export_id"], "supplier_id": stored["supplier_id"],
           "supplier": stored["supplier"], "supplier_status": stored["supplier_status"],
           "questionnaire": stored["questionnaire_id"],
           "version": stored["questionnaire_version"], "tier": stored["tier"], "language": stored["language"],
           "sent_at": stored["exported_at"], "sent_on": sent_on.isoformat(), "sent_by": stored["exported_by"],
           "file_name": stored["file_name"], "assessment_id": stored["assessment_id"],
           "days_since_sent": max(0, (today - sent_on).days), "status": AWAITING, "returned_at": None,
           "returned_on": None, "returned_file": None, "days_to_return": None, "returned_copy_sent_on": None,
           "replaced_by": None, "replaced_on": None}
    if stored["returned_at"]:
        row["status"] = RETURNED
        _returned(row, stored["returned_at"], stored["returned_file"])
    return row


def _returned(row: dict, returned_at: str, file_name: str | None) -> None:
    returned_on = local_date(returned_at)
    row.update(returned_at=returned_at, returned_on=returned_on.isoformat(), returned_file=file_name,
               days_to_return=max(0, (returned_on - dt.date.fromisoformat(row["sent_on"])).days))


def local_date(stamp: str) -> dt.date:
    """The local calendar date of a store timestamp (UTC, '2026-11-23T04:45:12Z')."""
    moment = dt.datetime.fromisoformat(stamp)  # reads the Z as UTC (strptime would import _strptime at start-up)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().date()


def summary(rows: list[dict]) -> dict[str, int]:
    """How many were sent, returned, awaiting (and of those overdue), replaced, not chased."""
    counts = {"sent": len(rows), RETURNED: 0, AWAITING: 0, "overdue": 0, REPLACED: 0, NOT_CHASED: 0}
    for row in rows:
        counts[row["status"]] += 1
        counts["overdue"] += row["overdue"]
    return counts
