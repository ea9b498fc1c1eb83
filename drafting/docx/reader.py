"""Reading a Word file as a draft: ``read_docx(data) -> DocxImport``. No ORM in here.

What becomes what
    A paragraph at outline level 0 (``w:outlineLvl`` in the paragraph or its style chain,
    or a "heading 1" style) is an agenda item; levels 1–3 are headings of level 1–3 (deeper
    ones are read as level 3). Any other paragraph is a paragraph of the tree: in a list
    (``w:numPr`` in the paragraph or its style chain) it sits as deep as its list level
    below the paragraphs before it (at most one level deeper than the one above, at most
    ``MAX_DEPTH`` levels in all); outside a list it sits at the top of its agenda item,
    or as deep as its style's name says ("List 2", the app's "Designated Paragraph 3").
    An empty list item is a placeholder; an empty paragraph outside a list is spacing and
    is skipped. The "Title" paragraph is the title and the app's own "Note" paragraph the
    note; the page header's "LABEL, 10 June 2021" gives the label and date.
Designations
    Word's numbering gives one when the list level is numbered ("%1." in upper letters is
    "A."), counted as Word counts; in a paragraph without a numbered marker a designation
    typed at the start of the text ("1.", "(a)", "IV." followed by a space or tab) is
    taken, unless the paragraph's numbering is switched off explicitly (numId 0).
Text
    Runs become the app's inline HTML: italic and bold as Word shows them (see
    ``styles``), superscript and subscript, links (``w:hyperlink`` and HYPERLINK fields),
    footnote calls at their ``w:footnoteReference``; square brackets are text like any
    other. Footnotes come from ``footnotes.xml`` (endnotes are read as footnotes).
Tracked changes
    Read as if every change were accepted (inserted and moved-to text kept, deleted and
    moved-from text dropped, a deleted paragraph mark joining its paragraph to the next),
    with a warning saying so. Tables and pictures are left out, with a warning.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from lxml import etree

from ..inline import plain_text
from ..tree import new_key
from . import ooxml
from .model import DocxError, DocxImport, DocxMeta
from .numbering import NONE, Numbering
from .ooxml import PAGE_SIZES, TYPED_DESIGNATION, int_value, w
from .package import Package, Relationship, open_package
from .spans import Span, html_of
from .styles import Styles
from .tree_builder import TreeBuilder, shorten

P, R, T, PPR, RPR = w("p"), w("r"), w("t"), w("pPr"), w("rPr")
HYPERLINK, FLD_SIMPLE, FLD_CHAR, INSTR_TEXT = (
    w("hyperlink"), w("fldSimple"), w("fldChar"), w("instrText"),
)  # fmt: skip
SDT, SDT_CONTENT = w("sdt"), w("sdtContent")
# Containers whose runs count as accepted text: insertions and moves kept, wrappers opened.
TRANSPARENT = {w(name) for name in ("ins", "moveTo", "smartTag", "customXml", "dir", "bdo")}
SPACES = {w(name) for name in ("tab", "ptab", "br", "cr")}
PICTURES = {w(name) for name in ("drawing", "pict", "object")}
REVISIONS = tuple(
    w(name)
    for name in (
        "ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange", "sectPrChange",
        "tblPrChange", "trPrChange", "tcPrChange", "numberingChange", "cellIns", "cellDel",
    )
)  # fmt: skip
FIELD_LINK = re.compile(r'^\s*HYPERLINK\s+"([^"]+)"', re.IGNORECASE)
# Styles whose name gives a depth: Word's "List 2", "List Bullet 2", "List Number 3" … and
# the app's own "Designated Paragraph 2" …
LEVEL_STYLE = re.compile(r"^(?:list|list bullet|list number|designated paragraph) ([2-9])$")
RUNNING_LABEL = re.compile(r"^(?P<label>.+?),\s*(?P<date>\d{1,2} [A-Za-z]+ \d{4})$")
DC = "http://purl.org/dc/elements/1.1/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

NO_TEXT = "This Word document has no text to import."


def read_docx(data: bytes) -> DocxImport:
    """The draft in a .docx file; ``DocxError`` (and nothing else) with a plain message for
    a file it cannot take. See the module docstring for what is read as what."""
    return _Reader(open_package(data)).read()


@dataclass
class _Field:
    """A complex field (``w:fldChar``) being read: its instruction, and whether its shown
    result has begun."""

    instruction: str = ""
    showing: bool = False


@dataclass
class _Part:
    """What reading runs of one part needs: its relationships and its open fields."""

    relationships: dict[str, Relationship]
    fields: list[_Field] = field(default_factory=list)


class _Notes:
    """Footnotes (or endnotes) of the file; a key for each, given when first called."""

    def __init__(self, package: Package, name: str | None) -> None:
        root = package.xml(name) if name else None
        self.part = _Part(package.relationships(name) if name else {})
        self.notes: dict[str, etree._Element] = {}
        for note in root if root is not None else ():
            if note.get(w("type"), "normal") == "normal" and note.get(w("id")) is not None:
                self.notes[note.get(w("id"), "")] = note
        self.keys: dict[str, str] = {}
        self.root = root

    def call(self, note_id: str | None) -> str | None:
        if note_id not in self.notes:
            return None
        return self.keys.setdefault(note_id, new_key())


class _Reader:
    def __init__(self, package: Package) -> None:
        self.package = package
        self.document = package.main_document()
        main = package.main
        self.part = _Part(package.relationships(main))
        self.styles = Styles(self._related(main, ooxml.REL_STYLES))
        self.numbering = Numbering(self._related(main, ooxml.REL_NUMBERING), self.styles)
        self.footnotes = _Notes(package, package.related(main, ooxml.REL_FOOTNOTES))
        self.endnotes = _Notes(package, package.related(main, ooxml.REL_ENDNOTES))
        self.builder = TreeBuilder()
        self.counts: Counter[str] = Counter()
        self.titles: list[str] = []
        self.notes: list[str] = []
        self.carried: list[Span] = []

    def _related(self, source: str, relationship: str) -> etree._Element | None:
        name = self.package.related(source, relationship)
        return self.package.xml(name) if name else None

    def read(self) -> DocxImport:
        body = self.document.find(w("body"))
        if body is None:
            raise DocxError(NO_TEXT)
        for paragraph in self._paragraphs(body):
            self._paragraph(paragraph)
        if self.carried:
            self.builder.paragraph(0, "", html_of(self.carried))
        tree = self.builder.tree
        tree.footnotes = self._footnote_texts()
        if not any(node.text or node.designation for node, _depth in tree.walk()):
            raise DocxError(NO_TEXT)
        return DocxImport(self._meta(body), tree, self._warnings())

    # the body

    def _paragraphs(self, parent: etree._Element) -> list[etree._Element]:
        """Body paragraphs in order, through content controls; tables counted and left out."""
        found: list[etree._Element] = []
        for child in parent:
            if child.tag == P:
                found.append(child)
            elif child.tag == w("tbl"):
                self.counts["tables"] += 1
            elif child.tag == SDT and (content := child.find(SDT_CONTENT)) is not None:
                found += self._paragraphs(content)
            elif child.tag == w("customXml"):
                found += self._paragraphs(child)
        return found

    def _paragraph(self, paragraph: etree._Element) -> None:
        properties = paragraph.find(PPR)
        style = self.styles.paragraph_style(properties)
        outline = self.styles.outline_level(properties, style)
        spans = self._spans(paragraph, self.part, style, heading=outline is not None)
        if _mark_removed(properties):
            self.carried += spans  # accepting a deleted paragraph mark joins it to the next
            return
        spans, self.carried = self.carried + spans, []
        if style == ooxml.STYLE_TITLE or "title" in self.styles.names(style):
            self.titles.append(_plain(spans))
            return
        if style == ooxml.STYLE_NOTE:
            self.notes.append(_plain(spans))
            return
        num_id, ilvl, depth = self._list(properties, style)
        level = self.numbering.level(num_id, ilvl) if num_id else None
        designation = self.numbering.count(num_id, ilvl) if num_id and level else ""
        if num_id != ooxml.NO_LIST and (level is None or level.marker == NONE):
            designation, spans = _typed_designation(spans)
        text = html_of(spans)
        if outline is not None:
            if text or designation:
                self._heading(outline, designation, text)
        elif level is not None or text or designation:
            self.builder.paragraph(depth, designation, text)

    def _heading(self, outline: int, designation: str, text: str) -> None:
        if outline == 0:
            self.builder.agenda_item(designation, text)
            return
        if outline > 3:
            self.counts["deep headings"] += 1
        self.builder.heading(min(outline, 3), designation, text)

    def _list(
        self, properties: etree._Element | None, style: str | None
    ) -> tuple[int | None, int, int]:
        """A paragraph's list (numId) and list level (ilvl), each set directly or by its
        style chain, and how deep it nests: its list level in a list, or the depth its
        style's name gives (Word's one-level "List Bullet 2" lists, indent-only styles)."""
        direct = properties.find(w("numPr")) if properties is not None else None
        inherited = self.styles.inherited(style, "pPr", "numPr")
        num_id = ilvl = None
        for source in (direct, inherited):
            if source is None:
                continue
            if num_id is None:
                num_id = int_value(source.find(w("numId")))
            if ilvl is None:
                ilvl = int_value(source.find(w("ilvl")))
        if ilvl is None and num_id:
            ilvl = self.numbering.level_of_style(num_id, style)
        ilvl = min(max(ilvl or 0, 0), 8)
        named = (int(m[1]) - 1 for n in self.styles.names(style) if (m := LEVEL_STYLE.match(n)))
        in_list = num_id is not None and self.numbering.level(num_id, ilvl) is not None
        return num_id, ilvl, max(ilvl if in_list else 0, next(named, 0))

    # runs

    def _spans(
        self, container: etree._Element, part: _Part, style: str | None, heading: bool
    ) -> list[Span]:
        spans: list[Span] = []
        self._content(container, part, style, heading, None, spans)
        return spans

    def _content(
        self,
        container: etree._Element,
        part: _Part,
        style: str | None,
        heading: bool,
        href: str | None,
        spans: list[Span],
    ) -> None:
        for child in container:
            tag = child.tag
            if tag == R:
                self._run(child, part, style, heading, href, spans)
            elif tag == HYPERLINK:
                target = part.relationships.get(child.get(f"{{{ooxml.R_NS}}}id", ""))
                link = target.target if target is not None and target.external else None
                self._content(child, part, style, heading, link or href, spans)
            elif tag == FLD_SIMPLE:
                link = _field_link(child.get(w("instr"), ""))
                self._content(child, part, style, heading, link or href, spans)
            elif tag in TRANSPARENT:
                self._content(child, part, style, heading, href, spans)
            elif tag == SDT and (content := child.find(SDT_CONTENT)) is not None:
                self._content(content, part, style, heading, href, spans)

    def _run(
        self,
        run: etree._Element,
        part: _Part,
        style: str | None,
        heading: bool,
        href: str | None,
        spans: list[Span],
    ) -> None:
        look = self.styles.look(run.find(RPR), style, heading)
        fields = part.fields
        text: list[str] = []

        def flush() -> None:
            if text:
                target = _shown_link(fields) or href
                spans.append(Span("".join(text), None, look.em, look.strong, look.vertical, target))
                text.clear()

        for child in run:
            tag = child.tag
            if tag == FLD_CHAR:
                flush()
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    fields.append(_Field())
                elif kind == "separate" and fields:
                    fields[-1].showing = True
                elif kind == "end" and fields:
                    fields.pop()
            elif tag == INSTR_TEXT:
                if fields:
                    fields[-1].instruction += child.text or ""
            elif fields and not fields[-1].showing:
                continue  # a field's code, not what it shows
            elif tag == T:
                text.append(child.text or "")
            elif tag in SPACES:
                text.append(" ")
            elif tag == w("noBreakHyphen"):
                text.append("\u2011")
            elif tag == w("sym"):
                text.append(_symbol(child.get(w("char"), "")))
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                flush()
                notes = self.footnotes if tag == w("footnoteReference") else self.endnotes
                key = notes.call(child.get(w("id")))
                if key is not None:
                    spans.append(Span(footnote=key))
            elif tag in PICTURES:
                self.counts["pictures"] += 1
        flush()

    # footnotes, particulars and warnings

    def _footnote_texts(self) -> dict[str, str]:
        texts = {}
        for notes in (self.footnotes, self.endnotes):
            for note_id, key in notes.keys.items():
                spans: list[Span] = []
                for paragraph in notes.notes[note_id].iter(P):
                    style = self.styles.paragraph_style(paragraph.find(PPR))
                    spans += [Span(" "), *self._spans(paragraph, notes.part, style, False)]
                texts[key] = html_of(spans)
        if self.endnotes.keys:
            self.counts["endnotes"] += len(self.endnotes.keys)
        return texts

    def _meta(self, body: etree._Element) -> DocxMeta:
        section = body.find(w("sectPr"))
        running_label = self._header(section)
        match = RUNNING_LABEL.match(running_label)
        date = _date(match["date"]) if match else None
        core = self._related("", ooxml.REL_CORE)
        status = _core(core, CP, "contentStatus")
        label = status or (match["label"].title() if match and date else "")
        size = section.find(w("pgSz")) if section is not None else None
        width = (
            int(size.get(w("w"), "0")) if size is not None and size.get(w("w"), "").isdigit() else 0
        )
        return DocxMeta(
            title=" ".join(self.titles) or _core(core, DC, "title"),
            label=label,
            running_label=running_label,
            note=" ".join(self.notes),
            date=date,
            paper_size="letter" if width == PAGE_SIZES["letter"][0] else "A4",
            author=_core(core, DC, "creator"),
        )

    def _header(self, section: etree._Element | None) -> str:
        """The text of the section's default page header."""
        if section is None:
            return ""
        for reference in section.iter(w("headerReference")):
            if reference.get(w("type"), "default") != "default":
                continue
            target = self.part.relationships.get(reference.get(f"{{{ooxml.R_NS}}}id", ""))
            if target is None or target.external:
                continue
            root = self.package.xml(target.target)
            if root is not None:
                part = _Part(self.package.relationships(target.target))
                return " ".join(
                    _plain(self._spans(p, part, None, False)) for p in root.iter(P)
                ).strip()
        return ""

    def _warnings(self) -> tuple[str, ...]:
        warnings = []
        roots = [self.document, self.footnotes.root, self.endnotes.root]
        if any(next(root.iter(*REVISIONS), None) is not None for root in roots if root is not None):
            warnings.append(
                "The file has tracked changes; it was read as if every change were accepted. "
                "If that is not what you want, accept or reject the changes in Word and upload "
                "the file again."
            )
        counts = self.counts
        if counts["tables"]:
            warnings.append(
                f"{_many(counts['tables'], 'table')} left out: a draft holds no tables."
            )
        if counts["pictures"]:
            warnings.append(f"{_many(counts['pictures'], 'picture')} left out.")
        if counts["deep headings"]:
            warnings.append("Headings below level 3 were read as level-3 headings.")
        if counts["endnotes"]:
            warnings.append("Endnotes were read as footnotes.")
        if self.builder.jumps:
            first = shorten(plain_text(self.builder.jumps[0]))
            warnings.append(
                f"{_many(len(self.builder.jumps), 'paragraph')} indented more than one level "
                f"below the paragraph above (first: “{first}”); each was placed one level below it."
            )
        return tuple(warnings)


def _mark_removed(properties: etree._Element | None) -> bool:
    mark = properties.find(RPR) if properties is not None else None
    return mark is not None and (
        mark.find(w("del")) is not None or mark.find(w("moveFrom")) is not None
    )


def _typed_designation(spans: list[Span]) -> tuple[str, list[Span]]:
    """A designation typed at the start of the text, and the spans without it."""
    leading = []
    for span in spans:
        if span.footnote is not None:
            break
        leading.append(span.text)
    match = TYPED_DESIGNATION.match("".join(leading))
    if not match:
        return "", spans
    remove = match.end()
    rest = []
    for span in spans:
        if remove and span.footnote is None:
            cut = min(remove, len(span.text))
            remove -= cut
            span = replace(span, text=span.text[cut:])
            if not span.text:
                continue
        rest.append(span)
    return match["designation"], rest


def _plain(spans: list[Span]) -> str:
    return " ".join("".join(span.text for span in spans).split())


def _shown_link(fields: list[_Field]) -> str | None:
    """The target of the innermost HYPERLINK field whose result is being read."""
    for open_field in reversed(fields):
        if open_field.showing and (link := _field_link(open_field.instruction)):
            return link
    return None


def _field_link(instruction: str) -> str | None:
    match = FIELD_LINK.match(instruction)
    return match.group(1) if match else None


def _symbol(code: str) -> str:
    """A ``w:sym`` character; symbol-font codes (F000–F0FF) have no Unicode meaning."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF or not ooxml.NOT_XML.sub("", chr(value)):
        return ""
    return chr(value)


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(text, "%d %B %Y").date()
    except ValueError:
        return None


def _core(root: etree._Element | None, namespace: str, name: str) -> str:
    found = root.find(f"{{{namespace}}}{name}") if root is not None else None
    return " ".join((found.text or "").split()) if found is not None else ""


def _many(count: int, noun: str) -> str:
    return f"1 {noun} was" if count == 1 else f"{count} {noun}s were"
