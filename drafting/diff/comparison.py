"""The comparison of two flattened versions: moves, the merged document, the changes and
their summary, assembled into one ``ChangeSet``."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Iterator, Mapping
from typing import TypeVar

from ..inline import plain_text
from ..tree import FOOTNOTE_REF, Tree
from .matching import match_elements, match_footnotes, same_parent
from .model import (
    ADDED,
    CHAPEAU,
    DELETE,
    DELETED,
    EQUAL,
    FOOTNOTE,
    INSERT,
    MODIFIED,
    MOVED,
    AgendaItemRef,
    Change,
    ChangeKind,
    ChangeSet,
    Counts,
    Fragment,
    ItemSummary,
    Row,
    Snapshot,
    Summary,
)
from .version import Entry, FlatVersion
from .words import TextDiff, diff_texts

_Id = TypeVar("_Id", int, str)


def compare(old: Tree, new: Tree) -> ChangeSet:
    """The change set that turns ``old`` into ``new``."""
    return _Comparison(FlatVersion(old), FlatVersion(new)).change_set()


class _Comparison:
    """The two versions, how their elements and footnotes pair, and the change set."""

    def __init__(self, old: FlatVersion, new: FlatVersion) -> None:
        self.old, self.new = old, new
        self.pairs = match_elements(old, new)  # old entry index → new entry index
        self.back = {n: o for o, n in self.pairs.items()}
        self.footnote_pairs = match_footnotes(old, new, self.pairs)
        self.footnote_back = {n: o for o, n in self.footnote_pairs.items()}

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
                if same_parent(self.old, self.new, self.pairs, old_index, index):
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

    def _entry(self, old_index: int | None, new_index: int | None) -> Entry:
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
        text = self._text_diff(was.text, now.text)
        restyled = was.designation != now.designation or was.level != now.level
        if not (moved or text.changed or restyled):
            return None
        old, new = self.old.snapshot(old_index), self.new.snapshot(new_index)
        kind: ChangeKind = MOVED if moved else MODIFIED
        return _record(changes, kind, now.kind, old, new, text, item)

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
        text = self._text_diff(old.html, new.html)
        if not text.changed:
            return None
        return _record(changes, MODIFIED, FOOTNOTE, old, new, text, item)

    def _one_sided(
        self,
        old: Snapshot | None,
        new: Snapshot | None,
        item: AgendaItemRef,
        changes: list[Change],
    ) -> Change:
        if new is not None:
            text = TextDiff((Fragment(INSERT, new.html),), changed=True)
            return _record(changes, ADDED, new.kind, None, new, text, item)
        assert old is not None
        text = TextDiff((Fragment(DELETE, old.html),), changed=True)
        return _record(changes, DELETED, old.kind, old, None, text, item)

    def _text_diff(self, old_html: str, new_html: str) -> TextDiff:
        """The word diff of two texts, footnote calls by identity; unchanged texts are one
        "equal" fragment."""
        unchanged = TextDiff((Fragment(EQUAL, new_html),), changed=False)
        if old_html == new_html and all(
            self.footnote_pairs.get(key) == key for key in FOOTNOTE_REF.findall(old_html)
        ):
            return unchanged
        diff = diff_texts(
            old_html, new_html, lambda key: ("footnote", key), self._new_footnote_identity
        )
        return diff if diff.changed else unchanged

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
    def _item_ref(version: FlatVersion, item: int) -> AgendaItemRef:
        if item == -1:
            return CHAPEAU
        node = version.entries[item].node
        # The label names the item; its footnote calls would read as stray digits.
        return AgendaItemRef(node.key, f"{node.designation} {plain_text(node.text)}".strip())

    def _summary(self, changes: list[Change], items: list[AgendaItemRef]) -> Summary:
        by_item: dict[str | None, Counter[ChangeKind]] = {item.key: Counter() for item in items}
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
    text: TextDiff,
    item: AgendaItemRef,
) -> Change:
    """A new change, numbered in document order and appended to ``changes``."""
    change = Change(
        len(changes) + 1, kind, element, old, new, text.changed, text.fragments, item, text.coarse
    )
    changes.append(change)
    return change


def _counts(counter: Counter[ChangeKind]) -> Counts:
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
