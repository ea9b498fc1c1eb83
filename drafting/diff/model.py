"""The change set: the frozen dataclasses every renderer reads (see ``drafting.diff``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

ADDED: Final = "added"
DELETED: Final = "deleted"
MODIFIED: Final = "modified"
MOVED: Final = "moved"
FOOTNOTE: Final = "footnote"
EQUAL: Final = "equal"
INSERT: Final = "insert"
DELETE: Final = "delete"


ChangeKind = Literal["added", "deleted", "modified", "moved"]
Op = Literal["equal", "insert", "delete"]


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
    coarse: bool = False

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

    @property
    def coarse_changes(self) -> tuple[Change, ...]:
        """The changes whose text was too long to compare word by word, shown replaced whole."""
        return tuple(change for change in self.changes if change.coarse)

    def for_item(self, key: str | None) -> tuple[Change, ...]:
        """The changes in one agenda item (None: outside the items), in document order."""
        return tuple(change for change in self.changes if change.agenda_item.key == key)

    def neighbours(self, change: Change) -> tuple[Change | None, Change | None]:
        """The previous and the next change in document order."""
        index = change.number - 1
        previous = self.changes[index - 1] if index > 0 else None
        following = self.changes[index + 1] if index + 1 < len(self.changes) else None
        return previous, following
