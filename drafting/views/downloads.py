"""Versions and comparisons as files: Word (.docx) and Akoma Ntoso (XML).

Each download is found among the versions the user may read. The file of an issued
version, or of a comparison of two issued versions, never changes: it is written once per
release and served from the cache (``cached.body``), keyed also by what the file shows
of the meeting (its paper size, title, dates), which could be corrected later. Files of
the working draft are written on every request.
"""

from __future__ import annotations

import hashlib

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views import View

from meetings.mixins import MeetingAccessMixin

from .. import cached, diff
from ..akn_versions import akn_meta, export_akn
from ..docx import MEDIA_TYPE as DOCX
from ..docx import comparison_docx, version_docx
from ..docx_versions import docx_meta
from ..models import Version, trees_of
from .compare import VersionPairMixin

# The media type OASIS registered for Akoma Ntoso documents.
AKN = "application/akn+xml"


def download(content: bytes, content_type: str, name: str) -> HttpResponse:
    """``content`` as a file to save, named ``name``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def filename(code: str, stem: str, extension: str) -> str:
    """A download name such as ``BMS7-draft-1.docx``, as the PDFs are named."""
    return f"{code}-{stem}.{extension}".replace(" ", "-").replace("/", "-")


def fingerprint(meta: object) -> str:
    """A short name of the particulars a file shows, for its cache key."""
    return hashlib.sha256(repr(meta).encode()).hexdigest()[:16]


class VersionDownloadView(MeetingAccessMixin, View):
    """A version the user may read, as a file; subclasses say which format."""

    extension: str
    content_type: str

    def get(self, request, code: str, slug: str):
        versions = Version.objects.filter(document__meeting=self.meeting).visible_to(self.access)
        version = get_object_or_404(versions.select_related("document__meeting"), slug=slug)
        content = cached.body(
            self.extension, [version], lambda: self.write(version), self.particulars(version)
        )
        return download(content, self.content_type, filename(code, version.slug, self.extension))

    def particulars(self, version: Version) -> str:
        """What the file shows of the version and its meeting, as part of its cache key."""
        raise NotImplementedError

    def write(self, version: Version) -> bytes:
        raise NotImplementedError


class VersionDocxView(VersionDownloadView):
    """A version as a Word document with real footnotes and lists."""

    extension = "docx"
    content_type = DOCX

    def particulars(self, version: Version) -> str:
        return fingerprint(docx_meta(version))

    def write(self, version: Version) -> bytes:
        return version_docx(version.tree(), docx_meta(version))


class VersionAknView(VersionDownloadView):
    """A version as Akoma Ntoso 3.0 XML (AKN4UN)."""

    extension = "xml"
    content_type = AKN

    def particulars(self, version: Version) -> str:
        return fingerprint(akn_meta(version))

    def write(self, version: Version) -> bytes:
        return export_akn(version)


class ComparisonDocxView(VersionPairMixin, View):
    """The later of two versions with its differences from the earlier one as Word's
    tracked changes, made from the compare engine's change set."""

    def get(self, request, code: str, old: str, new: str):
        old_version, new_version = self.get_version(old), self.get_version(new)
        meta = docx_meta(new_version)

        def write() -> bytes:
            trees = trees_of([old_version.pk, new_version.pk])
            old_tree, new_tree = trees[old_version.pk], trees[new_version.pk]
            return comparison_docx(old_tree, new_tree, diff.compare(old_tree, new_tree), meta)

        content = cached.body(
            "comparison-docx", [old_version, new_version], write, fingerprint(meta)
        )
        name = filename(code, f"{old_version.slug}-to-{new_version.slug}", "docx")
        return download(content, DOCX, name)
