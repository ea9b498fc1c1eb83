"""Bracketed passages: what negotiators count from draft to draft (see ``drafting.diff``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Brackets

_BRACKET = re.compile(r"[\[\]]")


def count_brackets(streams: Iterable[str]) -> Brackets:
    """Balanced top-level "[ … ]" passages over independent texts (see module docstring)."""
    passages = unmatched_open = unmatched_close = 0
    for text in streams:
        depth = 0
        for bracket in _BRACKET.findall(text):
            if bracket == "[":
                depth += 1
            elif depth == 0:
                unmatched_close += 1
            else:
                depth -= 1
                passages += depth == 0
        unmatched_open += depth
    return Brackets(passages, unmatched_open, unmatched_close)
