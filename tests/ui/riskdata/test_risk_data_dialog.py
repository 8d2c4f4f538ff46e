"""File > Risk data editions…, driven by clicks as a buyer would: the editions shown, a newer DOL list loaded
(what changed is said), a malformed file refused in full with the old edition still shown and in force."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt

from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.riskdata.editions_dialog import RiskDataDialog
from fldd.usecases.context import open_context
from fldd.usecases.risk_data import current_risk_data, risk_editions

DOL_2025 = ("Country,Good,Sector,Child Labor,Forced Labor,Forced Child Labor\nItaly,Tomatoes,Agriculture,,X,\n"
            "Burma,Garments,Manufacturing,X,X,\n")


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "test.sqlite3", user="tester", role="buyer")
    context.today = lambda: dt.date(2026, 11, 23)
    yield context
    context.close()


def texts(model, column):
    return [model.index(row, column).data() for row in range(model.rowCount())]


def open_dialog(qtbot, ctx, files) -> RiskDataDialog:
    window = MainWindow(ctx, ScriptedPrompter(files=files))
    qtbot.addWidget(window)
    window.show()
    window.risk_data_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, RiskDataDialog) and window.dialog.isVisible())
    return window.dialog


def test_the_file_menu_opens_the_editions_in_force_and_the_replaced_ones(qtbot, ctx):
    dialog = open_dialog(qtbot, ctx, [])
    assert texts(dialog.in_force, 1) == ["2024 edition (partial reconstruction)", "2022 edition", "2025 edition"]
    assert texts(dialog.in_force, 3) == ["shipped with fldd"] * 3
    assert texts(dialog.in_force, 5)[0] == "partial (see the note)"
    assert "200 goods from 80 countries" in dialog.details.text()
    assert "Malaysia, North Korea" in dialog.details.text()  # the countries whose rows were not checked, named
    assert "Belarus, Netherlands: listed by the publisher, no rows in this edition" in dialog.details.text()
    assert texts(dialog.replaced, 1) == ["2022 edition"] and texts(dialog.replaced, 4) == ["467"]
    assert not dialog.list_name.isEnabled()  # one DOL list at a time: its name is fixed


def test_loading_a_newer_dol_list_shows_what_changed(qtbot, ctx, tmp_path):
    path = tmp_path / "dol-goods-2025.csv"
    path.write_text(DOL_2025, encoding="utf-8")
    dialog = open_dialog(qtbot, ctx, [str(path)])
    with qtbot.waitSignal(dialog.data_changed):
        qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.toPlainText().startswith(
        "US DOL List of Goods Produced by Child Labor or Forced Labor, 2025 edition: 2 rows, replacing the 2024 "
        "edition (partial reconstruction), which had 512 rows (check this file holds the whole list); inherent risk "
            "changed for ")
    assert texts(dialog.in_force, 1)[0] == "2025 edition"
    loaded_on = risk_editions(ctx)[0].loaded_at[:10]
    assert texts(dialog.in_force, 3)[0] == f"{loaded_on} by tester, from dol-goods-2025.csv"
    assert texts(dialog.replaced, 1) == ["2024 edition (partial reconstruction)", "2022 edition"]
    assert current_risk_data(ctx).goods_edition == 2025


def test_a_malformed_file_is_refused_in_full_and_the_old_edition_stays(qtbot, ctx, tmp_path):
    path = tmp_path / "dol-goods-2025.csv"
    path.write_text(DOL_2025 + "Atlantis,Pearls,Mining,X,,\n", encoding="utf-8")
    dialog = open_dialog(qtbot, ctx, [str(path)])
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.toPlainText() == (
        "Refused: nothing changed, the edition in force stays.\n"
        "dol-goods-2025.csv: row 4, column 'Country': 'Atlantis' is not a country fldd knows: use its two-letter "
        "ISO code (e.g. CN) or its English name")
    assert texts(dialog.in_force, 1)[0] == "2024 edition (partial reconstruction)"
    with sqlite3.connect(ctx.store.path) as conn:
        assert conn.execute("SELECT count(*) FROM risk_editions").fetchone() == (0,)


def test_a_list_of_the_buyers_own_takes_the_name_typed(qtbot, ctx, tmp_path):
    path = tmp_path / "watch.csv"
    path.write_text("Country,Good,Level,Reason\nIN,Garments,medium,audits\n", encoding="utf-8")
    dialog = open_dialog(qtbot, ctx, [str(path)])
    dialog.kind.setCurrentIndex(dialog.kind.findData("own_list"))
    assert dialog.list_name.isEnabled()
    dialog.list_name.clear()
    qtbot.keyClicks(dialog.list_name, "Group watch list")
    qtbot.keyClicks(dialog.edition, "2026-01")
    with qtbot.waitSignal(dialog.data_changed):
        qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert "Group watch list" in texts(dialog.in_force, 0)
    assert [(a.list_name, a.iso2, a.level) for a in current_risk_data(ctx).areas] == [
        ("Group watch list", "IN", "medium")]


def test_a_list_is_withdrawn_with_a_reason_and_stays_listed(qtbot, ctx, tmp_path):
    path = tmp_path / "watch-2026.csv"
    path.write_text("Country,Good\nIN,Garments\n", encoding="utf-8")
    from fldd.usecases.risk_data import load_risk_file

    load_risk_file(ctx, "own_list", path, list_name="Group watch list")
    window = MainWindow(ctx, ScriptedPrompter(reasons=["merged into the supplier code list"]))
    qtbot.addWidget(window)
    window.show()
    window.risk_data_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, RiskDataDialog))
    dialog = window.dialog
    assert not dialog.withdraw_button.isEnabled()  # the DOL list is selected: it cannot be withdrawn
    dialog.in_force_table.selectRow(texts(dialog.in_force, 0).index("Group watch list"))
    with qtbot.waitSignal(dialog.data_changed):
        qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert "Group watch list" not in texts(dialog.in_force, 0)
    assert "Group watch list" in texts(dialog.replaced, 0) and current_risk_data(ctx).areas == ()


def test_a_much_shorter_dol_list_is_put_to_the_buyer_and_not_loaded_when_they_say_it_is_not_whole(qtbot, ctx,
                                                                                                   tmp_path):
    path = tmp_path / "dol-goods-2025.csv"
    path.write_text(DOL_2025, encoding="utf-8")
    window = MainWindow(ctx, ScriptedPrompter(files=[str(path)], confirm=False))
    qtbot.addWidget(window)
    window.show()
    window.risk_data_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, RiskDataDialog) and window.dialog.isVisible())
    dialog = window.dialog
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome.toPlainText().startswith("Not loaded: nothing changed"))
    assert "2 rows where the 2024 edition (partial reconstruction) in force has 512" in dialog.outcome.toPlainText()
    assert window.prompter.asked[-1][0] == "confirm" and "Is this file the whole list?" in window.prompter.asked[-1][2]
    assert risk_editions(ctx)[0].edition == "2024" and texts(dialog.in_force, 1)[0].startswith("2024 edition")
