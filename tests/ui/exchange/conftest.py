"""Returned workbooks for the import dialog: good, incomplete and bad, on the exchange tests' questionnaire with
every question type (its fixtures are shared from tests/exchange/conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fldd.usecases.exchange import export_workbook
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import every_ctx, every_standard, fill  # noqa: F401 - shared fixtures

OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
CHINESE = "普通话和粤语"
THAI = "ภาษาไทยและภาษาพม่า"
ARABIC = "العربية والأردية"
COMPLETE = {"migrants": "Yes", "holder": "The worker, always", "topics": ["fees", "documents"], "workers": 250,
            "hours": 48, "share": 12.5, "wage": (1500, "MYR"), "fee": "Don't know",
            "audit_date": dt.date(2026, 3, 31), "languages": CHINESE, "note": f"{THAI} / {ARABIC}"}
META_SUPPLIER_NAME = ("_fldd", "B7")  # the supplier_name row of the signed metadata


def returned_workbook(ctx, folder: Path, name: str, supplier: str, answers: dict, **extra) -> Path:
    """A workbook exported for a new supplier and filled in as that supplier would."""
    supplier_id = add_supplier(ctx, supplier, "MY", goods=["Rubber Gloves"])
    sent = export_workbook(ctx, supplier_id, "xchg-every", folder / f".sent-{name}").path
    return fill(sent, answers, out=folder / name, **extra)


@pytest.fixture
def returned_folder(every_ctx, tmp_path):  # noqa: F811 - the shared fixture
    """A folder as a buyer's mailbox leaves it: complete, incomplete, not a workbook, tampered; and a note."""
    folder = tmp_path / "returned"
    folder.mkdir()
    returned_workbook(every_ctx, folder, "01 Klang Valley Gloves.xlsx", "Klang Valley Gloves", COMPLETE)
    returned_workbook(every_ctx, folder, "02 Penang Latex.xlsx", "Penang Latex", {"migrants": "No", "workers": 12})
    (folder / "03 scanned letter.xlsx").write_bytes(b"%PDF-1.4 not a workbook at all")
    returned_workbook(every_ctx, folder, "04 Ipoh Mills.xlsx", "Ipoh Mills", COMPLETE,
                      cells={META_SUPPLIER_NAME: "Someone else"})
    (folder / "readme.txt").write_text("not imported", encoding="utf-8")
    for sent in folder.glob(".sent-*"):
        sent.unlink()
    return folder
