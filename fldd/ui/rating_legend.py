"""The one-line legend shown under every rating and score, with the whole legend as its tooltip and behind its
'(?)' link, so what 0-100 means and what sets the rating is never more than a glance away."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QToolTip, QWidget

from fldd.usecases.rating_words import RATING_LEGEND, SCORE_LEGEND, legend

LEGEND_STYLE = "color: #4a5560;"


def legend_label(questionnaire=None, lang: str = "en", parent: QWidget | None = None) -> QLabel:
    """A small grey line: the score's and the rating's meaning; hover or click '(?)' for the whole legend (told
    from the questionnaire's own bands and caps when it is known)."""
    told = legend(questionnaire, lang)
    label = QLabel(f"{SCORE_LEGEND} {RATING_LEGEND} <a href='legend'>(?)</a>", parent)
    label.setObjectName("ratingLegend")
    label.setWordWrap(True)
    label.setStyleSheet(LEGEND_STYLE)
    label.setToolTip(told)
    label.linkActivated.connect(lambda _: QToolTip.showText(label.mapToGlobal(label.rect().bottomLeft()), told,
                                                            label))
    return label
