"""Fuzzing the outline parser with 10,000 mutated outlines (see ``bench/outline_fuzz.py``).

Run with ``python bench/run.py bench_fuzz_outline`` (or ``make bench``). Figures: how many
outlines were parsed, how many raised anything but ``OutlineError`` (target 0), and the
slowest parse (target well under 1,000 ms).
"""

from __future__ import annotations

import sys

from bench.outline_fuzz import fuzz

COUNT = 10_000
SEED = 9


def run() -> list[tuple[str, float, str]]:
    result = fuzz(COUNT, SEED)
    for trace, _text in result.unexpected[:3]:
        print(trace, file=sys.stderr)
    return [
        ("fuzz_outline_count", result.count, "outlines"),
        ("fuzz_outline_refused", result.refused, "outlines"),
        ("fuzz_outline_unexpected_exceptions", len(result.unexpected), "exceptions"),
        ("fuzz_outline_slowest_ms", result.slowest_ms, "ms"),
    ]
