"""The workspace's choices: role, language of content, backup reminder, first run done."""

from __future__ import annotations

import pytest

from fldd.store import settings
from fldd.usecases.assessments import start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.errors import Rejected
from fldd.usecases.preferences import (
    content_languages,
    mark_set_up,
    needs_first_run,
    preferences,
    save_preferences,
)
from fldd.usecases.suppliers import add_supplier


def test_a_new_workspace_has_defaults_and_needs_its_first_run(ctx):
    prefs = preferences(ctx)
    assert (prefs.role, prefs.language, prefs.backup_reminder_days, prefs.setup_done) == ("buyer", "en", 30, False)
    assert needs_first_run(ctx)
    mark_set_up(ctx)
    assert not needs_first_run(ctx)
    assert preferences(ctx).setup_done


def test_a_workspace_used_before_first_run_existed_is_never_asked(ctx):
    add_supplier(ctx, "Old Mill Ltd", "GB")
    assert not needs_first_run(ctx)
    assert settings.get(ctx.store, "setup_done") == "1"


def test_choices_are_kept_in_the_database_and_read_by_the_next_opening(ctx, tmp_path):
    save_preferences(ctx, role="auditor", language="es", backup_reminder_days=7)
    assert ctx.role == "auditor"
    path = ctx.store.path
    ctx.close()
    again = open_context(path)
    try:
        prefs = preferences(again)
        assert (again.role, prefs.language, prefs.backup_reminder_days) == ("auditor", "es", 7)
    finally:
        again.close()


def test_values_not_offered_are_refused_naming_each_and_nothing_is_saved(ctx):
    with pytest.raises(Rejected) as refused:
        save_preferences(ctx, role="admin", language="xx", backup_reminder_days=12)
    words = str(refused.value)
    assert "'admin'" in words and "'xx'" in words and "12 days" in words
    assert preferences(ctx) == preferences(ctx).__class__("buyer", "en", 30, False)


def test_languages_offered_are_those_the_questionnaires_come_in_english_first(ctx):
    codes = [code for code, _ in content_languages(ctx)]
    assert codes[0] == "en" and "es" in codes
    assert dict(content_languages(ctx))["es"] == "Español"


def test_a_new_assessment_starts_in_the_workspace_language(ctx):
    supplier = add_supplier(ctx, "Textiles del Sur", "PE")
    save_preferences(ctx, language="es")
    from fldd.store import assessments as store_assessments

    first = start_assessment(ctx, supplier, "fldd-desktop")
    assert store_assessments.get(ctx.store, first).language == "es"
    second = start_assessment(ctx, supplier, "fldd-desktop", language="en")  # asked for: kept
    assert store_assessments.get(ctx.store, second).language == "en"
