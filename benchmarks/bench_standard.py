"""Benchmark: reading the shipped standard, and scoring a full answer set (the engine runs on every
answer change in the app, so it must stay far below a frame). Prints medians; see results.md."""

from __future__ import annotations

import datetime as dt
import platform
import statistics
import subprocess
import sys
import time

from fldd.standard.answers import coerce
from fldd.standard.engine import score
from fldd.standard.loader import load


def full_answers(q):
    """A plausible answer to every question: the riskiest option, mid-range numbers."""
    raw = {}
    for qu in q.questions:
        if qu.options:
            worst = max(qu.options, key=lambda o: -1 if o.risk is None else o.risk)
            raw[qu.id] = [worst.value] if qu.type == "multi" else worst.value
        elif qu.type in ("number", "count"):
            raw[qu.id] = min(50, qu.maximum) if qu.maximum is not None else 50
        elif qu.type == "percent":
            raw[qu.id] = 40
        elif qu.type == "money":
            raw[qu.id] = "1500 MYR"
        elif qu.type == "date":
            raw[qu.id] = "2026-06-30"
        else:
            raw[qu.id] = "text"
    return {k: coerce(q.question(k), v) for k, v in raw.items()}


def timed(fn, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    print(f"# {dt.date.today()} on {platform.node()}: {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}")
    cold = [float(subprocess.run([sys.executable, "-c", "import time; t=time.perf_counter(); "
                                  "from fldd.standard.loader import load; load(); "
                                  "print((time.perf_counter()-t)*1000)"],
                                 capture_output=True, text=True, check=True).stdout) for _ in range(5)]
    print(f"read and validate the shipped standard, fresh process (imports included): "
          f"median {statistics.median(cold):.0f} ms over 5")
    print(f"read and validate again in the same process: median {timed(load, 10):.0f} ms over 10")
    cached = [float(subprocess.run([sys.executable, "-c", "import time; t=time.perf_counter(); "
                                    "from fldd.usecases.standard_cache import cached_standard; cached_standard(); "
                                    "print((time.perf_counter()-t)*1000)"],
                                   capture_output=True, text=True, check=True).stdout) for _ in range(6)][1:]
    print(f"the same from the compiled cache, fresh process (imports included): "
          f"median {statistics.median(cached):.0f} ms over 5")
    standard = load().standard
    for q in standard.questionnaires.values():
        answers = full_answers(q)
        declared = full_answers(standard.questionnaires[q.verifies]) if q.verifies else {}
        ms = timed(lambda: score(q, answers, declared=declared, as_of=dt.date(2026, 11, 23)), 200)
        print(f"score {q.ref} ({len(q.questions)} questions, {len(q.thresholds)} thresholds, all answered): "
              f"median {ms:.2f} ms over 200")


if __name__ == "__main__":
    main()
