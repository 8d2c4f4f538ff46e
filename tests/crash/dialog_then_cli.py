"""Run in a child process by test_second_process.py: the fldd app, as a user had it when work was lost.

The main window is open on the database; the app's real file dialog shows the database's folder; then, as a
content sniffer would, the database and its -wal are opened and closed through other descriptors, which drops
every POSIX lock SQLite held (reported, so the test knows the hazard is really there). The child then saves
work and waits on stdin: "more" saves more, anything else ends. The test kills it with SIGKILL.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel  # noqa: E402

from fldd.store import lock as process_lock  # noqa: E402
from fldd.ui.file_dialogs import build  # noqa: E402
from fldd.ui.main_window import MainWindow  # noqa: E402
from fldd.ui.prompter import ScriptedPrompter  # noqa: E402
from fldd.usecases.assessments import add_auditor_finding, start_assessment  # noqa: E402
from fldd.usecases.context import open_context  # noqa: E402
from fldd.usecases.suppliers import add_supplier  # noqa: E402


def posix_locks(path: Path) -> int:
    """POSIX (fcntl) locks this process holds on path, from /proc/locks."""
    inode = path.stat().st_ino
    count = 0
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if fields[1] == "POSIX" and fields[4] == str(os.getpid()) and fields[5].endswith(f":{inode}"):
            count += 1
    return count


def show_file_dialog_on(folder: Path, dialog: QFileDialog) -> None:
    """A file dialog on the folder, open until it has listed it in the detail view."""
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    loop = QEventLoop()
    dialog.findChild(QFileSystemModel).directoryLoaded.connect(lambda _: loop.quit())
    QTimer.singleShot(0, dialog.show)
    loop.exec()
    for _ in range(20):  # let the icon and type look-ups that follow the listing run too
        QApplication.processEvents()
    dialog.close()


def main(db_path: str) -> None:
    db = Path(db_path)
    app = QApplication([])
    ctx = open_context(db, user="auditor", role="auditor", holder=process_lock.APP)
    window = MainWindow(ctx, ScriptedPrompter())
    window.show()
    app.processEvents()
    supplier_id = add_supplier(ctx, "Before The Dialog Ltd", "MY", goods=["Gloves"])
    before = posix_locks(db)
    # the app's own Import dialog (which tells types by name), then a dialog that reads the files it lists, as
    # Qt's plain dialog and in-process platform dialogs do, and as the app's did when work was lost
    show_file_dialog_on(db.parent, build(window, "Import workbooks", QFileDialog.FileMode.ExistingFiles,
                                         suggested=str(db.parent)))
    plain = QFileDialog(window, "Import workbooks", str(db.parent))
    plain.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    show_file_dialog_on(db.parent, plain)
    for name in (db, db.with_name(db.name + "-wal")):  # what a content sniffer does to the files it lists
        with open(name, "rb") as handle:
            handle.read(16)
    print(f"locks {before} {posix_locks(db)}", flush=True)
    assessment_id = start_assessment(ctx, supplier_id, "fldd-onsite")
    add_auditor_finding(ctx, assessment_id, severity="priority", title="Passports held by the employer")
    print(f"ready {assessment_id}", flush=True)
    if sys.stdin.readline().strip() == "more":
        add_supplier(ctx, "After The Command Ltd", "MY", goods=["Gloves"])
        print("saved", flush=True)
    sys.stdin.readline()  # until killed


if __name__ == "__main__":
    main(sys.argv[1])
