"""What the Word reader and writers exchange with the rest of the app: plain data only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from ..tree import Tree

PaperSize = Literal["A4", "letter"]

MAX_BYTES = 10 * 1024 * 1024
# The media type of a .docx file, as downloads are sent and uploads accepted.
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Paragraphs nest at most this many levels below their agenda item (or the chapeau).
MAX_DEPTH = 6


class DocxError(ValueError):
    """A file the Word import cannot take, with the reason in plain words for the person
    who uploaded it."""


@dataclass(frozen=True)
class DocxMeta:
    """A version's particulars as a Word file shows them.

    ``running_label`` ("DRAFT 2, 24 June 2021") goes in the page header and ``note`` under
    it; ``author`` and ``date`` sign the revision marks of a comparison (the later draft's
    date; today's for a draft without one). On import, each field is what the file
    showed, or empty.
    """

    title: str = ""
    label: str = ""
    running_label: str = ""
    note: str = ""
    date: datetime.date | None = None
    paper_size: PaperSize = "A4"
    author: str = "Chair"


@dataclass(frozen=True)
class DocxImport:
    """A Word file read as a draft: its particulars, its tree and what a person should know
    about how it was read (tracked changes accepted, tables left out …)."""

    meta: DocxMeta
    tree: Tree
    warnings: tuple[str, ...] = ()
