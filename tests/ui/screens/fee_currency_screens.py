"""Renders the runner on a self-assessment whose workers paid fees in US dollars against a wage in ringgit: the
months-of-wage question the currencies open, and the result's note of the rate used, at two screen sizes.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/fee_currency_screens.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from answer_set_screens import runner_on_answer_set  # run as a script: this folder is on the path

if __name__ == "__main__":
    runner_on_answer_set(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("shots"), "fee-currency",
                         "fees_usd_against_myr_wage_desktop",
                         supplier=("Klang Valley Gloves Sdn Bhd", "MY", "Rubber Gloves"), role="supplier",
                         focus=lambda page: page.go_to_question("fee_typical_months"))
