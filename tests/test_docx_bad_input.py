"""Files the Word import cannot take: each refused with its own plain message, as a
``DocxError`` and never as any other exception, before anything big is unpacked."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from drafting.docx import MAX_BYTES, DocxError, DocxImport, DocxMeta, read_docx, version_docx
from drafting.docx.package import MAX_ENTRIES
from drafting.tree import AGENDA_ITEM, PARAGRAPH, Node, Tree
from tests.word_documents import WordFile

SMALL = Tree(
    [Node(AGENDA_ITEM, "[Title]<fn-ref data-key=\"f\"></fn-ref>", "A.", children=[
        Node(PARAGRAPH, "<em>first</em> [bullet]", children=[Node(PARAGRAPH, "nested", "(a)")]),
        Node(PARAGRAPH, ""),
    ])],
    {"f": 'See <a href="https://un.org">the letter</a>.'},
)  # fmt: skip
VALID = version_docx(SMALL, DocxMeta(title="T", running_label="DRAFT 1, 10 June 2021"))


def zipped(*entries: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def with_zip_password_flag(data: bytes) -> bytes:
    """The zip with every entry flagged as encrypted, as a zip tool's password sets it."""
    flagged = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = flagged.find(signature)
        while at != -1:
            flagged[at + offset] |= 0x1
            at = flagged.find(signature, at + 4)
    return bytes(flagged)


def replaced(name: str, data: bytes) -> bytes:
    """The valid file with one part replaced."""
    with zipfile.ZipFile(io.BytesIO(VALID)) as archive:
        entries = [(n, data if n == name else archive.read(n)) for n in archive.namelist()]
    return zipped(*entries)


def document_xml(
    body: str, namespace: str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
) -> bytes:
    return f'<w:document xmlns:w="{namespace}"><w:body>{body}</w:body></w:document>'.encode()


def corrupted_deflate() -> bytes:
    data = bytearray(VALID)
    start = data.index(b"word/document.xml") + len("word/document.xml") + 40
    data[start : start + 40] = bytes(40)
    return bytes(data)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
)

BAD_FILES = {
    "larger than 10 MB": lambda: b"PK\x03\x04" + bytes(MAX_BYTES),
    "empty": lambda: b"",
    "a PDF": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    "plain text": lambda: b"Draft 1\n- a bullet\n",
    "a zip of other things": lambda: zipped(("notes.txt", b"hello")),
    "a spreadsheet": lambda: replaced("word/document.xml", b'<workbook xmlns="urn:x"/>'),
    "truncated": lambda: VALID[: len(VALID) // 2],
    "damaged inside": corrupted_deflate,
    "not well-formed XML": lambda: replaced("word/document.xml", b"<w:document><w:body>"),
    "an entity bomb": lambda: replaced("word/document.xml", BILLION_LAUGHS),
    "password-protected": lambda: (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + bytes(500)
        + "EncryptedPackage".encode("utf-16-le")
        + bytes(500)
    ),
    "an old .doc": lambda: bytes.fromhex("d0cf11e0a1b11ae1") + bytes(2000),
    "a zip password": lambda: with_zip_password_flag(VALID),
    "a zip bomb by ratio": lambda: zipped(("word/document.xml", b" " * (20 * 1024 * 1024))),
    "a zip bomb by total size": lambda: zipped(
        *((f"word/media/part{n}.xml", bytes(1024 * 1024)) for n in range(101))
    ),
    "too many entries": lambda: zipped(*((f"x/{n}.xml", b"") for n in range(MAX_ENTRIES + 1))),
    "Strict Open XML": lambda: replaced(
        "word/document.xml",
        document_xml("<w:p/>", "http://purl.oclc.org/ooxml/wordprocessingml/main"),
    ),
    "no text": lambda: replaced(
        "word/document.xml", document_xml("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")
    ),
}
MESSAGES = {
    "larger than 10 MB": "larger than 10 MB",
    "empty": "The file is empty.",
    "a PDF": "not a Word document (.docx)",
    "plain text": "not a Word document (.docx)",
    "a zip of other things": "not a Word document (.docx)",
    "a spreadsheet": "not a Word document (.docx)",
    "truncated": "damaged and cannot be read",
    "damaged inside": "damaged and cannot be read",
    "not well-formed XML": "damaged and cannot be read",
    "an entity bomb": "damaged and cannot be read",
    "password-protected": "protected by a password",
    "an old .doc": "old Word 97–2003 (.doc) file",
    "a zip password": "protected by a password",
    "a zip bomb by ratio": "zip bomb",
    "a zip bomb by total size": "zip bomb",
    "too many entries": "zip bomb",
    "Strict Open XML": "Strict Open XML",
    "no text": "has no text to import",
}


@pytest.mark.parametrize("what", list(BAD_FILES))
def test_bad_file_is_refused_with_its_own_plain_message(what):
    with pytest.raises(DocxError) as refused:
        read_docx(BAD_FILES[what]())

    assert MESSAGES[what] in str(refused.value)


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(monkeypatch):
    bomb = BAD_FILES["a zip bomb by ratio"]()
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda *args: pytest.fail("unpacked"))

    with pytest.raises(DocxError, match="zip bomb"):
        read_docx(bomb)


def test_a_document_with_only_a_table_has_no_text():
    word = WordFile()
    word.body_xml("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")

    with pytest.raises(DocxError, match="no text"):
        read_docx(word.to_bytes())


def outcome(data: bytes) -> DocxImport | DocxError:
    try:
        return read_docx(data)
    except DocxError as refused:
        return refused


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID) - 1), st.binary(min_size=1, max_size=8)), max_size=4
    ),
    st.integers(0, len(VALID)),
)
def test_damaged_bytes_give_a_draft_or_a_docx_error_and_nothing_else(patches, length):
    data = bytearray(VALID[:length] if length > 64 else VALID)
    for at, replacement in patches:
        data[at : at + len(replacement)] = replacement

    assert isinstance(outcome(bytes(data)), DocxImport | DocxError)


with zipfile.ZipFile(io.BytesIO(VALID)) as _archive:
    PARTS = {name: _archive.read(name) for name in _archive.namelist() if name.endswith(".xml")}


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(PARTS)),
    st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(['"', "<", ">", "/", "0", "-1", "x", "99999", "&", "w:", ""]),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_damaged_xml_gives_a_draft_or_a_docx_error_and_nothing_else(name, edits):
    text = PARTS[name].decode()
    for at, piece in edits:
        at %= len(text)
        text = text[:at] + piece + text[at + 1 :]

    assert isinstance(outcome(replaced(name, text.encode())), DocxImport | DocxError)
