"""Pick lists that complete as you type: countries by code or name, goods one comma-separated item at a time."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from fldd.risk.countries import countries
from fldd.usecases.supplier_form import COUNTRY_DASH as DASH
from fldd.usecases.supplier_form import country_code_from_text, split_items

__all__ = ["DASH", "LastItemCompleter", "country_code_of", "country_label", "fill_country_combo", "split_items"]


def country_label(code: str, name: str) -> str:
    """'MY — Malaysia': the code a person may know, then the name they can search."""
    return f"{code}{DASH}{name}"


def fill_country_combo(combo: QComboBox) -> QCompleter:
    """Make combo an editable list of every country, completed by any part of code or name."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for code, name in countries():
        combo.addItem(country_label(code, name), code)
    combo.setCurrentIndex(-1)
    completer = QCompleter(combo.model(), combo)
    completer.setCompletionColumn(0)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return completer


def country_code_of(combo: QComboBox) -> str:
    """The ISO code a person meant: a picked item, 'MY', 'my' or 'Malaysia'; otherwise the text as typed."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index >= 0:
        return combo.itemData(index)
    return country_code_from_text(text)


class LastItemCompleter(QCompleter):
    """Completes only the last item of a comma-separated list, keeping the items before it."""

    def __init__(self, words: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setModel(QStringListModel(words, self))
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt's name
        item = index.data()
        widget = self.widget()
        text = widget.text() if widget is not None else ""
        if "," not in text:
            return item
        return f"{text.rsplit(',', 1)[0]}, {item}"
