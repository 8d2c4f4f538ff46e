"""Build hook: copies questionnaires/ and resources/ into the wheel as fldd/_data/ (package-data cannot reach them)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("questionnaires", "resources")


class BuildPyWithBundledData(build_py):
    """build_py that also ships the top-level data folders inside the package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install finds them in the checkout (fldd/paths.py)
        for name in BUNDLED:
            if Path(name).is_dir():
                shutil.copytree(name, Path(self.build_lib, "fldd", "_data", name), dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithBundledData})
