"""File > Back up now and File > Restore from a backup. CONTRACT (issue 12): the backup helper fills these."""

from __future__ import annotations


def back_up_now(window) -> None:
    """Back up window.ctx's database to the backup folder, showing where and what it holds."""
    raise NotImplementedError


def restore_from_backup(window) -> None:
    """Choose a backup, show what it holds and what it replaces, ask, restore, and call
    window.replace_context(new_ctx)."""
    raise NotImplementedError
