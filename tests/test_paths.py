"""fldd.paths finds bundled folders in a checkout, a PyInstaller bundle or a wheel, and the user's database."""

import sys

import pytest

from fldd import paths


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    """A package folder with no checkout around it, and no PyInstaller bundle."""
    package_dir = tmp_path / "site-packages" / "fldd"
    package_dir.mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package_dir)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    return package_dir


def test_checkout_folder_is_found_beside_the_package(fake_package):
    (fake_package.parent / "pyproject.toml").write_text("")
    (fake_package.parent / "questionnaires").mkdir()
    assert paths.questionnaires_dir() == fake_package.parent / "questionnaires"


def test_folder_beside_the_package_is_ignored_outside_a_checkout(fake_package):
    (fake_package.parent / "questionnaires").mkdir()
    (fake_package / "_data" / "questionnaires").mkdir(parents=True)
    assert paths.questionnaires_dir() == fake_package / "_data" / "questionnaires"


def test_pyinstaller_bundle_comes_before_wheel_data(fake_package, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    (tmp_path / "bundle" / "resources").mkdir(parents=True)
    (fake_package / "_data" / "resources").mkdir(parents=True)
    assert paths.resources_dir() == tmp_path / "bundle" / "resources"


def test_missing_folder_names_every_place_tried(fake_package):
    with pytest.raises(FileNotFoundError, match=r"no resources/ folder in any of: .*_data"):
        paths.resources_dir()


def test_default_db_path_honours_fldd_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "elsewhere"))
    assert paths.default_db_path() == tmp_path / "elsewhere" / "fldd.sqlite3"


def test_default_db_path_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("FLDD_DATA_DIR")
    db_path = paths.default_db_path()
    assert db_path.name == "fldd.sqlite3"
    assert "fldd" in db_path.parent.parts
