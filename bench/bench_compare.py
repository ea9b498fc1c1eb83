"""Comparing two 1,500-paragraph drafts: the compare engine against difflib on plain lines.

Run with ``python bench/run.py bench_compare`` (or ``make bench``). Both figures come from
the same run on the same pair, as the median of several runs.
"""

from __future__ import annotations

import difflib

from bench.generate import make_tree, mutate, strip_keys
from bench.harness import median_ms
from drafting.diff import compare
from drafting.inline import plain_text
from drafting.tree import Tree

REPEAT = 7


def _lines(tree: Tree) -> list[str]:
    numbers = tree.footnote_numbers()
    return [
        f"{'  ' * depth}{node.designation} {plain_text(node.text, numbers)}\n"
        for node, depth in tree.walk()
    ]


def run() -> list[tuple[str, float, str]]:
    old = make_tree()
    new = mutate(old)
    imported = strip_keys(new)
    old_lines, new_lines = _lines(old), _lines(new)
    return [
        ("compare_ms_1500", median_ms(lambda: compare(old, new), REPEAT), "ms"),
        ("compare_ms_1500_unkeyed", median_ms(lambda: compare(old, imported), REPEAT), "ms"),
        (
            "difflib_lines_ms_1500",
            median_ms(lambda: list(difflib.unified_diff(old_lines, new_lines)), REPEAT),
            "ms",
        ),
    ]
