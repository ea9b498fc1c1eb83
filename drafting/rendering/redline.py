"""A change set (``diff.ChangeSet``) as redline rows: inline, side by side, and footnotes.

``Redline(old, new, change_set)`` reads the change set with the two trees it came from:

- ``rows``: the inline redline, the change set's merged document (``ChangeSet.rows``) plus,
  for each moved element, an origin row (``is_origin``) where it stood in the older version,
  placed before the next element that stayed in place;
- ``side_by_side``: each column in its own version's order. Elements that stayed in place
  share a row; a moved element (with what moved along with it) has an old-only row at its
  old place and a new-only row at its new place; deleted elements are old-only and added
  ones new-only. Rows showing one version leave the other cell blank;
- ``footnotes``: the footnotes of both versions in merged order, with both numbers;
- ``agenda_items``: the agenda items to filter by, labelled without footnote calls.

A row's text is rendered on demand (``merged``, ``old_html``, ``new_html``) from the change's
word diff, through ``markup`` (sanitised again, then wrapped), footnote calls numbered by
the numberings given (by default each version's own numbers).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.utils.safestring import SafeString

from drafting.diff import DELETE, EQUAL, INSERT, MOVED, Change, ChangeSet
from drafting.inline import plain_text
from drafting.tree import AGENDA_ITEM, Tree

from .blocks import Block, blocks
from .markup import ALL_OPS, DocumentNumbering, Numbering, fragments_html, html, inline_html

EMPTY = html("")
OLD, NEW, MERGED = "old", "new", "merged"  # which version(s) a row's text is shown as
OLD_OPS = frozenset({EQUAL, DELETE})
NEW_OPS = frozenset({EQUAL, INSERT})


@dataclass(frozen=True)
class Numberings:
    """How footnote calls are numbered in text from the older and from the newer version."""

    old: Numbering
    new: Numbering


class RedlineRow(NamedTuple):
    """One row of a redline: an element as it stands in the older version (``old``), the
    newer one (``new``), or both; a side shown as None is absent or shown elsewhere."""

    depth: int
    old: Block | None
    new: Block | None
    change: Change | None
    agenda_item_key: str | None
    numberings: Numberings
    is_origin: bool = False  # where a moved element stood: its change is shown elsewhere

    @property
    def block(self) -> Block:
        """The element as the newer version has it, or else as the older one."""
        block = self.new or self.old
        assert block is not None, "a row shows at least one version"
        return block

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def level(self) -> int:
        return self.block.level

    @property
    def status(self) -> str:
        return self.change.kind if self.change else "unchanged"

    @property
    def is_placeholder(self) -> bool:
        return self.block.is_placeholder

    @property
    def is_primary(self) -> bool:
        """Whether this row carries its change's anchor: the row showing the element in
        the newer version, or the only row of a deleted one."""
        change = self.change
        if change is None or self.is_origin:
            return False
        return change.new is None or (self.new is not None and self.new.key == change.new_key)

    @property
    def merged(self) -> SafeString:
        """The text with insertions and deletions marked."""
        return self.text(MERGED)

    @property
    def old_html(self) -> SafeString:
        """The text as the older version has it (deletions marked)."""
        return self.text(OLD)

    @property
    def new_html(self) -> SafeString:
        """The text as the newer version has it (insertions marked)."""
        return self.text(NEW)

    def text(self, side: str) -> SafeString:
        """The text as the older version has it (``side`` OLD), the newer one (NEW) or
        both (MERGED), changed words marked; empty where this row does not show it."""
        if side == OLD:
            block, numbering, ops = self.old, self.numberings.old, OLD_OPS
        elif side == NEW:
            block, numbering, ops = self.new, self.numberings.new, NEW_OPS
        else:
            block, numbering, ops = self.new or self.old, self.numberings.new, ALL_OPS
        if block is None:
            return EMPTY
        if self.change is None or not self.change.text_changed:
            return inline_html(block.text, numbering)
        return fragments_html(self.change.fragments, numbering, self.numberings.old, ops)

    def designation(self, side: str = MERGED) -> SafeString:
        """The designation in the older version (``side`` OLD), the newer one (NEW), or
        both (MERGED: a changed designation as deleted and inserted)."""
        change = self.change
        old = change.old.designation if change and change.old else None
        new = change.new.designation if change and change.new else None
        if old is None or new is None or old == new:
            block = self.old if side == OLD else self.new or self.old
            return html("{}", block.designation) if block and block.designation else EMPTY
        deleted = html("<del>{}</del>", old) if old and side != NEW else ""
        inserted = html("<ins>{}</ins>", new) if new and side != OLD else ""
        return html("{}{}", deleted, inserted)


@dataclass(frozen=True)
class FootnoteRow:
    """A footnote of either version, with its number in each and its text marked."""

    old_number: int | None
    new_number: int | None
    old_key: str | None
    new_key: str | None
    change: Change | None
    html: SafeString


@dataclass(frozen=True)
class AgendaItemOption:
    """An agenda item to filter a comparison by, labelled in plain words."""

    key: str
    label: str


class Redline:
    """The rows of every redline of one change set; see the module docstring."""

    def __init__(
        self, old: Tree, new: Tree, change_set: ChangeSet, numberings: Numberings | None = None
    ) -> None:
        self.old_tree, self.new_tree, self.change_set = old, new, change_set
        self.numberings = numberings or Numberings(
            DocumentNumbering(change_set.old_numbers), DocumentNumbering(change_set.new_numbers)
        )
        self.old_blocks = {block.key: block for block in blocks(old)}
        self.new_blocks = {block.key: block for block in blocks(new)}
        self.by_old_key = {row.old_key: row for row in change_set.rows if row.old_key}
        self.items = {  # old agenda item key -> new one
            row.old_key: row.new_key
            for row in change_set.rows
            if row.depth == 0 and row.kind == AGENDA_ITEM and row.old_key and row.new_key
        }

    @cached_property
    def rows(self) -> list[RedlineRow]:
        """The inline redline: the merged document, with the origin of each move."""
        before, after_all = self._old_places()
        rows: list[RedlineRow] = []
        for row in self.change_set.rows:
            rows.extend(self._origins(before.get(row.new_key or "", ())))
            rows.append(self._row(row.depth, row.old_key, row.new_key, row.change))
        rows.extend(self._origins(after_all))
        return rows

    @cached_property
    def side_by_side(self) -> list[RedlineRow]:
        """Both versions, each in its own order; see the module docstring."""
        before, after_all = self._old_places()
        staying = self._staying
        rows: list[RedlineRow] = []
        for row in self.change_set.rows:
            if row.new_key is None:
                continue  # shown in the older version's order below
            rows.extend(self._old_only(before.get(row.new_key, ())))
            if row.old_key is not None and staying.get(row.old_key) == row.new_key:
                rows.append(self._row(row.depth, row.old_key, row.new_key, row.change))
            else:
                rows.append(self._row(row.depth, None, row.new_key, row.change))
        rows.extend(self._old_only(after_all))
        return rows

    @cached_property
    def footnotes(self) -> list[FootnoteRow]:
        """The footnotes of both versions in merged order."""
        change_set, numberings = self.change_set, self.numberings
        footnotes = []
        for row in change_set.footnote_rows:
            if row.change is None:
                text = inline_html(self.new_tree.footnotes[row.new_key or ""], numberings.new)
            else:
                text = fragments_html(row.change.fragments, numberings.new, numberings.old)
            footnotes.append(
                FootnoteRow(
                    change_set.old_numbers.get(row.old_key or ""),
                    change_set.new_numbers.get(row.new_key or ""),
                    row.old_key,
                    row.new_key,
                    row.change,
                    text,
                )
            )
        return footnotes

    def notes(self) -> tuple[dict[str, str], dict[str, str]]:
        """For a ``PackageNumbering``: each footnote's text (marked with its changes) by
        its key, and the older keys that name the same footnote as a newer key."""
        notes: dict[str, str] = {
            row.new_key or row.old_key or "": row.html for row in self.footnotes
        }
        aliases = {
            row.old_key: row.new_key
            for row in self.footnotes
            if row.old_key and row.new_key and row.old_key != row.new_key
        }
        return notes, aliases

    @cached_property
    def agenda_items(self) -> list[AgendaItemOption]:
        """The agenda items of either version in merged order, to filter by."""
        options = []
        for row in self.change_set.rows:
            if row.depth == 0 and row.kind == AGENDA_ITEM:
                block = self.new_blocks.get(row.new_key or "") or self.old_blocks[row.old_key or ""]
                label = f"{block.designation} {plain_text(block.text)}".strip()
                options.append(AgendaItemOption(block.key, " ".join(label.split())))
        return options

    def _row(
        self, depth: int, old_key: str | None, new_key: str | None, change: Change | None
    ) -> RedlineRow:
        if new_key is None:
            assert old_key is not None, "a row of the change set has at least one key"
            return self._old_row(old_key, depth)
        old = self.old_blocks[old_key] if old_key else None
        new = self.new_blocks[new_key]
        return RedlineRow(depth, old, new, change, new.agenda_item, self.numberings)

    def _old_row(self, key: str, depth: int | None = None) -> RedlineRow:
        """The element ``key`` of the older version on its own (at its old depth unless
        ``depth`` is given)."""
        change = self.by_old_key[key].change
        is_origin = change is not None and change.kind == MOVED and change.old_key == key
        old = self.old_blocks[key]
        item = self.items.get(old.agenda_item, old.agenda_item) if old.agenda_item else None
        depth = old.depth if depth is None else depth
        return RedlineRow(depth, old, None, change, item, self.numberings, is_origin)

    def _origins(self, keys: tuple[str, ...] | list[str]) -> Iterator[RedlineRow]:
        """Origin rows of the moved elements among ``keys``."""
        for key in keys:
            row = self._old_row(key)
            if row.is_origin:
                yield row

    def _old_only(self, keys: tuple[str, ...] | list[str]) -> Iterator[RedlineRow]:
        return (self._old_row(key) for key in keys)

    @cached_property
    def _staying(self) -> dict[str, str]:
        """Old key -> new key of the elements that stay in place: matched, and neither
        moved nor inside a moved element. Their order is the same in both versions."""
        staying: dict[str, str] = {}
        moved_at: int | None = None  # depth of the moved element the rows are inside
        for row in self.change_set.rows:
            if moved_at is not None and row.depth <= moved_at:
                moved_at = None
            if moved_at is None and row.change is not None and row.change.kind == MOVED:
                moved_at = row.depth
            if moved_at is None and row.old_key and row.new_key:
                staying[row.old_key] = row.new_key
        return staying

    def _old_places(self) -> tuple[dict[str, list[str]], list[str]]:
        """Keys of the old elements that do not stay in place, in the older version's
        order, grouped by the new key of the next old element that stays (before which
        they are shown); those after the last one that stays come second."""
        staying = self._staying
        before: dict[str, list[str]] = {}
        waiting: list[str] = []
        for key in self.old_blocks:
            partner = staying.get(key)
            if partner is None:
                waiting.append(key)
            elif waiting:
                before[partner], waiting = waiting, []
        return before, waiting
