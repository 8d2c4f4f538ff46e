"""The runner's line for an assessment that answers a buyer's workbook: which file, from whom, and the two ways
back: the same workbook with the answers, and an answer pack that also carries the evidence files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from fldd.store.errors import StoreError
from fldd.ui.layout import MARGIN, SPACING
from fldd.usecases.errors import Rejected

BAR_STYLE = "#receivedBar { background: #eef4fb; border: 1px solid #c9d9ee; border-radius: 4px; }"


class ReceivedBar(QWidget):
    """Call show_for(session); hidden unless the assessment answers a received workbook. `said` carries what
    happened, for the header's message line."""

    said = Signal(str)

    def __init__(self, ctx, prompter, flush: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.flush = flush
        self.assessment_id: int | None = None
        self.received = None
        self.band = QFrame()  # the coloured band, inset like the header's text
        self.band.setObjectName("receivedBar")
        self.band.setStyleSheet(BAR_STYLE)
        self.label = QLabel()
        self.label.setObjectName("receivedFrom")
        self.label.setWordWrap(True)
        self.write_button = QPushButton("&Write back the workbook…")
        self.write_button.setObjectName("writeBack")
        self.write_button.setToolTip("The workbook you received, with your answers and comments, to send back")
        self.pack_button = QPushButton("Answers with e&vidence (.zip)…")
        self.pack_button.setToolTip("An answer pack: your answers, comments and every evidence file, for the "
                                    "buyer's fldd to import")

        inside = QHBoxLayout(self.band)
        inside.setContentsMargins(SPACING, SPACING // 2, SPACING, SPACING // 2)
        inside.setSpacing(SPACING)
        inside.addWidget(self.label, 1)
        inside.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignVCenter)
        inside.addWidget(self.pack_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN, 0, MARGIN, SPACING // 2)
        layout.addWidget(self.band)

        self.write_button.clicked.connect(self.write_back)
        self.pack_button.clicked.connect(self.write_pack)
        self.hide()

    def show_for(self, session) -> None:
        """Show the received workbook of an open assessment (hidden for one that answers none)."""
        from fldd.usecases.write_back import received_workbook

        self.assessment_id = session.id
        try:
            self.received = received_workbook(self.ctx, session.id)
        except StoreError:
            self.received = None
        if self.received is None:
            self.hide()
            return
        meta = self.received.metadata
        self.label.setText(f"Answers the workbook <b>{_html(self.received.file_name)}</b> that "
                           f"{_html(meta['exported_by'])} sent on {meta['exported_at'][:10]}. Its questions and the "
                           "buyer's signature are kept as received.")
        self.label.setToolTip(f"Export {meta['export_id']}\nOpened {self.received.received_at[:16]} by "
                              f"{self.received.received_by}\nsha256 {self.received.sha256}")
        self.show()

    def write_back(self) -> None:
        """Ask where (beside the received file by default), write, and say what was written."""
        from fldd.usecases.write_back import FileInTheWay, default_target, write_back

        self.flush()  # the answer being typed goes into the file too
        suggested = default_target(self.received) or Path(self.received.file_name)
        chosen = self.prompter.save_file(self, "Write back the workbook", str(suggested), "Workbooks (*.xlsx)")
        if not chosen:
            return
        try:
            try:
                done = write_back(self.ctx, self.assessment_id, chosen)
            except FileInTheWay as exc:
                if not self.prompter.confirm(self, "Replace the file?", f"{exc.messages[0]}\n\nReplace it?"):
                    return
                done = write_back(self.ctx, self.assessment_id, chosen, overwrite=True)
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "The workbook was not written", str(exc))
            return
        evidence = ""
        if done.evidence:
            evidence = (f" {_count(done.evidence, 'evidence file')} cannot travel in a workbook: send "
                        f"{'it' if done.evidence == 1 else 'them'} with “Answers with evidence”.")
        self.said.emit(f"Wrote {done.path.name}: {_count(done.answers, 'answer')} and "
                       f"{_count(done.comments, 'comment')}. Send it back to "
                       f"{self.received.metadata['exported_by']}.{evidence}")

    def write_pack(self) -> None:
        """Ask where, and write the answer pack with every evidence file."""
        from fldd.usecases.answer_pack import export_pack
        from fldd.usecases.evidence import list_evidence

        self.flush()
        source = Path(self.received.file_path or self.received.file_name)
        suggested = source.with_name(f"{source.stem} - answers with evidence.zip")
        chosen = self.prompter.save_file(self, "Answers with evidence", str(suggested), "Answer packs (*.zip)")
        if not chosen:
            return
        if Path(chosen).suffix.lower() != ".zip":
            chosen = f"{chosen}.zip"
        try:
            path = export_pack(self.ctx, self.assessment_id, chosen)
            files = len(list_evidence(self.ctx, self.assessment_id))
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "The answer pack was not written", str(exc))
            return
        self.said.emit(f"Wrote {path.name}: the answers, comments and {_count(files, 'evidence file')}.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
