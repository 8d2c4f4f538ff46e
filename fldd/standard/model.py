"""The fldd standard as immutable Python objects: what the loader builds and the engine reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fldd.standard.conditions import Expr

# Text in several languages: language code -> text. The questionnaire's first language is always there.
Text = dict[str, str]

QUESTION_TYPES = ("yesno", "single", "multi", "number", "count", "percent", "money", "date", "text")
CHOICE_TYPES = ("yesno", "single", "multi")
NUMERIC_TYPES = ("number", "count", "percent", "money")
ACTIONS = ("escalate_onsite", "enhanced_dd", "finding")
SEVERITIES = ("priority", "major", "minor")
RATINGS = ("low", "medium", "high", "severe")  # best first
INDICATORS = tuple(range(1, 12))
UNKNOWN = "unknown"
NOT_APPLICABLE = "na"


def pick(text: Text, lang: str, fallback: str = "en") -> str:
    """The text in `lang`, else in the fallback language, else any."""
    if lang in text:
        return text[lang]
    if fallback in text:
        return text[fallback]
    return next(iter(text.values()), "")


@dataclass(frozen=True)
class Where:
    """The file and line a definition comes from, for messages."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Condition:
    """A parsed condition together with its source text and where it was written."""

    text: str
    expr: Expr
    where: Where | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Option:
    """One answer option of a choice question; `risk` None means it does not count."""

    value: str
    label: Text
    risk: int | None
    red_flag: bool = False
    exclusive: bool = False


@dataclass(frozen=True)
class RiskRule:
    """A numeric question's rule: when `condition` holds for the answer, the risk is `risk`."""

    condition: Condition
    risk: int


@dataclass(frozen=True)
class Verification:
    """An on-site data point checking a desktop one; they disagree when `disagree_if` holds."""

    question: str
    disagree_if: Condition | None


@dataclass(frozen=True)
class Check:
    """A question as an item of the auditor's checklist: what to look at, and which answer says it was not
    there to be seen (None: the checklist cannot record "not available" for it)."""

    item: Text
    not_available: str | Decimal | None


@dataclass(frozen=True)
class SampleRule:
    """The smallest sample the protocol asks for (a derived value) against the count sampled, for a site of
    the size a count question gives; a smaller sample needs the auditor's recorded reason."""

    id: str
    done: str
    minimum: str
    of: str
    label: Text
    basis: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """One data point."""

    id: str
    module: str
    type: str
    text: Text
    guidance: Text
    evidence: Text
    required: bool
    show_if: Condition | None
    indicators: tuple[int, ...]
    basis: tuple[str, ...]
    terms: tuple[str, ...]
    options: tuple[Option, ...]
    weight: Decimal
    unit: Text
    minimum: Decimal | None
    maximum: Decimal | None
    risk_rules: tuple[RiskRule, ...]
    red_flag_if: Condition | None
    verifies: Verification | None
    where: Where
    specials: tuple[Option, ...] = ()  # "Don't know" / "Not applicable" on number, date and text questions
    tally: str | None = None  # on-site: computed from interview records (count, yes, median, max)
    tally_of: str | None = None  # median / max of the number recorded under this question id (default: own id)
    ask: Text = field(default_factory=dict)  # interview facts: the question put to one worker, in the singular
    check: Check | None = None  # document review and observation: the question as a checklist item
    fact: str | None = None  # the fact a red-flag answer establishes: red flags count once per fact

    @property
    def record_key(self) -> str:
        """The key under which an interview record holds this question's fact or number."""
        return self.tally_of or self.id

    def option(self, value: str) -> Option | None:
        """The option (or special answer) with this value, if any."""
        for opt in self.options + self.specials:
            if opt.value == value:
                return opt
        return None

    @property
    def scored(self) -> bool:
        """Whether any answer can carry risk points."""
        return bool(self.risk_rules) or any(o.risk is not None for o in self.options + self.specials)


@dataclass(frozen=True)
class Module:
    """A group of questions shown together, possibly skipped as a whole."""

    id: str
    title: Text
    intro: Text
    show_if: Condition | None
    questions: tuple[Question, ...]
    retired: tuple[str, ...]
    where: Where


@dataclass(frozen=True)
class Derived:
    """A named value computed from answers."""

    id: str
    label: Text
    unit: Text
    expr: Condition
    where: Where


@dataclass(frozen=True)
class Table:
    """A lookup grid: lookup('id', row, col)."""

    id: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[str | Decimal, ...], ...]
    where: Where


@dataclass(frozen=True)
class Threshold:
    """A rule that triggers further due diligence or a finding; findings naming one `fact` become one finding."""

    id: str
    title: Text
    condition: Condition
    action: str
    severity: str | None
    remedy: Text
    basis: tuple[str, ...]
    module: str | None
    where: Where
    fact: str | None = None
    plan_days: int | None = None  # the corrective-action plan is due this many days after the assessment
    closure_days: int | None = None  # the work is to be finished this many days after the assessment


@dataclass(frozen=True)
class Fact:
    """One thing established about a site, whichever source shows it: the title of its single finding."""

    id: str
    title: Text
    where: Where


@dataclass(frozen=True)
class Band:
    """Scores at or above `min_score` get `rating` (bands are listed best first)."""

    rating: str
    min_score: Decimal


@dataclass(frozen=True)
class Floor:
    """The rating is at least `rating` while `condition` holds (read after thresholds, so it may count
    findings): a rating never says less than the findings beside it."""

    condition: Condition
    rating: str
    reason: Text


@dataclass(frozen=True)
class Input:
    """A value fldd supplies from outside the answers (risk data, supplier profile)."""

    id: str
    type: str
    label: Text


@dataclass(frozen=True)
class Questionnaire:
    """One tier of the standard, with its modules and rules."""

    id: str
    version: str
    tier: str
    title: Text
    description: Text
    languages: tuple[str, ...]
    validity_months: int
    estimated_minutes: int | None
    verifies: str | None
    modules: tuple[Module, ...]
    inputs: tuple[Input, ...]
    bands: tuple[Band, ...]
    floors: tuple[Floor, ...]
    severity_plan_days: dict[str, int]
    severity_closure_days: dict[str, int]
    derived: tuple[Derived, ...]
    tables: dict[str, Table]
    thresholds: tuple[Threshold, ...]
    where: Where
    sampling: tuple[SampleRule, ...] = ()
    facts: dict[str, Fact] = field(default_factory=dict)
    # what `red_flags` counts: "fact" (one per fact, or per question naming none); "answer" (every red-flag
    # answer, options of one question each counting), as versions released before facts (1.0.0) counted
    red_flags_count: str = "fact"
    content_hash: str = ""
    _by_id: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({q.id: q for m in self.modules for q in m.questions})

    @property
    def ref(self) -> str:
        """`id@version`, as assessments record it."""
        return f"{self.id}@{self.version}"

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question in display order."""
        return tuple(q for m in self.modules for q in m.questions)

    def question(self, qid: str) -> Question | None:
        """The question with this id, if any."""
        return self._by_id.get(qid)

    def plan_days(self, threshold: Threshold, severity: str | None = None) -> int | None:
        """Days until a finding's corrective-action plan is due: the threshold's own, else its severity's."""
        if threshold.plan_days is not None:
            return threshold.plan_days
        return self.severity_plan_days.get(severity or threshold.severity or "")

    def closure_days(self, threshold: Threshold, severity: str | None = None) -> int | None:
        """Days until a finding's corrective action is to be finished: the threshold's own, else its severity's."""
        if threshold.closure_days is not None:
            return threshold.closure_days
        return self.severity_closure_days.get(severity or threshold.severity or "")


@dataclass(frozen=True)
class Term:
    """A glossary entry."""

    id: str
    term: Text
    definition: Text
    see_also: tuple[str, ...]
    basis: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """A citation a question rests on."""

    key: str
    citation: str
    kind: str
    year: int
    check: bool = False


@dataclass(frozen=True)
class Standard:
    """Everything in questionnaires/: the tiers, glossary, sources and shared labels."""

    questionnaires: dict[str, Questionnaire]
    glossary: dict[str, Term]
    sources: dict[str, Source]
    labels: dict[str, dict[str, Text]]
    # released versions frozen in questionnaires/releases (id -> version -> questionnaire); see releases.py
    releases: dict[str, dict[str, Questionnaire]] = field(default_factory=dict)

    def get(self, ref: str) -> Questionnaire | None:
        """A questionnaire by `id` (the current version) or `id@version` (the current one or a released one)."""
        qid, _, version = ref.partition("@")
        found = self.questionnaires.get(qid)
        if not version or (found is not None and found.version == version):
            return found
        return self.releases.get(qid, {}).get(version)

    def versions(self, qid: str) -> list[str]:
        """Every version of a questionnaire this fldd can read and score, oldest first (the last is current)."""
        from fldd.standard.releases import version_key

        known = set(self.releases.get(qid, {}))
        if qid in self.questionnaires:
            known.add(self.questionnaires[qid].version)
        return sorted(known, key=version_key)

    def label(self, section: str, key: str, lang: str = "en") -> str:
        """A shared label (options, ratings, severities, actions, indicators) in `lang`."""
        text = self.labels.get(section, {}).get(str(key))
        return pick(text, lang) if text else str(key)
