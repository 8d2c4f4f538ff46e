"""The live result on the right: rating, score, completeness, indicator and module risk, and every trigger with
the answers that made it fire (click one to go to its question)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QProgressBar, QStyledItemDelegate,
                               QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from fldd.standard.model import Questionnaire, Standard, pick
from fldd.standard.result import Result
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.rating_legend import legend_label
from fldd.ui.runner.wording import answer_text, short
from fldd.ui.theme import (ACTION_WORDS, RATING_COLOURS, RISK_COLOURS, RISK_WORDS, SEVERITY_COLOURS, SEVERITY_WORDS,
                           badge_style)
from fldd.usecases.rating_words import of_result

ROLE_QUESTION = Qt.ItemDataRole.UserRole  # the question a row points at (click navigates there)
ROLE_KEY = Qt.ItemDataRole.UserRole + 1  # a trigger's id, to keep its row open across updates
WORD_COLUMN_WIDTH = 112
MAX_BECAUSE = 8  # a rule can read dozens of answers ("incomplete"): the first few, then a count
NO_COLOUR = QBrush()
TEXT_MARGINS = 7  # what the style takes off a cell's width before it lays out the text
OPEN_WITH_REASONS_UP_TO = 3  # findings show their reasons at once, unless there are too many to read
SEVERITY_ORDER = {"priority": 0, "major": 1, "minor": 2}
ACTION_COLOUR = "#dbe8fb"  # escalations and enhanced due diligence: not a severity, so not a severity colour


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text (QTreeView sizes rows without knowing the column width)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:  # noqa: N802 - Qt override
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        if index.column() == 0 and self.tree.isFirstColumnSpanned(index.row(), index.parent()):
            width = self.tree.viewport().width() - self.tree.indentation() * (depth + 1)
        else:
            width = self.tree.columnWidth(index.column()) - (self.tree.indentation() * (depth + 1)
                                                             if index.column() == 0 else 0)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, max(width - TEXT_MARGINS, 40), 10_000),
                                                 int(Qt.TextFlag.TextWordWrap), text)
        return QSize(width, max(bounds.height(), option.fontMetrics.height()) + 6)


class ResultPanel(QWidget):
    """Updated after every answer; only the rows that change are touched."""

    go_to_question = Signal(str)

    def __init__(self, questionnaire: Questionnaire, standard: Standard, number: dict[str, str], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.q = questionnaire
        self.standard = standard
        self.number = number
        self.lang = lang
        self._signatures: dict[str, tuple] = {}
        self.setMinimumWidth(280)

        self.rating = QLabel()
        self.rating.setObjectName("rating")
        font = self.rating.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.rating.setFont(font)
        self.rating.setWordWrap(True)  # "High risk so far (96 of 96 answered, not submitted)" fits a narrow panel
        self.score = QLabel()
        self.score.setObjectName("score")
        self.legend = legend_label(questionnaire, lang)
        for widget in (self.rating, self.score):
            widget.setToolTip(self.legend.toolTip())
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("color: #3a4450;")
        self.notes = QLabel()  # how the result was reached where it is not obvious: a fee converted at a rate
        self.notes.setObjectName("resultNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #3a4450; font-style: italic;")
        self.completeness = QLabel()
        self.completeness.setObjectName("completeness")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.tree = QTreeWidget()
        self.tree.setObjectName("resultTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(WrapDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, WORD_COLUMN_WIDTH)
        self.sections = {key: self._section(title) for key, title in (
            ("triggers", "Triggers"), ("red_flags", "Red flags"), ("mismatches", "Mismatches with the declaration"),
            ("indicators", "ILO forced-labour indicators"), ("modules", "Risk by module"))}
        self.sections["mismatches"].setHidden(questionnaire.verifies is None)
        self.indicator_rows = {n: self._row(self.sections["indicators"], f"{n}. {standard.label('indicators', n, lang)}")
                               for n in range(1, 12)}
        self.module_rows = {m.id: self._row(self.sections["modules"], pick(m.title, lang)) for m in questionnaire.modules}
        for section in self.sections.values():
            section.setExpanded(True)

        heading = QVBoxLayout()  # a layout, not a widget of its own: wrapped lines then get the height they need
        heading.setContentsMargins(0, 0, 0, 0)
        heading.setSpacing(SPACING // 2)
        for widget in (self.rating, self.score, self.legend, self.reasons, self.notes, self.completeness, self.bar):
            heading.addWidget(widget)
        layout = QVBoxLayout()
        layout.setContentsMargins(MARGIN // 2, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addLayout(heading)
        layout.addWidget(self.tree, 1)
        self.setLayout(layout)

        header.sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)

    def _section(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        item.setFirstColumnSpanned(True)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setData(0, Qt.ItemDataRole.UserRole + 2, title)
        return item

    def _row(self, parent: QTreeWidgetItem, text: str, word: str = "", colour: str | None = None,
             question: str | None = None, tooltip: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text, word])
        self._paint(item, word, colour)
        item.setToolTip(0, tooltip or text)
        if question:
            item.setData(0, ROLE_QUESTION, question)
        return item

    def _line(self, parent: QTreeWidgetItem, text: str, colour: str | None = None, question: str | None = None,
              tooltip: str = "") -> QTreeWidgetItem:
        """A row across the whole width, wrapped; on a coloured ground when `colour` is given."""
        item = QTreeWidgetItem(parent, [text])
        item.setFirstColumnSpanned(True)
        if colour:
            item.setBackground(0, QBrush(QColor(colour)))
            item.setForeground(0, QBrush(QColor("#1a1a1a")))
        item.setToolTip(0, tooltip or text)
        if question:
            item.setData(0, ROLE_QUESTION, question)
        return item

    @staticmethod
    def _paint(item: QTreeWidgetItem, word: str, colour: str | None) -> None:
        item.setText(1, word)
        item.setBackground(1, QBrush(QColor(colour)) if colour else NO_COLOUR)
        item.setForeground(1, QBrush(QColor("#1a1a1a")) if colour else NO_COLOUR)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        qid = item.data(0, ROLE_QUESTION)
        if qid:
            self.go_to_question.emit(qid)

    # --- updating --------------------------------------------------------------------------------------

    def update_result(self, result: Result, status: str = "draft") -> None:
        """Show a new result of an assessment in this status (provisional until submitted complete)."""
        self.rating.setText(of_result(result, status).text)
        self.rating.setStyleSheet(badge_style(RATING_COLOURS.get(result.rating, "#e6e8eb")))
        self.score.setText(f"Score {result.score:.0f} / 100" if result.score is not None else "Score: not yet")
        self.reasons.setText(" ".join(result.rating_reasons))
        self.reasons.setVisible(bool(result.rating_reasons))
        self.notes.setText("\n".join(f"Note: {note}." for note in result.notes))
        self.notes.setVisible(bool(result.notes))
        done = result.completeness
        self.completeness.setText(f"Complete: {done.percent:.0f}% ({done.answered_required} of {done.required} "
                                  "required answers)")
        self.bar.setValue(int(done.percent * 10))
        for n, item in self.indicator_rows.items():
            summary = result.indicators.get(n)
            risk = summary.risk if summary else None
            self._paint(item, RISK_WORDS.get(risk, "—"), RISK_COLOURS.get(risk))
        for mid, item in self.module_rows.items():
            summary = result.modules.get(mid)
            risk = summary.risk if summary else None
            self._paint(item, RISK_WORDS.get(risk, "—"), RISK_COLOURS.get(risk))
        self._fill("triggers", tuple((t.id, t.action, t.severity, t.plan_days, t.closure_days, tuple(t.because),
                                      tuple(e.threshold for e in t.sources),
                                      tuple(sorted((k, str(v)) for k, v in t.values.items())))
                                     for t in result.triggers), lambda: self._triggers(result))
        self._fill("red_flags", tuple((f.question, str(f.value)) for f in result.red_flags),
                   lambda: self._red_flags(result))
        self._fill("mismatches", tuple((m.question, str(m.answer), str(m.declared)) for m in result.mismatches),
                   lambda: self._mismatches(result))

    def _fill(self, key: str, signature: tuple, build) -> None:
        """Rebuild a section's rows only when what they show changed; open rows stay open."""
        if self._signatures.get(key) == signature:
            return
        self._signatures[key] = signature
        section = self.sections[key]
        opened = {section.child(i).data(0, ROLE_KEY) for i in range(section.childCount())
                  if section.child(i).isExpanded()}
        section.takeChildren()
        build()
        title = section.data(0, Qt.ItemDataRole.UserRole + 2)
        section.setText(0, f"{title} ({section.childCount()})")
        for i in range(section.childCount()):
            child = section.child(i)
            if child.data(0, ROLE_KEY) in opened:
                child.setExpanded(True)

    def _triggers(self, result: Result) -> None:
        section = self.sections["triggers"]
        ordered = sorted(result.triggers, key=lambda t: (t.action != "finding", SEVERITY_ORDER.get(t.severity, 3)))
        for trigger in ordered:
            action = ACTION_WORDS.get(trigger.action, trigger.action)
            if trigger.action == "finding" and trigger.severity:
                word = f"{SEVERITY_WORDS[trigger.severity]} finding ({_days(trigger)})"
                colour = SEVERITY_COLOURS[trigger.severity]
            else:
                word, colour = action, ACTION_COLOUR
            item = self._line(section, f"{word}: {trigger.title}", colour,
                              tooltip=f"{action}: {trigger.title}\nRule: {trigger.rule}"
                                      + (f"\n{_deadline(trigger)}" if _deadline(trigger) else "")
                                      + (f"\n\n{trigger.remedy}" if trigger.remedy else ""))
            item.setData(0, ROLE_KEY, trigger.id)
            if len(trigger.sources) > 1:  # one fact, several sources: say each before the answers
                for source in trigger.sources:
                    words = SEVERITY_WORDS.get(source.severity, "")
                    self._line(item, f"seen in: {source.title}" + (f" ({words})" if words else ""),
                               tooltip=f"Rule: {source.rule}")
            for name in trigger.because[:MAX_BECAUSE]:
                self._because(item, name, trigger.values.get(name))
            if len(trigger.because) > MAX_BECAUSE:
                self._line(item, f"… and {len(trigger.because) - MAX_BECAUSE} more")
            if trigger.action == "finding" and len(trigger.because) <= OPEN_WITH_REASONS_UP_TO:
                item.setExpanded(True)

    def _because(self, parent: QTreeWidgetItem, name: str, value) -> None:
        question = self.q.question(name)
        if question is None:  # an input from outside the answers (inherent risk)
            label = next((pick(i.label, self.lang) for i in self.q.inputs if i.id == name), name)
            self._line(parent, f"because {label} → {value}")
            return
        text = f"because {self.number.get(name, '')} {short(pick(question.text, self.lang), 100)} " \
               f"→ {answer_text(question, value, self.lang)}"
        self._line(parent, text, question=name,
                   tooltip=f"{pick(question.text, self.lang)}\nAnswer: {answer_text(question, value, self.lang)}"
                          "\n(click to go to the question)")

    def _red_flags(self, result: Result) -> None:
        for flag in result.red_flags:
            question = self.q.question(flag.question)
            text = f"{self.number.get(flag.question, '')} {short(pick(question.text, self.lang), 100)}: " \
                   f"{answer_text(question, flag.value, self.lang)}"
            self._line(self.sections["red_flags"], f"Red flag: {text}", RISK_COLOURS[3], question=flag.question,
                       tooltip=flag.reason or text)

    def _mismatches(self, result: Result) -> None:
        desktop = self.standard.get(self.q.verifies) if self.q.verifies else None
        for mismatch in result.mismatches:
            question = self.q.question(mismatch.question)
            declared_q = desktop.question(mismatch.verifies) if desktop else None
            text = f"{self.number.get(mismatch.question, '')} {short(pick(question.text, self.lang), 60)} " \
                   f"→ found {answer_text(question, mismatch.answer, self.lang)}, " \
                   f"declared {answer_text(declared_q, mismatch.declared, self.lang)}"
            self._line(self.sections["mismatches"], f"Mismatch: {text}", RISK_COLOURS[3], question=mismatch.question)

    # --- for tests and the page ---------------------------------------------------------------------------

    def trigger_ids(self) -> list[str]:
        """The triggers shown, in order."""
        section = self.sections["triggers"]
        return [section.child(i).data(0, ROLE_KEY) for i in range(section.childCount())]

    def trigger_item(self, trigger_id: str) -> QTreeWidgetItem | None:
        """The row of one trigger."""
        section = self.sections["triggers"]
        return next((section.child(i) for i in range(section.childCount())
                     if section.child(i).data(0, ROLE_KEY) == trigger_id), None)


def _days(trigger) -> str:
    """'plan in 7 days, closure in 90': the two deadlines of a finding, counted from the assessment date."""
    words = f"plan in {trigger.plan_days} days" if trigger.plan_days else ""
    if trigger.closure_days:
        words += (", " if words else "") + f"closure in {trigger.closure_days}"
    return words or "no deadline"


def _deadline(trigger) -> str:
    """The finding's two deadlines as dates when the assessment date is known, else in days."""
    if trigger.plan_due:
        text = f"Corrective-action plan due by {trigger.plan_due.isoformat()}"
        return text + (f"; work finished by {trigger.closure_due.isoformat()}" if trigger.closure_due else "")
    if trigger.plan_days:
        text = f"Corrective-action plan due {trigger.plan_days} days after the assessment"
        return text + (f"; work finished within {trigger.closure_days} days" if trigger.closure_days else "")
    return ""
