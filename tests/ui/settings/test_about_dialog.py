"""Help > About fldd as the person asked by support "which version, which database, which data?": everything is
on the box, one click copies it, and the folders open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from fldd import __version__, app_config
from fldd.ui.settings.about_dialog import AboutDialog
from fldd.usecases.about import about_facts, about_text
from fldd.usecases.risk_data import risk_editions


def open_about(window, qtbot) -> AboutDialog:
    window.about_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, AboutDialog) and window.dialog.isVisible())
    return window.dialog


def words(dialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_help_menu_has_about_and_it_names_version_database_questionnaires_and_editions(window, ctx, qtbot):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.about_action in help_menu.actions()
    dialog = open_about(window, qtbot)
    assert dialog.windowTitle() == "About fldd"
    text = words(dialog)
    assert f"fldd {__version__}" in text
    assert str(ctx.store.path) in text
    for q in ctx.standard.questionnaires.values():
        assert f"{q.id} version {q.version}: {q.title['en']}" in text
        assert f"version {', '.join(ctx.standard.versions(q.id)[:-1])} are still read" in text
    editions = risk_editions(ctx)
    assert len(editions) == 3
    for edition in editions:
        assert f"{edition.name}: {edition.shown()}" in text
    partial = next(e for e in editions if not e.complete)
    assert f"• {partial.note}" in text  # the caveat in the edition's own words
    assert "Belarus, Netherlands: listed by the publisher" in text
    assert "Published 2024-09-05; shipped with fldd; 512 rows." in text


def test_copy_details_puts_the_support_text_on_the_clipboard(window, ctx, qtbot):
    QGuiApplication.clipboard().clear()
    dialog = open_about(window, qtbot)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    expected = about_text(about_facts(ctx) | {"qt": dialog.facts["qt"], "pyside": dialog.facts["pyside"]})
    assert copied == expected
    assert f"Database: {ctx.store.path}" in copied and "Qt: " in copied and "PySide6: " in copied
    assert dialog.copied.text().startswith("Copied.")


def test_open_folder_buttons_show_the_database_and_data_folders_and_explain_a_missing_one(window, ctx, qtbot,
                                                                                        prompter, data_dir):
    dialog = open_about(window, qtbot)
    qtbot.mouseClick(dialog.open_buttons["Database"], Qt.MouseButton.LeftButton)
    assert prompter.asked[-1] == ("show_file", str(ctx.store.path.parent), "open")
    data_dir.mkdir(exist_ok=True)
    qtbot.mouseClick(dialog.open_buttons["Data folder"], Qt.MouseButton.LeftButton)
    assert prompter.asked[-1] == ("show_file", str(data_dir), "open")
    assert not app_config.backup_folder().exists()
    qtbot.mouseClick(dialog.open_buttons["Backup folder"], Qt.MouseButton.LeftButton)
    kind, title, text = prompter.asked[-1]
    assert (kind, title) == ("inform", "The folder is not there yet") and str(app_config.backup_folder()) in text
    assert not app_config.backup_folder().exists()  # looking does not create it


def test_the_box_fits_a_small_laptop_screen_and_closes(window, qtbot):
    dialog = open_about(window, qtbot)
    assert dialog.width() <= 1366 - 100 and dialog.height() <= 768 - 100
    bar = dialog.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the sections scroll inside; the buttons stay in view
    assert dialog.close_button.isVisible() and dialog.copy_button.isVisible()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
