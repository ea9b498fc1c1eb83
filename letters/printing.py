"""The print HTML of letters, annexes, issued versions and comparisons, ready for
``letters.pdf``; the outcome document and the redline are written by the rendering layer
(``drafting.rendering``).

Footnotes are numbered through the whole package in the order they are called (letter
first, then each annex, a comparison too) by one ``PackageNumbering``, and each footnote's
text is placed right after its first call, where the print CSS floats it to the foot of
that page (``float: footnote``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from drafting.diff import compare
from drafting.models import Version
from drafting.negotiation import negotiation
from drafting.negotiation_chart import bracket_chart, bracket_table
from drafting.rendering import document, redline_html
from drafting.rendering.blocks import blocks
from drafting.rendering.markup import PackageNumbering, inline_html
from drafting.rendering.redline import Numberings, Redline
from drafting.tree import Tree
from meetings.models import Meeting

from . import letter_text
from .models import Annex, Letter

# How print HTML names a file kept in the file storage, such as a signature image; the
# print fetcher (``pdf_fetcher``) reads it through the storage.
STORED = "stored:"


def stored_url(name: str) -> str:
    return f"{STORED}{name}"


@dataclass
class SectionNumbering:
    """The package's numbering as one annex of an outcome document sees it: its footnotes
    are numbered on through the package, but as its own. A footnote that two annexes share
    (Draft 2, and the changes from Draft 1 to Draft 2) gets a number and a note in each, on
    the page that calls it, instead of a number whose note is in the other annex."""

    package: PackageNumbering
    scope: str

    def _key(self, key: str) -> str:
        return f"{self.scope}/{key}"

    def call(self, key: str) -> SafeString:
        return self.package.call(self._key(key))

    def add_notes(self, notes: Mapping[str, str], aliases: Mapping[str, str] | None = None) -> None:
        self.package.add_notes(
            {self._key(key): note for key, note in notes.items()},
            {self._key(old): self._key(new) for old, new in (aliases or {}).items()},
        )


Notes = PackageNumbering | SectionNumbering


def version_section(version, tree: Tree, notes: Notes, title: str = "") -> dict:
    """The context of an issued version printed as a whole (alone or as an annex)."""
    notes.add_notes(tree.footnotes)
    return {
        "template": "print/_version.html",
        "title": title,
        "bookmark": title or version.running_label,
        "version": version,
        "body": document.print_html(blocks(tree), notes),
    }


def comparison_section(old_version, new_version, notes: Notes, title: str = "") -> dict:
    """The context of the redline from ``old_version`` to ``new_version``, its footnotes
    numbered through the package like any other annex's."""
    old, new = old_version.tree(), new_version.tree()
    change_set = compare(old, new)
    redline = Redline(old, new, change_set, Numberings(notes, notes))
    notes.add_notes(*redline.notes())
    label = f"{old_version.label} → {new_version.label}"
    return {
        "template": "print/_redline.html",
        "title": title,
        "bookmark": title or f"Changes {label}",
        "running_label": f"{old_version.running_label} → {new_version.running_label}",
        "heading": f"Changes from {old_version.running_label} to {new_version.running_label}",
        "summary": change_set.summary,
        "body": redline_html.print_html(redline, redline.rows),
    }


def _blocks(text: letter_text.Text, notes: PackageNumbering) -> list[dict]:
    notes.add_notes(text.footnotes)
    printed = []
    for block in text.blocks:
        if block.kind == letter_text.TABLE:
            parts = [[inline_html(cell, notes) for cell in row] for row in block.parts]
        else:
            parts = [inline_html(part, notes) for part in block.parts]
        printed.append({"kind": block.kind, "parts": parts})
    return printed


def letter_section(letter: Letter, notes: PackageNumbering) -> dict:
    return {
        "template": "print/_letter.html",
        "bookmark": f"Letter of {letter.date.day} {letter.date:%B %Y}",
        "letter": letter,
        "letterhead": letter.letterhead,
        "signature_src": stored_url(letter.signature.name) if letter.signature else "",
        "printed_date": inline_html(letter_text.to_html(letter.printed_date, "date"), notes)
        if letter.printed_date
        else f"{letter.date.day} {letter.date:%B %Y}",
        "blocks": _blocks(letter_text.parse(letter.body, "letter"), notes),
    }


def negotiation_section(meeting: Meeting, title: str, chart_id: str) -> dict:
    """The context of "the negotiation at a glance": the bracketed passages per agenda item
    in each of the meeting's issued drafts, as the plot and the table it is drawn from."""
    issued = Version.objects.issued().filter(document__meeting=meeting, date__isnull=False)
    drafts = [
        (version.label, version.date, version.tree()) for version in issued.order_by("date", "id")
    ]
    table = bracket_table(negotiation(drafts))
    return {
        "template": "print/_negotiation.html",
        "title": title,
        "bookmark": title or "The negotiation at a glance",
        "table": table,
        "chart": bracket_chart(table, chart_id) if table.columns else "",
    }


def annex_section(annex: Annex, notes: PackageNumbering) -> dict:
    scope = f"annex{annex.pk}"
    if annex.kind == Annex.Kind.VERSION:
        own = SectionNumbering(notes, scope)
        return version_section(annex.version, annex.version.tree(), own, title=annex.title)
    if annex.kind == Annex.Kind.COMPARISON:
        own = SectionNumbering(notes, scope)
        return comparison_section(annex.compared_with, annex.version, own, title=annex.title)
    if annex.kind == Annex.Kind.NEGOTIATION:
        return negotiation_section(annex.letter.meeting, annex.title, f"{scope}-chart")
    section = {"title": annex.title, "bookmark": annex.title}
    if annex.kind == Annex.Kind.AGENDA:
        items, footnotes = letter_text.parse_agenda(annex.text, scope)
        notes.add_notes(footnotes)
        agenda = [{"designation": i.designation, "html": inline_html(i.html, notes)} for i in items]
        return section | {"template": "print/_agenda.html", "items": agenda}
    if annex.kind == Annex.Kind.TIMETABLE:

        def cell_html(cell: str):
            return inline_html(letter_text.to_html(cell, scope), notes)

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
    notes = PackageNumbering()
    sections = [letter_section(letter, notes)]
    sections += [annex_section(annex, notes) for annex in letter.annexes.all()]
    return document_html(letter.meeting, letter.title, letter.signatory_name, sections)


def version_html(version, tree: Tree | None = None) -> str:
    """An issued version alone as one print page."""
    meeting = version.document.meeting
    section = version_section(version, tree or version.tree(), PackageNumbering())
    title = f"{meeting.code} – {version.title or version.document} – {version.running_label}"
    return document_html(meeting, title, meeting.chair_name or meeting.code, [section])


def comparison_html(old_version, new_version) -> str:
    """The redline of two versions as one print page."""
    meeting = new_version.document.meeting
    section = comparison_section(old_version, new_version, PackageNumbering())
    title = f"{meeting.code} – {section['heading']}"
    return document_html(meeting, title, meeting.chair_name or meeting.code, [section])
