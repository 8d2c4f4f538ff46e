"""Run in a child process by test_kill_import.py: imports a folder of returned workbooks, reporting each file once
it is decided and written."""

from __future__ import annotations

import sys

from fldd.usecases.context import open_context
from fldd.usecases.exchange import import_paths


def main(db_path: str, folder: str) -> None:
    ctx = open_context(db_path, user="crash-test")
    print("started", flush=True)
    import_paths(ctx, [folder], progress=lambda done, total, path: print(f"imported {done}", flush=True))
    print("finished", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
