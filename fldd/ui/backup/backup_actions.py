"""File > Back up now and File > Restore from a backup: thin faces over fldd.usecases.backup. The backup runs off
the GUI thread (a large database with its evidence takes seconds to copy and check); a restore runs on it, as it
closes and reopens the window's own database connection."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication

from fldd import app_config
from fldd.store.errors import StoreError
from fldd.ui.backup.backup_done_dialog import BackupDoneDialog
from fldd.ui.job_worker import JobWorker
from fldd.usecases import backup_words as words
from fldd.usecases.backup import BACKUP_SUFFIX, back_up, read_backup, restore, workspace_counts
from fldd.usecases.errors import Rejected

BACKING_UP = "Backing up the workspace…"


def back_up_now(window) -> None:
    """Back up window.ctx's database to the backup folder, showing where and what it holds."""
    if getattr(window, "backup_job", None) is not None:
        return  # one at a time: Ctrl+B pressed twice makes one backup
    ctx = window.ctx
    worker = JobWorker(lambda progress, cancelled: back_up(ctx), window)
    window.backup_job = worker
    _busy(window, True)
    window.statusBar().showMessage(BACKING_UP)

    def done(facts) -> None:
        window.statusBar().showMessage(f"Backed up to {facts.path}", 10000)
        window._data_changed_everywhere()  # Home's reminder goes
        window._show_dialog(BackupDoneDialog(facts, window.prompter, window))

    def failed(message: str) -> None:
        window.statusBar().clearMessage()
        window.prompter.error(window, "No backup was made", message)

    def finished() -> None:
        _busy(window, False)
        window.backup_job = None
        worker.deleteLater()

    worker.done.connect(done)
    worker.failed.connect(failed)
    worker.finished.connect(finished)
    QCoreApplication.instance().aboutToQuit.connect(worker.wait)  # quitting mid-backup: let the copy finish
    worker.start()


def _busy(window, busy: bool) -> None:
    window.backup_action.setEnabled(not busy)
    window.restore_action.setEnabled(not busy)


def confirmation_text(facts, current: dict[str, int], database: Path, folder: Path) -> str:
    """What the backup holds set against what the workspace holds now, where it came from, and what a restore
    does (rich text: every word read from the backup file is escaped, so the file cannot write its own)."""
    older = ("<p>It was made by an earlier version of fldd: it is brought up to date as it is restored.</p>"
             if facts.older_schema else "")
    rows = "".join(f"<tr><td>{many.capitalize()}</td><td align='right'>{facts.counts.get(key, 0):,}</td>"
                   f"<td align='right'>{current.get(key, 0):,}</td></tr>" for key, (_, many) in words.NOUNS.items())
    maker = html.escape(words.made_by(facts.app_version))
    source = (f"<p>Made by {maker} from the workspace {html.escape(facts.source_db)}.</p>" if facts.source_db
              else f"<p>Made by {maker}; it does not say which workspace it was made from.</p>")
    made = (f"made {html.escape(words.when(facts.made_at))}" if facts.made_at
            else "(the day it was made is not known)")
    return (f"<p><b>Restore the backup {made}?</b></p>{source}"
            "<table cellspacing='0' cellpadding='3' style='white-space:nowrap'><tr><th></th><th align='right'>&nbsp;In the backup</th>"
            f"<th align='right'>&nbsp;&nbsp;Your workspace now</th></tr>{rows}</table>{older}"
            "<p>What happens: first, your workspace as it is now is saved as a backup (with “before restore” in "
            f"its name) in {html.escape(str(folder))}, so you can go back to it. Then the backup takes its "
            "place, and fldd shows the restored workspace.</p>"
            f"<p style='color:#555'>Backup file: {html.escape(str(facts.path))}<br>"
            f"Your database: {html.escape(str(database))}</p>")


def restore_from_backup(window) -> None:
    """Choose a backup, show what it holds and what it replaces, ask, restore, and call
    window.replace_context(new_ctx)."""
    prompter = window.prompter
    if getattr(window, "backup_job", None) is not None:
        prompter.inform(window, "A backup is being made", "Wait for the backup under way to finish, then restore.")
        return
    restored = choose_and_restore(window, window.ctx, prompter)
    if restored is None:
        window._data_changed_everywhere()
        return
    new_ctx, facts, safety = restored
    window.replace_context(new_ctx)
    prompter.inform(window, "Backup restored", restored_words(facts, safety))


def choose_and_restore(parent, ctx, prompter):
    """The restore's questions and the restore itself, for the window and the first run alike: choose a backup,
    see what it holds against the workspace, confirm, restore. (new_ctx, facts, safety path) once restored (ctx is
    closed then); None when the person stopped or it was refused (they were told; ctx is open as it was)."""
    chosen = prompter.open_file(parent, "Restore from a backup", f"fldd backups (*{BACKUP_SUFFIX});;All files (*)")
    if not chosen:
        return None
    try:
        facts = read_backup(Path(chosen))
        current = workspace_counts(ctx)
    except (Rejected, StoreError) as exc:
        prompter.error(parent, "This file cannot be restored", str(exc))
        return None
    question = confirmation_text(facts, current, ctx.store.path, app_config.backup_folder())
    if not prompter.confirm(parent, "Restore from a backup", question, accept="&Restore"):
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return restore(ctx, facts.path)
    except (Rejected, StoreError) as exc:
        failure = exc
    finally:
        QGuiApplication.restoreOverrideCursor()
    prompter.error(parent, "The backup was not restored", f"{failure}\n\nYour workspace is as it was.")
    return None


def restored_words(facts, safety: Path) -> str:
    """What was restored, and where the workspace it replaced was kept."""
    made = f" made {words.when(facts.made_at)}" if facts.made_at else ""
    return (f"The backup{made} is restored: your workspace holds {words.holds(facts.counts)}.\n\nThe workspace it "
            f"replaced is saved as “{safety.name}” in {safety.parent}. To go back to it, restore that file.")
