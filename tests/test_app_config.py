"""Where the database lives and where backups go: a small file outside the database, never a reason to fail."""

from __future__ import annotations

from fldd import app_config, paths


def test_without_a_config_the_database_is_the_default_one(tmp_path):
    assert app_config.database_path() == paths.default_db_path()
    assert app_config.backup_folder() == tmp_path / "fldd-data" / "backups"


def test_a_moved_database_and_a_chosen_backup_folder_are_remembered(tmp_path):
    app_config.save(app_config.AppConfig(database=str(tmp_path / "elsewhere" / "w.sqlite3"),
                                         backup_folder=str(tmp_path / "usb")))
    assert app_config.database_path() == tmp_path / "elsewhere" / "w.sqlite3"
    assert app_config.backup_folder() == tmp_path / "usb"
    assert not list(app_config.config_path().parent.glob("*.part"))


def test_a_damaged_config_reads_as_the_defaults(tmp_path):
    app_config.config_path().parent.mkdir(parents=True, exist_ok=True)
    for junk in ("{not json", "[1, 2]", '{"database": 7, "backup_folder": null, "other": "x"}'):
        app_config.config_path().write_text(junk, encoding="utf-8")
        assert app_config.load() == app_config.AppConfig()
        assert app_config.database_path() == paths.default_db_path()


def test_the_cli_opens_the_database_the_config_points_at(tmp_path, capsys):
    from fldd import cli

    moved = tmp_path / "moved" / "fldd.sqlite3"
    assert cli.main(["--db", str(moved), "suppliers", "list"]) == 0  # the database is there, as after a move
    app_config.save(app_config.AppConfig(database=str(moved)))
    assert cli.main(["suppliers", "add", "--name", "Harbour Nets", "--country", "TH"]) == 0
    assert "Harbour Nets" in capsys.readouterr().out
    assert cli.main(["--db", str(moved), "suppliers", "list"]) == 0 and "Harbour Nets" in capsys.readouterr().out
    assert not paths.default_db_path().exists()


def test_paths_with_letters_beyond_english_are_written_as_they_are(tmp_path):
    folder = tmp_path / "Sauvegardes données" / "Año 2026"
    app_config.save(app_config.AppConfig(backup_folder=str(folder)))
    assert "données" in app_config.config_path().read_text(encoding="utf-8")  # not \\u00e9 escapes
    assert app_config.backup_folder() == folder
