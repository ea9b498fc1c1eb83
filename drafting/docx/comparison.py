"""A comparison as a Word document with real revision marks, from the compare engine's
change set: ``comparison_docx(old, new, changes, meta)``. No ORM, never Word's own compare.

The document is the later draft with the earlier one's differences marked, so that
accepting every change gives the later draft and rejecting every change the earlier one:

- both drafts are read in document order and aligned on the change set's pairs; the
  longest run of pairs in the same order in both stays in place (pairs the change set did
  not call moved are preferred), every other pair has moved;
- a paragraph in place shows its word diff as ``w:ins`` / ``w:del`` (deleted text in
  ``w:delText``), a changed designation as the old one deleted and the new one inserted,
  and a change of style or list level (indent, outdent, heading level, paragraph made a
  heading) as ``w:pPrChange`` holding its earlier properties;
- a paragraph added or deleted is marked in its runs and on its paragraph mark
  (``w:pPr/w:rPr/w:ins`` or ``w:del``), so accepting or rejecting removes it cleanly;
- a moved paragraph is a real move: its earlier text at its old place in ``w:moveFrom``
  and its later text at its new place in ``w:moveTo``, inside named move ranges
  (``w:moveFromRangeStart`` … ``w:moveToRangeEnd``), paragraphs moved together sharing
  one range. A moved and reworded paragraph stays a move: words it lost are ``w:del`` at
  the old place, words it gained ``w:ins`` at the new one (no fallback to a deletion and
  an insertion of the whole paragraph is needed);
- each footnote call has its own footnote: a call kept shows the footnote's word diff
  inside ``footnotes.xml``; a call inserted (or moved to) holds the later text marked
  inserted, a call deleted (or moved from) the earlier text marked deleted.

Every mark carries ``meta.author`` and the later draft's date; revision ids are unique in
the package.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..diff import DELETE, EQUAL, INSERT, MOVED, Change, ChangeSet, Fragment
from ..tree import Node, Tree
from .model import DocxMeta
from .ooxml import el
from .spans import spans_of
from .writer import (
    DELETED,
    INSERTED,
    MOVED_FROM,
    MOVED_TO,
    FootnoteCall,
    WordDocument,
    no_footnotes,
    placement,
    walk_with_list_levels,
)

SAME, ADDED, REMOVED, MOVED_AWAY, MOVED_HERE = "same", "added", "deleted", "moved from", "moved to"
_MARKS = {ADDED: INSERTED, REMOVED: DELETED, MOVED_AWAY: MOVED_FROM, MOVED_HERE: MOVED_TO}
OLD_SIDE, NEW_SIDE, BOTH = "old", "new", "both"


@dataclass(frozen=True)
class _Entry:
    node: Node
    list_level: int


@dataclass
class _Item:
    """One paragraph of the comparison: what happened to it and its two states."""

    state: str
    old: _Entry | None
    new: _Entry | None
    change: Change | None
    move: str = ""  # the move range's name, for moved paragraphs
    opens: int | None = None  # range id opened at this paragraph
    closes: int | None = None  # range id closed after it


def comparison_docx(old: Tree, new: Tree, changes: ChangeSet, meta: DocxMeta) -> bytes:
    """The later draft ``new`` with its differences from ``old`` (``changes`` is
    ``compare(old, new)``) as Word revision marks by ``meta.author`` on ``meta.date``."""
    return _Comparison(old, new, changes, meta).to_bytes()


class _Comparison:
    def __init__(self, old: Tree, new: Tree, changes: ChangeSet, meta: DocxMeta) -> None:
        self.old_tree, self.new_tree = old, new
        self.document = WordDocument(meta)
        self.marks = self.document.marks
        self.old = [_Entry(node, level) for node, level in walk_with_list_levels(old)]
        self.new = [_Entry(node, level) for node, level in walk_with_list_levels(new)]
        self.footnotes = _FootnotePairs(changes)
        self.items = _aligned(self.old, self.new, changes)
        self._name_moves()

    def to_bytes(self) -> bytes:
        for item in self.items:
            self.document.add(self._paragraph(item))
        if self.items and self.items[-1].state != SAME:
            # Word never removes the last paragraph mark: keep an unmarked one after a
            # change that accepting or rejecting would take away.
            self.document.add(el("p"))
        return self.document.to_bytes()

    # moves

    def _name_moves(self) -> None:
        """Give each run of paragraphs moved together a name, with one range at its old
        place and one at its new place: adjacent at both, in the same order."""
        arrivals = {
            id(item.old.node): index
            for index, item in enumerate(self.items)
            if item.state == MOVED_HERE and item.old is not None
        }
        groups: list[list[tuple[int, int]]] = []  # (old place, new place) per paragraph
        for index, item in enumerate(self.items):
            if item.state != MOVED_AWAY or item.old is None:
                continue
            arrival = arrivals[id(item.old.node)]
            if groups and groups[-1][-1] == (index - 1, arrival - 1):
                groups[-1].append((index, arrival))
            else:
                groups.append([(index, arrival)])
        for number, group in enumerate(groups, start=1):
            for places in ([old for old, _new in group], [new for _old, new in group]):
                range_id = self.marks.new_id()
                for place in places:
                    self.items[place].move = f"move{number}"
                self.items[places[0]].opens = range_id
                self.items[places[-1]].closes = range_id

    # paragraphs

    def _paragraph(self, item: _Item) -> etree._Element:
        if item.state == SAME:
            assert item.old is not None and item.new is not None
            return self._in_place(item.old, item.new, item.change)
        mark = _MARKS[item.state]
        entry = item.new if mark in (INSERTED, MOVED_TO) else item.old
        assert entry is not None
        content = self._one_place(item, mark)
        if item.opens is not None:
            signature = self.marks.signature()
            start = el(f"{mark}RangeStart", id=item.opens, name=item.move, **signature)
            content.insert(0, start)
        if item.closes is not None:
            content.append(el(f"{mark}RangeEnd", id=item.closes))
        where = placement(entry.node, entry.list_level)
        return self.document.paragraph(where, content, mark=self.marks.mark(mark))

    def _in_place(self, old: _Entry, new: _Entry, change: Change | None) -> etree._Element:
        content = self._designation(old.node.designation, new.node.designation, None)
        fragments = change.fragments if change is not None else _unchanged(new.node.text)
        for fragment in fragments:
            revision = {EQUAL: None, INSERT: INSERTED, DELETE: DELETED}[fragment.op]
            side = {EQUAL: BOTH, INSERT: NEW_SIDE, DELETE: OLD_SIDE}[fragment.op]
            content += self.document.content(spans_of(fragment.html), self._call(side), revision)
        was, now = placement(old.node, old.list_level), placement(new.node, new.list_level)
        change_mark = None
        if was != now:
            change_mark = self.marks.mark("pPrChange", el("pPr", *was.properties()))
        return self.document.paragraph(now, content, change=change_mark)

    def _one_place(self, item: _Item, mark: str) -> list[etree._Element]:
        """A paragraph added, deleted or moved, at one place: at the old place its earlier
        text (words the move lost deleted), at the new place its later text (words it
        gained inserted), the rest inside ``mark``."""
        arriving = mark in (INSERTED, MOVED_TO)
        old = item.old.node.designation if item.old else ""
        new = item.new.node.designation if item.new else ""
        here = new if arriving else old
        if mark in (INSERTED, DELETED) or old == new:
            content = self._designation(here, here, mark)
        else:
            content = self._designation("" if arriving else old, new if arriving else "", None)
        if mark in (INSERTED, DELETED) or item.change is None:
            entry = item.new if arriving else item.old
            assert entry is not None
            fragments = _unchanged(entry.node.text)
        else:
            fragments = item.change.fragments
        skipped = DELETE if arriving else INSERT
        for fragment in fragments:
            if fragment.op == skipped:
                continue
            revision = mark if fragment.op == EQUAL else (INSERTED if arriving else DELETED)
            call = self._call(NEW_SIDE if arriving else OLD_SIDE)
            content += self.document.content(spans_of(fragment.html), call, revision)
        return content

    def _designation(self, old: str, new: str, mark: str | None) -> list[etree._Element]:
        """A designation unchanged (inside ``mark`` when given), or the old one deleted and
        the new one inserted."""
        if old == new:
            runs = self.document.designation_runs(new, removing=mark in (DELETED, MOVED_FROM))
            return [self.marks.mark(mark, *runs)] if mark and runs else runs
        out = []
        if old:
            out.append(self.marks.mark(DELETED, *self.document.designation_runs(old, True)))
        if new:
            out.append(self.marks.mark(INSERTED, *self.document.designation_runs(new)))
        return out

    # footnotes

    def _call(self, side: str) -> FootnoteCall:
        """Footnote calls of text on one side: each call its own footnote (module docstring)."""

        def call(key: str) -> int | None:
            old_key, new_key = self.footnotes.keys(key, side)
            old_text = self.old_tree.footnotes.get(old_key) if old_key else None
            new_text = self.new_tree.footnotes.get(new_key) if new_key else None
            if side == NEW_SIDE or (side == BOTH and old_text is None):
                return self._footnote(new_text, INSERTED if side == NEW_SIDE else None)
            if side == OLD_SIDE or new_text is None:
                return self._footnote(old_text, DELETED if side == OLD_SIDE else None)
            change = self.footnotes.changes.get(new_key or "")
            if change is None:
                return self._footnote(new_text, None)
            content = []
            for fragment in change.fragments:
                revision = {EQUAL: None, INSERT: INSERTED, DELETE: DELETED}[fragment.op]
                content += self.document.content(
                    spans_of(fragment.html), no_footnotes, revision, self.document.footnotes_part
                )
            return self.document.add_footnote(content)

        return call

    def _footnote(self, text: str | None, revision: str | None) -> int | None:
        if text is None:
            return None
        content = self.document.content(
            spans_of(text), no_footnotes, revision, self.document.footnotes_part
        )
        mark = self.marks.mark(revision) if revision else None
        return self.document.add_footnote(content, mark)


def _unchanged(html: str) -> tuple[Fragment, ...]:
    """The fragments of a text that did not change."""
    return (Fragment("equal", html),)


class _FootnotePairs:
    """How the two drafts' footnotes pair, and the change of each changed pair."""

    def __init__(self, changes: ChangeSet) -> None:
        self.to_old = {
            r.new_key: r.old_key for r in changes.footnote_rows if r.new_key and r.old_key
        }
        self.to_new = {old: new for new, old in self.to_old.items()}
        self.changes = {
            row.new_key: row.change
            for row in changes.footnote_rows
            if row.new_key and row.old_key and row.change is not None
        }

    def keys(self, key: str, side: str) -> tuple[str | None, str | None]:
        """(old key, new key) of a call: a call of the old text names an old footnote, any
        other (kept or inserted, including kept text at a move's old place) a new one."""
        if side == OLD_SIDE and key not in self.to_old:
            return key, self.to_new.get(key)
        return self.to_old.get(key), key


# Alignment -----------------------------------------------------------------------------


def _aligned(old: list[_Entry], new: list[_Entry], changes: ChangeSet) -> list[_Item]:
    """The merged document: the new order, each paragraph no longer at its place (deleted,
    or the old place of a move) before the next paragraph that stayed, deletions first."""
    old_index = {entry.node.key: index for index, entry in enumerate(old)}
    new_index = {entry.node.key: index for index, entry in enumerate(new)}
    pairs: dict[int, int] = {}  # new index → old index
    change_of_new: dict[int, Change | None] = {}
    change_of_old: dict[int, Change | None] = {}
    for row in changes.rows:
        if row.new_key is not None:
            change_of_new[new_index[row.new_key]] = row.change
            if row.old_key is not None:
                pairs[new_index[row.new_key]] = old_index[row.old_key]
        elif row.old_key is not None:
            change_of_old[old_index[row.old_key]] = row.change
    staying = _heaviest_increasing(
        [(n, pairs[n], 1 if _is_move(change_of_new.get(n)) else 2) for n in sorted(pairs)]
    )
    moved_away = {o: n for n, o in pairs.items() if n not in staying}  # old → new index
    paired_old = set(pairs.values())
    waiting = [o for o in range(len(old)) if o not in paired_old or o in moved_away]
    waiting.reverse()  # a stack, the next old paragraph on top

    def departed(o: int) -> _Item:
        m = moved_away.get(o)
        if m is None:
            return _Item(REMOVED, old[o], None, change_of_old.get(o))
        return _Item(MOVED_AWAY, old[o], new[m], change_of_new.get(m))

    items: list[_Item] = []
    next_anchor = _next_anchors(len(new), staying, pairs, len(old))
    for n, entry in enumerate(new):
        while waiting and waiting[-1] < next_anchor[n]:
            items.append(departed(waiting.pop()))
        change = change_of_new.get(n)
        if n in staying:
            items.append(_Item(SAME, old[pairs[n]], entry, change))
        elif n in pairs:
            items.append(_Item(MOVED_HERE, old[pairs[n]], entry, change))
        else:
            items.append(_Item(ADDED, None, entry, change))
    items += [departed(o) for o in reversed(waiting)]
    return items


def _is_move(change: Change | None) -> bool:
    return change is not None and change.kind == MOVED


def _next_anchors(size: int, staying: set[int], pairs: dict[int, int], old_size: int) -> list[int]:
    """For each new index, the old index of the next paragraph at or after it that stays."""
    anchors = [old_size] * (size + 1)
    for n in range(size - 1, -1, -1):
        anchors[n] = pairs[n] if n in staying else anchors[n + 1]
    return anchors[:size]


def _heaviest_increasing(pairs: list[tuple[int, int, int]]) -> set[int]:
    """New indices of the heaviest chain of (new index, old index, weight) increasing in
    both indices; a Fenwick tree over old indices keeps it O(n log n)."""
    if not pairs:
        return set()
    size = max(old for _new, old, _weight in pairs) + 2
    best: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # (weight, pair index) per prefix
    chain_weight: list[int] = []
    before: list[int] = []
    for index, (_new, old, weight) in enumerate(pairs):
        prefix = _prefix_best(best, old)
        chain_weight.append(prefix[0] + weight)
        before.append(prefix[1])
        _raise(best, old + 1, (chain_weight[-1], index))
    last = max(range(len(pairs)), key=lambda i: chain_weight[i])
    chosen: set[int] = set()
    while last != -1:
        chosen.add(pairs[last][0])
        last = before[last]
    return chosen


def _prefix_best(tree: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The best (weight, index) over Fenwick positions 1 … ``position`` (old indices below)."""
    found = (0, -1)
    while position > 0:
        found = max(found, tree[position])
        position -= position & -position
    return found


def _raise(tree: list[tuple[int, int]], position: int, value: tuple[int, int]) -> None:
    while position < len(tree):
        if value > tree[position]:
            tree[position] = value
        position += position & -position
