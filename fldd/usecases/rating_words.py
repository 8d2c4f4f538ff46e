"""How a rating reads, on every page and in every --json: the one place that words it, so no page can show it
differently. A rating is final only once the assessment is submitted with every required question answered;
before that it reads as what it is, a rating of the answers given so far ("Medium risk so far (62 of 80
answered)"), because unanswered questions carry no risk in the score and an early rating looks better than the
finished one may be.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RATING_WORDS = {"low": "Low risk", "medium": "Medium risk", "high": "High risk", "severe": "Severe risk",
                None: "Not rated"}
FINAL_STATUSES = ("submitted", "under_review", "closed")
SCORE_LEGEND = "Score 0-100: 100 = no risk found in the answers given."
RATING_LEGEND = "Rating: by score band, never better than its findings and red flags."


@dataclass(frozen=True)
class RatingText:
    """A rating as shown: its words, whether it is provisional, and how much was answered for it."""

    rating: str | None
    text: str
    provisional: bool
    answered: int | None
    required: int | None
    short: str = ""  # without the counts, for narrow columns (the whole text goes in their tooltip)

    def facts(self) -> dict[str, Any]:
        """The keys `assessments list/show --json` carry beside the rating."""
        return {"rating_text": self.text, "provisional": self.provisional, "answered": self.answered,
                "required": self.required}


def rating_text(rating: str | None, status: str | None, answered: int | None, required: int | None) -> RatingText:
    """The rating of an assessment in words: final once submitted and complete, else "... so far (n of m
    answered)" (answered and required count the required questions shown)."""
    words = RATING_WORDS.get(rating, rating or RATING_WORDS[None])
    known = answered is not None and required is not None
    complete = not known or answered >= required  # counts unknown (an old record): the status decides
    provisional = status not in FINAL_STATUSES or not complete
    if not provisional:
        return RatingText(rating, words, False, answered, required, words)
    if rating is None:
        words = "Not rated yet"
    parts = [f"{answered} of {required} answered"] if known and required else []
    if status not in FINAL_STATUSES and (complete or not parts):
        parts.append("not submitted")
    detail = ", ".join(parts)
    so_far = words if rating is None else f"{words} so far"
    return RatingText(rating, f"{so_far} ({detail})" if detail else so_far, True, answered, required, so_far)


def of_row(row: dict) -> RatingText:
    """The rating of a listed assessment (a row with rating, status, answered_required and required)."""
    return rating_text(row.get("rating"), row.get("status"), row.get("answered_required"), row.get("required"))


def of_result(result: Any, status: str) -> RatingText:
    """The rating of a live scoring result for an assessment in this status."""
    done = result.completeness
    return rating_text(result.rating, status, done.answered_required, done.required)


def legend(questionnaire: Any = None, lang: str = "en") -> str:
    """What the score and rating mean, told from the questionnaire's own bands and floors (a tooltip's text)."""
    lines = ["Score, 0 to 100: the share of the answers' possible risk that was not found: 100 x (1 - risk points "
             "found / the most the answered questions could carry); each answer carries 0 to 3 risk points, "
             "weighted by its question. 100 means no risk was found in the answers given; questions not yet "
             "answered do not count, so an unfinished assessment can look better than it will be. The rating "
             "starts from the score and is never better than the findings and red flags beside it."]
    if questionnaire is not None and questionnaire.bands:
        from fldd.standard.model import pick

        bands = [f"{RATING_WORDS.get(b.rating, b.rating)} from {b.min_score:g}" for b in questionnaire.bands]
        lines.append("Rating: " + ", ".join(bands) + ".")
        for floor in questionnaire.floors:
            lines.append(f"{RATING_WORDS.get(floor.rating, floor.rating)} or worse when: {pick(floor.reason, lang)}")
    else:
        lines.append("Rating: from the score's bands (Low, Medium, High, Severe); red flags and findings can only "
                     "make it worse.")
    lines.append("Until the assessment is submitted with every required answer, the rating reads 'so far'.")
    return "\n".join(lines)
