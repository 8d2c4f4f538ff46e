"""Showing a place on disk the way Settings and About both do: the path as selectable text, and an "Open folder"
button that opens it in the system's file manager (or says why it cannot)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from fldd.ui.prompter import Prompter


def path_label(text: str = "") -> QLabel:
    """A path a person may select and copy, wrapped anywhere when long (Windows paths have few spaces)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def show_folder(prompter: Prompter, parent: QWidget | None, path: Path, *, holds_file: bool = False) -> None:
    """Open the folder (or the folder holding the file, with holds_file) in the file manager. A folder that does
    not exist yet (the backup folder before the first backup) is explained instead of failing silently."""
    folder = path.parent if holds_file else path
    if not folder.is_dir():
        prompter.inform(parent, "The folder is not there yet",
                        f"{folder} does not exist yet. fldd makes it the first time it writes there "
                        "(for the backup folder: with the first backup).")
        return
    prompter.show_file(parent, folder)


def open_folder_button(prompter: Prompter, parent: QWidget, path_of, *, holds_file: bool = False,
                       text: str = "Open folder") -> QPushButton:
    """A button showing the folder of path_of() (read when clicked: the place may have changed since)."""
    button = QPushButton(text)
    button.setToolTip("Show this folder in your file manager")
    button.clicked.connect(lambda: show_folder(prompter, parent, Path(path_of()), holds_file=holds_file))
    return button
