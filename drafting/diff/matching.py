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
GAP_SIMILARITY = 0.3
MAX_GAP_PAIRS = 2_500  # old × new elements of a kind in one gap: beyond, no pairing there
_WORDS = re.compile(r"\w+")


def match_elements(old: FlatVersion, new: FlatVersion) -> dict[int, int]:
    """Old entry index → new entry index: by key, then by text, then what is left in place
    (empty placeholders, rewordings)."""
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
    _pair_in_place(old, new, pairs)
    return pairs


def _pair_in_place(old: FlatVersion, new: FlatVersion, pairs: dict[int, int]) -> None:
    """Under each matched pair of parents, top down (so a pair made here lets its children
    pair too): empty placeholders in order, then rewordings between the same neighbours."""
    back = {new_index: old_index for old_index, new_index in pairs.items()}

    def pair(old_index: int, new_index: int) -> None:
        pairs[old_index] = new_index
        back[new_index] = old_index

    for old_parent in (-1, *range(len(old.entries))):
        new_parent = -1 if old_parent == -1 else pairs.get(old_parent)
        if new_parent is None:
            continue
        old_children, new_children = old.children[old_parent], new.children[new_parent]
        free_old = [i for i in old_children if i not in pairs]
        free_new = [i for i in new_children if i not in back]
        for old_index, new_index in _placeholder_pairs(old, new, free_old, free_new):
            pair(old_index, new_index)
        for old_gap, new_gap in _gaps(old_children, new_children, pairs, back):
            for kind in dict.fromkeys(old.entries[i].node.kind for i in old_gap):
                olds = [i for i in old_gap if old.entries[i].node.kind == kind]
                news = [i for i in new_gap if new.entries[i].node.kind == kind]
                for old_index, new_index in _rewordings(old, new, olds, news):
                    pair(old_index, new_index)


def _placeholder_pairs(
    old: FlatVersion, new: FlatVersion, olds: list[int], news: list[int]
) -> Iterator[tuple[int, int]]:
    """Empty bullets have no text to match: they pair in order, kind by kind."""
    waiting: dict[str, list[int]] = {}
    for index in news:
        node = new.entries[index].node
        if not node.text.strip():
            waiting.setdefault(node.kind, []).append(index)
    for index in olds:
        node = old.entries[index].node
        queue = waiting.get(node.kind)
        if queue and not node.text.strip():
            yield index, queue.pop(0)


def _gaps(
    old_children: list[int], new_children: list[int], pairs: dict[int, int], back: dict[int, int]
) -> Iterator[tuple[list[int], list[int]]]:
    """The unmatched old and new children that stand between the same two siblings matched
    to each other (or an end). Children matched elsewhere are passed over."""
    old_set, new_set = set(old_children), set(new_children)
    old_gaps = _runs(
        old_children,
        lambda i: pairs[i] if pairs.get(i) in new_set else None,
        lambda i: i not in pairs,
    )
    new_gaps = _runs(
        new_children, lambda i: i if back.get(i) in old_set else None, lambda i: i not in back
    )
    for neighbours, old_gap in old_gaps.items():
        if neighbours in new_gaps:
            yield old_gap, new_gaps[neighbours]


def _runs(
    children: list[int], anchor: Callable[[int], int | None], free: Callable[[int], bool]
) -> dict[tuple[int | None, int | None], list[int]]:
    """The free children between consecutive anchors, by the anchors' (new) indices."""
    runs: dict[tuple[int | None, int | None], list[int]] = {}
    left: int | None = None
    waiting: list[int] = []
    for child in children:
        label = anchor(child)
        if label is not None:
            if waiting:
                runs[(left, label)] = waiting
            left, waiting = label, []
        elif free(child):
            waiting.append(child)
    if waiting:
        runs[(left, None)] = waiting
    return runs


def _rewordings(
    old: FlatVersion, new: FlatVersion, olds: list[int], news: list[int]
) -> list[tuple[int, int]]:
    """Pairs in one gap, as Word's compare pairs an edited paragraph: one old and one new
    element alone that share a word; of several, the best pairs with Dice ≥
    ``GAP_SIMILARITY`` that keep their order. Larger gaps stay deleted and added."""
    if len(olds) * len(news) > MAX_GAP_PAIRS:
        return []
    old_words = [_words(old.entries[i].node.text) for i in olds]
    new_words = [_words(new.entries[i].node.text) for i in news]
    alone = len(olds) == len(news) == 1

    def close_enough(score: float) -> bool:
        return score > 0 if alone else score >= GAP_SIMILARITY

    ranked = sorted(
        (-score, abs(a / len(olds) - b / len(news)), a, b)
        for a, words_a in enumerate(old_words)
        for b, words_b in enumerate(new_words)
        if close_enough(score := _dice(words_a, words_b))
    )
    chosen: list[tuple[int, int]] = []
    for _score, _apart, a, b in ranked:
        if all((a < c) == (b < d) and a != c and b != d for c, d in chosen):
            chosen.append((a, b))
    return [(olds[a], news[b]) for a, b in chosen]


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


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of words two sets have in common: 2|a ∩ b| / (|a| + |b|)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


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
                score = _dice(old.words, new.words)
                if score >= SIMILARITY:
                    yield rank(old, new, score), old, new
