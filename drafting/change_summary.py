"""The change summary for the chair's cover letter: what changed from one draft to the
next, per agenda item, in plain sentences a chair could sign after editing. Deterministic
(no model); no ORM.

``change_summary(change_set, old, new, old_label, new_label)`` turns the compare engine's
change set of ``old`` → ``new`` into a ``ChangeSummary``: the sentences in order and the
paragraph they make. For the BMS7 demo pair (see tests/demo_drafts.py)::

    Draft 2 reflects the discussions of (date) on Draft 1 of 10 June 2021. In the chapeau,
    brackets were added to the paragraph “SG's Disarmament Agenda”. In agenda item A
    (Consideration of the implementation of the Programme …), one paragraph was added,
    one was deleted and one was reworded; brackets were removed from the title. Agenda
    item B (Consideration of the implementation of the International …) was restructured:
    three paragraphs were moved and one was moved from agenda item C. In agenda item C
    (Consideration of international cooperation …), one paragraph was moved to agenda
    item B. The text now has six bracketed passages, up from five.

How it reads
    An opening sentence with "(date)" for the chair to fill in (never square brackets:
    in a negotiated text they mean disputed wording); then one sentence per agenda item
    that changed, in document order (the chapeau first), nothing about the others; then
    the bracketed passages of the whole text, as the compare summary counts them.
    Items are named by designation and short title, numbers are words up to ten, verbs
    agree with their subjects, and a subject repeated from the clause before is left out
    ("two paragraphs were added and one was deleted"). An item is "restructured" when
    moves are at least two and more than half of its changes. A paragraph moved into
    another agenda item is told in both items. A change that only adds or removes
    brackets is told as such, not as a rewording; excerpts quoted to name a paragraph
    leave its brackets out.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from .diff import (
    ADDED,
    DELETED,
    EQUAL,
    FOOTNOTE,
    MOVED,
    AgendaItemRef,
    Change,
    ChangeSet,
    Snapshot,
    count_brackets,
)
from .inline import plain_text
from .negotiation import long_date, short_title, with_agenda_items
from .tree import AGENDA_ITEM, HEADING, Node, Tree

DATE_PLACEHOLDER = "(date)"
NUMBER_WORDS = "no one two three four five six seven eight nine ten".split()
NAMED_TARGETS = 2  # beyond this many, places where brackets changed are counted, not named
EXCERPT_LENGTH = 48  # characters of an element's text quoted to name it

# Nouns in the order a clause lists them, and the verbs in the order clauses come.
NOUNS = ("paragraph", "heading", "placeholder bullet", "footnote")
VERBS = {
    "added": "added",
    "deleted": "deleted",
    "reworded": "reworded",
    "filled": "filled in",
    "emptied": "emptied",
    "renumbered": "renumbered",
    "relevelled": "changed in level",
    "moved": "moved",
    "moved_from": "moved from {place}",
    "moved_to": "moved to {place}",
}
_VERB_ORDER = {verb: rank for rank, verb in enumerate(VERBS)}
_MOVES = frozenset(verb for verb in VERBS if verb.startswith("moved"))


class _Action(NamedTuple):
    """A verb and, for a move between items, the other item; sorts in the order told."""

    order: int  # of the verb in VERBS
    rank: int  # of the other item in reading order; -1 for none
    verb: str
    place: str  # the other item, as named in the clause

    @property
    def is_move(self) -> bool:
        return self.verb in _MOVES


@dataclass(frozen=True)
class ChangeSummary:
    """The sentences of the summary in order; ``text`` is the paragraph they make."""

    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def change_summary(
    change_set: ChangeSet,
    old: Tree,
    new: Tree,
    old_label: str,
    new_label: str,
    old_date: datetime.date | None = None,
) -> ChangeSummary:
    """The summary of ``change_set = compare(old, new)`` for a letter; ``old_date`` (the
    date the earlier draft was issued) is named in the opening when given."""
    items = _Items(change_set, old, new)
    for change in change_set.changes:
        items.record(change)
    sentences = [_opening(change_set, old_label, new_label, old_date)]
    sentences.extend(items.sentences())
    closing = _brackets_sentence(
        change_set.summary.old_brackets.passages, change_set.summary.new_brackets.passages
    )
    if closing:
        sentences.append(closing)
    return ChangeSummary(tuple(sentences))


def number(count: int) -> str:
    """A count in words up to ten, in figures above."""
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)


def _opening(
    change_set: ChangeSet, old_label: str, new_label: str, old_date: datetime.date | None
) -> str:
    if not change_set.has_changes:
        return f"{new_label} makes no change to the text of {old_label}."
    since = f"{old_label} of {long_date(old_date)}" if old_date else old_label
    return f"{new_label} reflects the discussions of {DATE_PLACEHOLDER} on {since}."


def _brackets_sentence(before: int, after: int) -> str:
    if not before and not after:
        return ""
    passages = f"{number(after)} bracketed passage{'' if after == 1 else 's'}"
    if after == before:
        return f"The text still has {passages}."
    direction = "down" if after < before else "up"
    return f"The text now has {passages}, {direction} from {number(before)}."


# Per agenda item ------------------------------------------------------------------------


@dataclass
class _Item:
    """What changed in one agenda item (or the chapeau), as it is gathered."""

    ref: AgendaItemRef
    node: Node | None  # None for the chapeau
    verb: str = ""  # "added" or "deleted" when the item itself was
    moved: bool = False
    title: list[str] = field(default_factory=list)  # clauses about the title
    rank: int = 0  # in reading order
    actions: dict[_Action, Counter[str]] = field(default_factory=dict)
    reworded: Counter[_Action] = field(default_factory=Counter)  # moved, and reworded
    removed: list[tuple[str, str]] = field(default_factory=list)  # (noun, name) of places
    added: list[tuple[str, str]] = field(default_factory=list)

    def act(self, verb: str, noun: str, other: _Item | None = None, reworded: bool = False) -> None:
        place = _reference(other) if other is not None else ""
        action = _Action(_VERB_ORDER[verb], other.rank if other else -1, verb, place)
        self.actions.setdefault(action, Counter())[noun] += 1
        self.reworded[action] += reworded

    @property
    def changed(self) -> bool:
        return bool(
            self.verb or self.moved or self.title or self.actions or self.removed or self.added
        )

    @property
    def restructured(self) -> bool:
        counts = {action: sum(nouns.values()) for action, nouns in self.actions.items()}
        moves = sum(count for action, count in counts.items() if action.is_move)
        return moves >= 2 and 2 * moves > sum(counts.values())


class _Items:
    """The agenda items of both versions, named as a reader of the new one knows them."""

    def __init__(self, change_set: ChangeSet, old: Tree, new: Tree) -> None:
        new_item_of = {
            row.old_key: row.new_key
            for row in change_set.rows
            if row.kind == AGENDA_ITEM and row.old_key and row.new_key
        }
        self.nodes: dict[str | None, Node] = {}
        self.old_item: dict[str, str | None] = {}  # old element key → its item, new key
        for node, item in with_agenda_items(old):
            key = item.key if item else None
            self.old_item[node.key] = new_item_of.get(key, key) if key else None
            if node.kind == AGENDA_ITEM:
                self.nodes[node.key] = node
        for node, _item in with_agenda_items(new):
            if node.kind == AGENDA_ITEM:
                self.nodes[node.key] = node
        self.items: dict[str | None, _Item] = {}  # in reading order
        for summary in change_set.summary.items:
            self._get(summary.agenda_item)

    def _get(self, ref: AgendaItemRef) -> _Item:
        if ref.key not in self.items:
            node = self.nodes.get(ref.key) if ref.key else None
            self.items[ref.key] = _Item(ref, node, rank=len(self.items))
        return self.items[ref.key]

    def record(self, change: Change) -> None:
        """Add one change of the change set to the item it belongs to."""
        item = self._get(change.agenda_item)
        if change.element == AGENDA_ITEM:  # the item itself: its agenda_item is itself
            self._record_title(item, change)
            return
        noun = _noun(change)
        reworded = _reworded(change)
        if change.kind in (ADDED, DELETED):
            item.act(change.kind, noun)
        elif change.kind == MOVED:
            source = self.old_item.get(change.old_key or "", change.agenda_item.key)
            if source != change.agenda_item.key:
                origin = self._get(AgendaItemRef(source, ""))
                origin.act("moved_to", noun, item)
                item.act("moved_from", noun, origin, reworded)
            else:
                item.act("moved", noun, reworded=reworded)
        else:
            verb = _modification(change, reworded)
            if verb:
                item.act(verb, "placeholder bullet" if verb == "filled" else noun)
        _record_brackets(item, change)

    def _record_title(self, item: _Item, change: Change) -> None:
        if change.kind in (ADDED, DELETED):
            item.verb = change.kind
            return
        item.moved = change.kind == MOVED
        assert change.old is not None and change.new is not None
        if change.old.designation.strip() != change.new.designation.strip():
            was, now = _designation(change.old), _designation(change.new)
            item.title.append(f"its designation changed from {was} to {now}")
        if _reworded(change):
            item.title.append("the title was reworded")
        _record_brackets(item, change)

    def sentences(self) -> list[str]:
        ordered = sorted(self.items.values(), key=lambda item: item.ref.key is not None)
        return [_sentence(item) for item in ordered if item.changed]


def _noun(change: Change) -> str:
    if change.element == FOOTNOTE:
        return "footnote"
    if change.element == HEADING:
        return "heading"
    states = [state for state in (change.old, change.new) if state is not None]
    return "paragraph" if any(state.html.strip() for state in states) else "placeholder bullet"


def _modification(change: Change, reworded: bool) -> str:
    """The verb for an element modified in place ("" when only its brackets changed)."""
    assert change.old is not None and change.new is not None
    if not change.old.html.strip():
        return "filled"
    if not change.new.html.strip():
        return "emptied"
    if reworded:
        return "reworded"
    if change.old.designation.strip() != change.new.designation.strip():
        return "renumbered"
    if change.old.level != change.new.level:
        return "relevelled"
    return ""


def _reworded(change: Change) -> bool:
    """Whether the word diff inserts or deletes more than brackets."""
    return any(
        fragment.op != EQUAL and plain_text(fragment.html).replace("[", "").replace("]", "").strip()
        for fragment in change.fragments
    )


def _record_brackets(item: _Item, change: Change) -> None:
    """Note where brackets were removed or added in a text that was there before."""
    if change.old is None or change.new is None or not change.text_changed:
        return
    if not change.old.html.strip():
        return
    before = count_brackets([change.old.text]).passages
    after = count_brackets([change.new.text]).passages
    if after != before:
        (item.removed if after < before else item.added).append(_place(change))


def _place(change: Change) -> tuple[str, str]:
    """(noun, name) of the element whose brackets changed, named for a reader."""
    snapshot = change.new
    assert snapshot is not None
    if change.element == AGENDA_ITEM:
        return "title", "the title"
    if change.element == FOOTNOTE:
        return "footnote", f"footnote {snapshot.designation}"
    if change.element == HEADING:
        return "heading", f"the heading {_excerpt(snapshot)}"
    if snapshot.designation.strip():
        return "paragraph", f"paragraph {_designation(snapshot)}"
    return "paragraph", f"the paragraph {_excerpt(snapshot)}"


def _excerpt(snapshot: Snapshot) -> str:
    """The opening words of an element, to name it: “Effective national controls”."""
    words = f"{snapshot.designation} {short_title(snapshot.html, EXCERPT_LENGTH)}"
    return f"“{words.strip()}”"


def _designation(snapshot: Snapshot) -> str:
    return snapshot.designation.strip().rstrip(".")


# Sentences ------------------------------------------------------------------------------


def _sentence(item: _Item) -> str:
    name = _name(item)
    if item.verb:  # the item itself was added or deleted, and its content with it
        content = sum((n for a, n in item.actions.items() if a.verb == item.verb), Counter())
        others = {a: nouns for a, nouns in item.actions.items() if a.verb != item.verb}
        sentence = f"{name} was {item.verb}"
        if content:
            sentence += f", with {'' if item.verb == ADDED else 'its '}{_nouns(content)}"
        if others:
            sentence += f"; {_join(_action_clauses(others, item.reworded))}"
        return _capital(sentence + ".")
    body = _join([*item.title, *_action_clauses(item.actions, item.reworded)])
    brackets = _brackets_clause(item)
    if brackets:
        body = f"{body}; {brackets}" if body else brackets
    if item.restructured:
        lead = f"{name} was moved and restructured" if item.moved else f"{name} was restructured"
        return _capital(f"{lead}: {body}.")
    if item.moved:
        return _capital(f"{name} was moved" + (f"; in it, {body}" if body else "") + ".")
    return _capital(f"In {name}, {body}.")


def _action_clauses(
    actions: Mapping[_Action, Counter[str]], reworded: Mapping[_Action, int]
) -> list[str]:
    """One clause per action, in the order of ``VERBS``: "two paragraphs were added"."""
    clauses: list[str] = []
    previous: list[str] = []
    for action, nouns in sorted(actions.items()):
        present = [noun for noun in NOUNS if nouns[noun]]
        total = sum(nouns.values())
        if present == previous and len(present) == 1:
            subject = number(total)  # "two paragraphs were added and one was deleted"
        else:
            subject = _nouns(nouns)
        verb = VERBS[action.verb].format(place=action.place)
        clauses.append(
            f"{subject} {'was' if total == 1 else 'were'} {verb}"
            + _also_reworded(reworded.get(action, 0), total)
        )
        previous = present
    return clauses


def _also_reworded(reworded: int, total: int) -> str:
    if not reworded:
        return ""
    if reworded == total:
        return " and reworded"
    return f" ({number(reworded)} of them also reworded)"


def _nouns(counts: Counter[str]) -> str:
    """ "two paragraphs and one heading"."""
    parts = [
        f"{number(counts[noun])} {noun}{'' if counts[noun] == 1 else 's'}"
        for noun in NOUNS
        if counts[noun]
    ]
    return _join(parts)


def _brackets_clause(item: _Item) -> str:
    removed, added = _places(item.removed), _places(item.added)
    if removed and added:
        return f"brackets were removed from {removed} and added to {added}"
    if removed:
        return f"brackets were removed from {removed}"
    if added:
        return f"brackets were added to {added}"
    return ""


def _places(places: list[tuple[str, str]]) -> str:
    """The places named when they are few, else counted: "the title and three paragraphs"."""
    if len(places) <= NAMED_TARGETS:
        return _join([name for _noun, name in places])
    counts = Counter(noun for noun, _name in places)
    title = ["the title"] if counts.pop("title", 0) else []
    return _join([*title, _nouns(counts)])


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _name(item: _Item) -> str:
    """ "agenda item B (Consideration of …)", or "the chapeau"."""
    if item.node is None:
        return "the chapeau"
    title = short_title(item.node.text)
    designation = item.node.designation.strip().rstrip(".")
    if designation:
        return f"agenda item {designation} ({title})" if title else f"agenda item {designation}"
    return f"the agenda item “{title}”"


def _reference(item: _Item) -> str:
    """A second mention of an item: "agenda item A", or "the chapeau"."""
    if item.node is None:
        return "the chapeau"
    designation = item.node.designation.strip().rstrip(".")
    return f"agenda item {designation}" if designation else _name(item)


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]
