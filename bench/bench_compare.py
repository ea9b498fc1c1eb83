"""Comparing two 1,500-paragraph drafts: the compare engine against difflib on plain lines;
and two saves of paragraphs past the word diff's budget (20,000 characters rewritten, 2.4 MB
edited), which fall back to replacing each paragraph whole.

Run with ``python bench/run.py bench_compare`` (or ``make bench``). The figures come from
the same run, each the median of several runs.
"""

from __future__ import annotations

import difflib

from bench.generate import long_paragraphs, make_tree, mutate, strip_keys
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
    long_old, long_new = long_paragraphs()
    return [
        ("compare_ms_1500", median_ms(lambda: compare(old, new), REPEAT), "ms"),
        ("compare_ms_1500_unkeyed", median_ms(lambda: compare(old, imported), REPEAT), "ms"),
        (
            "difflib_lines_ms_1500",
            median_ms(lambda: list(difflib.unified_diff(old_lines, new_lines)), REPEAT),
            "ms",
        ),
        (
            "compare_ms_long_paragraphs",
            median_ms(lambda: compare(long_old, long_new), REPEAT),
            "ms",
        ),
    ]
