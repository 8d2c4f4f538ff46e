"""Run in a child process by test_kill.py: answers questions one by one and reports each once saved."""

from __future__ import annotations

import sys

from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier


def main(db_path: str) -> None:
    ctx = open_context(db_path, user="crash-test")
    supplier_id = add_supplier(ctx, "Crash Test Garments", "BD", goods=["Garments"])
    session = AssessmentSession(ctx, start_assessment(ctx, supplier_id, "fldd-desktop"))
    print(f"assessment {session.id}", flush=True)
    n = 0
    while True:  # until killed: alternate the answer so that every step is a real change
        n += 1
        session.answer("pr_workers_total", 100 + n, f"note {n}")
        print(f"saved {n}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
