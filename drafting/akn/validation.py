"""Reading Akoma Ntoso safely and checking it against the OASIS schema.

The schema (``xsd/akomantoso30.xsd``, the OASIS Standard of 2018; see ``xsd/NOTICE.md``)
is parsed once per process, on first use: it is a quarter of a megabyte.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from lxml import etree

SCHEMA = Path(__file__).parent / "xsd" / "akomantoso30.xsd"
# A validator keeps its error log on itself, so two threads must not use it at once.
_validating = threading.Lock()


class AknError(ValueError):
    """A file that is not Akoma Ntoso this app can read, in plain words."""


def parse(data: bytes) -> etree._Element:
    """The root element of an XML document; entities are not expanded, nothing is fetched.

    Raises ``AknError`` when ``data`` is not well-formed XML.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise AknError(f"The file is not well-formed XML: {error}") from error


def errors_in(root: etree._Element) -> list[str]:
    """What the Akoma Ntoso schema finds wrong with a document, one line each; empty if valid."""
    schema = _schema()
    with _validating:
        if schema.validate(root):
            return []
        return [f"line {error.line}: {error.message}" for error in schema.error_log]


def schema_errors(data: bytes) -> list[str]:
    """``errors_in`` for a document given as bytes; raises ``AknError`` if it is not XML."""
    return errors_in(parse(data))


@functools.cache
def _schema() -> etree.XMLSchema:
    # Parsed from its path so that the import of ./xml.xsd resolves beside it.
    return etree.XMLSchema(etree.parse(str(SCHEMA)))
