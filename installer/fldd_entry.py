"""Where the bundled app starts: the same `fldd` command a pip install gives, exiting with its code.

PyInstaller freezes this script as the bundle's executable; bulk imports start it again with
--fldd-read-worker for their reader processes (fldd.cli.main handles that flag first).
"""

import os
import sys


def give_back_library_path(env=os.environ) -> None:
    """On Linux the bundle's loader puts its own library folder first in LD_LIBRARY_PATH (this process has
    already loaded what it needs by now). Put the user's value back, so that a program fldd opens (the PDF viewer
    behind "Open report", the spreadsheet behind "Open workbook") does not pick up the bundle's libraries and
    crash; the bundle's loader sets it again for fldd's own reader processes."""
    if "LD_LIBRARY_PATH_ORIG" in env:
        env["LD_LIBRARY_PATH"] = env.pop("LD_LIBRARY_PATH_ORIG")
    else:
        env.pop("LD_LIBRARY_PATH", None)


if __name__ == "__main__":
    if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
        give_back_library_path()
    from fldd.cli import main

    sys.exit(main())
