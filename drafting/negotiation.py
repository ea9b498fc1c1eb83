"""The negotiation at a glance: what each issued draft holds and how the drafts moved.

Pure functions over trees and change sets; no ORM. ``negotiation(drafts, change_sets)``
takes a meeting's issued drafts in order as ``(label, date, Tree)`` and the change sets
between consecutive drafts (computed with ``drafting.diff.compare`` when not given) and
returns a ``Negotiation`` (frozen dataclasses throughout):

- ``drafts``: per draft, the bracketed passages in the whole text, the placeholders (empty
  bullets), the wholly bracketed agenda items and the number of changes from the draft
  before (``DraftFigures``);
- ``items``: each agenda item followed through the drafts, the chapeau first when a draft
  has one, with the same figures per draft and None where it is absent
  (``AgendaItemSeries``);
- ``most_changed`` and ``always_bracketed``: paragraphs followed through the drafts and
  described where they last stand (``TrackedParagraph``).

Definitions
    Passages are counted by ``drafting.diff.count_brackets``, the one definition of a
    bracketed passage. The whole text is the body as one stream plus each footnote, as
    the compare summary counts it. An agenda item is its title and everything under it as
    one stream, plus the footnotes first called in it; the chapeau is everything outside
    the agenda items. A passage opened in one item and closed in another counts once in
    the whole text and as unmatched in each of the two items.
    A paragraph is bracketed in a draft when its text holds a bracket or it stands inside a
    passage opened before it. An agenda item is wholly bracketed when its title (footnote
    calls aside) is one passage, perhaps followed by stray closing brackets or a full stop.
    Agenda items and paragraphs are followed from one draft to the next by the compare
    engine's pairing (lineage key, then text similarity); agenda items it leaves unpaired
    then pair by designation. A paragraph changed in a draft when the change set from the
    draft before adds, deletes, modifies or moves it. Empty placeholder bullets are counted
    but not followed: a placeholder filled in starts a paragraph's life.

Each draft is read once and each change set's rows once, so the work beyond the compare
engine's grows linearly with the documents.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .diff import Brackets, ChangeSet, Snapshot, compare, count_brackets, snapshots
from .inline import plain_text
from .tree import AGENDA_ITEM, PARAGRAPH, Node, Tree

Draft = tuple[str, datetime.date, Tree]

CHAPEAU_LABEL = "Chapeau"
MOST_CHANGED = 10
LABEL_LENGTH = 16  # an item without a designation is labelled by this much of its title
# Words a shortened title should not end on ("… of the" reads as a fault).
_DANGLING = frozenset(
    "a an and as at by for from in including into of on or the to with within".split()
)


@dataclass(frozen=True)
class ItemFigures:
    """One agenda item (or the chapeau) in one draft."""

    brackets: Brackets
    wholly_bracketed: bool
    placeholders: int
    changes: int | None  # from the draft before; None in the first draft


@dataclass(frozen=True)
class AgendaItemSeries:
    """One agenda item followed through the drafts; key None is the chapeau."""

    key: str | None  # its key in the last draft that holds it
    label: str  # a short name for tables and plots: "A", "Chapeau" or a short title
    designation: str  # as in the last draft that holds it, e.g. "A."
    title: str  # plain text as in that draft, brackets kept
    figures: tuple[ItemFigures | None, ...]  # one per draft; None where it is absent


@dataclass(frozen=True)
class DraftFigures:
    """The whole text of one draft."""

    label: str
    date: datetime.date
    brackets: Brackets
    placeholders: int
    wholly_bracketed: tuple[str, ...]  # labels of the wholly bracketed agenda items
    changes: int | None  # from the draft before; None for the first draft


@dataclass(frozen=True)
class TrackedParagraph:
    """A paragraph followed through the drafts, described where it last stands."""

    key: str  # its key in the last draft that holds it: its paragraph history
    location: str  # as in ``drafting.diff.Snapshot``, e.g. "A > 1. Effective … > 3"
    text: str
    in_latest: bool  # False once a draft deleted it
    changed_in: tuple[str, ...]  # labels of the drafts that changed it
    drafts: int  # how many drafts could change it: all but the first

    @property
    def description(self) -> str:
        """E.g. "changed in 3 of 4 drafts"."""
        noun = "draft" if self.drafts == 1 else "drafts"
        return f"changed in {len(self.changed_in)} of {self.drafts} {noun}"


@dataclass(frozen=True)
class Negotiation:
    """The issued drafts of a meeting at a glance; see the module docstring."""

    drafts: tuple[DraftFigures, ...]
    items: tuple[AgendaItemSeries, ...]
    most_changed: tuple[TrackedParagraph, ...]
    always_bracketed: tuple[TrackedParagraph, ...]


def negotiation(
    drafts: Sequence[Draft],
    change_sets: Sequence[ChangeSet] | None = None,
    most_changed: int = MOST_CHANGED,
) -> Negotiation:
    """The figures of ``drafts`` (in issue order); ``change_sets[i]`` must be
    ``compare(drafts[i][2], drafts[i + 1][2])``. At most ``most_changed`` paragraphs are
    listed as most changed, those changed in the most drafts first."""
    if change_sets is None:
        change_sets = [compare(old[2], new[2]) for old, new in pairwise(drafts)]
    if len(change_sets) != max(len(drafts) - 1, 0):
        raise ValueError("one change set is needed between each two consecutive drafts")
    if not drafts:
        return Negotiation((), (), (), ())
    scans = [_DraftScan(tree) for _label, _date, tree in drafts]
    previous: list[ChangeSet | None] = [None, *change_sets]
    figures = tuple(
        DraftFigures(
            label,
            date,
            scan.brackets,
            scan.placeholders,
            tuple(item_label(s.node) for s in scan.sections.values() if s.wholly_bracketed),
            None if change_set is None else len(change_set.changes),
        )
        for (label, date, _tree), scan, change_set in zip(drafts, scans, previous, strict=True)
    )
    item_changes = [None if cs is None else _changes_per_item(cs) for cs in previous]
    tracks = _follow_items(scans, change_sets)
    series = tuple(_series(track, scans, item_changes) for track in tracks)
    labels = [label for label, _date, _tree in drafts]
    changed, bracketed = _Paragraphs(labels, scans, change_sets).tracked(most_changed)
    return Negotiation(figures, series, changed, bracketed)


def wholly_bracketed(title_html: str) -> bool:
    """Whether a title is one bracketed passage: "[Title]", "[Title.]]" or "[Title]."."""
    text = plain_text(title_html).strip().rstrip(".").rstrip()
    if not text.startswith("["):
        return False
    # The opening bracket must be closed by a final one: try each trailing "]" in turn.
    while text.endswith("]"):
        inside = count_brackets([text[1:-1]])
        if not inside.unmatched_open and not inside.unmatched_close:
            return True
        text = text[:-1].rstrip()
    return False


def long_date(date: datetime.date) -> str:
    """A date as drafts are quoted by it: "10 June 2021"."""
    return f"{date.day} {date:%B %Y}"


def item_label(item: Node | None) -> str:
    """A short name of an agenda item (None: the chapeau) for tables and plots: "A"."""
    if item is None:
        return CHAPEAU_LABEL
    return item.designation.strip().rstrip(".") or short_title(item.text, LABEL_LENGTH)


def short_title(title_html: str, limit: int = 60) -> str:
    """A title to name an agenda item by: plain text without brackets or a final full stop,
    cut before ``limit`` characters at a word with "…"."""
    words = plain_text(title_html).replace("[", "").replace("]", "").split()
    text = " ".join(words).rstrip(".")
    if len(text) <= limit:
        return text
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit - 2:
            break
        kept.append(word)
    while len(kept) > 1 and (kept[-1].lower() in _DANGLING or not kept[-1][-1].isalnum()):
        kept.pop()
    return " ".join(kept) + " …"


def with_agenda_items(tree: Tree) -> Iterator[tuple[Node, Node | None]]:
    """Every node in document order with the agenda item it belongs to (None outside)."""
    stack: list[tuple[Node, Node | None]] = [(node, None) for node in reversed(tree.nodes)]
    while stack:
        node, item = stack.pop()
        if node.kind == AGENDA_ITEM:
            item = node
        yield node, item
        stack.extend((child, item) for child in reversed(node.children))


# One draft ------------------------------------------------------------------------------


@dataclass
class _Section:
    """An agenda item (node None: the chapeau) with its texts in one draft."""

    node: Node | None
    texts: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # keys of those first called here
    placeholders: int = 0
    brackets: Brackets = Brackets()

    @property
    def wholly_bracketed(self) -> bool:
        return self.node is not None and wholly_bracketed(self.node.text)


class _DraftScan:
    """One draft read once: its sections, figures and bracketed paragraphs."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.sections: dict[str | None, _Section] = {}  # by agenda item key, in order
        self.paragraphs: list[str] = []  # keys of paragraphs with text, in order
        self.bracketed: set[str] = set()
        self.placeholders = 0
        called: set[str] = set()
        body: list[str] = []
        open_passages = 0
        for node, item in with_agenda_items(tree):
            section = self._section(item)
            text = plain_text(node.text)
            body.append(text)
            section.texts.append(text)
            section.placeholders += node.is_placeholder
            self.placeholders += node.is_placeholder
            has_brackets = "[" in text or "]" in text
            if node.kind == PARAGRAPH and not node.is_placeholder:
                self.paragraphs.append(node.key)
                if open_passages or has_brackets:
                    self.bracketed.add(node.key)
            if has_brackets:
                # The body is one stream: the passages still open go on into the next
                # element, less those that this text's unmatched closing brackets ended.
                own = count_brackets([text])
                open_passages = own.unmatched_open + max(open_passages - own.unmatched_close, 0)
            for footnote in node.footnote_keys():
                if footnote not in called and footnote in tree.footnotes:
                    called.add(footnote)
                    section.footnotes.append(footnote)
        footnotes = {key: plain_text(html) for key, html in tree.footnotes.items()}
        self.brackets = count_brackets(["\n".join(body), *footnotes.values()])
        for section in self.sections.values():
            notes = [footnotes[key] for key in section.footnotes]
            section.brackets = count_brackets(["\n".join(section.texts), *notes])

    def _section(self, item: Node | None) -> _Section:
        key = item.key if item else None
        section = self.sections.get(key)
        if section is None:
            section = self.sections[key] = _Section(item)
        return section


def _changes_per_item(change_set: ChangeSet) -> dict[str | None, int]:
    return {row.agenda_item.key: row.counts.total for row in change_set.summary.items}


# Agenda items across drafts -------------------------------------------------------------

# A track: the key of one agenda item in each draft that holds it, by draft index.
_Track = dict[int, str | None]


def _follow_items(scans: Sequence[_DraftScan], change_sets: Sequence[ChangeSet]) -> list[_Track]:
    """The agenda items of all drafts as tracks, in reading order: each draft's items in
    its order, an item that appears later placed after the item before it."""
    tracks: list[_Track] = []
    order: list[int] = []  # track indices in reading order
    previous: dict[str | None, int] = {}  # section key in the draft before → track
    for index, scan in enumerate(scans):
        pairs = _item_pairs(scans[index - 1], scan, change_sets[index - 1]) if index else {}
        current: dict[str | None, int] = {}
        place = 0
        for key in scan.sections:
            track = previous.get(pairs[key]) if key in pairs else None
            if track is None:
                track = len(tracks)
                tracks.append({})
                order.insert(place, track)
            tracks[track][index] = key
            current[key] = track
            place = order.index(track) + 1
        previous = current
    return [tracks[track] for track in order]


def _item_pairs(
    old: _DraftScan, new: _DraftScan, change_set: ChangeSet
) -> dict[str | None, str | None]:
    """New section key → old section key: the compare engine's pairs, then designations."""
    pairs: dict[str | None, str | None] = {
        row.new_key: row.old_key
        for row in change_set.rows
        if row.kind == AGENDA_ITEM and row.old_key is not None and row.new_key is not None
    }
    if None in old.sections and None in new.sections:
        pairs[None] = None
    taken = set(pairs.values())
    waiting = {
        _designation(section.node): key
        for key, section in old.sections.items()
        if key not in taken and section.node is not None and section.node.designation.strip()
    }
    for key, section in new.sections.items():
        if key not in pairs and section.node is not None:
            match = waiting.pop(_designation(section.node), None)
            if match is not None:
                pairs[key] = match
    return pairs


def _designation(node: Node) -> str:
    return node.designation.strip().rstrip(".").casefold()


def _series(
    track: _Track,
    scans: Sequence[_DraftScan],
    item_changes: Sequence[Mapping[str | None, int] | None],
) -> AgendaItemSeries:
    last = max(track)
    node = scans[last].sections[track[last]].node
    figures = tuple(
        _item_figures(scan, track[index], item_changes[index]) if index in track else None
        for index, scan in enumerate(scans)
    )
    if node is None:
        return AgendaItemSeries(None, CHAPEAU_LABEL, "", "", figures)
    return AgendaItemSeries(
        node.key, item_label(node), node.designation, plain_text(node.text), figures
    )


def _item_figures(
    scan: _DraftScan, key: str | None, changes: Mapping[str | None, int] | None
) -> ItemFigures:
    section = scan.sections[key]
    return ItemFigures(
        section.brackets,
        section.wholly_bracketed,
        section.placeholders,
        None if changes is None else changes.get(key, 0),
    )


# Paragraphs across drafts ---------------------------------------------------------------


class _Paragraphs:
    """Paragraphs followed through the drafts by lineage: which drafts changed each, in how
    many it was bracketed, and where it last stood."""

    def __init__(
        self, labels: Sequence[str], scans: Sequence[_DraftScan], change_sets: Sequence[ChangeSet]
    ) -> None:
        self.labels = labels
        self.changed: dict[int, list[int]] = {}  # lineage → indices of the drafts changing it
        self.bracketed: Counter[int] = Counter()
        self.gone: dict[int, Snapshot] = {}  # deleted lineages as they last stood
        lineage = {key: number for number, key in enumerate(scans[0].paragraphs)}
        self.lineages = len(lineage)
        self._count_brackets(scans[0], lineage)
        for index, change_set in enumerate(change_sets, start=1):
            lineage = self._follow(index, change_set, lineage, set(scans[index].paragraphs))
            self._count_brackets(scans[index], lineage)
        self.latest = lineage  # key in the latest draft → lineage
        self.latest_scan = scans[-1]

    def _follow(
        self, index: int, change_set: ChangeSet, lineage: dict[str, int], paragraphs: set[str]
    ) -> dict[str, int]:
        following: dict[str, int] = {}
        for row in change_set.rows:
            if row.kind != PARAGRAPH:
                continue
            number = lineage.get(row.old_key) if row.old_key is not None else None
            if row.new_key in paragraphs:
                if number is None:
                    number, self.lineages = self.lineages, self.lineages + 1
                following[row.new_key] = number
            elif number is not None and row.change is not None and row.change.old is not None:
                self.gone[number] = row.change.old
            if number is not None and row.change is not None:
                self.changed.setdefault(number, []).append(index)
        return following

    def _count_brackets(self, scan: _DraftScan, lineage: Mapping[str, int]) -> None:
        self.bracketed.update(lineage[key] for key in scan.bracketed)

    def tracked(
        self, limit: int
    ) -> tuple[tuple[TrackedParagraph, ...], tuple[TrackedParagraph, ...]]:
        """The most-changed paragraphs (most drafts first, then in reading order, the deleted
        ones after those still in the text) and those bracketed in every draft."""
        now = snapshots(self.latest_scan.tree)
        drafts = len(self.labels)
        order = [self.latest[key] for key in self.latest_scan.paragraphs]
        order.extend(sorted(self.gone.keys() - set(order)))
        described: dict[int, tuple[Snapshot, bool]] = {
            self.latest[key]: (now[key], True) for key in self.latest_scan.paragraphs
        }
        for number, snapshot in self.gone.items():
            described.setdefault(number, (snapshot, False))
        position = {number: place for place, number in enumerate(order)}
        most = sorted(
            self.changed, key=lambda number: (-len(self.changed[number]), position[number])
        )
        always = [number for number in order if self.bracketed[number] == drafts]
        return (
            tuple(self._describe(number, *described[number]) for number in most[:limit]),
            tuple(self._describe(number, *described[number]) for number in always),
        )

    def _describe(self, number: int, snapshot: Snapshot, in_latest: bool) -> TrackedParagraph:
        return TrackedParagraph(
            snapshot.key,
            snapshot.location,
            snapshot.text,
            in_latest,
            tuple(self.labels[index] for index in self.changed.get(number, ())),
            len(self.labels) - 1,
        )
