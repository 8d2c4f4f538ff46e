"""The register model and its filter, without a window: Qt's model checks, display strings and sort keys."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Qt

from fldd.ui.register.supplier_filter import DUE_OVERDUE, UNRATED, SupplierFilter
from fldd.ui.register.supplier_model import (COL_ASSESSMENT, COL_CHAIN_TIER, COL_COUNTRY, COL_GOODS, COL_INHERENT,
                                             COL_NAME, COL_NEXT_ACTION, COL_RATING, COL_SCORE, COL_VALID_UNTIL,
                                             HEADERS, ID_ROLE, SORT_ROLE, SupplierModel)
from fldd.ui.theme import RATING_COLOURS
from fldd.usecases.suppliers import register

TODAY = dt.date(2026, 11, 23)


def _row(**changes) -> dict:
    row = {"id": 1, "name": "Sunrise Apparel", "country": "BD", "goods": json.dumps(["Garments", "Cotton"]),
           "sector": "Apparel", "chain_tier": 1, "status": "active", "inherent_level": "high",
           "inherent_score": 6.0, "os_id": None, "assessment_id": 10, "tier": "desktop",
           "assessment_status": "under_review", "rating": "severe", "score": 52.25, "valid_until": "2026-12-10",
           "next_action_due": "2026-11-01"}
    return {**row, **changes}


def test_qt_model_checks_pass_on_the_model_and_the_filter(qtmodeltester, demo_ctx):
    model = SupplierModel()
    model.set_rows(register(demo_ctx), TODAY)
    qtmodeltester.check(model)
    proxy = SupplierFilter()
    proxy.debounce_ms = 0
    proxy.setSourceModel(model)
    proxy.set_text("garments")
    proxy.set_due(DUE_OVERDUE)
    proxy.sort(COL_SCORE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_one_row_shows_words_colours_and_due_dates():
    model = SupplierModel()
    model.set_rows([_row()], TODAY)
    shown = [model.index(0, c).data() for c in range(len(HEADERS))]
    assert shown == ["Sunrise Apparel", "BD — Bangladesh", "Garments, Cotton", "1", "High (6/10)",
                     "Desktop · Under review", "Severe risk", "52.2", "2026-12-10 · Due", "2026-11-01 · Overdue"]
    assert model.index(0, COL_RATING).data(Qt.ItemDataRole.BackgroundRole).name() == RATING_COLOURS["severe"]
    assert model.index(0, COL_INHERENT).data(Qt.ItemDataRole.BackgroundRole).name() == RATING_COLOURS["high"]
    for column in (COL_VALID_UNTIL, COL_NEXT_ACTION):
        assert model.index(0, column).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, COL_NAME).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, COL_NAME).data(ID_ROLE) == 1
    assert [HEADERS[c] for c in (COL_COUNTRY, COL_GOODS, COL_CHAIN_TIER)] == ["Country", "Goods", "Tier in chain"]


def test_a_supplier_never_assessed_says_so_and_expired_results_say_expired():
    model = SupplierModel()
    model.set_rows([_row(assessment_id=None, tier=None, assessment_status=None, rating=None, score=None,
                         valid_until=None, next_action_due=None),
                    _row(id=2, valid_until="2026-11-22", next_action_due="2026-11-23")], TODAY)
    assert model.index(0, COL_ASSESSMENT).data() == "Never assessed"
    assert model.index(0, COL_RATING).data() == "—" and model.index(0, COL_SCORE).data() == ""
    assert model.index(1, COL_VALID_UNTIL).data() == "2026-11-22 · Expired"
    assert model.index(1, COL_NEXT_ACTION).data() == "2026-11-23"  # due today is not overdue yet
    assert model.index(1, COL_NEXT_ACTION).data(Qt.ItemDataRole.ForegroundRole) is None


def test_sort_keys_are_typed_and_empty_values_sort_last_both_ways():
    rows = [_row(id=1, score=70.0, valid_until="2027-01-01"), _row(id=2, score=None, valid_until=None),
            _row(id=3, score=9.5, valid_until="2026-12-01")]
    model = SupplierModel()
    model.set_rows(rows, TODAY)
    assert isinstance(model.index(0, COL_SCORE).data(SORT_ROLE), float)
    assert isinstance(model.index(0, COL_CHAIN_TIER).data(SORT_ROLE), int)
    assert model.index(0, COL_VALID_UNTIL).data(SORT_ROLE) == "2027-01-01"
    model.sort(COL_SCORE, Qt.SortOrder.AscendingOrder)
    assert [model.supplier_id(r) for r in range(3)] == [3, 1, 2]
    model.sort(COL_SCORE, Qt.SortOrder.DescendingOrder)
    assert [model.supplier_id(r) for r in range(3)] == [1, 3, 2]
    model.sort(COL_VALID_UNTIL, Qt.SortOrder.AscendingOrder)
    assert [model.supplier_id(r) for r in range(3)] == [3, 1, 2]


def test_set_rows_keeps_the_sort_and_the_filter_follows_new_rows():
    model = SupplierModel()
    proxy = SupplierFilter()
    proxy.setSourceModel(model)
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    model.set_rows([_row(id=1, name="Alpha"), _row(id=2, name="Bravo", rating=None)], TODAY)
    assert [model.supplier_id(r) for r in range(2)] == [2, 1]
    proxy.set_rating(UNRATED)
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "Bravo"
    model.set_rows([_row(id=3, name="Charlie", rating=None), _row(id=4, name="Delta", rating=None)], TODAY)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Delta", "Charlie"]
