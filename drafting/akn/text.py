"""Inline text between the stored HTML subset and Akoma Ntoso inline elements.

``em`` ↔ ``i``, ``strong`` ↔ ``b``, ``sup``, ``sub`` and ``a href`` keep their meaning;
a footnote call becomes whatever the caller makes of it (an ``authorialNote`` or a
``noteRef``). Everything else is text: lxml escapes it on the way out, and on the way in
the text is escaped again and sanitised, so markup in a file can never become markup
in a document.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser

from lxml import etree

from .. import inline

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN_TAGS = {"em": "i", "strong": "b", "sup": "sup", "sub": "sub", "a": "a"}
STORED_TAGS = {akn: stored for stored, akn in AKN_TAGS.items()}
FOOTNOTE_CALL_TAG = "fn-ref"
# XML 1.0 forbids most control characters; Word's manual line break (U+000B) is one.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Makes the element for a footnote call from the footnote's key, or None to leave it out.
NoteMaker = Callable[[str], "etree._Element | None"]
# Gives the stored HTML for an authorialNote or noteRef met in the text.
NoteReader = Callable[["etree._Element"], str]


def akn(tag: str) -> str:
    """The qualified name of an Akoma Ntoso element."""
    return f"{{{AKN_NS}}}{tag}"


def xml_safe(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by spaces."""
    return NOT_XML.sub(" ", text)


def append_inline(target: etree._Element, stored: str, make_note: NoteMaker | None) -> None:
    """Append the stored inline HTML ``stored`` to ``target`` as Akoma Ntoso inline content.

    ``make_note`` turns each footnote call into an element; with None, calls are left out.
    """
    builder = _InlineBuilder(target, make_note)
    builder.feed(stored)
    builder.close()


class _InlineBuilder(HTMLParser):
    def __init__(self, target: etree._Element, make_note: NoteMaker | None) -> None:
        super().__init__(convert_charrefs=True)
        self.open = [target]
        self.make_note = make_note

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == FOOTNOTE_CALL_TAG:
            note = self.make_note(attributes.get("data-key", "")) if self.make_note else None
            if note is not None:
                self.open[-1].append(note)
            return
        if tag not in AKN_TAGS or (tag == "a" and not attributes.get("href")):
            return
        href = {"href": xml_safe(attributes["href"])} if tag == "a" else {}
        self.open.append(etree.SubElement(self.open[-1], akn(AKN_TAGS[tag]), href))

    def handle_endtag(self, tag: str) -> None:
        if len(self.open) > 1 and self.open[-1].tag == akn(AKN_TAGS.get(tag, "")):
            self.open.pop()

    def handle_data(self, data: str) -> None:
        parent = self.open[-1]
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + xml_safe(data)
        else:
            parent.text = (parent.text or "") + xml_safe(data)


def stored_inline(element: etree._Element, read_note: NoteReader) -> str:
    """The mixed content of ``element`` as sanitised stored inline HTML."""
    return inline.sanitize(_html(element, read_note))


def footnote_call(key: str) -> str:
    """The stored form of a call to the footnote ``key``."""
    return f'<{FOOTNOTE_CALL_TAG} data-key="{html.escape(key)}"></{FOOTNOTE_CALL_TAG}>'


def _html(element: etree._Element, read_note: NoteReader) -> str:
    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_child_html(child, read_note))
        parts.append(html.escape(child.tail or "", quote=False))
    return "".join(parts)


def _child_html(child: etree._Element, read_note: NoteReader) -> str:
    name = etree.QName(child).localname
    if name in ("authorialNote", "noteRef"):
        return read_note(child)
    inner = _html(child, read_note)
    tag = STORED_TAGS.get(name)
    if tag is None:
        # Not one of ours: its words stay, as text.
        return inner
    href = f' href="{html.escape(child.get("href", ""))}"' if tag == "a" else ""
    return f"<{tag}{href}>{inner}</{tag}>"
