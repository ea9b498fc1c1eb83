"""The compare engine: two element trees in, one change set out. No ORM, no views.

``compare(old, new)`` returns a ``ChangeSet``; every page and exporter (inline redline,
side by side, PDF redline, Word tracked changes, JSON) renders that one structure, and
``apply(old, change_set)`` rebuilds the new tree from the old one and the change set;
``snapshots(tree)`` describes each element of one tree the way a change does.

How elements are paired
    1. by lineage key (same key, same kind);
    2. the rest (imported drafts share no keys) by text: identical text first, then set
       similarity of lower-cased words (Dice ≥ ``SIMILARITY``, same kind only, best pairs
       first, ties to the pair under matched parents, then the nearer one). Candidates come
       from a prefix filter on the rarest words, so no all-pairs loop; 3. empty placeholder
       bullets pair in order under matched parents.
    Footnotes pair by key, then by text similarity, preferring footnotes called from a
    matched pair of elements.

The contract (all frozen dataclasses)
    ``ChangeSet``
        ``changes``: tuple of ``Change`` in document order (the merged document: new order,
        deleted elements where they stood, footnote changes last in footnote order) — the
        list for next/previous navigation; ``Change.number`` is the 1-based position in it.
        ``rows``: the merged document, one ``Row`` per element of either version, in reading
        order, each with its depth and its change (None if unchanged); rows with a
        ``new_key`` are exactly the new tree, in order. ``footnote_rows`` likewise for
        footnotes. ``summary``: a ``Summary``. ``old_numbers`` / ``new_numbers``: footnote
        key → number in each version, for rendering footnote calls in fragments.
    ``Change``
        ``kind``: "added" | "deleted" | "modified" | "moved"; ``element``: "agenda_item" |
        "heading" | "paragraph" | "footnote"; ``old`` / ``new``: a ``Snapshot`` of the
        element in each version (None where absent); ``text_changed``; ``fragments``: the
        word diff; ``agenda_item``: an ``AgendaItemRef`` (key None, label "Chapeau" for
        elements outside any agenda item); ``number``. Shortcuts: ``old_key``, ``new_key``,
        ``old_path``, ``new_path``, ``old_location``, ``new_location``, ``old_text``,
        ``new_text``, ``anchor``.
        "moved" means matched but under another (matched) parent, or outside the longest
        common subsequence of its siblings; a moved element appears once, at its new place,
        with ``old`` telling where it came from; it may also have ``text_changed``.
        "modified" means matched in place with a changed text, designation or heading level.
        Footnotes are only added, deleted or modified: a footnote whose number changes
        because another was added before it is not a change.
    ``Snapshot``
        ``key``, ``kind``, ``designation``, ``level``, ``html`` (the sanitised source),
        ``text`` (plain text with the designation, footnote calls as that version's
        numbers), ``path`` (0-based indices among siblings from the top level) and
        ``location`` (for people: "A > 1. Effective national controls > 3", headings being
        the preceding heading siblings and bullets numbered since the last heading). For a
        footnote: ``designation`` is its number, ``text`` its plain text without the number,
        ``path`` is () and ``location`` "Footnote 3".
    ``Fragment``
        ``(op, html)`` with op "equal" | "insert" | "delete"; the fragments of a change
        cover its whole text (all "insert" when added, "delete" when deleted, one "equal"
        when unchanged). ``html`` is sanitised source HTML, balanced on its own (formatting
        tags are closed and reopened at fragment edges), so a renderer wraps it in
        ``<ins>``/``<del>`` without escaping anything more. Footnote calls stay
        ``<fn-ref>`` elements: render "delete" fragments with ``old_numbers`` and the
        others with ``new_numbers``.
    ``Summary``
        ``total`` and per agenda item (``items``, in document order) ``Counts`` of added,
        deleted, modified and moved changes (footnote changes count in the item of the
        element that calls them); ``old_brackets`` / ``new_brackets``: ``Brackets``.

Word diff
    Each text is cut into tokens: words, single punctuation marks, whitespace runs, HTML
    entities, and each footnote call as one token; formatting tags are not tokens but the
    context of the tokens they enclose (so "word" → "<em>word</em>" is a change). Tokens
    become one character each, diff-match-patch diffs those strings, and the result maps
    back to tokens. A footnote call compares by footnote identity (matched footnotes are
    the same), never by number.

Brackets
    The body (all elements in document order, one stream, so a passage may span
    paragraphs) and each footnote are scanned for "[" and "]". A passage is a balanced
    top-level "[ … ]" (nested brackets belong to their outer passage). A "]" with no open
    bracket counts in ``unmatched_close`` and ends nothing ("recipients.]]" after a single
    "[" is one passage and one unmatched close); brackets still open at the end of a
    stream count in ``unmatched_open``.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from diff_match_patch import diff_match_patch

from .inline import plain_text
from .tree import AGENDA_ITEM, FOOTNOTE_REF, HEADING, PARAGRAPH, Node, Tree

ADDED, DELETED, MODIFIED, MOVED = "added", "deleted", "modified", "moved"
FOOTNOTE = "footnote"
EQUAL, INSERT, DELETE = "equal", "insert", "delete"
SIMILARITY = 0.5

ChangeKind = Literal["added", "deleted", "modified", "moved"]
Op = Literal["equal", "insert", "delete"]
_Id = TypeVar("_Id", int, str)


@dataclass(frozen=True)
class Fragment:
    """A piece of a word diff: sanitised HTML that is equal, inserted or deleted."""

    op: Op
    html: str


@dataclass(frozen=True)
class Snapshot:
    """An element as it stands in one version."""

    key: str
    kind: str  # agenda_item, heading, paragraph or footnote
    designation: str
    level: int
    html: str
    text: str
    path: tuple[int, ...]
    location: str


@dataclass(frozen=True)
class AgendaItemRef:
    """The agenda item a change belongs to; key None is everything outside the items."""

    key: str | None
    label: str


CHAPEAU = AgendaItemRef(key=None, label="Chapeau")


@dataclass(frozen=True)
class Change:
    """One reported difference between the two versions."""

    number: int
    kind: ChangeKind
    element: str  # agenda_item, heading, paragraph or footnote
    old: Snapshot | None
    new: Snapshot | None
    text_changed: bool
    fragments: tuple[Fragment, ...]
    agenda_item: AgendaItemRef

    @property
    def old_key(self) -> str | None:
        return self.old.key if self.old else None

    @property
    def new_key(self) -> str | None:
        return self.new.key if self.new else None

    @property
    def old_path(self) -> tuple[int, ...] | None:
        return self.old.path if self.old else None

    @property
    def new_path(self) -> tuple[int, ...] | None:
        return self.new.path if self.new else None

    @property
    def old_location(self) -> str | None:
        return self.old.location if self.old else None

    @property
    def new_location(self) -> str | None:
        return self.new.location if self.new else None

    @property
    def old_text(self) -> str | None:
        return self.old.text if self.old else None

    @property
    def new_text(self) -> str | None:
        return self.new.text if self.new else None

    @property
    def anchor(self) -> str:
        """An HTML id for links and next/previous navigation."""
        return f"change-{self.number}"


@dataclass(frozen=True)
class Row:
    """One element of the merged document: in the new version, the old one, or both."""

    depth: int
    kind: str  # agenda_item, heading, paragraph or footnote
    old_key: str | None
    new_key: str | None
    change: Change | None


@dataclass(frozen=True)
class Counts:
    added: int = 0
    deleted: int = 0
    modified: int = 0
    moved: int = 0

    @property
    def total(self) -> int:
        return self.added + self.deleted + self.modified + self.moved


@dataclass(frozen=True)
class ItemSummary:
    agenda_item: AgendaItemRef
    counts: Counts


@dataclass(frozen=True)
class Brackets:
    """Bracketed passages in one version (see the module docstring for unbalanced ones)."""

    passages: int = 0
    unmatched_open: int = 0
    unmatched_close: int = 0


@dataclass(frozen=True)
class Summary:
    total: Counts
    items: tuple[ItemSummary, ...]
    old_brackets: Brackets
    new_brackets: Brackets


@dataclass(frozen=True)
class ChangeSet:
    """Everything that differs between two versions; see the module docstring."""

    changes: tuple[Change, ...]
    rows: tuple[Row, ...]
    footnote_rows: tuple[Row, ...]
    summary: Summary
    old_numbers: Mapping[str, int] = field(default_factory=dict)
    new_numbers: Mapping[str, int] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    def for_item(self, key: str | None) -> tuple[Change, ...]:
        """The changes in one agenda item (None: outside the items), in document order."""
        return tuple(change for change in self.changes if change.agenda_item.key == key)

    def neighbours(self, change: Change) -> tuple[Change | None, Change | None]:
        """The previous and the next change in document order."""
        index = change.number - 1
        previous = self.changes[index - 1] if index > 0 else None
        following = self.changes[index + 1] if index + 1 < len(self.changes) else None
        return previous, following


def compare(old: Tree, new: Tree) -> ChangeSet:
    """The change set that turns ``old`` into ``new``."""
    return _Comparison(_Version(old), _Version(new)).change_set()


def snapshots(tree: Tree) -> dict[str, Snapshot]:
    """Every element of a tree as a ``Snapshot`` (location, plain text), by key."""
    version = _Version(tree)
    return {key: version.snapshot(index) for key, index in version.index.items()}


def apply(old: Tree, changes: ChangeSet) -> Tree:
    """The new tree rebuilt from the old one and a change set of ``compare(old, new)``."""
    old_nodes = {node.key: node for node, _depth in old.walk()}
    footnote_keys = {
        row.old_key: row.new_key for row in changes.footnote_rows if row.old_key and row.new_key
    }
    tree = Tree()
    ancestors: list[Node] = []
    for row in changes.rows:
        if row.new_key is None:
            continue
        if row.change is not None and row.change.new is not None:
            state = row.change.new
            node = Node(state.kind, state.html, state.designation, state.level, state.key)
        else:
            was = old_nodes[row.old_key]
            text = _rekey_calls(was.text, footnote_keys)
            node = Node(was.kind, text, was.designation, was.level, row.new_key)
        del ancestors[row.depth :]
        (ancestors[-1].children if ancestors else tree.nodes).append(node)
        ancestors.append(node)
    for row in changes.footnote_rows:
        if row.new_key is None:
            continue
        if row.change is not None and row.change.new is not None:
            tree.footnotes[row.new_key] = row.change.new.html
        else:
            tree.footnotes[row.new_key] = old.footnotes[row.old_key]
    return tree


def word_diff(
    old_html: str,
    new_html: str,
    old_footnote: Callable[[str], Hashable] = str,
    new_footnote: Callable[[str], Hashable] = str,
) -> tuple[Fragment, ...]:
    """Word-level diff of two sanitised texts; footnote calls compare by the identity the
    two functions give their keys (by default the key itself)."""
    return _diff_tokens(_tokenize(old_html, old_footnote), _tokenize(new_html, new_footnote))


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


# The flattened version -------------------------------------------------------------------

_BRACKET = re.compile(r"[\[\]]")
_WORDS = re.compile(r"\w+")
_SHORT = 40


@dataclass(slots=True)
class _Entry:
    """One node of a flattened tree, with what the comparison needs to know about it."""

    node: Node
    parent: int  # index of the parent entry, -1 at the top level
    depth: int
    path: tuple[int, ...]
    location: str
    item: int  # index of the agenda item entry it belongs to, -1 for none
    text: str


class _Version:
    """A tree flattened into document order, with footnote numbers and callers."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.numbers = tree.footnote_numbers()
        self.entries: list[_Entry] = []
        self.children: dict[int, list[int]] = {-1: []}
        self.callers: dict[str, int] = {}
        self._visit(tree.nodes, parent=-1, depth=0, labels=(), path=(), item=-1)
        self.index: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            self.index.setdefault(entry.node.key, index)
        self.footnote_order = sorted(
            tree.footnotes, key=lambda key: self.numbers.get(key, len(self.numbers) + 1)
        )

    def _visit(
        self,
        nodes: list[Node],
        parent: int,
        depth: int,
        labels: tuple[str, ...],
        path: tuple[int, ...],
        item: int,
    ) -> None:
        headings: list[tuple[int, str]] = []  # the heading siblings above, by level
        bullets = 0
        for position, node in enumerate(nodes):
            index = len(self.entries)
            text = f"{node.designation} {plain_text(node.text, self.numbers)}".strip()
            if node.kind == HEADING:
                while headings and headings[-1][0] >= node.level:
                    headings.pop()
                label = _shorten(text)
            elif node.kind == PARAGRAPH:
                bullets += 1
                label = node.designation.rstrip(".") or str(bullets)
            else:
                label = node.designation.rstrip(".") or _shorten(text)
            own_labels = labels + tuple(title for _level, title in headings) + (label,)
            if node.kind == HEADING:
                headings.append((node.level, label))
                bullets = 0
            own_item = index if node.kind == AGENDA_ITEM else item
            self.entries.append(
                _Entry(
                    node, parent, depth, path + (position,), " > ".join(own_labels), own_item, text
                )
            )
            self.children[parent].append(index)
            self.children[index] = []
            if "<fn-ref" in node.text:
                for key in node.footnote_keys():
                    self.callers.setdefault(key, index)
            self._visit(node.children, index, depth + 1, own_labels, path + (position,), own_item)

    def snapshot(self, index: int) -> Snapshot:
        entry = self.entries[index]
        node = entry.node
        return Snapshot(
            node.key, node.kind, node.designation, node.level, node.text, entry.text,
            entry.path, entry.location,
        )  # fmt: skip

    def footnote_snapshot(self, key: str) -> Snapshot:
        number = self.numbers.get(key)
        html = self.tree.footnotes[key]
        return Snapshot(
            key, FOOTNOTE, str(number or ""), 0, html, plain_text(html), (),
            f"Footnote {number}" if number else "Footnote",
        )  # fmt: skip

    def brackets(self) -> Brackets:
        body = "\n".join(entry.text for entry in self.entries)
        footnotes = (plain_text(text) for text in self.tree.footnotes.values())
        return count_brackets([body, *footnotes])


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _SHORT:
        return text
    return text[:_SHORT].rsplit(" ", 1)[0] + " …"


# Matching --------------------------------------------------------------------------------


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
    ranked = sorted(_similar_pairs(rest, rest_new, rank))
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


class _Comparison:
    """The two versions, how their elements and footnotes pair, and the change set."""

    def __init__(self, old: _Version, new: _Version) -> None:
        self.old, self.new = old, new
        self.pairs: dict[int, int] = {}  # old entry index → new entry index
        self._match_elements()
        self.back = {n: o for o, n in self.pairs.items()}
        self.footnote_pairs: dict[str, str] = self._match_footnotes()
        self.footnote_back = {n: o for o, n in self.footnote_pairs.items()}

    # matching

    def _match_elements(self) -> None:
        old, new = self.old, self.new
        taken: set[int] = set()
        for index, entry in enumerate(old.entries):
            other = new.index.get(entry.node.key)
            if other is not None and other not in taken:
                if new.entries[other].node.kind == entry.node.kind:
                    self.pairs[index] = other
                    taken.add(other)
        olds = [
            _Candidate(i, e.node.kind, e.node.text)
            for i, e in enumerate(old.entries)
            if i not in self.pairs
        ]
        news = [
            _Candidate(i, e.node.kind, e.node.text)
            for i, e in enumerate(new.entries)
            if i not in taken
        ]
        size_old, size_new = max(len(old.entries), 1), max(len(new.entries), 1)

        def rank(a: _Candidate, b: _Candidate, score: float) -> tuple[float, ...]:
            apart = abs(int(a.id) / size_old - int(b.id) / size_new)
            return (-score, not self._same_parent(int(a.id), int(b.id)), apart)

        for a, b in list(_pair_by_text(olds, news, rank)):
            self.pairs[int(a)] = int(b)
        self._match_placeholders()

    def _match_placeholders(self) -> None:
        """Empty bullets have no text to match: pair them in order under matched parents."""
        taken = set(self.pairs.values())
        waiting: dict[tuple[str, int], list[int]] = {}
        for index, entry in enumerate(self.new.entries):
            if index not in taken and not entry.node.text.strip():
                waiting.setdefault((entry.node.kind, entry.parent), []).append(index)
        for index, entry in enumerate(self.old.entries):
            if index in self.pairs or entry.node.text.strip():
                continue
            parent = -1 if entry.parent == -1 else self.pairs.get(entry.parent)
            queue = waiting.get((entry.node.kind, parent)) if parent is not None else None
            if queue:
                self.pairs[index] = queue.pop(0)

    def _same_parent(self, old_index: int, new_index: int) -> bool:
        old_parent = self.old.entries[old_index].parent
        new_parent = self.new.entries[new_index].parent
        if old_parent == -1:
            return new_parent == -1
        return self.pairs.get(old_parent) == new_parent

    def _match_footnotes(self) -> dict[str, str]:
        old, new = self.old.tree.footnotes, self.new.tree.footnotes
        pairs = {key: key for key in old if key in new}
        olds = [_Candidate(k, FOOTNOTE, text) for k, text in old.items() if k not in pairs]
        news = [_Candidate(k, FOOTNOTE, text) for k, text in new.items() if k not in pairs]

        def rank(a: _Candidate, b: _Candidate, score: float) -> tuple[float, ...]:
            caller = self.old.callers.get(str(a.id))
            same_caller = caller is not None and self.pairs.get(caller) == self.new.callers.get(
                str(b.id)
            )
            return (not same_caller, -score)

        pairs.update((str(a), str(b)) for a, b in _pair_by_text(olds, news, rank))
        return pairs

    # moves

    def _moved(self) -> set[int]:
        """New entry indices of matched elements that moved."""
        moved: set[int] = set()
        for children in self.new.children.values():
            staying: list[tuple[int, int]] = []  # (old position among siblings, new index)
            for index in children:
                old_index = self.back.get(index)
                if old_index is None:
                    continue
                if self._same_parent(old_index, index):
                    staying.append((self.old.entries[old_index].path[-1], index))
                else:
                    moved.add(index)
            in_order = _longest_increasing([position for position, _ in staying])
            moved.update(index for i, (_, index) in enumerate(staying) if i not in in_order)
        return moved

    # the change set

    def change_set(self) -> ChangeSet:
        moved = self._moved()
        changes: list[Change] = []
        rows: list[Row] = []
        items: list[AgendaItemRef] = []
        for depth, old_index, new_index in self._merged(-1, -1, 0):
            change = self._element_change(old_index, new_index, new_index in moved, changes)
            entry = self._entry(old_index, new_index)
            rows.append(
                Row(
                    depth,
                    entry.node.kind,
                    self.old.entries[old_index].node.key if old_index is not None else None,
                    self.new.entries[new_index].node.key if new_index is not None else None,
                    change,
                )
            )
            item = self._item(old_index, new_index)
            if item not in items:
                items.append(item)
        footnote_rows = [
            Row(0, FOOTNOTE, old_key, new_key, self._footnote_change(old_key, new_key, changes))
            for old_key, new_key in self._merged_footnotes()
        ]
        return ChangeSet(
            tuple(changes),
            tuple(rows),
            tuple(footnote_rows),
            self._summary(changes, items),
            dict(self.old.numbers),
            dict(self.new.numbers),
        )

    def _entry(self, old_index: int | None, new_index: int | None) -> _Entry:
        if new_index is not None:
            return self.new.entries[new_index]
        assert old_index is not None
        return self.old.entries[old_index]

    def _merged(
        self, old_parent: int | None, new_parent: int | None, depth: int
    ) -> Iterator[tuple[int, int | None, int | None]]:
        """(depth, old index, new index) of the merged document under a pair of parents:
        the new children in order, each deleted old child after its nearest earlier sibling
        that stayed under this parent."""
        new_children = self.new.children[new_parent] if new_parent is not None else []
        old_children = self.old.children[old_parent] if old_parent is not None else []
        for old_index, new_index in _interleave(new_children, old_children, self.pairs, self.back):
            yield depth, old_index, new_index
            if new_index is not None:
                yield from self._merged(self.back.get(new_index), new_index, depth + 1)
            else:
                yield from self._merged(old_index, None, depth + 1)

    def _merged_footnotes(self) -> list[tuple[str | None, str | None]]:
        return _interleave(
            self.new.footnote_order,
            self.old.footnote_order,
            self.footnote_pairs,
            self.footnote_back,
        )

    def _element_change(
        self, old_index: int | None, new_index: int | None, moved: bool, changes: list[Change]
    ) -> Change | None:
        item = self._item(old_index, new_index)
        if new_index is None or old_index is None:
            old = self.old.snapshot(old_index) if old_index is not None else None
            new = self.new.snapshot(new_index) if new_index is not None else None
            return self._one_sided(old, new, item, changes)
        was, now = self.old.entries[old_index].node, self.new.entries[new_index].node
        fragments, text_changed = self._text_diff(was.text, now.text)
        restyled = was.designation != now.designation or was.level != now.level
        if not (moved or text_changed or restyled):
            return None
        old, new = self.old.snapshot(old_index), self.new.snapshot(new_index)
        kind = MOVED if moved else MODIFIED
        return _record(changes, kind, now.kind, old, new, text_changed, fragments, item)

    def _footnote_change(
        self, old_key: str | None, new_key: str | None, changes: list[Change]
    ) -> Change | None:
        old = self.old.footnote_snapshot(old_key) if old_key is not None else None
        new = self.new.footnote_snapshot(new_key) if new_key is not None else None
        caller_old = self.old.callers.get(old_key) if old_key is not None else None
        caller_new = self.new.callers.get(new_key) if new_key is not None else None
        item = (
            self._item(caller_old, caller_new)
            if caller_old is not None or caller_new is not None
            else CHAPEAU
        )
        if old is None or new is None:
            return self._one_sided(old, new, item, changes)
        fragments, text_changed = self._text_diff(old.html, new.html)
        if not text_changed:
            return None
        return _record(changes, MODIFIED, FOOTNOTE, old, new, True, fragments, item)

    def _one_sided(
        self,
        old: Snapshot | None,
        new: Snapshot | None,
        item: AgendaItemRef,
        changes: list[Change],
    ) -> Change:
        if new is not None:
            fragments = (Fragment(INSERT, new.html),)
            return _record(changes, ADDED, new.kind, None, new, True, fragments, item)
        assert old is not None
        fragments = (Fragment(DELETE, old.html),)
        return _record(changes, DELETED, old.kind, old, None, True, fragments, item)

    def _text_diff(self, old_html: str, new_html: str) -> tuple[tuple[Fragment, ...], bool]:
        """The word diff and whether the texts differ (footnote calls by identity)."""
        unchanged = (Fragment(EQUAL, new_html),)
        if old_html == new_html and all(
            self.footnote_pairs.get(key) == key for key in FOOTNOTE_REF.findall(old_html)
        ):
            return unchanged, False
        old_tokens = _tokenize(old_html, lambda key: ("footnote", key))
        new_tokens = _tokenize(new_html, self._new_footnote_identity)
        if [token[2] for token in old_tokens] == [token[2] for token in new_tokens]:
            return unchanged, False
        return _diff_tokens(old_tokens, new_tokens), True

    def _new_footnote_identity(self, key: str) -> Hashable:
        old_key = self.footnote_back.get(key)
        return ("footnote", old_key) if old_key is not None else ("new footnote", key)

    def _item(self, old_index: int | None, new_index: int | None) -> AgendaItemRef:
        """The agenda item of an element: its item in the new version if it is there."""
        if new_index is not None:
            item = self.new.entries[new_index].item
            return self._item_ref(self.new, item)
        assert old_index is not None
        item = self.old.entries[old_index].item
        if item in self.pairs:
            return self._item_ref(self.new, self.pairs[item])
        return self._item_ref(self.old, item)

    @staticmethod
    def _item_ref(version: _Version, item: int) -> AgendaItemRef:
        if item == -1:
            return CHAPEAU
        node = version.entries[item].node
        # The label names the item; its footnote calls would read as stray digits.
        return AgendaItemRef(node.key, f"{node.designation} {plain_text(node.text)}".strip())

    def _summary(self, changes: list[Change], items: list[AgendaItemRef]) -> Summary:
        by_item: dict[str | None, Counter[str]] = {item.key: Counter() for item in items}
        for change in changes:
            if change.agenda_item not in items:
                items.append(change.agenda_item)
            by_item.setdefault(change.agenda_item.key, Counter())[change.kind] += 1
        total = Counter(change.kind for change in changes)
        return Summary(
            _counts(total),
            tuple(ItemSummary(item, _counts(by_item[item.key])) for item in items),
            self.old.brackets(),
            self.new.brackets(),
        )


def _record(
    changes: list[Change],
    kind: ChangeKind,
    element: str,
    old: Snapshot | None,
    new: Snapshot | None,
    text_changed: bool,
    fragments: tuple[Fragment, ...],
    item: AgendaItemRef,
) -> Change:
    """A new change, numbered in document order and appended to ``changes``."""
    change = Change(len(changes) + 1, kind, element, old, new, text_changed, fragments, item)
    changes.append(change)
    return change


def _counts(counter: Counter[str]) -> Counts:
    return Counts(counter[ADDED], counter[DELETED], counter[MODIFIED], counter[MOVED])


def _interleave(
    new_sequence: list[_Id],
    old_sequence: list[_Id],
    pairs: Mapping[_Id, _Id],
    back: Mapping[_Id, _Id],
) -> list[tuple[_Id | None, _Id | None]]:
    """(old, new) pairs in merged order: each new item with its old partner (or None), in
    order, and each unpaired old item (None, as new) after its nearest earlier old sibling
    whose partner is in the new sequence."""
    present = set(new_sequence)
    after: dict[_Id | None, list[_Id]] = {}
    anchor: _Id | None = None
    for item in old_sequence:
        partner = pairs.get(item)
        if partner is None:
            after.setdefault(anchor, []).append(item)
        elif partner in present:
            anchor = partner
    merged: list[tuple[_Id | None, _Id | None]] = [(old, None) for old in after.get(None, [])]
    for item in new_sequence:
        merged.append((back.get(item), item))
        merged.extend((old, None) for old in after.get(item, []))
    return merged


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []  # values ending the best subsequence of each length
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        length = bisect.bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[length] = value
            tail_index[length] = i
        previous[i] = tail_index[length - 1] if length else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i != -1:
        keep.add(i)
        i = previous[i]
    return keep


def _rekey_calls(text: str, keys: Mapping[str, str]) -> str:
    if "<fn-ref" not in text:
        return text
    return FOOTNOTE_REF.sub(
        lambda match: f'<fn-ref data-key="{keys.get(match.group(1), match.group(1))}"></fn-ref>',
        text,
    )


# Word diff -------------------------------------------------------------------------------

# A token: (enclosing formatting tags, its HTML, what it compares by).
_Token = tuple[tuple[str, ...], str, Hashable]
_PIECE = re.compile(rf"({FOOTNOTE_REF.pattern})|(<[^>]*>)|([^<]+)")
_TEXT_TOKEN = re.compile(r"&#?\w+;|\w+|\s+|[^\w\s]")
_TAG_NAME = re.compile(r"</?\s*([\w-]+)")
_FIRST_CODE = 0x100  # tokens become characters from here on, well below the surrogates


def _tokenize(html: str, footnote_identity: Callable[[str], Hashable]) -> list[_Token]:
    tokens: list[_Token] = []
    context: tuple[str, ...] = ()
    for match in _PIECE.finditer(html):
        call, key, tag, text = match.groups()
        if call:
            tokens.append((context, call, (context, footnote_identity(key))))
        elif tag:
            name = _tag_name(tag)
            if tag.startswith("</"):
                for depth in range(len(context) - 1, -1, -1):
                    if _tag_name(context[depth]) == name:
                        context = context[:depth] + context[depth + 1 :]
                        break
            elif not tag.endswith("/>"):
                context = context + (tag,)
        else:
            tokens.extend((context, word, (context, word)) for word in _TEXT_TOKEN.findall(text))
    return tokens


def _tag_name(tag: str) -> str:
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


def _diff_tokens(old: list[_Token], new: list[_Token]) -> tuple[Fragment, ...]:
    codes: dict[Hashable, str] = {}

    def encode(tokens: list[_Token]) -> str:
        chars = []
        for _context, _html, identity in tokens:
            code = codes.get(identity)
            if code is None:
                code = codes[identity] = chr(_FIRST_CODE + len(codes))
            chars.append(code)
        return "".join(chars)

    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # exact and repeatable; the strings are a paragraph's words
    diffs = engine.diff_main(encode(old), encode(new), False)
    engine.diff_cleanupSemantic(diffs)
    fragments: list[Fragment] = []
    i = j = 0
    for op, chars in diffs:
        size = len(chars)
        if op == engine.DIFF_EQUAL:
            fragments.append(Fragment(EQUAL, _balanced_html(new[j : j + size])))
            i, j = i + size, j + size
        elif op == engine.DIFF_DELETE:
            fragments.append(Fragment(DELETE, _balanced_html(old[i : i + size])))
            i += size
        else:
            fragments.append(Fragment(INSERT, _balanced_html(new[j : j + size])))
            j += size
    return tuple(fragments)


def _balanced_html(tokens: list[_Token]) -> str:
    """The tokens' HTML with their formatting tags opened and closed inside the fragment."""
    if not any(context for context, _html, _identity in tokens):
        return "".join(html for _context, html, _identity in tokens)
    parts: list[str] = []
    open_tags: tuple[str, ...] = ()
    for context, html, _identity in tokens:
        shared = 0
        while shared < min(len(open_tags), len(context)) and open_tags[shared] == context[shared]:
            shared += 1
        parts.extend(f"</{_tag_name(tag)}>" for tag in reversed(open_tags[shared:]))
        parts.extend(context[shared:])
        parts.append(html)
        open_tags = context
    parts.extend(f"</{_tag_name(tag)}>" for tag in reversed(open_tags))
    return "".join(parts)
