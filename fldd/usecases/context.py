"""The one explicit context built at start-up and passed to every use case: the store, the user, the clock."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from fldd.store import lock as process_lock
from fldd.store import settings
from fldd.store.connection import Store, open_store

if TYPE_CHECKING:
    from fldd.standard.model import Standard

ROLES = ("supplier", "auditor", "buyer")


@dataclass
class AppContext:
    """What every use case needs: the open database, who is working, and today's date (fixed in tests)."""

    store: Store
    user: str
    role: str = "buyer"
    today: Callable[[], dt.date] = field(default=dt.date.today)

    @property
    def standard(self) -> Standard:
        """The shipped standard (read once per process)."""
        from fldd.usecases.questionnaires import standard

        return standard()

    def close(self) -> None:
        """Close the database."""
        self.store.close()


def open_context(db_path: Path | str, *, user: str | None = None, role: str | None = None,
                 holder: str = process_lock.COMMAND,
                 on_wait: Callable[[process_lock.Holder], None] | None = None) -> AppContext:
    """Open the database and read who is using it (defaults: the login name, buyer). holder says whether this is
    the app or a command, for the message another fldd process gets while this one has the database."""
    store = open_store(db_path, holder=holder, on_wait=on_wait)
    user = user or settings.get(store, "user") or _login_name()
    role = role or settings.get(store, "role") or "buyer"
    return AppContext(store, user, role if role in ROLES else "buyer")


@contextlib.contextmanager
def own_connection(ctx: AppContext) -> Iterator[AppContext]:
    """The same context (user, role, clock, standard) on a connection of its own, closed after: a worker thread
    cannot use the window's, as a SQLite connection belongs to the thread that opened it."""
    own = dataclasses.replace(ctx, store=open_store(ctx.store.path))
    try:
        yield own
    finally:
        own.close()


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "user"
