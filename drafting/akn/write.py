"""Writing a version as an Akoma Ntoso 3.0 ``statement`` that follows AKN4UN.

The shape of the body:

- each agenda item is a ``section`` (``sec_A``): its designation in ``num``, its title in
  ``heading``, then its headings and paragraphs in order;
- a heading is an ``hcontainer`` named ``heading`` (``sec_A__heading_2``) with
  ``class="level-N"``; it stands on its own, as in the tree (the paragraphs after it are
  its siblings), and it is numbered by position, since "1." restarts under every
  higher heading;
- a paragraph is a ``paragraph`` (``sec_A__para_3``) whose ``content`` holds its text in
  a ``p`` and its sub-bullets as a ``blockList`` of ``item``s, nested as deep as they go;
  an empty placeholder bullet is an empty ``p``;
- a footnote is an ``authorialNote`` (``placement="bottom"``, ``marker`` its number) at
  its first call, and a ``noteRef`` to it at any later call.

Every element carries its lineage key in ``GUID`` (the footnote's key on its
``authorialNote``), so that ``read_akn`` gives the same tree back, keys and all. The same
tree and metadata always give the same bytes.
"""

from __future__ import annotations

import datetime

from lxml import etree
from lxml.builder import ElementMaker

from ..tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from .eids import Siblings
from .meta import (
    DOCUMENT_NAME,
    FORMAT,
    JURISDICTION,
    LANGUAGE,
    MAIN,
    NUMBER,
    SUBTYPE,
    UNDATED,
    AknMeta,
)
from .text import AKN_NS, NoteMaker, akn, append_inline, xml_safe

PROPRIETARY_NS = "urn:x-outcome-drafting:akn"
UNDATED_NAME = "undated"
HEADING_CONTAINER = "heading"
HEADING_CLASS = "level-{}"
A = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS, "od": PROPRIETARY_NS})
OD = ElementMaker(namespace=PROPRIETARY_NS, nsmap={"od": PROPRIETARY_NS})
# Elements that hold only elements: the only ones indented, so that no space is ever
# added to text (lxml's own pretty printing indents inside mixed content too).
STRUCTURE = {
    akn(name)
    for name in (
        "akomaNtoso statement meta identification FRBRWork FRBRExpression FRBRManifestation "
        "lifecycle references proprietary preface mainBody section hcontainer paragraph "
        "content blockList item"
    ).split()
}
INDENT = "  "


def version_akn(tree: Tree, meta: AknMeta) -> bytes:
    """The version as Akoma Ntoso 3.0 XML (UTF-8) that validates against the OASIS schema.

    Raises ``ValueError`` for a tree that the shape above cannot hold: an agenda item
    below the top level, or a heading or agenda item inside a paragraph.
    """
    statement = A.statement(
        _meta(meta),
        _preface(meta),
        _main_body(tree),
        name=DOCUMENT_NAME,
    )
    root = A.akomaNtoso(statement)
    _indent(root, 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


# Metadata -----------------------------------------------------------------------------


def _meta(meta: AknMeta) -> etree._Element:
    source = f"#{meta.actor}"
    parts = [_identification(meta, source)]
    if meta.date:
        parts.append(
            A.lifecycle(
                A.eventRef(date=meta.date.isoformat(), source="#original", type="generation"),
                source=source,
            )
        )
    parts += [_references(meta), _proprietary(meta, source)]
    return A.meta(*parts)


def _identification(meta: AknMeta, source: str) -> etree._Element:
    version_date = _frbr_date(meta.date, "version")
    return A.identification(
        A.FRBRWork(
            A.FRBRthis(value=f"{meta.work_uri}/{MAIN}"),
            A.FRBRuri(value=meta.work_uri),
            _frbr_date(meta.meeting_date, "meeting"),
            A.FRBRauthor(href=source),
            A.FRBRcountry(value=JURISDICTION),
            A.FRBRsubtype(value=SUBTYPE),
            A.FRBRnumber(value=NUMBER, showAs=xml_safe(f"Outcome of {meta.meeting_code}")),
        ),
        A.FRBRExpression(
            A.FRBRthis(value=f"{meta.expression_uri}/{MAIN}"),
            A.FRBRuri(value=meta.expression_uri),
            version_date,
            A.FRBRauthor(href=source),
            A.FRBRversionNumber(value=meta.slug, showAs=xml_safe(meta.label)),
            A.FRBRlanguage(language=LANGUAGE),
        ),
        A.FRBRManifestation(
            A.FRBRthis(value=f"{meta.expression_uri}/{MAIN}.{FORMAT}"),
            A.FRBRuri(value=meta.manifestation_uri),
            # Made from a frozen version, the XML carries the version's own date.
            _frbr_date(meta.date, "version"),
            A.FRBRauthor(href=source),
            A.FRBRformat(value=FORMAT),
        ),
        source=source,
    )


def _frbr_date(date: datetime.date | None, name: str) -> etree._Element:
    if date is None:
        return A.FRBRdate(date=UNDATED.isoformat(), name=UNDATED_NAME)
    return A.FRBRdate(date=date.isoformat(), name=name)


def _references(meta: AknMeta) -> etree._Element:
    return A.references(
        A.original(eId="original", href=meta.expression_uri, showAs=xml_safe(meta.label)),
        A.TLCOrganization(
            eId=meta.actor,
            href=f"/akn/ontology/organizations/{JURISDICTION}/{meta.actor}",
            showAs=xml_safe(meta.meeting_title),
            shortForm=xml_safe(meta.meeting_code),
        ),
        source=f"#{meta.actor}",
    )


def _proprietary(meta: AknMeta, source: str) -> etree._Element:
    return A.proprietary(
        OD.version(
            label=xml_safe(meta.label),
            slug=meta.slug,
            kind=meta.kind,
            status=meta.status,
        ),
        OD.note(xml_safe(meta.note)),
        source=source,
    )


def _preface(meta: AknMeta) -> etree._Element:
    """The running label, the note and the title, as the circulated draft shows them."""
    running_label = A.p(A.docStage(xml_safe(meta.label)), {"class": "runningLabel"})
    if meta.date:
        long_date = f"{meta.date.day} {meta.date:%B %Y}"
        running_label[-1].tail = ", "
        running_label.append(A.docDate(long_date, date=meta.date.isoformat()))
    preface = A.preface(running_label)
    if meta.note:
        preface.append(A.p(xml_safe(meta.note), {"class": "note"}))
    if meta.title:
        preface.append(A.p(A.docTitle(xml_safe(meta.title))))
    return preface


# Body ---------------------------------------------------------------------------------


def _main_body(tree: Tree) -> etree._Element:
    body = A.mainBody()
    _hierarchy(body, tree.nodes, Siblings(), _Footnotes(tree), top_level=True)
    if not len(body):
        # The schema wants something in mainBody; an empty draft gets one empty paragraph.
        body.append(A.p())
    return body


def _hierarchy(
    parent: etree._Element,
    nodes: list[Node],
    siblings: Siblings,
    notes: _Footnotes,
    top_level: bool,
) -> None:
    for node in nodes:
        if node.kind == AGENDA_ITEM and top_level:
            eid = siblings.eid("sec", node.designation)
            element = A.section(eId=eid, GUID=node.key)
        elif node.kind == HEADING:
            eid = siblings.eid(HEADING_CONTAINER)
            element = A.hcontainer(
                {"class": HEADING_CLASS.format(node.level)},
                eId=eid,
                GUID=node.key,
                name=HEADING_CONTAINER,
            )
        elif node.kind == PARAGRAPH:
            parent.append(_paragraph(node, siblings.eid("para", node.designation), notes))
            continue
        else:
            raise ValueError(f"Akoma Ntoso export cannot hold a {node.kind} here: {node.text!r}")
        _num(element, node)
        if node.text:
            element.append(_inline(A.heading(), node.text, notes.maker(eid)))
        _hierarchy(element, node.children, Siblings(eid), notes, top_level=False)
        parent.append(element)


def _paragraph(node: Node, eid: str, notes: _Footnotes) -> etree._Element:
    paragraph = A.paragraph(eId=eid, GUID=node.key)
    _num(paragraph, node)
    content = A.content(_inline(A.p(), node.text, notes.maker(eid)))
    if node.children:
        content.append(_block_list(node.children, Siblings(eid).eid("list"), notes))
    paragraph.append(content)
    return paragraph


def _block_list(nodes: list[Node], eid: str, notes: _Footnotes) -> etree._Element:
    block_list = A.blockList(eId=eid)
    siblings = Siblings(eid)
    for node in nodes:
        if node.kind != PARAGRAPH:
            raise ValueError(f"Akoma Ntoso export cannot hold a {node.kind} inside a paragraph")
        item_eid = siblings.eid("item", node.designation)
        item = A.item(eId=item_eid, GUID=node.key)
        _num(item, node)
        item.append(_inline(A.p(), node.text, notes.maker(item_eid)))
        if node.children:
            item.append(_block_list(node.children, Siblings(item_eid).eid("list"), notes))
        block_list.append(item)
    return block_list


def _num(element: etree._Element, node: Node) -> None:
    if node.designation:
        element.append(A.num(xml_safe(node.designation)))


def _inline(element: etree._Element, stored: str, make_note: NoteMaker | None) -> etree._Element:
    append_inline(element, stored, make_note)
    return element


class _Footnotes:
    """Footnotes numbered through the document: the note itself at its first call, a
    reference to that note at any later one."""

    def __init__(self, tree: Tree) -> None:
        self.numbers = tree.defined_footnote_numbers()
        self.texts = tree.footnotes
        self.first_note: dict[str, str] = {}

    def maker(self, owner_eid: str) -> NoteMaker:
        """Makes the notes called from the text of the element ``owner_eid``."""
        siblings = Siblings(owner_eid)

        def make(key: str) -> etree._Element | None:
            number = self.numbers.get(key)
            if number is None:
                return None
            marker = {"marker": str(number), "placement": "bottom"}
            if key in self.first_note:
                return A.noteRef(href=f"#{self.first_note[key]}", **marker)
            eid = siblings.eid("authorialNote")
            self.first_note[key] = eid
            text = _inline(A.p(), self.texts[key], None)
            return A.authorialNote(text, eId=eid, GUID=key, **marker)

        return make


def _indent(element: etree._Element, depth: int) -> None:
    if element.tag not in STRUCTURE or not len(element):
        return
    element.text = "\n" + INDENT * (depth + 1)
    for child in element:
        child.tail = "\n" + INDENT * (depth + 1)
        _indent(child, depth + 1)
    element[-1].tail = "\n" + INDENT * depth
