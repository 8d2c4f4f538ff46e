"""The yardstick for fldd's start-up: a main window with one label, nothing else. Like fldd with
FLDD_EXIT_WHEN_SHOWN set, it prints "shown <wall-clock time>" once the window is shown and the event loop has run,
then quits. benchmarks/bench_bundle_start.py bundles it with fldd's own PyInstaller spec."""

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setWindowTitle("trivial")
    window.setCentralWidget(QLabel("A trivial PySide6 window"))
    window.resize(1280, 700)
    window.show()
    if os.environ.get("FLDD_EXIT_WHEN_SHOWN"):
        QTimer.singleShot(0, lambda: (print(f"shown {time.time():.6f}", flush=True), app.quit()))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
