"""Word files in and out of stored versions: the actions ``ImportDocx`` (a file as an issued
version) and ``DocxWorkingDraft`` (a file as the working draft), and the particulars of a
stored version as ``DocxMeta``. The format itself lives in ``drafting/docx/``."""

from __future__ import annotations

from dataclasses import dataclass, field

from .actions import ImportVersion, ReplaceWorkingDraft
from .docx import DocxMeta, read_docx
from .models import Version


@dataclass(kw_only=True)
class DocxFile:
    """What an action taking a Word file shares: ``lock()`` reads ``data`` first, so a file
    the reader cannot take raises ``DocxError`` with its reason before anything is written;
    ``warnings`` then says how the file was read, and ``tree`` and ``meta`` hold it."""

    data: bytes
    warnings: tuple[str, ...] = field(default=(), init=False)

    def lock(self) -> None:
        imported = read_docx(self.data)
        self.warnings = imported.warnings
        meta = imported.meta
        self.meta = {"title": meta.title, "label": meta.label, "date": meta.date, "note": meta.note}
        self.tree = imported.tree
        super().lock()  # the action's own locks, after the file is read


@dataclass(kw_only=True)
class ImportDocx(DocxFile, ImportVersion):
    """A Word file as an issued version (see ``DocxFile`` and ``ImportVersion``)."""


@dataclass(kw_only=True)
class DocxWorkingDraft(DocxFile, ReplaceWorkingDraft):
    """A Word file as the working draft (see ``DocxFile`` and ``ReplaceWorkingDraft``)."""


def docx_meta(version: Version) -> DocxMeta:
    """What a Word file of ``version`` shows: its particulars, the meeting's paper, and the
    chair of the meeting as the author of revision marks."""
    meeting = version.document.meeting
    return DocxMeta(
        title=version.title,
        label=version.label,
        running_label=version.running_label,
        note=version.note,
        date=version.date,
        paper_size="letter" if meeting.paper_size == "letter" else "A4",
        author=f"Chair of {meeting.code}",
    )
