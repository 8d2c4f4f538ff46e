"""The queue's table model without a window: Qt's model protocol kept (qtmodeltester), filters combined, a lapsed
decision shown in red with why."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fldd.ui.queue.queue_model import COL_STATE, COL_SUPPLIER, QueueModel
from fldd.usecases.queue import queue_rows
from fldd.usecases.queue_decisions import decide
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)


def names(model):
    return [model.index(r, COL_SUPPLIER).data() for r in range(model.rowCount())]


def test_the_model_keeps_qts_protocol_through_filters_and_sorts(qtmodeltester, ctx):
    for name, country, goods in (("Dhaka Denim", "BD", "Garments"), ("Lodz Chairs", "PL", "Furniture"),
                                 ("Krakow Tables", "PL", "Furniture")):
        add_supplier(ctx, name, country, goods=[goods])
    model = QueueModel()
    model.set_rows(queue_rows(ctx))
    qtmodeltester.check(model)

    model.set_filter(country="PL", view="undecided")
    assert names(model) == ["Krakow Tables", "Lodz Chairs"]
    model.sort(COL_SUPPLIER, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["Lodz Chairs", "Krakow Tables"]
    model.set_filter(country="PL", text="lodz furniture")
    assert names(model) == ["Lodz Chairs"]
    qtmodeltester.check(model)


def test_a_lapsed_decision_shows_in_red_with_why(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    decide(ctx, chairs, "defer", until=(TODAY + dt.timedelta(days=5)).isoformat(), reason="Holidays")
    ctx.today = lambda: TODAY + dt.timedelta(days=6)
    model = QueueModel()
    model.set_rows(queue_rows(ctx))

    cell = model.index(0, COL_STATE)
    assert cell.data() == "Lapsed: deferred until 2026-11-28, which has passed"
    assert cell.data(Qt.ItemDataRole.ForegroundRole).name() == "#b00020"
    model.set_filter(view="undecided")
    assert names(model) == ["Lodz Chairs"]
