"""Word's list numbering turned into the designations a reader sees ("A.", "II.", "(a)").

A ``Numbering`` is read from ``numbering.xml`` and then fed the numbered paragraphs in
document order, as Word counts them: lists that share an abstract numbering definition
share their counters, a ``w:startOverride`` restarts a level where its list is first used,
and a level restarts after a higher one (unless ``w:lvlRestart`` says otherwise).
``lvlText`` patterns such as "%1." or "(%2)" are filled with each level's own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .ooxml import int_value, w
from .styles import Styles

BULLET, NONE, NUMBER = "bullet", "none", "number"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_LEVELS = 9


def roman(number: int) -> str:
    """Upper-case Roman numerals (Word writes numbers below 1 or above 3999 in decimal)."""
    if not 1 <= number <= 3999:
        return str(number)
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def letters(number: int) -> str:
    """Word's letter numbering: A … Z, then AA … ZZ, AAA … (up to 780, then decimal)."""
    if not 1 <= number <= 780:
        return str(number)
    return chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, number_format: str) -> str:
    """One level's number in its ``w:numFmt``; formats without a Latin form fall back to
    decimal, as the reader of an outcome document would quote them."""
    if number_format == "upperRoman":
        return roman(number)
    if number_format == "lowerRoman":
        return roman(number).lower()
    if number_format == "upperLetter":
        return letters(number)
    if number_format == "lowerLetter":
        return letters(number).lower()
    if number_format == "decimalZero":
        return f"{number:02d}"
    return str(number)


@dataclass(frozen=True)
class Level:
    """One level of a list: how its number looks and where it starts."""

    number_format: str = "decimal"
    text: str = ""
    start: int = 1
    restart_after: int | None = None  # 0-based level whose use restarts this one; -1 never
    style: str | None = None  # the paragraph style linked to this level
    legal: bool = False

    @property
    def marker(self) -> str:
        if self.number_format == "bullet":
            return BULLET
        if self.number_format == "none" or "%" not in self.text:
            return NONE
        return NUMBER


def _level(element: etree._Element) -> Level:
    restart = int_value(element.find(w("lvlRestart")))
    style = element.find(w("pStyle"))
    return Level(
        number_format=_value(element, "numFmt") or "decimal",
        text=_value(element, "lvlText") or "",
        start=int_value(element.find(w("start")), 1) or 0,
        restart_after=None if restart is None else restart - 1,
        style=style.get(w("val")) if style is not None else None,
        legal=element.find(w("isLgl")) is not None,
    )


@dataclass
class _List:
    """A ``w:num``: its abstract definition's levels with its own overrides."""

    abstract: str
    levels: dict[int, Level]
    start_overrides: dict[int, int]
    started: set[int] = field(default_factory=set)


class Numbering:
    """The numbering part of a document, counting as Word does (see the module docstring)."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self._lists: dict[int, _List] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstracts = {a.get(w("abstractNumId"), ""): a for a in root.iter(w("abstractNum"))}
        numbers = {
            num_id: num
            for num in root.iter(w("num"))
            if (num_id := _number(num.get(w("numId")))) is not None
        }
        for num_id, num in numbers.items():
            abstract_id = self._abstract_id(num, numbers, abstracts, styles)
            if abstract_id is None:
                continue
            levels = {
                ilvl: _level(lvl)
                for lvl in abstracts[abstract_id].iter(w("lvl"))
                if (ilvl := _ilvl(lvl)) is not None
            }
            overrides: dict[int, int] = {}
            for override in num.iter(w("lvlOverride")):
                ilvl = _ilvl(override)
                if ilvl is None:
                    continue
                if (start := int_value(override.find(w("startOverride")))) is not None:
                    overrides[ilvl] = start
                if (lvl := override.find(w("lvl"))) is not None:
                    levels[ilvl] = _level(lvl)
            self._lists[num_id] = _List(abstract_id, levels, overrides)

    @staticmethod
    def _abstract_id(
        num: etree._Element,
        numbers: dict[int, etree._Element],
        abstracts: dict[str, etree._Element],
        styles: Styles,
    ) -> str | None:
        """The abstract definition of a ``w:num``, following one ``w:numStyleLink`` (a list
        defined by a numbering style) to the definition that style points at."""
        reference = num.find(w("abstractNumId"))
        abstract_id = reference.get(w("val")) if reference is not None else None
        abstract = abstracts.get(abstract_id or "")
        if abstract is None:
            return None
        link = abstract.find(w("numStyleLink"))
        if link is None:
            return abstract_id
        linked = styles.inherited(link.get(w("val")), "pPr", "numPr")
        linked_num = int_value(linked.find(w("numId"))) if linked is not None else None
        target = numbers.get(linked_num) if linked_num is not None else None
        if target is None or target is num:
            return abstract_id
        reference = target.find(w("abstractNumId"))
        linked_id = reference.get(w("val")) if reference is not None else None
        return linked_id if linked_id in abstracts else abstract_id

    def level(self, num_id: int, ilvl: int) -> Level | None:
        """The definition of a list level, or None if the file does not define it."""
        found = self._lists.get(num_id)
        return found.levels.get(ilvl) if found is not None else None

    def level_of_style(self, num_id: int, style_id: str | None) -> int | None:
        """The level a list links to a paragraph style (``w:lvl/w:pStyle``), if any."""
        found = self._lists.get(num_id)
        if found is None or style_id is None:
            return None
        return next(
            (i for i, level in sorted(found.levels.items()) if level.style == style_id), None
        )

    def count(self, num_id: int, ilvl: int) -> str:
        """Count one more paragraph at this list level; its designation ("" for bullets)."""
        found = self._lists.get(num_id)
        if found is None or ilvl not in found.levels:
            return ""
        counters = self._counters.setdefault(found.abstract, {})
        if ilvl in found.start_overrides and ilvl not in found.started:
            counters[ilvl] = found.start_overrides[ilvl] - 1
        found.started.add(ilvl)
        level = found.levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in range(ilvl + 1, _LEVELS):
            restart = found.levels.get(deeper, Level()).restart_after
            if restart is None or (restart >= 0 and ilvl <= restart):
                counters.pop(deeper, None)
        if level.marker != NUMBER:
            return ""
        return self._text(found, counters, level).strip()

    @staticmethod
    def _text(found: _List, counters: dict[int, int], level: Level) -> str:
        text = level.text
        for index in range(_LEVELS):
            placeholder = f"%{index + 1}"
            if placeholder not in text:
                continue
            other = found.levels.get(index, Level())
            number = counters.get(index, other.start)
            number_format = "decimal" if level.legal else other.number_format
            text = text.replace(placeholder, format_number(number, number_format))
        return text


def _value(element: etree._Element, child: str) -> str | None:
    found = element.find(w(child))
    return found.get(w("val")) if found is not None else None


def _number(text: str | None) -> int | None:
    try:
        return int(text or "")
    except ValueError:
        return None


def _ilvl(element: etree._Element) -> int | None:
    ilvl = _number(element.get(w("ilvl")))
    return ilvl if ilvl is not None and 0 <= ilvl < _LEVELS else None
