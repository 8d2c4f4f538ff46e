"""Places fldd must never keep the person's work in, as the person who upgrades or uninstalls would check: the
app's own folder (an update or uninstall replaces it whole) is refused for the database and the backups, and a
backup folder on the same disk as the database is allowed but warned about."""

from __future__ import annotations

import sys

import pytest

from fldd import paths
from fldd.usecases import backup, safe_places
from fldd.usecases.context import open_context
from fldd.usecases.errors import Rejected


def test_a_source_checkout_has_no_app_folder(tmp_path, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.app_folder() is None
    assert not paths.inside_app_folder(tmp_path)


def test_the_bundle_folder_and_everything_under_it_is_the_app_folder(installed, tmp_path):
    assert paths.app_folder() == installed
    assert paths.inside_app_folder(installed)
    assert paths.inside_app_folder(installed / "My data")
    assert paths.inside_app_folder(installed / "_internal" / "x")
    assert not paths.inside_app_folder(installed.parent)
    assert not paths.inside_app_folder(installed.parent / "fldd-data")  # a sibling whose name starts the same


def test_a_link_into_the_app_folder_is_seen_through(installed, tmp_path):
    link = tmp_path / "shortcut"
    link.symlink_to(installed)
    assert paths.inside_app_folder(link / "My data")


def test_refuse_unsafe_folder_names_the_folder_and_why(installed, tmp_path):
    with pytest.raises(Rejected) as refused:
        safe_places.refuse_unsafe_folder(installed / "My data", "the database")
    text = "\n".join(refused.value.messages)
    assert str(installed / "My data") in text and str(installed) in text
    assert "updat" in text.lower() and "uninstall" in text
    safe_places.refuse_unsafe_folder(tmp_path / "Documents", "the database")  # elsewhere: allowed


def test_moving_the_database_into_the_app_folder_is_refused_and_nothing_changes(installed, tmp_path, monkeypatch):
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "data"))
    ctx = open_context(tmp_path / "work" / "fldd.sqlite3", user="t", role="buyer")
    try:
        target = installed / "My data"
        with pytest.raises(Rejected) as refused:
            backup.move_database(ctx, target)
        assert str(target) in "\n".join(refused.value.messages)
        assert not (target / "fldd.sqlite3").exists()
        assert not (tmp_path / "data" / "fldd.json").exists()
        assert ctx.store.path.is_file()
    finally:
        ctx.close()


def test_a_backup_folder_beside_the_database_or_in_the_data_folder_is_warned_about(tmp_path, monkeypatch):
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "data"))
    database = tmp_path / "work" / "fldd.sqlite3"
    for folder in (tmp_path / "work", tmp_path / "data", tmp_path / "data" / "backups"):
        warning = safe_places.same_disk_warning(folder, database)
        assert warning and "same disk" in warning and str(folder) in warning
    assert safe_places.same_disk_warning(tmp_path / "usb stick", database) is None
