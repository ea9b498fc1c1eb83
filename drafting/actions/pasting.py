"""Paragraphs pasted into the working draft (from Word, a web page or plain text), as one
change: one id, so that one undo takes the whole paste back."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from meetings.history import bulk_attributes

from .. import inline
from ..clipboard import Pasted
from ..limits import MAX_DEPTH, MAX_PASTED_PARAGRAPHS
from ..models import Element, Footnote
from ..tree import FOOTNOTE_REF
from .edits import ElementEdit, text_too_long
from .footnotes import footnote_problems
from .working import AGENDA_ITEM, PARAGRAPH, Outcome, Shape, siblings, too_deep


@dataclass(kw_only=True)
class PasteParagraphs(ElementEdit):
    """Put ``paragraphs`` (each with its level, 1 being the level pasted at) after the
    element, with the ``footnotes`` they call (text by key). In an agenda item they come
    first under its title; an empty paragraph with nothing under it takes the first of
    them as its own text. Deeper levels go under the paragraph before them."""

    paragraphs: tuple[Pasted, ...]
    footnotes: dict[str, str] = field(default_factory=dict)
    shape: Shape | None = field(default=None, init=False)

    def describe(self) -> str:
        count = len(self.paragraphs)
        return f"pasted {count} paragraph{'s' if count != 1 else ''}"

    def lock(self) -> None:
        super().lock()
        self.shape = Shape(self.element.version_id)

    @property
    def fills(self) -> bool:
        """Whether the element is an empty bullet that takes the first pasted paragraph."""
        assert self.shape is not None
        element = self.element
        return element.is_placeholder and not self.shape.children.get(element.pk)

    def parent(self) -> Element | None:
        if self.element.kind == AGENDA_ITEM:
            return self.element
        return super().parent()

    def invalid(self) -> list[str]:
        if not self.paragraphs:
            return ["There is nothing to paste."]
        if len(self.paragraphs) > MAX_PASTED_PARAGRAPHS:
            return [
                f"That is {len(self.paragraphs):,} paragraphs; one paste adds at most "
                f"{MAX_PASTED_PARAGRAPHS:,}. Paste it in parts."
            ]
        levels = [p.level for p in self.paragraphs]
        steps = zip(levels, levels[1:], strict=False)
        if levels[0] != 1 or any(not 1 <= b <= a + 1 for a, b in steps):
            return ["The levels of what was pasted are damaged; copy it again."]
        assert self.shape is not None
        parent = self.parent()
        depth = self.shape.depth(parent.pk if parent else None) + max(
            p.level for p in self.paragraphs
        )
        if depth > MAX_DEPTH:
            return [too_deep(depth)]
        problems = [p for pasted in self.paragraphs for p in text_too_long(pasted.text)]
        for text in self.footnotes.values():
            problems += footnote_problems(text, "A pasted footnote has no text.")
        return problems + self._calls_problems()

    def _calls_problems(self) -> list[str]:
        called = {key for p in self.paragraphs for key in FOOTNOTE_REF.findall(p.text)}
        try:
            keys = {str(uuid.UUID(key)) for key in self.footnotes}
        except ValueError:
            return ["The pasted footnotes are damaged; copy them again."]
        if not called <= keys:
            return ["A pasted footnote call has no footnote; copy it again."]
        return []

    def perform(self) -> Outcome:
        parent = self.parent()
        paragraphs = list(self.paragraphs)
        last: dict[int, Element] = {}
        if self.fills:
            first = paragraphs.pop(0)
            self.element.record(self.user, self.history_reason(), text=first.text)
            last[1] = self.element
        # Each new paragraph under the one it belongs to, in order.
        under: dict[int, list[Element]] = defaultdict(list)  # id() of the parent → children
        levels: dict[int, list[Element]] = defaultdict(list)
        top: list[Element] = []
        latest = self.element
        for pasted in paragraphs:
            owner = parent if pasted.level == 1 else last[pasted.level - 1]
            latest = Element(
                version_id=self.element.version_id,
                parent=owner,
                kind=PARAGRAPH,
                text=inline.sanitize(pasted.text),
            )
            (top if pasted.level == 1 else under[id(owner)]).append(latest)
            levels[pasted.level].append(latest)
            last[pasted.level] = latest
        self._place(parent, top, under)
        for level in sorted(levels):
            Element.objects.bulk_create(levels[level])
        made = [e for level in sorted(levels) for e in levels[level]]
        Element.history.bulk_history_create(made, **bulk_attributes())
        self._footnotes([*([self.element] if self.fills else []), *made])
        return Outcome(refresh=parent, focus=latest, group=self.change_id)

    def _place(
        self, parent: Element | None, top: list[Element], under: dict[int, list[Element]]
    ) -> None:
        """Positions: ``top`` after the element among its siblings (first in an agenda
        item), the others in order under their paragraph; the siblings after move down."""
        existing = siblings(self.element.version_id, parent.pk if parent else None)
        index = 0 if self.element.kind == AGENDA_ITEM else self.element.position + 1
        ordered = existing[:index] + top + existing[index:]
        moved = []
        for position, element in enumerate(ordered):
            if element.position != position or element.pk is None:
                element.position = position
                if element.pk is not None:
                    moved.append(element)
        if moved:
            Element.objects.bulk_update(moved, ["position"])
        for children in under.values():
            for position, child in enumerate(children):
                child.position = position

    def _footnotes(self, elements: list[Element]) -> None:
        notes = [
            Footnote(
                version_id=self.element.version_id,
                key=key,
                element=element,
                text=inline.sanitize(self.footnotes[key]),
            )
            for element in elements
            for key in FOOTNOTE_REF.findall(element.text)
            if key in self.footnotes
        ]
        if notes:
            Footnote.objects.bulk_create(notes)
            Footnote.history.bulk_history_create(notes, **bulk_attributes())
