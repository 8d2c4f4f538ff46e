"""What the person chose for this workspace: their role, the language of content, the backup reminder, and
whether the first-run set-up is done. Kept in the database's settings, so a workspace moved or restored keeps
them; the database's place and the backup folder live in app_config (they must be known before it opens)."""

from __future__ import annotations

from dataclasses import dataclass

from fldd.store import portfolio, settings
from fldd.usecases.context import ROLES, AppContext
from fldd.usecases.errors import Rejected

ROLE_KEY = "role"
LANGUAGE_KEY = "language"
REMINDER_KEY = "backup_reminder_days"
SETUP_KEY = "setup_done"
DEFAULT_LANGUAGE = "en"
DEFAULT_REMINDER_DAYS = 30
REMINDER_CHOICES = (7, 30, 90, 0)  # 0: never remind
# Names of the languages questionnaires may come in, in their own words (what a person looks for in a list).
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "zh": "中文", "th": "ไทย", "ar": "العربية",
                  "pt": "Português", "id": "Bahasa Indonesia", "vi": "Tiếng Việt", "ms": "Bahasa Melayu",
                  "bn": "বাংলা", "hi": "हिन्दी", "ne": "नेपाली", "my": "မြန်မာ", "km": "ខ្មែរ", "tr": "Türkçe"}


@dataclass(frozen=True)
class Preferences:
    """role: supplier, auditor or buyer; language: the code questionnaires, workbooks and reports start in;
    backup_reminder_days: remind when the last backup is older (0: never); setup_done: first run finished."""

    role: str
    language: str
    backup_reminder_days: int
    setup_done: bool


def preferences(ctx: AppContext) -> Preferences:
    """The workspace's choices, with defaults for what was never chosen."""
    days = settings.get(ctx.store, REMINDER_KEY, str(DEFAULT_REMINDER_DAYS))
    return Preferences(role=ctx.role, language=settings.get(ctx.store, LANGUAGE_KEY, DEFAULT_LANGUAGE),
                       backup_reminder_days=int(days) if days.isdigit() else DEFAULT_REMINDER_DAYS,
                       setup_done=settings.get(ctx.store, SETUP_KEY) == "1")


def content_languages(ctx: AppContext) -> list[tuple[str, str]]:
    """(code, name) of every language the shipped questionnaires come in, English first."""
    codes = {lang for q in ctx.standard.questionnaires.values() for lang in q.languages}
    ordered = sorted(codes, key=lambda c: (c != DEFAULT_LANGUAGE, LANGUAGE_NAMES.get(c, c)))
    return [(c, LANGUAGE_NAMES.get(c, c)) for c in ordered]


def save_preferences(ctx: AppContext, *, role: str | None = None, language: str | None = None,
                     backup_reminder_days: int | None = None) -> Preferences:
    """Change any of the choices (None: keep); Rejected names a value that is not offered."""
    problems = []
    if role is not None and role not in ROLES:
        problems.append(f"role: '{role}' is not {', '.join(ROLES[:-1])} or {ROLES[-1]}")
    if language is not None and language not in dict(content_languages(ctx)):
        problems.append(f"language: no questionnaire comes in '{language}' "
                        f"(they come in: {', '.join(c for c, _ in content_languages(ctx))})")
    if backup_reminder_days is not None and backup_reminder_days not in REMINDER_CHOICES:
        problems.append(f"backup reminder: {backup_reminder_days} days is not one of "
                        f"{', '.join(map(str, REMINDER_CHOICES))}")
    if problems:
        raise Rejected(problems)
    with ctx.store.write():
        if role is not None:
            settings.put(ctx.store, ROLE_KEY, role)
        if language is not None:
            settings.put(ctx.store, LANGUAGE_KEY, language)
        if backup_reminder_days is not None:
            settings.put(ctx.store, REMINDER_KEY, str(backup_reminder_days))
    if role is not None:
        ctx.role = role
    return preferences(ctx)


def needs_first_run(ctx: AppContext) -> bool:
    """True for a workspace never set up: no first run finished and nothing in it yet. A database used before
    first run existed (it has suppliers) is marked set up instead, so nobody is asked twice."""
    if settings.get(ctx.store, SETUP_KEY) == "1":
        return False
    if portfolio.counts_any(ctx.store):
        mark_set_up(ctx)
        return False
    return True


def mark_set_up(ctx: AppContext) -> None:
    """First run is done (or not needed): it will not be shown again for this workspace."""
    settings.put(ctx.store, SETUP_KEY, "1")


def language_for(ctx: AppContext, languages: tuple[str, ...] | list[str]) -> str:
    """The workspace's language when a questionnaire comes in it, else that questionnaire's first language."""
    chosen = settings.get(ctx.store, LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return chosen if chosen in languages else languages[0]
