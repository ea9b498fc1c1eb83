"""How the elements and footnotes of two versions pair (see "How elements are paired" in
``drafting.diff``'s contract)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..inline import plain_text
from ..tree import FOOTNOTE_REF
from .model import FOOTNOTE
from .version import FlatVersion

SIMILARITY = 0.5
_WORDS = re.compile(r"\w+")


def match_elements(old: FlatVersion, new: FlatVersion) -> dict[int, int]:
    """Old entry index → new entry index: by key, then by text, then empty placeholders."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for index, entry in enumerate(old.entries):
        other = new.index.get(entry.node.key)
        if other is not None and other not in taken:
            if new.entries[other].node.kind == entry.node.kind:
                pairs[index] = other
                taken.add(other)
    olds = [
        _Candidate(i, e.node.kind, e.node.text) for i, e in enumerate(old.entries) if i not in pairs
    ]
    news = [
        _Candidate(i, e.node.kind, e.node.text) for i, e in enumerate(new.entries) if i not in taken
    ]
    size_old, size_new = max(len(old.entries), 1), max(len(new.entries), 1)

    def rank(a: _Candidate, b: _Candidate, score: float) -> tuple[float, ...]:
        apart = abs(int(a.id) / size_old - int(b.id) / size_new)
        return (-score, not same_parent(old, new, pairs, int(a.id), int(b.id)), apart)

    # Ranked against the key pairs alone: the text pairs join only once all are chosen.
    for a, b in list(_pair_by_text(olds, news, rank)):
        pairs[int(a)] = int(b)
    _match_placeholders(old, new, pairs)
    return pairs


def _match_placeholders(old: FlatVersion, new: FlatVersion, pairs: dict[int, int]) -> None:
    """Empty bullets have no text to match: pair them in order under matched parents."""
    taken = set(pairs.values())
    waiting: dict[tuple[str, int], list[int]] = {}
    for index, entry in enumerate(new.entries):
        if index not in taken and not entry.node.text.strip():
            waiting.setdefault((entry.node.kind, entry.parent), []).append(index)
    for index, entry in enumerate(old.entries):
        if index in pairs or entry.node.text.strip():
            continue
        parent = -1 if entry.parent == -1 else pairs.get(entry.parent)
        queue = waiting.get((entry.node.kind, parent)) if parent is not None else None
        if queue:
            pairs[index] = queue.pop(0)


def same_parent(
    old: FlatVersion, new: FlatVersion, pairs: dict[int, int], old_index: int, new_index: int
) -> bool:
    """Whether two entries stand under the same (matched) parent, or both at the top."""
    old_parent = old.entries[old_index].parent
    new_parent = new.entries[new_index].parent
    if old_parent == -1:
        return new_parent == -1
    return pairs.get(old_parent) == new_parent


def match_footnotes(old: FlatVersion, new: FlatVersion, pairs: dict[int, int]) -> dict[str, str]:
    """Old footnote key → new footnote key: by key, then by text, callers' pairs first."""
    old_texts, new_texts = old.tree.footnotes, new.tree.footnotes
    footnote_pairs = {key: key for key in old_texts if key in new_texts}
    olds = [_Candidate(k, FOOTNOTE, t) for k, t in old_texts.items() if k not in footnote_pairs]
    news = [_Candidate(k, FOOTNOTE, t) for k, t in new_texts.items() if k not in footnote_pairs]

    def rank(a: _Candidate, b: _Candidate, score: float) -> tuple[float, ...]:
        caller = old.callers.get(str(a.id))
        same_caller = caller is not None and pairs.get(caller) == new.callers.get(str(b.id))
        return (not same_caller, -score)

    footnote_pairs.update((str(a), str(b)) for a, b in _pair_by_text(olds, news, rank))
    return footnote_pairs


# Pairing by text ------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    """An unmatched element or footnote offered to text matching."""

    id: int | str
    kind: str
    html: str
    words: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        """What identical texts share: the HTML without footnote calls."""
        return FOOTNOTE_REF.sub("", self.html) if "<fn-ref" in self.html else self.html


def _words(html: str) -> frozenset[str]:
    return frozenset(_WORDS.findall(plain_text(html).lower()))


def _pair_by_text(
    olds: list[_Candidate],
    news: list[_Candidate],
    rank: Callable[[_Candidate, _Candidate, float], tuple[float, ...]],
) -> Iterator[tuple[int | str, int | str]]:
    """Pairs of ids: identical texts in order, then similar texts, best ranked first."""
    same_text: dict[tuple[str, str], list[_Candidate]] = {}
    for candidate in reversed(news):
        if candidate.html.strip():
            same_text.setdefault((candidate.kind, candidate.text), []).append(candidate)
    paired: set[int | str] = set()
    rest: list[_Candidate] = []
    for candidate in olds:
        twins = same_text.get((candidate.kind, candidate.text)) if candidate.html.strip() else None
        if twins:
            twin = twins.pop()
            paired.add(twin.id)
            yield candidate.id, twin.id
        else:
            rest.append(candidate)
    rest_new = [candidate for candidate in news if candidate.id not in paired]
    for candidate in (*rest, *rest_new):
        candidate.words = _words(candidate.html)
    # By rank alone: equal ranks keep the order they were found in (candidates don't sort).
    ranked = sorted(_similar_pairs(rest, rest_new, rank), key=lambda found: found[0])
    taken_old: set[int | str] = set()
    for _rank, old, new in ranked:
        if old.id not in taken_old and new.id not in paired:
            taken_old.add(old.id)
            paired.add(new.id)
            yield old.id, new.id


def _similar_pairs(
    olds: list[_Candidate],
    news: list[_Candidate],
    rank: Callable[[_Candidate, _Candidate, float], tuple[float, ...]],
) -> Iterator[tuple[tuple[float, ...], _Candidate, _Candidate]]:
    """Pairs with Dice similarity ≥ SIMILARITY; prefix filtering on the rarest words.

    Dice ≥ d is Jaccard ≥ d / (2 − d); two sets that similar must share a word among the
    first |x| − ⌈j·|x|⌉ + 1 of each in a common (rarest first) order, so only those are
    indexed and probed.
    """
    if not olds or not news:
        return
    jaccard = SIMILARITY / (2 - SIMILARITY)
    frequency = Counter(word for c in (*olds, *news) for word in c.words)

    def prefix(words: frozenset[str]) -> list[str]:
        ordered = sorted(words, key=lambda word: (frequency[word], word))
        return ordered[: len(ordered) - math.ceil(jaccard * len(ordered) - 1e-9) + 1]

    postings: dict[tuple[str, str], list[_Candidate]] = {}
    for new in news:
        for word in prefix(new.words):
            postings.setdefault((new.kind, word), []).append(new)
    for old in olds:
        size = len(old.words)
        seen: set[int | str] = set()
        for word in prefix(old.words):
            for new in postings.get((old.kind, word), ()):
                other = len(new.words)
                if new.id in seen or other < jaccard * size or size < jaccard * other:
                    continue
                seen.add(new.id)
                score = 2 * len(old.words & new.words) / (size + other)
                if score >= SIMILARITY:
                    yield rank(old, new, score), old, new
