"""Opening an uploaded Word file safely: what it is, how big it would be, and its parts.

``open_package(data)`` checks the bytes before reading anything from them — the size, an
encrypted (password-protected) or old binary Word file, a zip that is not one, a zip bomb
by the sizes and ratios its directory declares — and returns a ``Package`` that reads
parts (XML parsed without entities, DTDs or network) and follows relationships. Every
problem is a ``DocxError`` with a plain message; nothing else escapes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from .model import MAX_BYTES, DocxError
from .ooxml import REL_DOCUMENT, STRICT_W_NS, W_NS, safe_parser

MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_RATIO = 100  # uncompressed / compressed, for entries above RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
WORD_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What zipfile raises on a damaged archive; NotImplementedError for a zip version or
# feature it does not read (a damaged header can claim "zip file version 6.4").
ZIP_FAULTS = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

NOT_DOCX = (
    "This file is not a Word document (.docx). In Word, use File › Save As › Word Document "
    "(.docx) and upload that file."
)
CORRUPT = (
    "This Word file is damaged and cannot be read. Open it in Word, save it again as a Word "
    "Document (.docx) and upload that file."
)
PASSWORD = (
    "This Word file is protected by a password. Remove the password in Word (File › Info › "
    "Protect Document) and upload the file again."
)
OLD_WORD = (
    "This is an old Word 97–2003 (.doc) file. Open it in Word, save it as a Word Document "
    "(.docx) and upload that file."
)
TOO_BIG = f"This file is larger than {MAX_BYTES // (1024 * 1024)} MB; a draft is far smaller."
BOMB = (
    "This file would unpack to far more than any draft takes (it looks like a 'zip bomb'), "
    "so it was not opened."
)
STRICT = (
    "This Word file is saved as 'Strict Open XML'. In Word, save it as a Word Document "
    "(.docx) and upload that file."
)


@dataclass(frozen=True)
class Relationship:
    type: str
    target: str  # a part name inside the package, or a URL when external
    external: bool


class Package:
    """A checked .docx: parts by name, relationships by source part."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        self._names = set(archive.namelist())
        self.main = self._main_part()

    def _main_part(self) -> str:
        for relationship in self.relationships("").values():
            if relationship.type == REL_DOCUMENT and relationship.target in self._names:
                return relationship.target
        raise DocxError(NOT_DOCX)

    def xml(self, name: str) -> etree._Element | None:
        """The parsed part, or None if the package has no such part."""
        if name not in self._names:
            return None
        try:
            root = etree.fromstring(self._archive.read(name), safe_parser())
        except (etree.XMLSyntaxError, *ZIP_FAULTS):
            raise DocxError(CORRUPT) from None
        if root.getroottree().docinfo.doctype:
            raise DocxError(CORRUPT)
        return root

    def relationships(self, source: str) -> dict[str, Relationship]:
        """Relationships of the part ``source`` ("" for the package) by id."""
        folder, name = posixpath.split(source)
        root = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        if root is None:
            return {}
        found = {}
        for element in root.iter(f"{{{RELATIONSHIPS_NS}}}Relationship"):
            target = element.get("Target", "")
            external = element.get("TargetMode") == "External"
            if not external:
                target = _part_name(folder, target)
            found[element.get("Id", "")] = Relationship(element.get("Type", ""), target, external)
        return found

    def related(self, source: str, relationship_type: str) -> str | None:
        """The part ``source`` relates to by ``relationship_type``, if it is there."""
        for relationship in self.relationships(source).values():
            if relationship.type == relationship_type and not relationship.external:
                return relationship.target
        return None

    def main_document(self) -> etree._Element:
        """The main document part, which must be WordprocessingML."""
        root = self.xml(self.main)
        if root is None:
            raise DocxError(NOT_DOCX)
        namespace = etree.QName(root).namespace
        if namespace == STRICT_W_NS:
            raise DocxError(STRICT)
        if namespace != W_NS or etree.QName(root).localname != "document":
            raise DocxError(NOT_DOCX)
        return root


def _part_name(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def open_package(data: bytes) -> Package:
    """The checked package of an uploaded file; ``DocxError`` says what is wrong with it."""
    if len(data) > MAX_BYTES:
        raise DocxError(TOO_BIG)
    if not data:
        raise DocxError("The file is empty.")
    if data.startswith(OLE_MAGIC):
        # An encrypted .docx is an OLE file holding an "EncryptedPackage" stream; an old
        # binary .doc is an OLE file without one. Directory names are UTF-16.
        encrypted = "EncryptedPackage".encode("utf-16-le") in data
        raise DocxError(PASSWORD if encrypted else OLD_WORD)
    if not data.startswith(ZIP_MAGIC):
        raise DocxError(NOT_DOCX)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except ZIP_FAULTS:
        raise DocxError(CORRUPT) from None
    _check_sizes(entries)
    return Package(archive)


def _check_sizes(entries: list[zipfile.ZipInfo]) -> None:
    """Refuse before unpacking: too many entries, too much declared, ratios of a bomb, a
    zip-level password, or a compression Word never writes. ``zipfile`` never unpacks past
    a declared size."""
    if len(entries) > MAX_ENTRIES:
        raise DocxError(BOMB)
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise DocxError(PASSWORD)
    if any(entry.compress_type not in WORD_COMPRESSION for entry in entries):
        raise DocxError(CORRUPT)
    if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED:
        raise DocxError(BOMB)
    for entry in entries:
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise DocxError(BOMB)
