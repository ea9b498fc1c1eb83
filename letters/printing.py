"""The print HTML of letters, annexes and issued versions, ready for ``consultations.pdf``.

Footnotes are numbered through the whole package in the order they are called (letter
first, then each annex), and each footnote's text is placed right after its call, where
the print CSS floats it to the foot of that page (``float: footnote``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from drafting import inline
from drafting.tree import AGENDA_ITEM, FOOTNOTE_REF, PARAGRAPH, Node, Tree
from meetings.models import Meeting

from . import letter_text
from .models import Annex, Letter
from .redline import comparison_section

# How print HTML names a file kept in the file storage, such as a signature image; the
# print fetcher (``pdf_fetcher``) reads it through the storage.
STORED = "stored:"


def stored_url(name: str) -> str:
    return f"{STORED}{name}"


# The footnote call exactly as ``inline.render`` writes it.
RENDERED_CALL = re.compile(r'<sup class="fn-call"><a [^>]*id="fn-call-(\d+)"[^>]*>\d+</a></sup>')


@dataclass
class Footnotes:
    """Footnote numbers through a whole package, and the texts still to be placed."""

    numbers: dict[str, int] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)

    def add_texts(self, texts: dict[str, str]) -> None:
        """Make the texts of a section's footnotes (by key) known before its calls."""
        self.pending.update(texts)

    def html(self, text: str) -> str:
        """``text`` rendered through ``inline.render``, each first call followed by its note."""
        for key in FOOTNOTE_REF.findall(text):
            if key not in self.numbers:
                self.numbers[key] = len(self.numbers) + 1
                self.texts[self.numbers[key]] = self.pending.pop(key, "")
        return RENDERED_CALL.sub(self._with_note, inline.render(text, self.numbers))

    def _with_note(self, match: re.Match[str]) -> str:
        number = int(match.group(1))
        note = self.texts.pop(number, None)
        if note is None:
            return match.group(0)
        return (
            f'{match.group(0)}<span class="footnote" id="fn-{number}">'
            f'<sup class="fn-number">{number}</sup> {inline.render(note, self.numbers)}</span>'
        )


@dataclass
class PrintNode:
    """One element of the outcome document as printed, with its children grouped:
    runs of paragraphs become one bulleted list, headings and items stand alone."""

    kind: str
    designation: str
    level: int
    html: str
    is_placeholder: bool
    groups: list[Group]


@dataclass
class Group:
    is_list: bool
    nodes: list[PrintNode]


def _print_nodes(nodes: list[Node], notes: Footnotes) -> list[Group]:
    groups: list[Group] = []
    for node in nodes:
        printed = PrintNode(
            kind=node.kind,
            designation=node.designation,
            level=node.level,
            html=notes.html(node.text),
            is_placeholder=node.is_placeholder,
            groups=_print_nodes(node.children, notes),
        )
        is_list = node.kind == PARAGRAPH
        if is_list and groups and groups[-1].is_list:
            groups[-1].nodes.append(printed)
        else:
            groups.append(Group(is_list=is_list, nodes=[printed]))
    return groups


def version_section(version, tree: Tree, notes: Footnotes, title: str = "") -> dict:
    """The context of an issued version printed as a whole (alone or as an annex)."""
    notes.add_texts(tree.footnotes)
    return {
        "template": "print/_version.html",
        "title": title,
        "bookmark": title or version.running_label,
        "version": version,
        "groups": _print_nodes(tree.nodes, notes),
        "AGENDA_ITEM": AGENDA_ITEM,
    }


def _blocks(text: letter_text.Text, notes: Footnotes) -> list[dict]:
    notes.add_texts(text.footnotes)
    printed = []
    for block in text.blocks:
        if block.kind == letter_text.TABLE:
            parts = [[notes.html(cell) for cell in row] for row in block.parts]
        else:
            parts = [notes.html(part) for part in block.parts]
        printed.append({"kind": block.kind, "parts": parts})
    return printed


def letter_section(letter: Letter, notes: Footnotes) -> dict:
    return {
        "template": "print/_letter.html",
        "bookmark": f"Letter of {letter.date.day} {letter.date:%B %Y}",
        "letter": letter,
        "letterhead": letter.letterhead,
        "signature_src": stored_url(letter.signature.name) if letter.signature else "",
        "printed_date": inline.render(letter_text.to_html(letter.printed_date, "date"), {})
        if letter.printed_date
        else f"{letter.date.day} {letter.date:%B %Y}",
        "blocks": _blocks(letter_text.parse(letter.body, "letter"), notes),
    }


def annex_section(annex: Annex, notes: Footnotes) -> dict:
    scope = f"annex{annex.pk}"
    if annex.kind == Annex.Kind.VERSION:
        return version_section(annex.version, annex.version.tree(), notes, title=annex.title)
    if annex.kind == Annex.Kind.COMPARISON:
        return comparison_section(annex.compared_with, annex.version, notes, title=annex.title)
    section = {"title": annex.title, "bookmark": annex.title}
    if annex.kind == Annex.Kind.AGENDA:
        items, footnotes = letter_text.parse_agenda(annex.text, scope)
        notes.add_texts(footnotes)
        agenda = [{"designation": i.designation, "html": notes.html(i.html)} for i in items]
        return section | {"template": "print/_agenda.html", "items": agenda}
    if annex.kind == Annex.Kind.TIMETABLE:

        def cell_html(cell: str) -> str:
            return notes.html(letter_text.to_html(cell, scope))

        return section | {
            "template": "print/_timetable.html",
            "header": [cell_html(cell) for cell in annex.table.get("header", [])],
            "rows": [[cell_html(cell) for cell in row] for row in annex.table.get("rows", [])],
        }
    text = letter_text.parse(annex.text, scope)
    return section | {"template": "print/_text.html", "blocks": _blocks(text, notes)}


def document_html(meeting: Meeting, title: str, author: str, sections: list[dict]) -> str:
    """The one print page that every PDF is made from."""
    return render_to_string(
        "print/document.html",
        {"meeting": meeting, "title": title, "author": author, "sections": sections},
    )


def letter_html(letter: Letter) -> str:
    """The letter and its annexes, in order, as one print page."""
    notes = Footnotes()
    sections = [letter_section(letter, notes)]
    sections += [annex_section(annex, notes) for annex in letter.annexes.all()]
    return document_html(letter.meeting, letter.title, letter.signatory_name, sections)


def version_html(version, tree: Tree | None = None) -> str:
    """An issued version alone as one print page."""
    meeting = version.document.meeting
    section = version_section(version, tree or version.tree(), Footnotes())
    title = f"{meeting.code} – {version.title or version.document} – {version.running_label}"
    return document_html(meeting, title, meeting.chair_name or meeting.code, [section])


def comparison_html(old_version, new_version) -> str:
    """The redline of two versions as one print page."""
    meeting = new_version.document.meeting
    section = comparison_section(old_version, new_version)
    title = f"{meeting.code} – {section['heading']}"
    return document_html(meeting, title, meeting.chair_name or meeting.code, [section])
