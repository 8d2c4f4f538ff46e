"""Confirmations and messages through one small object, so tests can answer them without patching Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # dialogs are imported when first used: nothing at start-up needs them
    from PySide6.QtWidgets import QWidget


class Prompter:
    """Asks the person at the screen; tests pass a ScriptedPrompter instead."""

    def confirm(self, parent: QWidget | None, title: str, text: str, accept: str = "") -> bool:
        """Yes / No question; True for yes. With accept, the buttons say what happens (accept, e.g. "Restore",
        and Cancel, the default) instead of Yes and No."""
        from PySide6.QtWidgets import QMessageBox

        if not accept:
            answer = QMessageBox.question(parent, title, text, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            return answer == QMessageBox.Yes
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        go = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is go

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        """A message to acknowledge (plain text)."""
        from PySide6.QtWidgets import QMessageBox

        self._message(QMessageBox.Icon.Information, parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """A problem the person must know about (nothing was saved), in plain text."""
        from PySide6.QtWidgets import QMessageBox

        self._message(QMessageBox.Icon.Warning, parent, title, text)

    @staticmethod
    def _message(icon, parent: QWidget | None, title: str, text: str) -> None:
        """Always plain text: messages quote names read from files (a backup's trigger names, a workbook's
        sheet), and Qt would otherwise render anything that looks like markup as such."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def reason(self, parent: QWidget | None, title: str, text: str, **words) -> str | None:
        """A reason the person must write to go on (None when they cancel); words: the dialog's label,
        placeholder, button and minimum length when they are not a small sample's."""
        from fldd.ui.runner.sample_reason_dialog import SampleReasonDialog

        dialog = SampleReasonDialog(parent, title, text, **words)
        return dialog.text() if dialog.exec() else None

    def review(self, parent: QWidget | None, title: str, heading: str, lines: list[str], accept: str) -> bool:
        """A report to read before a lasting change (moving assessments to another questionnaire version); True
        when the person chooses `accept`, the button's words. Cancel is the default."""
        from fldd.ui.runner.move_dialog import MoveDialog

        return bool(MoveDialog(parent, title, heading, lines, accept).exec())

    def open_file(self, parent: QWidget | None, title: str, filters: str = "All files (*)") -> str | None:
        """A file to read, or None."""
        from fldd.ui.file_dialogs import QFileDialog, ask

        return next(iter(ask(parent, title, QFileDialog.FileMode.ExistingFile, filters=filters)), None)

    def open_files(self, parent: QWidget | None, title: str, filters: str = "All files (*)") -> list[str]:
        """Files to read (none when cancelled)."""
        from fldd.ui.file_dialogs import QFileDialog, ask

        return ask(parent, title, QFileDialog.FileMode.ExistingFiles, filters=filters)

    def open_folder(self, parent: QWidget | None, title: str) -> str | None:
        """A folder to read, or None."""
        from fldd.ui.file_dialogs import QFileDialog, ask

        return next(iter(ask(parent, title, QFileDialog.FileMode.Directory)), None)

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str = "All files (*)") -> str | None:
        """A file to write, or None."""
        from fldd.ui.file_dialogs import QFileDialog, ask

        return next(iter(ask(parent, title, QFileDialog.FileMode.AnyFile, filters=filters, suggested=suggested,
                             save=True)), None)

    def show_file(self, parent: QWidget | None, path, *, in_folder: bool = False) -> None:
        """Open a file fldd wrote with the program the system uses for it, or show the folder that holds it."""
        from pathlib import Path

        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        target = Path(path).parent if in_folder else Path(path)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.inform(parent, "Cannot open the file", f"No program on this computer opened {target}. "
                        "The file is there: open it from your file manager.")


class ScriptedPrompter(Prompter):
    """For tests: answers from a script and records what was asked."""

    def __init__(self, confirm: bool = True, files: list | None = None, reasons: list | None = None) -> None:
        """files: the answers to the file dialogs in order (a list of paths answers open_files); reasons: the
        answers to reason(), in order (None cancels)."""
        self.answer = confirm
        self.files = list(files or [])
        self.reasons = list(reasons or [])
        self.asked: list[tuple[str, str, str]] = []
        self.words: dict = {}  # the words the last reason() was asked with

    def confirm(self, parent, title, text, accept=""):  # noqa: D102
        self.asked.append(("confirm", title, text))
        self.words = {"accept": accept} if accept else self.words
        return self.answer

    def inform(self, parent, title, text):  # noqa: D102
        self.asked.append(("inform", title, text))

    def error(self, parent, title, text):  # noqa: D102
        self.asked.append(("error", title, text))

    def reason(self, parent, title, text, **words):  # noqa: D102
        self.asked.append(("reason", title, text))
        self.words = words
        return self.reasons.pop(0) if self.reasons else None

    def review(self, parent, title, heading, lines, accept):  # noqa: D102
        self.asked.append(("review", title, "\n".join([heading, *lines])))
        return self.answer

    def open_file(self, parent, title, filters="All files (*)"):  # noqa: D102
        self.asked.append(("open_file", title, filters))
        return self.files.pop(0) if self.files else None

    def open_files(self, parent, title, filters="All files (*)"):
        """The next scripted answer: a list of paths, or one path."""
        self.asked.append(("open_files", title, filters))
        answer = self.files.pop(0) if self.files else []
        return list(answer) if isinstance(answer, (list, tuple)) else [answer]

    def open_folder(self, parent, title):  # noqa: D102
        self.asked.append(("open_folder", title, ""))
        return self.files.pop(0) if self.files else None

    def save_file(self, parent, title, suggested, filters="All files (*)"):  # noqa: D102
        self.asked.append(("save_file", title, suggested))
        return self.files.pop(0) if self.files else None

    def show_file(self, parent, path, *, in_folder=False):  # noqa: D102
        self.asked.append(("show_file", str(path), "folder" if in_folder else "open"))
