"""A month of returned workbooks for the import log's tests (use cases, command line, window): workbooks are
exported, filled and imported with the exchange tests' helpers, each import on its own day.

    Nov 2  Penang Latex.xlsx        accepted incomplete  (revision 1 of Penang Latex's assessment)
    Nov 3  Penang Latex v2.xlsx     accepted incomplete  (revision 2: 2 answers and a comment changed)
    Nov 4  Penang Latex v2.xlsx     unchanged            (the same file again)
    Nov 5  Penang Latex old.xlsx    superseded           (saved before v2)
    Nov 6  Penang Latex v3.xlsx     rejected             (same export; 'many' workers, 'perhaps' a policy)
    Nov 7  Klang Valley Gloves.xlsx accepted incomplete  (another supplier, new assessment)
    Nov 8  scanned letter.xlsx      rejected             (not a workbook: no supplier known)
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fldd.store import exchange as store_exchange
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill

V1 = {"pr_workers_total": 120, "gov_policy_exists": "Yes", "pr_workers_migrant": 30}
V2 = {"pr_workers_total": 130, "gov_policy_exists": "No"}
V2_COMMENTS = {"pr_workers_total": "ten more since October"}
BAD = {"pr_workers_total": "many", "gov_policy_exists": "perhaps"}


@contextlib.contextmanager
def local_zone(zone: str) -> Iterator[None]:
    """This process's local time zone for a while (times are shown and filtered in local time)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def set_saved_at(path: Path, stamp: str) -> Path:
    """Rewrite the file's own 'last saved' time (docProps/core.xml), as a later save in Excel would."""
    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            zf.writestr(info, data)
    return path


@dataclass
class Story:
    """What the story made: the suppliers, the assessments, and the reports of each import in order."""

    penang: int = 0
    klang: int = 0
    penang_assessment: int = 0
    klang_assessment: int = 0
    reports: list = field(default_factory=list)


def import_on(ctx, monkeypatch, stamp: str, path: Path):
    """Import one file as if it were `stamp` (UTC) now."""
    monkeypatch.setattr(store_exchange, "now", lambda: stamp)
    [report] = import_paths(ctx, [path])
    return report


def a_month_of_imports(ctx, monkeypatch, folder: Path) -> Story:
    """The seven imports above, into ctx (on the shipped fldd-desktop questionnaire)."""
    folder.mkdir(parents=True, exist_ok=True)
    story = Story()
    story.penang = add_supplier(ctx, "Penang Latex Sdn Bhd", "MY", goods=["Rubber Gloves"])
    story.klang = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    sent = export_workbook(ctx, story.penang, "fldd-desktop", folder / "sent-penang.xlsx").path
    v1 = set_saved_at(fill(sent, V1, out=folder / "Penang Latex.xlsx"), "2026-11-01T09:00:00Z")
    v2 = set_saved_at(fill(v1, V2, out=folder / "Penang Latex v2.xlsx", comments=V2_COMMENTS), "2026-11-02T10:00:00Z")
    old = set_saved_at(fill(sent, {"pr_workers_total": 99}, out=folder / "Penang Latex old.xlsx"),
                       "2026-10-30T08:00:00Z")
    bad = fill(v2, BAD, out=folder / "Penang Latex v3.xlsx")
    sent_klang = export_workbook(ctx, story.klang, "fldd-desktop", folder / "sent-klang.xlsx").path
    klang = fill(sent_klang, V1, out=folder / "Klang Valley Gloves.xlsx")
    letter = folder / "scanned letter.xlsx"
    letter.write_bytes(b"%PDF-1.4 not a workbook")
    for stamp, path in (("2026-11-02T08:00:00Z", v1), ("2026-11-03T09:00:00Z", v2), ("2026-11-04T09:00:00Z", v2),
                        ("2026-11-05T09:00:00Z", old), ("2026-11-06T09:00:00Z", bad),
                        ("2026-11-07T09:00:00Z", klang), ("2026-11-08T09:00:00Z", letter)):
        story.reports.append(import_on(ctx, monkeypatch, stamp, path))
    story.penang_assessment = story.reports[0].assessment_id
    story.klang_assessment = story.reports[5].assessment_id
    return story
