"""Writing Word files: the template filled in with a tree, and ``version_docx``.

python-docx opens the template and saves the package (page size, header, properties,
relationships); the body, the footnotes and the revision marks are lxml elements, since
python-docx has no footnotes and writing 1,500 paragraphs through its objects is slow.

How a tree sits in Word (``placement``): an agenda item is a "heading 1" paragraph, a
heading of level n a "heading n+1"; a paragraph is a "List Bullet" item (the bullet list,
its list level being its depth below its agenda item) or, when it has a designation, a
"Designated Paragraph" ("… 2", "… 3" one level deeper each: styles that only indent, so
that no client numbers the paragraph a second time). A designation is typed at the start
of the text and followed by a tab, so every client shows it and a comparison can mark it
changed. A heading without a designation whose text merely starts like one ("A. …") has
its numbering switched off explicitly (numId 0), which tells the reader not to take the
start for a designation. A heading found inside a paragraph (Word cannot nest it there) is
written in place, at its agenda item's level; lists deeper than Word's nine levels stay at
the ninth.
"""

from __future__ import annotations

import datetime
import functools
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.shared import Twips
from lxml import etree

from ..tree import AGENDA_ITEM, HEADING, Node, Tree
from . import ooxml
from .model import DocxMeta
from .ooxml import PAGE_SIZES, TYPED_DESIGNATION, el, text_element
from .spans import Span, spans_of

TEMPLATE = Path(__file__).resolve().parent / "template.docx"  # made by template.py
DEEPEST_LIST_LEVEL = 8

INSERTED, DELETED, MOVED_FROM, MOVED_TO = "ins", "del", "moveFrom", "moveTo"
REMOVING = (DELETED, MOVED_FROM)  # marks whose text is w:delText


@functools.cache
def _template() -> bytes:
    return TEMPLATE.read_bytes()


@dataclass(frozen=True)
class Placement:
    """Where an element sits in Word: its paragraph style and list (numId, level)."""

    style: str
    list_id: int | None = None
    list_level: int = 0

    def properties(self) -> list[etree._Element]:
        """The ``w:pStyle`` and ``w:numPr`` that open a ``w:pPr``."""
        parts = [el("pStyle", val=self.style)]
        if self.list_id is not None:
            parts.append(
                el("numPr", el("ilvl", val=self.list_level), el("numId", val=self.list_id))
            )
        return parts


def placement(node: Node, list_level: int) -> Placement:
    """How ``node`` sits in Word when it is ``list_level`` paragraphs deep."""
    if node.kind in (AGENDA_ITEM, HEADING):
        level = 0 if node.kind == AGENDA_ITEM else min(max(node.level, 1), 3)
        guard = not node.designation and TYPED_DESIGNATION.match(_plain_start(node.text))
        return Placement(ooxml.STYLE_HEADINGS[level], ooxml.NO_LIST if guard else None)
    level = min(list_level, DEEPEST_LIST_LEVEL)
    if node.designation:
        return Placement(ooxml.designated_style(level), None, level)
    return Placement(ooxml.STYLE_BULLET, ooxml.BULLET_LIST, level)


def _plain_start(text: str) -> str:
    return "".join(span.text for span in spans_of(text[:200]) if span.footnote is None)


def walk_with_list_levels(tree: Tree) -> Iterator[tuple[Node, int]]:
    """Every node in document order with its list level: how many paragraphs enclose it."""
    stack: list[tuple[Node, int]] = [(node, 0) for node in reversed(tree.nodes)]
    while stack:
        node, level = stack.pop()
        yield node, level
        inner = level + 1 if node.kind not in (AGENDA_ITEM, HEADING) else 0
        stack.extend((child, inner) for child in reversed(node.children))


class Marks:
    """Revision marks of one export: one author, one date, ids unique in the package."""

    def __init__(self, author: str, date: datetime.date | None) -> None:
        self.author = author or "Chair"
        # Move ranges must carry a date: a draft without one (the working draft) is
        # compared as of today.
        self.date = f"{(date or datetime.date.today()).isoformat()}T00:00:00Z"
        self._last_id = 0

    def new_id(self) -> int:
        self._last_id += 1
        return self._last_id

    def signature(self) -> dict[str, str]:
        """``w:author`` and ``w:date`` of every mark."""
        return {"author": self.author, "date": self.date}

    def mark(self, kind: str, *children: etree._Element) -> etree._Element:
        """A revision element (``w:ins``, ``w:del``, ``w:pPrChange`` …) with a fresh id."""
        return el(kind, *children, id=self.new_id(), **self.signature())


# Which footnote a call refers to: key → footnote id in footnotes.xml (None: leave it out).
FootnoteCall = Callable[[str], int | None]


def no_footnotes(key: str) -> int | None:
    """The calls of a footnote's own text: a footnote calls no other footnote."""
    return None


class WordDocument:
    """The template opened for one export: the body filled paragraph by paragraph, footnotes
    added as they are called, then ``to_bytes()``."""

    def __init__(self, meta: DocxMeta) -> None:
        self.meta = meta
        self.marks = Marks(meta.author, meta.date)
        self.document = docx.Document(io.BytesIO(_template()))
        self.part = self.document.part
        self.footnotes_part = self._fresh_footnotes_part()
        self._last_footnote = 0
        self._paragraphs: list[etree._Element] = []
        self._set_up_page()
        self._set_properties()
        if meta.note:
            self.add(self.paragraph(Placement(ooxml.STYLE_NOTE), [self._plain_run(meta.note)]))
        if meta.title:
            self.add(self.paragraph(Placement(ooxml.STYLE_TITLE), [self._plain_run(meta.title)]))

    # the package

    def _fresh_footnotes_part(self) -> XmlPart:
        """The template's footnotes (the separators) as a part this export can write to."""
        template_part = self.part.part_related_by(RT.FOOTNOTES)
        for rid, rel in list(self.part.rels.items()):
            if rel.reltype == RT.FOOTNOTES:
                self.part.drop_rel(rid)
        fresh: XmlPart = XmlPart.load(
            PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, template_part.blob, self.part.package
        )
        self.part.relate_to(fresh, RT.FOOTNOTES)
        return fresh

    def _set_up_page(self) -> None:
        section = self.document.sections[0]
        width, height = PAGE_SIZES.get(self.meta.paper_size, PAGE_SIZES["A4"])
        section.page_width, section.page_height = Twips(width), Twips(height)
        if self.meta.running_label:
            section.header.paragraphs[0].add_run(self.meta.running_label)

    def _set_properties(self) -> None:
        properties = self.document.core_properties
        properties.title = self.meta.title
        properties.author = self.meta.author
        properties.last_modified_by = self.meta.author
        properties.content_status = self.meta.label
        if self.meta.date:
            moment = datetime.datetime.combine(self.meta.date, datetime.time())
            properties.created = properties.modified = moment

    def to_bytes(self) -> bytes:
        body = self.document.element.body
        section = body[-1]
        for child in list(body)[:-1]:
            body.remove(child)
        for paragraph in self._paragraphs:
            section.addprevious(paragraph)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # paragraphs

    def add(self, paragraph: etree._Element) -> None:
        self._paragraphs.append(paragraph)

    @staticmethod
    def paragraph(
        where: Placement,
        content: Iterable[etree._Element],
        mark: etree._Element | None = None,
        change: etree._Element | None = None,
    ) -> etree._Element:
        """A ``w:p``: its place, its content, a revision mark on its paragraph mark and a
        ``w:pPrChange`` (what its properties were) when given."""
        properties = el("pPr", *where.properties())
        if mark is not None:
            properties.append(el("rPr", mark))
        if change is not None:
            properties.append(change)
        return el("p", properties, *content)

    def content(
        self,
        spans: Iterable[Span],
        call: FootnoteCall,
        revision: str | None = None,
        part: Part | None = None,
    ) -> list[etree._Element]:
        """Runs for spans, links as ``w:hyperlink`` (relationships on ``part``, the main
        document unless given), each stretch inside a fresh revision mark of kind
        ``revision`` (``ins``, ``del``, ``moveFrom``, ``moveTo``) when given."""
        part = part or self.part
        removing = revision in REMOVING
        out: list[etree._Element] = []
        for href, group in _by_link(spans):
            runs = [run for span in group if (run := self._run(span, call, removing)) is not None]
            if not runs:
                continue
            if revision is not None:
                runs = [self.marks.mark(revision, *runs)]
            if href is None:
                out.extend(runs)
            else:
                rid = part.relate_to(href, RT.HYPERLINK, is_external=True)
                link = el("hyperlink", *runs)
                link.set(f"{{{ooxml.R_NS}}}id", rid)
                out.append(link)
        return out

    def designation_runs(self, designation: str, removing: bool = False) -> list[etree._Element]:
        """The typed designation and the tab after it (for headings, never in italics)."""
        if not designation:
            return []
        look = el("rPr", el("i", val=0))
        name = "delText" if removing else "t"
        return [el("r", look, text_element(name, designation)), el("r", el("tab"))]

    def _run(self, span: Span, call: FootnoteCall, removing: bool) -> etree._Element | None:
        if span.footnote is not None:
            number = call(span.footnote)
            if number is None:
                return None
            look = el("rPr", el("rStyle", val=ooxml.STYLE_FOOTNOTE_REFERENCE))
            return el("r", look, el("footnoteReference", id=number))
        properties = []
        if span.href:
            properties.append(el("rStyle", val=ooxml.STYLE_HYPERLINK))
        if span.strong:
            properties.append(el("b"))
        if span.em:
            properties.append(el("i"))
        if span.vertical:
            vertical = "superscript" if span.vertical == "sup" else "subscript"
            properties.append(el("vertAlign", val=vertical))
        text = text_element("delText" if removing else "t", span.text.replace("\n", " "))
        return el("r", el("rPr", *properties), text) if properties else el("r", text)

    @staticmethod
    def _plain_run(text: str) -> etree._Element:
        return el("r", text_element("t", " ".join(text.split())))

    # footnotes

    def add_footnote(
        self, content: list[etree._Element], mark: etree._Element | None = None
    ) -> int:
        """A new footnote numbered after the others; ``content`` follows its number mark."""
        self._last_footnote += 1
        number = self._last_footnote
        reference = el(
            "r", el("rPr", el("rStyle", val=ooxml.STYLE_FOOTNOTE_REFERENCE)), el("footnoteRef")
        )
        space = el("r", text_element("t", " "))
        properties = el("pPr", el("pStyle", val=ooxml.STYLE_FOOTNOTE_TEXT))
        if mark is not None:
            properties.append(el("rPr", mark))
        paragraph = el("p", properties, reference, space, *content)
        self.footnotes_part.element.append(el("footnote", paragraph, id=number))
        return number


def _by_link(spans: Iterable[Span]) -> Iterator[tuple[str | None, list[Span]]]:
    group: list[Span] = []
    href: str | None = None
    for span in spans:
        if group and span.href != href:
            yield href, group
            group = []
        href = span.href
        group.append(span)
    if group:
        yield href, group


def version_docx(tree: Tree, meta: DocxMeta) -> bytes:
    """A draft as a Word document: see the module docstring for how elements sit. Each
    footnote call gets its own footnote, numbered through the document in call order."""
    document = WordDocument(meta)

    def call(key: str) -> int | None:
        if key not in tree.footnotes:
            return None
        text = spans_of(tree.footnotes[key])
        content = document.content(text, no_footnotes, part=document.footnotes_part)
        return document.add_footnote(content)

    for node, level in walk_with_list_levels(tree):
        content = document.designation_runs(node.designation)
        content += document.content(spans_of(node.text), call)
        document.add(document.paragraph(placement(node, level), content))
    return document.to_bytes()
