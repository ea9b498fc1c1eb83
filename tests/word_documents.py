"""Word files made the way Word makes them, for the import tests.

``WordFile`` starts from python-docx's default template (Word's own "Normal" template, with
its theme-font headings, "List Paragraph", "List Bullet 2" … and its one-level lists) and
adds what python-docx cannot: lists in numbering.xml, footnotes, tracked changes, fields.
``draft_written_in_word()`` is a small outcome document as a chair's team would type it.
"""

from __future__ import annotations

import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from lxml import etree

W = nsdecls("w")


class WordFile:
    """A document being typed: styles, lists, paragraphs, footnotes; ``to_bytes()``."""

    def __init__(self) -> None:
        self.document = docx.Document()
        body = self.document.element.body
        for paragraph in body.findall(qn("w:p")):
            body.remove(paragraph)
        self.numbering = self.document.part.numbering_part.element
        self._footnotes: etree._Element | None = None
        self._footnotes_part: XmlPart | None = None

    # styles and lists

    def list(
        self, *levels: tuple[str, str], start: int = 1, link: dict[int, str] | None = None
    ) -> int:
        """A new list, levels as (numFmt, lvlText); ``link`` ties levels to paragraph styles.
        Returns its numId."""
        abstract_id = 100 + len(self.numbering.findall(qn("w:abstractNum")))
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:pStyle w:val="{link[i]}"/>' if link and i in link else "")
            + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        abstract = parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
        )
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        return self.num(abstract_id)

    def num(self, abstract_id: int, start_override: dict[int, int] | None = None) -> int:
        """Another ``w:num`` of an abstract list, restarting levels when told."""
        num_id = 100 + len(self.numbering.findall(qn("w:num")))
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
            for lvl, value in (start_override or {}).items()
        )
        self.numbering.append(
            parse_xml(
                f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                f"{overrides}</w:num>"
            )
        )
        return num_id

    def abstract_of(self, num_id: int) -> int:
        for num in self.numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == str(num_id):
                return int(num.find(qn("w:abstractNumId")).get(qn("w:val")))
        raise KeyError(num_id)

    def style(
        self,
        name: str,
        base: str = "Normal",
        num_id: int | None = None,
        bold: bool | None = None,
        italic: bool | None = None,
        character: bool = False,
    ) -> str:
        """A new paragraph (or character) style; returns its style id."""
        kind = WD_STYLE_TYPE.CHARACTER if character else WD_STYLE_TYPE.PARAGRAPH
        style = self.document.styles.add_style(name, kind)
        style.base_style = self.document.styles[base]
        style.font.bold = bold
        style.font.italic = italic
        if num_id is not None:
            p_pr = style.element.get_or_add_pPr()
            p_pr.insert(0, parse_xml(f'<w:numPr {W}><w:numId w:val="{num_id}"/></w:numPr>'))
        return style.style_id

    def number_style(self, style: str, num_id: int) -> None:
        """Number an existing paragraph style (such as "Heading 1") with a list."""
        p_pr = self.document.styles[style].element.get_or_add_pPr()
        p_pr.insert(0, parse_xml(f'<w:numPr {W}><w:numId w:val="{num_id}"/></w:numPr>'))

    # paragraphs

    def paragraph(
        self, *runs: str | tuple[str, dict], style: str | None = None, ilvl: int | None = None,
        num_id: int | None = None,
    ) -> Paragraph:  # fmt: skip
        """A paragraph of runs: plain strings, or (text, {"italic": True, "style": …})."""
        paragraph = self.document.add_paragraph(style=style)
        if ilvl is not None or num_id is not None:
            parts = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (
                f'<w:numId w:val="{num_id}"/>' if num_id is not None else ""
            )
            p_pr = paragraph._p.get_or_add_pPr()
            number = parse_xml(f"<w:numPr {W}>{parts}</w:numPr>")
            style_element = p_pr.find(qn("w:pStyle"))
            if style_element is not None:
                style_element.addnext(number)
            else:
                p_pr.insert(0, number)
        for run in runs:
            text, look = (run, {}) if isinstance(run, str) else run
            added = paragraph.add_run(text, style=look.get("style"))
            added.italic = look.get("italic")
            added.bold = look.get("bold")
        return paragraph

    @staticmethod
    def element(fragment: str) -> etree._Element:
        """One WordprocessingML element from its XML, ``w:`` prefix declared."""
        return parse_xml(f"<w:wrap {W}>{fragment}</w:wrap>")[0]

    def xml(self, paragraph: Paragraph, fragment: str) -> None:
        """Append raw WordprocessingML (runs, ``w:ins`` …) to a paragraph."""
        for element in parse_xml(f"<w:r-wrap {W}>{fragment}</w:r-wrap>"):
            paragraph._p.append(element)

    def body_xml(self, fragment: str) -> None:
        """Append raw block-level WordprocessingML (a table …) to the body."""
        body = self.document.element.body
        for element in parse_xml(f"<w:wrap {W}>{fragment}</w:wrap>"):
            body.insert(len(body) - 1, element)

    def footnote(self, paragraph: Paragraph, *runs: str) -> int:
        """A real footnote called at the end of ``paragraph`` (runs as raw ``w:r`` XML or
        plain text)."""
        notes = self._notes()
        number = len(notes.findall(qn("w:footnote"))) - 1
        body = "".join(
            run if run.startswith("<") else f"<w:r><w:t xml:space='preserve'>{run}</w:t></w:r>"
            for run in runs
        )
        notes.append(
            parse_xml(
                f'<w:footnote {W} w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>'
                f'</w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/>'
                f"</w:r><w:r><w:t xml:space='preserve'> </w:t></w:r>{body}</w:p></w:footnote>"
            )
        )
        self.xml(
            paragraph,
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{number}"/></w:r>',
        )
        return number

    def _notes(self) -> etree._Element:
        if self._footnotes is None:
            part = XmlPart(
                PackURI("/word/footnotes.xml"),
                CT.WML_FOOTNOTES,
                parse_xml(
                    f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
                    f"<w:separator/></w:r></w:p></w:footnote>"
                    f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                    f"<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
                ),
                self.document.part.package,
            )
            self.document.part.relate_to(part, RT.FOOTNOTES)
            self._footnotes_part = part
            self._footnotes = part.element
        return self._footnotes

    def link(self, paragraph: Paragraph, text: str, url: str, in_footnote: bool = False) -> str:
        """A ``w:hyperlink`` run XML for ``url`` (append it yourself when in a footnote)."""
        part = self._footnotes_part if in_footnote else self.document.part
        rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
        xml = (
            f'<w:hyperlink {nsdecls("r")} r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
            f"</w:rPr><w:t>{text}</w:t></w:r></w:hyperlink>"
        )
        if not in_footnote:
            self.xml(paragraph, xml)
        return xml

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def draft_written_in_word() -> bytes:
    """A draft typed in Word: a heading-numbered agenda (the numbering on the "Heading 1"
    style), bullets whose list comes from their paragraph style (ilvl set directly for
    nested ones), a typed designation on a heading, Word-numbered paragraphs, emphasis from
    a character style and from a paragraph style's chain, footnotes and brackets."""
    word = WordFile()
    agenda = word.list(("upperLetter", "%1."))
    word.number_style("Heading 1", agenda)
    bullets = word.list(("bullet", "•"), ("bullet", "o"), ("bullet", "▪"))
    word.style("Draft Bullet", base="List Paragraph", num_id=bullets)
    word.style("Bold Base", bold=True)
    word.style("Key Point", base="Bold Base", num_id=bullets)
    word.style("Term", character=True, italic=True)
    numbered = word.list(("decimal", "%1."), ("lowerLetter", "(%2)"))

    word.paragraph("Outcome of the Meeting", style="Title")
    word.paragraph("1.\tStates reaffirmed their commitment.")
    item = word.paragraph(
        "[Consideration of the implementation of the Programme of Action]", style="Heading 1"
    )
    word.footnote(item, "Based on the chair's proposal.")
    word.paragraph(
        "Review of the implementation of [actions agreed] at RevCon3", style="Draft Bullet"
    )
    word.paragraph("PoA in the context of preventing diversion", style="Heading 2")
    word.paragraph(
        ("1.", {}), ("\t", {}), ("Effective national controls", {"italic": True}), style="Heading 3"
    )
    word.paragraph(
        "Applies to all aspects of the ", ("life cycle", {"style": "Term"}), style="Draft Bullet"
    )
    word.paragraph(
        "Export/import/transit, including [[end-user certificates]]", style="Draft Bullet", ilvl=1
    )
    deep = word.paragraph("Post-shipment verifications", style="Draft Bullet", ilvl=2)
    word.footnote(deep, "<w:r><w:rPr><w:i/></w:rPr><w:t>See</w:t></w:r>", " the guidelines.")
    word.paragraph("Marking and ", ("record-keeping", {"bold": True}), style="Draft Bullet")
    word.paragraph("Stockpile ", ("security", {"style": "Strong"}), style="Key Point")
    word.paragraph(style="Draft Bullet")
    word.paragraph("[Decision on the agenda of BMS8]", style="Heading 1")
    word.paragraph("States decided to meet again.", style="List Paragraph", num_id=numbered, ilvl=0)
    word.paragraph("in New York", style="List Paragraph", num_id=numbered, ilvl=1)
    word.paragraph("in Geneva", style="List Paragraph", num_id=numbered, ilvl=1)
    word.paragraph("States thanked the chair.", style="List Paragraph", num_id=numbered, ilvl=0)
    return word.to_bytes()
