"""Formatting a paragraph or run really has, resolved through Word's style chain.

python-docx reports formatting a run inherits as None; Word shows it. A property is looked
up in the run's own properties, then its character style and the styles that style is
based on, then the paragraph's style chain, then the document defaults. Bold and italic are
toggles: set directly they hold absolutely, but a character style's value flips the
paragraph style's (Word shows "Strong" text in a bold paragraph as not bold). For agenda
items and headings the paragraph style's look is the look of headings, not emphasis in the
text, so only the run's own formatting and its character style count there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from .ooxml import int_value, is_on, w

_LONGEST_CHAIN = 16  # basedOn chains longer than this are broken files, not styles


@dataclass(frozen=True)
class Look:
    em: bool = False
    strong: bool = False
    vertical: str = ""  # "sup", "sub" or ""


class Styles:
    """The styles part of a document, with its chains resolved on demand."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self._default_run: etree._Element | None = None
        self._default_paragraph_properties: etree._Element | None = None
        self._cache: dict[tuple[str, str, str], etree._Element | None] = {}
        self._names: dict[str, tuple[str, ...]] = {}
        if root is None:
            return
        for style in root.iter(w("style")):
            style_id = style.get(w("styleId"))
            if style_id is None:
                continue
            self._styles.setdefault(style_id, style)
            is_default = (style.get(w("default")) or "").lower() in ("1", "true", "on")
            if style.get(w("type")) == "paragraph" and is_default and not self.default_paragraph:
                self.default_paragraph = style_id
        self._default_run = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self._default_paragraph_properties = root.find(
            f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}"
        )

    def paragraph_style(self, properties: etree._Element | None) -> str | None:
        """The id of a paragraph's style: its ``w:pStyle``, or the default paragraph style."""
        style = properties.find(w("pStyle")) if properties is not None else None
        if style is not None and style.get(w("val")) in self._styles:
            return style.get(w("val"))
        return self.default_paragraph

    def chain(self, style_id: str | None) -> Iterator[etree._Element]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen:
            if len(seen) >= _LONGEST_CHAIN:
                return
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            based_on = style.find(w("basedOn"))
            style_id = based_on.get(w("val")) if based_on is not None else None

    def names(self, style_id: str | None) -> tuple[str, ...]:
        """The names of a style's chain in lower case ("heading 1"), nearest first."""
        key = style_id or ""
        if key not in self._names:
            self._names[key] = tuple(
                (name.get(w("val")) or "").lower()
                for style in self.chain(style_id)
                if (name := style.find(w("name"))) is not None
            )
        return self._names[key]

    def inherited(self, style_id: str | None, group: str, name: str) -> etree._Element | None:
        """The nearest ``w:<group>/w:<name>`` (group "pPr" or "rPr") in a style's chain."""
        key = (style_id or "", group, name)
        if key not in self._cache:
            self._cache[key] = next(
                (
                    found
                    for style in self.chain(style_id)
                    if (found := style.find(f"{w(group)}/{w(name)}")) is not None
                ),
                None,
            )
        return self._cache[key]

    def paragraph_property(
        self, properties: etree._Element | None, style_id: str | None, name: str
    ) -> etree._Element | None:
        """A paragraph property set directly, else by its style chain, else by default."""
        if properties is not None and (found := properties.find(w(name))) is not None:
            return found
        if (found := self.inherited(style_id, "pPr", name)) is not None:
            return found
        defaults = self._default_paragraph_properties
        return defaults.find(w(name)) if defaults is not None else None

    def outline_level(self, properties: etree._Element | None, style_id: str | None) -> int | None:
        """0 for a top-level heading … 8; None for body text. From ``w:outlineLvl`` or, for
        files that leave it out, a built-in "heading N" style name."""
        level = int_value(self.paragraph_property(properties, style_id, "outlineLvl"))
        if level is not None:
            return level if 0 <= level <= 8 else None
        for name in self.names(style_id):
            if name.startswith("heading ") and name[8:].isdigit():
                return min(max(int(name[8:]) - 1, 0), 8)
        return None

    def look(
        self, properties: etree._Element | None, paragraph_style: str | None, heading: bool
    ) -> Look:
        """What a run with ``properties`` (its ``w:rPr``) looks like in its paragraph."""
        character_style = None
        if properties is not None and (style := properties.find(w("rStyle"))) is not None:
            character_style = style.get(w("val"))
        paragraph = None if heading else paragraph_style

        def toggle(name: str) -> bool:
            direct = is_on(properties.find(w(name))) if properties is not None else None
            if direct is not None:
                return direct
            from_character = bool(is_on(self.inherited(character_style, "rPr", name)))
            from_paragraph = is_on(self.inherited(paragraph, "rPr", name))
            if from_paragraph is None and not heading and self._default_run is not None:
                from_paragraph = is_on(self._default_run.find(w(name)))
            return bool(from_paragraph) != from_character

        return Look(
            toggle("i"), toggle("b"), self._vertical(properties, character_style, paragraph)
        )

    def _vertical(
        self, properties: etree._Element | None, character_style: str | None, paragraph: str | None
    ) -> str:
        found = properties.find(w("vertAlign")) if properties is not None else None
        if found is None:
            found = self.inherited(character_style, "rPr", "vertAlign")
        if found is None:
            found = self.inherited(paragraph, "rPr", "vertAlign")
        value = found.get(w("val")) if found is not None else None
        return {"superscript": "sup", "subscript": "sub"}.get(value or "", "")
