"""What a person pastes into the editor, as paragraphs of the draft: no ORM in here.

``read_clipboard(html, text)`` turns the clipboard's HTML (Word's, or any web page's) or
its plain text into a ``Clipping``: paragraphs in order, each with its list level and its
text as the draft's sanitised inline HTML (``drafting.inline``), and the footnotes they
call.

Word's clipboard HTML marks a list paragraph with a style, ``mso-list:l0 level2 lfo1``,
and writes its bullet or number as text inside ``<![if !supportLists]>``, in a span styled
``mso-list:Ignore``: the level is read from the style and the glyph dropped. Other HTML
gives its levels by the nesting of ``li``. Italic and bold (``i``, ``em``, ``b``,
``strong`` or their CSS), superscript, subscript and web links are kept; everything else
is reduced to its text. A footnote is a link to a note that links back to it: Word's
``<a href="#_ftn1" name="_ftnref1">`` call and the ``<div id=ftn1>`` at the end of the
clipboard that holds its text (the same holds for endnotes, LibreOffice and Google Docs).
Each becomes a footnote call with a fresh key.

The reading is one pass over the parsed tree, iterative (no recursion however deep the
HTML nests), and the input is capped at ``MAX_CLIPBOARD_BYTES``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from . import inline
from .limits import MAX_CLIPBOARD_BYTES
from .tree import FOOTNOTE_REF, new_key

# Elements that end one paragraph and begin another.
BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
    "h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
# Elements whose content is never text of the draft.
UNREAD = frozenset("head title style script template noscript object iframe svg math xml".split())
MARKS = {"i": "em", "em": "em", "cite": "em", "b": "strong", "strong": "strong"}
KEPT = {"sup": "sup", "sub": "sub"}
WORD_LEVEL = re.compile(r"mso-list\s*:\s*l\d+\s+level(\d+)", re.IGNORECASE)
HIDDEN = re.compile(r"mso-list\s*:\s*ignore|display\s*:\s*none", re.IGNORECASE)
ITALIC = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)
BOLD = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.IGNORECASE)
NOT_BOLD = re.compile(r"font-weight\s*:\s*(normal|[1-4]00)", re.IGNORECASE)
SPACES = re.compile(r"[\s\u00a0]+")
TAGS = re.compile(r"<[^>]*>")
# The clipboard is capped in bytes, so its depth need not be as well (libxml2 stops at
# 256 by default).
PARSER = lxml_html.HTMLParser(huge_tree=True)
# A footnote call in superscript: the call is numbered as a superscript anyway.
CALL_IN_SUP = re.compile(r"<sup>\s*(<fn-ref [^>]*></fn-ref>)\s*</sup>")
# A bullet a plain-text list begins its lines with ("•\tText" is Word's own).
PLAIN_BULLET = re.compile(r"^\s*(?:[•·▪◦‣○■□–\-*]|o(?=\t))\s+")


class ClipboardTooLarge(ValueError):
    """What was pasted is larger than the editor takes at once."""


@dataclass(frozen=True)
class Pasted:
    """One pasted paragraph: its text (sanitised inline HTML) and its level, 1 being the
    level it is pasted at, each one at most one deeper than the one before."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Clipping:
    """The paragraphs pasted, in order, and the text of each footnote they call, by key.
    ``piece`` is set when all that was pasted is a piece of one paragraph with no footnote:
    its text with the spaces at its ends, to go in at the cursor."""

    paragraphs: tuple[Pasted, ...]
    footnotes: dict[str, str] = field(default_factory=dict)
    piece: str = ""

    @property
    def is_inline(self) -> bool:
        return bool(self.piece)


def read_clipboard(
    html_text: str = "", plain: str = "", key: Callable[[], str] = new_key
) -> Clipping:
    """The clipboard's paragraphs: from its HTML when it has some, else from its text.

    ``ClipboardTooLarge`` (a ``ValueError`` in plain words) when it holds more than
    ``MAX_CLIPBOARD_BYTES``; ``key`` makes each footnote's key.
    """
    size = len(html_text.encode()) + len(plain.encode())
    if size > MAX_CLIPBOARD_BYTES:
        raise ClipboardTooLarge(
            f"What you pasted is too large ({size / 1_000_000:.1f} MB); the editor takes at "
            f"most {MAX_CLIPBOARD_BYTES // 1_000_000} MB at a time. Paste it in parts."
        )
    if html_text.strip():
        clipping = _from_html(html_text, key)
        if clipping.paragraphs:
            return clipping
    return _from_text(plain)


def _from_text(plain: str) -> Clipping:
    """One paragraph per line of text, a leading bullet dropped."""
    lines = (PLAIN_BULLET.sub("", line) for line in plain.splitlines())
    texts = (inline.sanitize(html.escape(_squeeze(line), quote=False)) for line in lines)
    paragraphs = tuple(Pasted(text) for text in texts if text)
    return Clipping(paragraphs, piece=paragraphs[0].text if len(paragraphs) == 1 else "")


def _from_html(source: str, key: Callable[[], str]) -> Clipping:
    try:
        document = lxml_html.document_fromstring(source, parser=PARSER)
    except (etree.ParserError, ValueError):
        return Clipping(())
    # Word's conditional comments hold no text of their own; their tails are text.
    etree.strip_tags(document, etree.Comment, etree.ProcessingInstruction)
    notes = _footnotes(document)
    footnotes: dict[str, str] = {}
    calls: dict[etree._Element, str] = {}
    for call, container in notes.calls.items():
        read = _Reader(container, notes.backlinks, {}).paragraphs()
        text = " ".join(paragraph.text.strip() for paragraph in read)
        if text:
            calls[call] = key()
            footnotes[calls[call]] = text
    skip = set(notes.calls) | set(notes.calls.values()) | notes.backlinks
    read = list(_Reader(document, skip - set(calls), calls).paragraphs())
    paragraphs = tuple(_relative([Pasted(p.text.strip(), p.level) for p in read]))
    piece = read[0].text if len(read) == 1 and not footnotes else ""
    return Clipping(paragraphs, footnotes, piece)


@dataclass
class _Notes:
    """Footnote calls (each ``a`` element → the element holding its note) and the links
    back from the notes to their calls (never part of a text)."""

    calls: dict[etree._Element, etree._Element]
    backlinks: set[etree._Element]


def _footnotes(document: etree._Element) -> _Notes:
    """A link to a note that links back is a footnote call: the first of the pair in the
    document is the call; the note is the nearest ``div`` (else block) around the other."""
    anchors = list(document.iter("a"))
    named: dict[str, etree._Element] = {}
    for anchor in anchors:
        for attribute in ("name", "id"):
            named.setdefault(anchor.get(attribute) or "", anchor)
    order = {anchor: index for index, anchor in enumerate(anchors)}
    notes = _Notes({}, set())
    for anchor in anchors:
        target = named.get((anchor.get("href") or "").removeprefix("#") or "-")
        if target is None or order[target] <= order[anchor]:
            continue
        names = {anchor.get("name"), anchor.get("id")} - {None, ""}
        container = _note_container(target)
        if (target.get("href") or "").removeprefix("#") in names and container is not None:
            notes.calls[anchor] = container
            notes.backlinks.add(target)
    return notes


def _note_container(backlink: etree._Element) -> etree._Element | None:
    block = None
    for ancestor in backlink.iterancestors():
        if ancestor.tag == "div":
            return ancestor
        if block is None and ancestor.tag in BLOCKS:
            block = ancestor
    return block


class _Reader:
    """One pass over ``root``, yielding its paragraphs with their levels as written (and
    the spaces at their ends).
    ``skip`` are elements left out with all they hold; ``calls`` the footnote calls."""

    def __init__(
        self, root: etree._Element, skip: set[etree._Element], calls: dict[etree._Element, str]
    ) -> None:
        self.root, self.skip, self.calls = root, skip, calls
        self.parts: list[str] = []
        self.marks: list[str] = []  # inline tags open now, outermost first
        self.levels: list[int] = []  # the level of each block open now
        self.items = 0  # ``li`` elements open now

    def paragraphs(self) -> Iterator[Pasted]:
        walker = etree.iterwalk(self.root, events=("start", "end"))
        closing: list[str] = []  # per open element: "block", an inline tag, or ""
        for event, element in walker:
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "end":
                yield from self._close(closing.pop(), tag)
                if element is not self.root:
                    self._add(element.tail)
            elif self._left_out(element, tag):
                walker.skip_subtree()
                closing.append("")
                if element in self.calls:
                    self.parts.append(f'<fn-ref data-key="{self.calls[element]}"></fn-ref>')
            elif tag in BLOCKS:
                yield from self._end_paragraph()
                self.items += tag == "li"
                self.levels.append(self._level(element))
                closing.append("block")
                self._add(element.text)
            else:
                closing.append(self._open(element, tag))
                self._add(" " if tag == "br" else element.text)
        yield from self._end_paragraph()

    def _left_out(self, element: etree._Element, tag: str) -> bool:
        return (
            element in self.skip
            or element in self.calls
            or tag in UNREAD
            or element.get("aria-hidden") == "true"
            or bool(HIDDEN.search(element.get("style", "")))
        )

    def _close(self, what: str, tag: str) -> Iterator[Pasted]:
        if what == "block":
            yield from self._end_paragraph()
            self.levels.pop()
            self.items -= tag == "li"
        elif what and self.marks and self.marks[-1] == what:
            self.marks.pop()
            self.parts.append(f"</{what}>")

    def _level(self, block: etree._Element) -> int:
        word = WORD_LEVEL.search(block.get("style", ""))
        if word:
            return int(word.group(1))
        if self.items:
            return self.items
        return self.levels[-1] if self.levels else 1

    def _open(self, element: etree._Element, tag: str) -> str:
        """Open what ``element`` stands for in the draft's text: the tag to close, or ""."""
        href = element.get("href", "")
        if tag == "a" and href.startswith(("http://", "https://", "mailto:")):
            if "a" in self.marks:
                return ""
            self.parts.append(f'<a href="{html.escape(href)}">')
            self.marks.append("a")
            return "a"
        style = element.get("style", "")
        mark = MARKS.get(tag) or KEPT.get(tag)
        if mark == "strong" and NOT_BOLD.search(style):
            mark = None
        if mark is None and tag == "span":
            mark = "em" if ITALIC.search(style) else "strong" if BOLD.search(style) else None
        if mark is None or mark in self.marks:
            return ""
        self.parts.append(f"<{mark}>")
        self.marks.append(mark)
        return mark

    def _add(self, text: str | None) -> None:
        if text:
            self.parts.append(html.escape(SPACES.sub(" ", text), quote=False))

    def _end_paragraph(self) -> Iterator[Pasted]:
        """The paragraph read so far, if it holds text or a footnote call. Inline tags
        open across the block boundary close here and open again after it (a link does
        not carry over)."""
        body = "".join(self.parts) + "".join(f"</{m}>" for m in reversed(self.marks))
        self.marks = [m for m in self.marks if m != "a"]
        self.parts = [f"<{m}>" for m in self.marks]
        text = inline.clean_fragment(CALL_IN_SUP.sub(r"\1", SPACES.sub(" ", body)))
        if TAGS.sub("", text).strip() or FOOTNOTE_REF.search(text):
            yield Pasted(text, self.levels[-1] if self.levels else 1)


def _squeeze(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def _relative(paragraphs: list[Pasted]) -> Iterator[Pasted]:
    """Levels counted from the first paragraph's (1), each at most one deeper than the
    one before and never above the first."""
    first = paragraphs[0].level if paragraphs else 1
    previous = 0
    for paragraph in paragraphs:
        level = max(1, min(paragraph.level - first + 1, previous + 1))
        yield Pasted(paragraph.text, level)
        previous = level
