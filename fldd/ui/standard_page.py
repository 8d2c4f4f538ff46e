"""The shipped standard at a glance: the questionnaires, their modules and thresholds, and the glossary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem

from fldd.standard.model import pick
from fldd.ui.layout import page_heading, vbox
from fldd.ui.page import Page


class StandardPage(Page):
    """Browse what fldd asks and why: each question with its basis, and each key term."""

    title = "Standard"

    def __init__(self, ctx, prompter, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.heading = page_heading("The fldd standard")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Questionnaires, modules and questions"])
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 600])

        self.setLayout(vbox(self.heading, splitter, stretch=(0, 1)))

        self.tree.currentItemChanged.connect(self._show)
        self._filled = False
        self.refresh()

    def refresh(self) -> None:
        """Fill the tree once (the standard does not change while the app runs)."""
        if self._filled:
            return
        self._filled = True
        standard = self.ctx.standard
        for q in standard.questionnaires.values():
            top = QTreeWidgetItem([f"{pick(q.title, 'en')} ({q.id} {q.version})"])
            top.setData(0, Qt.ItemDataRole.UserRole, ("questionnaire", q.id))
            self.tree.addTopLevelItem(top)
            for module in q.modules:
                node = QTreeWidgetItem([pick(module.title, "en")])
                node.setData(0, Qt.ItemDataRole.UserRole, ("module", q.id, module.id))
                top.addChild(node)
                for question in module.questions:
                    leaf = QTreeWidgetItem([f"{question.id}: {pick(question.text, 'en')}"])
                    leaf.setData(0, Qt.ItemDataRole.UserRole, ("question", q.id, question.id))
                    node.addChild(leaf)
        glossary = QTreeWidgetItem([f"Glossary ({len(standard.glossary)} terms)"])
        self.tree.addTopLevelItem(glossary)
        for term in standard.glossary.values():
            leaf = QTreeWidgetItem([pick(term.term, "en")])
            leaf.setData(0, Qt.ItemDataRole.UserRole, ("term", term.id))
            glossary.addChild(leaf)
        self.tree.expandToDepth(0)
        self.tree.setCurrentItem(self.tree.topLevelItem(0))  # the right-hand side never starts empty

    def _show(self, item: QTreeWidgetItem | None) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if not data:
            self.detail.clear()
            return
        standard = self.ctx.standard
        if data[0] == "term":
            term = standard.glossary[data[1]]
            self.detail.setHtml(f"<h3>{pick(term.term, 'en')}</h3><p>{pick(term.definition, 'en')}</p>")
            return
        q = standard.questionnaires[data[1]]
        if data[0] == "questionnaire":
            self.detail.setHtml(f"<h3>{pick(q.title, 'en')}</h3><p>{pick(q.description, 'en')}</p>"
                                f"<p>{len(q.questions)} questions, {len(q.thresholds)} thresholds; results are "
                                f"valid for {q.validity_months} months. Languages: {', '.join(q.languages)}.</p>"
                                + _earlier(standard.versions(q.id)[:-1]))
        elif data[0] == "module":
            module = next(m for m in q.modules if m.id == data[2])
            rules = [t for t in q.thresholds if t.module == module.id]
            items = "".join(f"<li><b>{pick(t.title, 'en')}</b> ({t.action}{', ' + t.severity if t.severity else ''})"
                            f"<br><code>{t.condition.text}</code></li>" for t in rules)
            self.detail.setHtml(f"<h3>{pick(module.title, 'en')}</h3><p>{pick(module.intro, 'en')}</p>"
                                f"<h4>Thresholds</h4><ul>{items or '<li>none</li>'}</ul>")
        else:
            question = q.question(data[2])
            basis = "".join(f"<li>{standard.sources[k].citation}</li>" for k in question.basis if k in standard.sources)
            indicators = ", ".join(standard.label("indicators", n) for n in question.indicators) or "—"
            self.detail.setHtml(
                f"<h3>{pick(question.text, 'en')}</h3><p><i>{question.id} · {question.type}</i></p>"
                f"<p>{pick(question.guidance, 'en')}</p><p><b>Evidence:</b> {pick(question.evidence, 'en') or '—'}</p>"
                f"<p><b>ILO indicators:</b> {indicators}</p>"
                f"<p><b>Shown if:</b> {question.show_if.text if question.show_if else 'always'}</p>"
                f"<h4>Basis</h4><ul>{basis}</ul>")


def _earlier(versions: list[str]) -> str:
    """The released versions before the current one, which assessments answered on them keep."""
    if not versions:
        return ""
    return (f"<p>Earlier versions this fldd still reads: {', '.join(versions)}. Assessments answered on them are "
            "shown and scored by their own rules until they are moved to the current version.</p>")
