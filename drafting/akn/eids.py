"""Element identifiers (``eId``) as the Akoma Ntoso naming convention forms them.

An eId is ``{parent eId}__{type}_{number}``: the number is the element's designation
stripped of punctuation ("A." → ``A``, "(iv)" → ``iv``, "11.2" → ``11-2``), or its
position among its siblings of that type when it has none. The schema requires eIds to be
unique in the document, so a number already taken under the same parent gets ``-2``,
``-3`` … (two paragraphs both designated "1.", say).
"""

from __future__ import annotations

import re
from collections import Counter

SEPARATOR = "__"
# A dot between two characters of a number is kept as a dash ("11.2" → "11-2"),
# everything else that is not a letter or a digit is dropped, "_" included (it separates).
INNER_DOT = re.compile(r"(?<=[^\W_])\.(?=[^\W_])")
NOT_IN_NUMBER = re.compile(r"[^\w-]|_")


def number_part(designation: str) -> str:
    """The number part of an eId for a designation; empty when it has no letter or digit."""
    return NOT_IN_NUMBER.sub("", INNER_DOT.sub("-", designation))


class Siblings:
    """Hands out unique eIds to the children of one element, in document order."""

    def __init__(self, parent_eid: str = "") -> None:
        self.prefix = f"{parent_eid}{SEPARATOR}" if parent_eid else ""
        self.positions: Counter[str] = Counter()
        self.used: set[str] = set()

    def eid(self, kind: str, designation: str = "") -> str:
        """The next eId for a child of type ``kind`` (``sec``, ``para``, ``item`` …)."""
        self.positions[kind] += 1
        number = number_part(designation) or str(self.positions[kind])
        eid = f"{self.prefix}{kind}_{number}"
        duplicate = 1
        while eid in self.used:
            duplicate += 1
            eid = f"{self.prefix}{kind}_{number}-{duplicate}"
        self.used.add(eid)
        return eid
