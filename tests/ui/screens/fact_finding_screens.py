"""Renders the runner on an on-site assessment where every source found workers' documents held: one Priority
finding listing each source, with its plan and closure deadlines, at two screen sizes.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/fact_finding_screens.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from answer_set_screens import runner_on_answer_set  # run as a script: this folder is on the path


def _open_the_finding(page) -> None:
    item = page.results.trigger_item("documents_held")
    if item is not None:
        item.setExpanded(True)


if __name__ == "__main__":
    runner_on_answer_set(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("shots"), "fact-finding",
                         "onsite_documents_held_all_sources",
                         supplier=("Dhaka Denim Works", "BD", "Garments"), role="auditor", focus=_open_the_finding)
