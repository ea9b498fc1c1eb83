"""Reading back the Akoma Ntoso this app writes (see ``write.py`` for its shape)."""

from __future__ import annotations

import datetime
import re

from lxml import etree

from ..tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree, new_key
from .meta import DOCUMENT_NAME, AknMeta
from .text import AKN_NS, footnote_call, stored_inline
from .validation import AknError, errors_in, parse
from .write import HEADING_CONTAINER, PROPRIETARY_NS, UNDATED_NAME

NS = {"a": AKN_NS, "od": PROPRIETARY_NS}
HEADING_LEVEL = re.compile(r"level-(\d+)")


def read_akn(data: bytes) -> tuple[AknMeta, Tree]:
    """The metadata and the tree of an export made by ``version_akn``.

    ``version_akn(tree, meta)`` read back gives ``meta`` and ``tree`` again, lineage keys
    included. Raises ``AknError`` for a file that is not XML, not valid Akoma Ntoso, or
    not an outcome document written by this app.
    """
    root = parse(data)
    problems = errors_in(root)
    if problems:
        raise AknError(f"The file is not valid Akoma Ntoso: {problems[0]}")
    statement = root.find("a:statement", NS)
    if statement is None or statement.get("name") != DOCUMENT_NAME:
        raise AknError("The file is Akoma Ntoso, but not an outcome document from this app.")
    meta = _meta(statement)
    notes = _Notes()
    nodes = _hierarchy(_required(statement, "a:mainBody"), notes)
    return meta, Tree(nodes=nodes, footnotes=notes.texts)


def _required(parent: etree._Element, path: str) -> etree._Element:
    found = parent.find(path, NS)
    if found is None:
        raise AknError("The file is Akoma Ntoso, but not in the shape this app writes.")
    return found


def _meta(statement: etree._Element) -> AknMeta:
    version = _required(statement, "a:meta/a:proprietary/od:version")
    meeting = _required(statement, "a:meta/a:references/a:TLCOrganization")
    identification = _required(statement, "a:meta/a:identification")
    return AknMeta(
        meeting_code=meeting.get("shortForm", ""),
        meeting_title=meeting.get("showAs", ""),
        label=version.get("label", ""),
        slug=version.get("slug", ""),
        kind=version.get("kind", ""),
        status=version.get("status", ""),
        title="".join(statement.xpath("a:preface/a:p/a:docTitle//text()", namespaces=NS)),
        note=statement.findtext("a:meta/a:proprietary/od:note", "", NS),
        date=_date(identification.find("a:FRBRExpression/a:FRBRdate", NS)),
        meeting_date=_date(identification.find("a:FRBRWork/a:FRBRdate", NS)),
    )


def _date(element: etree._Element | None) -> datetime.date | None:
    if element is None or element.get("name") == UNDATED_NAME:
        return None
    return datetime.date.fromisoformat(element.get("date", "")[:10])


class _Notes:
    """Footnote texts by key, gathered from the notes met in the text."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.keys_by_eid: dict[str, str] = {}

    def read(self, note: etree._Element) -> str:
        """The stored footnote call for an ``authorialNote`` or a ``noteRef`` to one."""
        if etree.QName(note).localname == "noteRef":
            key = self.keys_by_eid.get(note.get("href", "").removeprefix("#"))
            return footnote_call(key) if key else ""
        key = note.get("GUID") or new_key()
        self.keys_by_eid[note.get("eId", "")] = key
        # A note within a note is not a footnote the app can hold: it is left out.
        texts = [stored_inline(p, lambda _inner: "") for p in note.iterfind("a:p", NS)]
        self.texts[key] = " ".join(text for text in texts if text)
        return footnote_call(key)


def _hierarchy(parent: etree._Element, notes: _Notes) -> list[Node]:
    nodes = []
    for child in parent:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name == "section":
            nodes.append(_titled(child, AGENDA_ITEM, 0, notes))
        elif name == "hcontainer" and child.get("name") == HEADING_CONTAINER:
            match = HEADING_LEVEL.fullmatch(child.get("class", ""))
            nodes.append(_titled(child, HEADING, int(match[1]) if match else 0, notes))
        elif name == "paragraph":
            content = child.find("a:content", NS)
            nodes.append(_paragraph(child, content if content is not None else child, notes))
    return nodes


def _titled(element: etree._Element, kind: str, level: int, notes: _Notes) -> Node:
    heading = element.find("a:heading", NS)
    return Node(
        kind=kind,
        level=level,
        designation=element.findtext("a:num", "", NS),
        text=stored_inline(heading, notes.read) if heading is not None else "",
        key=element.get("GUID") or new_key(),
        children=_hierarchy(element, notes),
    )


def _paragraph(element: etree._Element, blocks: etree._Element, notes: _Notes) -> Node:
    """A paragraph or list item: ``blocks`` holds its ``p`` and its ``blockList``."""
    text = blocks.find("a:p", NS)
    sub_items = blocks.findall("a:blockList/a:item", NS)
    return Node(
        kind=PARAGRAPH,
        designation=element.findtext("a:num", "", NS),
        text=stored_inline(text, notes.read) if text is not None else "",
        key=element.get("GUID") or new_key(),
        children=[_paragraph(item, item, notes) for item in sub_items],
    )
