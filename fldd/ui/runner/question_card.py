"""One question on screen: its text, guidance, terms, editor, inline error, comment and evidence."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QToolButton, QVBoxLayout, QWidget)

from fldd.standard.answers import as_given
from fldd.standard.model import Question, Standard, pick
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.runner.card_parts import GlossaryPopup, card_shortcut, tag
from fldd.ui.runner.question_widgets import AnswerEditor, editor_for
from fldd.ui.runner.value_editors import TextEditor

ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #4a5560;"
COMMENT_LINES = 3
EVIDENCE_ROWS = 3


class QuestionCard(QFrame):
    """A question card; it shows and collects, the runner page saves (through the signals)."""

    comment_finished = Signal(str, str)  # question id, comment text
    evidence_add = Signal(str)  # question id
    evidence_remove = Signal(str, int)  # question id, evidence id

    def __init__(self, question: Question, number: str, lang: str, standard: Standard, currency: str = "USD",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = lang
        self.standard = standard
        self.setObjectName("questionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.popup: GlossaryPopup | None = None
        self.comment_edit: QPlainTextEdit | None = None
        self.evidence_list: _EvidenceList | None = None
        self.guidance_text: QLabel | None = None
        self._comment_shown = ""
        self._read_only = False

        self.number = QLabel(f"<b>{number}</b>" + (" <span style='color:#b00020'>*</span>"
                                                    if question.required else ""))
        self.number.setToolTip("Required" if question.required else "Optional")
        self.number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text = QLabel(pick(question.text, lang))
        self.text.setWordWrap(True)
        self.text.setToolTip(self._basis_tooltip())
        self.tags = [tag(f"ILO {n}", f"ILO forced-labour indicator {n}: {standard.label('indicators', n, lang)}")
                     for n in question.indicators]
        self.editor: AnswerEditor = editor_for(question, lang, currency)
        self.note = QLabel()
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.hide()
        self.error = QLabel()
        self.error.setObjectName("answerError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.guidance = QToolButton()
        self.guidance.setText("&Guidance")
        self.guidance.setCheckable(True)
        self.guidance.setArrowType(Qt.ArrowType.RightArrow)
        self.guidance.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance.setAutoRaise(True)
        self.guidance.setToolTip("Show what the question means and what evidence is expected (Alt+G)")
        self.terms = QLabel(self._terms_html())
        self.terms.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.terms.setWordWrap(True)  # several long terms must not make the card wider than the column
        self.terms.setToolTip("Click a term for its definition (Alt+T shows them all)")
        if not question.terms:
            self.terms.hide()  # hide(), never show() before the card has a parent: it would open a window
        self.comment_button = QPushButton("Co&mment")
        self.comment_button.setToolTip("Add a comment to this answer (Alt+M)")
        self.evidence_button = QPushButton("&Evidence…")
        self.evidence_button.setToolTip("Attach a file as evidence for this answer (Alt+E)")
        self.evidence_count = QLabel()
        self.evidence_count.setStyleSheet(NOTE_STYLE)
        for button in (self.guidance, self.comment_button, self.evidence_button):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes from answer to answer

        head = QHBoxLayout()
        head.setSpacing(SPACING)
        head.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.text, 1)
        tools = QHBoxLayout()
        tools.setSpacing(SPACING)
        tools.addWidget(self.guidance)
        tools.addWidget(self.terms, 1)
        for item in self.tags:
            tools.addWidget(item)
        tools.addSpacing(SPACING)
        tools.addWidget(self.evidence_count)
        tools.addWidget(self.comment_button)
        tools.addWidget(self.evidence_button)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(MARGIN, MARGIN * 3 // 4, MARGIN, MARGIN // 2)
        self.body.setSpacing(SPACING)
        self.body.addLayout(head)
        self.body.addWidget(self.editor)
        self.body.addWidget(self.note)
        self.body.addWidget(self.error)
        self.body.addLayout(tools)
        self.setLayout(self.body)

        self.guidance.toggled.connect(self._toggle_guidance)
        self.terms.linkActivated.connect(lambda term_id: self.show_terms([term_id], self.terms))
        self.comment_button.clicked.connect(self.open_comment)
        self.evidence_button.clicked.connect(lambda: self.evidence_add.emit(self.question.id))
        card_shortcut(self, "G", self.guidance)
        card_shortcut(self, "M", self.comment_button)
        card_shortcut(self, "E", self.evidence_button)
        if question.terms:
            terms_key = QPushButton(self)  # an invisible button gives Alt+T a target
            terms_key.hide()
            terms_key.clicked.connect(lambda: self.show_terms(list(self.question.terms), self.terms))
            card_shortcut(self, "T", terms_key)

    # --- what the card shows -------------------------------------------------------------------------

    def _basis_tooltip(self) -> str:
        citations = [self.standard.sources[key].citation if key in self.standard.sources else key
                     for key in self.question.basis]
        return "Based on:\n" + "\n".join(f"• {c}" for c in citations) if citations else ""

    def _terms_html(self) -> str:
        links = []
        for term_id in self.question.terms:
            term = self.standard.glossary.get(term_id)
            if term is not None:
                links.append(f"<a href='{term_id}'>{html.escape(pick(term.term, self.lang))}</a>")
        return "<small>" + " · ".join(links) + "</small>"

    def _toggle_guidance(self, shown: bool) -> None:
        self.guidance.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if self.guidance_text is None:
            parts = [html.escape(pick(self.question.guidance, self.lang)).replace("\n\n", "<br><br>")]
            if self.question.evidence:
                parts.append(f"<b>Evidence to keep:</b> {html.escape(pick(self.question.evidence, self.lang))}")
            self.guidance_text = QLabel("<br><br>".join(p for p in parts if p))
            self.guidance_text.setObjectName("guidanceText")
            self.guidance_text.setWordWrap(True)
            self.guidance_text.setTextFormat(Qt.TextFormat.RichText)
            self.guidance_text.setStyleSheet("background: #f5f7fa; padding: 6px; border-radius: 4px;")
            self.body.insertWidget(self.body.indexOf(self.editor), self.guidance_text)
        self.guidance_text.setVisible(shown)

    def show_terms(self, term_ids: list[str], anchor: QWidget) -> None:
        """Open the definitions of these glossary terms next to `anchor`."""
        terms = [self.standard.glossary[t] for t in term_ids if t in self.standard.glossary]
        if not terms:
            return
        self.popup = GlossaryPopup(terms, self.lang, self)
        self.popup.show_at(anchor)

    def set_error(self, message: str | None) -> None:
        """A red message under the answer (None clears it)."""
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def set_note(self, message: str | None) -> None:
        """A grey note under the answer, e.g. where the answer comes from."""
        self.note.setText(message or "")
        self.note.setVisible(bool(message))

    def set_read_only(self, read_only: bool) -> None:
        """Shown, not changeable: the editor, comment and evidence buttons."""
        self.editor.set_read_only(read_only)
        self.comment_button.setEnabled(not read_only or bool(self._comment_shown))
        self.evidence_button.setEnabled(not read_only)
        if self.comment_edit is not None:
            self.comment_edit.setReadOnly(read_only)
        self._read_only = read_only

    # --- comment ---------------------------------------------------------------------------------------

    def set_comment(self, text: str) -> None:
        """Show a stored comment (the field opens when there is one)."""
        self._comment_shown = text or ""
        if text:
            self._ensure_comment().setPlainText(text)
            self.comment_edit.show()
        elif self.comment_edit is not None:
            self.comment_edit.setPlainText("")
            self.comment_edit.hide()

    def open_comment(self) -> None:
        """Show the comment field and put the cursor in it."""
        edit = self._ensure_comment()
        edit.show()
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _ensure_comment(self) -> QPlainTextEdit:
        if self.comment_edit is None:
            self.comment_edit = QPlainTextEdit()
            self.comment_edit.setObjectName("comment")
            self.comment_edit.setPlaceholderText("Comment (saved as you type)")
            self.comment_edit.setTabChangesFocus(True)
            line = self.comment_edit.fontMetrics().lineSpacing()
            self.comment_edit.setFixedHeight(line * COMMENT_LINES + 12)
            self.comment_edit.setReadOnly(self._read_only)
            self.comment_edit.hide()
            self.body.addWidget(self.comment_edit)
            last = self.editor.focus_widgets()[-1:] or [self.editor]
            QWidget.setTabOrder(last[0], self.comment_edit)
            self.comment_edit.installEventFilter(self)
            self.comment_pause = QTimer(self)
            self.comment_pause.setSingleShot(True)
            self.comment_pause.setInterval(TextEditor.DEBOUNCE_MS)
            self.comment_pause.timeout.connect(self.save_comment)
            self.comment_edit.textChanged.connect(self._comment_typed)
        return self.comment_edit

    def _comment_typed(self) -> None:
        if self.comment_edit.hasFocus():  # typed, not loaded
            self.comment_pause.start()

    def save_comment(self) -> None:
        """Hand the comment on to be saved, if it changed."""
        if self.comment_edit is None or self.comment_edit.isReadOnly():
            return
        self.comment_pause.stop()
        text = as_given(self.comment_edit.toPlainText())  # a leading tab stays: never a formula
        if text != self._comment_shown:
            self._comment_shown = text
            self.comment_finished.emit(self.question.id, text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Leaving the comment field saves it (so does a pause in typing)."""
        if watched is self.comment_edit and event.type() == QEvent.Type.FocusOut:
            self.save_comment()
        return False

    # --- evidence --------------------------------------------------------------------------------------

    def set_evidence(self, rows: list[dict]) -> None:
        """Show the files attached to this answer."""
        self.evidence_count.setText(f"{len(rows)} file{'s' if len(rows) != 1 else ''}" if rows else "")
        if not rows and self.evidence_list is None:
            return
        if self.evidence_list is None:
            self.evidence_list = _EvidenceList()
            self.evidence_list.setObjectName("evidenceList")
            self.evidence_list.setToolTip("Press Delete to remove the selected file")
            self.evidence_remove_button = QPushButton("Remo&ve file")
            self.evidence_remove_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            row = QHBoxLayout()
            row.addWidget(self.evidence_list, 1)
            row.addWidget(self.evidence_remove_button, 0, Qt.AlignmentFlag.AlignTop)
            self.body.addLayout(row)
            QWidget.setTabOrder(self.comment_edit or (self.editor.focus_widgets()[-1:] or [self.editor])[0],
                                self.evidence_list)
            self.evidence_list.delete_pressed.connect(self._remove_selected)
            self.evidence_remove_button.clicked.connect(self._remove_selected)
            card_shortcut(self, "V", self.evidence_remove_button)
        self.evidence_list.clear()
        for item in rows:
            entry = QListWidgetItem(f"{item['file_name']}  ·  {_size(item['size'])}  ·  sha256 {item['sha256'][:12]}…")
            entry.setData(Qt.ItemDataRole.UserRole, item["id"])
            entry.setToolTip(f"{item['file_name']}\nsha256 {item['sha256']}\nadded by {item['added_by']} "
                             f"on {item['added_at'][:10]}")
            self.evidence_list.addItem(entry)
        height = self.evidence_list.sizeHintForRow(0) if rows else 0
        self.evidence_list.setFixedHeight(height * min(len(rows), EVIDENCE_ROWS) + 6)
        self.evidence_list.setVisible(bool(rows))
        self.evidence_remove_button.setVisible(bool(rows))
        if rows:
            self.evidence_list.setCurrentRow(0)

    def _remove_selected(self) -> None:
        item = self.evidence_list.currentItem() if self.evidence_list is not None else None
        if item is not None and self.evidence_button.isEnabled():
            self.evidence_remove.emit(self.question.id, int(item.data(Qt.ItemDataRole.UserRole)))


class _EvidenceList(QListWidget):
    """The files of one answer; Delete asks to remove the selected one."""

    delete_pressed = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
        else:
            super().keyPressEvent(event)


def _size(size: int) -> str:
    """A file size a person reads at a glance."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
