"""`fldd --print-data-paths`: what the Linux and Windows uninstallers ask the bundle, so they name the person's
own folders exactly (accents, quotes and all) without parsing JSON, and never create anything on the way."""

from __future__ import annotations

import os

from fldd import app_config, cli

ODD = 'Sauvegardes données "2026" — Müller'


def test_the_places_are_printed_as_the_bytes_on_disk_and_nothing_is_created(tmp_path, monkeypatch, capfdbinary):
    data = tmp_path / "data"
    monkeypatch.setenv("FLDD_DATA_DIR", str(data))
    assert cli.main(["--print-data-paths"]) == 0
    out = capfdbinary.readouterr().out
    assert out.splitlines() == [b"database: " + os.fsencode(data / "fldd.sqlite3"),
                                b"backup folder: " + os.fsencode(data / "backups"),
                                b"data folder: " + os.fsencode(data)]
    assert not data.exists()  # asking created no folder, no database, no settings file


def test_the_places_chosen_in_settings_are_printed_whole(tmp_path, monkeypatch, capfdbinary):
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "data"))
    moved, backups = tmp_path / ODD / "fldd.sqlite3", tmp_path / "usb" / ODD
    app_config.save(app_config.AppConfig(database=str(moved), backup_folder=str(backups)))
    assert cli.main(["--print-data-paths"]) == 0
    lines = capfdbinary.readouterr().out.decode("utf-8").splitlines()
    assert lines[:2] == [f"database: {moved}", f"backup folder: {backups}"]
    assert not moved.parent.exists() and not backups.exists()


def test_with_a_file_the_places_are_written_in_utf16_for_the_windows_uninstaller(tmp_path, monkeypatch):
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "data"))
    backups = tmp_path / ODD
    app_config.save(app_config.AppConfig(backup_folder=str(backups)))
    answer = tmp_path / "places.txt"
    assert cli.main(["--print-data-paths", str(answer)]) == 0
    raw = answer.read_bytes()
    assert raw.startswith("database: ".encode("utf-16-le"))  # what NSIS's FileReadUTF16LE reads, no mark first
    lines = raw.decode("utf-16-le").split("\r\n")
    assert lines[1] == f"backup folder: {backups}"
