"""The long fuzz run: the properties of tests/test_fuzz.py with many more
examples, until a count or a time budget is spent. Prints how many inputs
each property took and how many failed (the first failure of each is shown,
shrunk by Hypothesis). Not a test.

    .venv/bin/python bench/fuzz.py --minutes 30            # all properties, round-robin
    .venv/bin/python bench/fuzz.py --only txt --examples 1000000
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import fuzzing  # noqa: E402

PROPERTIES = {
    "extract-pieces": (fuzzing.reply_text, fuzzing.check_extract_text),
    "extract-unicode": (st.text(max_size=300), fuzzing.check_extract_text),
    "txt": (fuzzing.text_bytes, lambda d: fuzzing.check_read_bytes(d, ".txt")),
    "html": (fuzzing.html_bytes, lambda d: fuzzing.check_read_bytes(d, ".html")),
    "docx": (fuzzing.docx_mutation(), lambda d: fuzzing.check_read_bytes(d, ".docx")),
    "txt+extract": (fuzzing.text_bytes, lambda d: fuzzing.check_read_and_extract_bytes(d, ".txt")),
    "html+extract": (fuzzing.html_bytes, lambda d: fuzzing.check_read_and_extract_bytes(d, ".html")),
    "docx+extract": (fuzzing.docx_mutation(), lambda d: fuzzing.check_read_and_extract_bytes(d, ".docx")),
}
ROUND = 2000  # examples per property before moving on to the next


def run_round(name: str, n: int, counts: dict, failures: dict) -> None:
    strategy, check = PROPERTIES[name]

    @settings(max_examples=n, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def prop(x):
        counts[name] += 1
        check(x)

    try:
        prop()
    except Exception as e:  # a property failed: keep the shrunk example, go on
        failures.setdefault(name, []).append("".join(traceback.format_exception_only(type(e), e))[-2000:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--examples", type=int, default=10**9, help="stop after this many inputs in all")
    ap.add_argument("--only", nargs="*", choices=sorted(PROPERTIES))
    args = ap.parse_args()
    names = args.only or list(PROPERTIES)
    counts = {n: 0 for n in names}
    failures: dict[str, list[str]] = {}
    deadline = time.monotonic() + args.minutes * 60
    start = time.monotonic()
    while time.monotonic() < deadline and sum(counts.values()) < args.examples:
        for name in names:
            if time.monotonic() >= deadline:
                break
            run_round(name, ROUND, counts, failures)
        print(f"{time.monotonic() - start:7.0f} s  " + "  ".join(f"{n} {c}" for n, c in counts.items()),
              flush=True)
    total = sum(counts.values())
    print(f"\n{total} fuzzed inputs in {time.monotonic() - start:.0f} s, "
          f"{sum(len(v) for v in failures.values())} failing properties")
    for name in names:
        print(f"  {name:15} {counts[name]:>9} inputs  {len(failures.get(name, []))} failures")
    for name, fails in failures.items():
        for f in fails:
            print(f"\n--- {name}\n{f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
