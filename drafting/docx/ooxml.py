"""WordprocessingML names and the few XML helpers the reader and the writers share.

The style ids and the list id here are those of ``template/word/styles.xml`` and
``numbering.xml``: the writers use them, and the reader knows them when it meets its own
exports again.
"""

from __future__ import annotations

import re

from lxml import etree

from ..outline import DESIGNATION

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"

REL_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_STYLES = REL_BASE + "styles"
REL_NUMBERING = REL_BASE + "numbering"
REL_FOOTNOTES = REL_BASE + "footnotes"
REL_ENDNOTES = REL_BASE + "endnotes"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

STYLE_TITLE = "Title"
STYLE_NOTE = "Note"
STYLE_HEADINGS = ("Heading1", "Heading2", "Heading3", "Heading4")  # agenda item, levels 1–3
STYLE_BULLET = "ListBullet"
STYLE_DESIGNATED = "DesignatedParagraph"  # then DesignatedParagraph2 … 9, one per level
STYLE_FOOTNOTE_TEXT = "FootnoteText"
STYLE_FOOTNOTE_REFERENCE = "FootnoteReference"
STYLE_HYPERLINK = "Hyperlink"
BULLET_LIST = 1  # numId of the bullets (numFmt bullet at every level)
NO_LIST = 0  # numId 0 switches numbering off: the text is read as it stands

PAGE_SIZES = {"A4": (11906, 16838), "letter": (12240, 15840)}  # twips, width × height
# A designation typed at the start of a text ("1.", "(a)", "IV." then a space or tab).
TYPED_DESIGNATION = re.compile(rf"[ \t]*(?P<designation>{DESIGNATION})(?:[ \t]+|$)")

# Characters XML 1.0 cannot hold; a stored text never should, but a file must still open.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def designated_style(list_level: int) -> str:
    """The style of a designated paragraph at a list level (0 for the first)."""
    return STYLE_DESIGNATED + (str(list_level + 1) if list_level else "")


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: ``w("p")``."""
    return f"{{{W_NS}}}{name}"


def el(name: str, /, *children: etree._Element, **attributes: str | int) -> etree._Element:
    """A ``w:`` element with ``w:`` attributes (``val=1`` → ``w:val="1"``) and children."""
    element = etree.Element(w(name), {w(k): str(v) for k, v in attributes.items()})
    element.extend(children)
    return element


def text_element(name: str, text: str) -> etree._Element:
    """``w:t``, ``w:delText`` or ``w:instrText`` holding ``text`` with its spaces kept."""
    element = etree.Element(w(name))
    element.text = NOT_XML.sub("", text)
    element.set(f"{{{XML_NS}}}space", "preserve")
    return element


def safe_parser() -> etree.XMLParser:
    """A parser that fetches nothing, expands no entities and refuses huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def is_on(element: etree._Element | None) -> bool | None:
    """The value of an on/off property (``<w:b/>``, ``<w:i w:val="0"/>``); None if absent."""
    if element is None:
        return None
    return element.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


def int_value(element: etree._Element | None, default: int | None = None) -> int | None:
    """The integer ``w:val`` of an element, or ``default`` when absent or not a number."""
    if element is None:
        return default
    try:
        return int(element.get(w("val"), ""))
    except ValueError:
        return default
