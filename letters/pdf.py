"""PDFs: the one place that calls WeasyPrint, and the store of rendered PDFs.

A ``StoredPdf`` row holds the PDF of one ``PdfSubject`` (a letter, a version, or a
comparison of two versions). ``render_into`` fills it; ``letters.tasks`` runs that in the
background for pages, ``letter_pdf`` and ``version_pdf`` here for the command line. What
can no longer change (a sent letter, an issued version, a comparison of issued versions)
is rendered once and served from its stored file ever after.
"""

from __future__ import annotations

import atexit
import hashlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from drafting.models import Version

from . import printing
from .models import Letter, StoredPdf

if TYPE_CHECKING:
    from .pdf_fetcher import LocalFilesFetcher

STATIC = settings.BASE_DIR / "static"
STYLESHEET = STATIC / "print" / "print.css"


@cache
def _stylesheet():
    """The print CSS with its vendored fonts, parsed once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from .pdf_fetcher import LocalFilesFetcher

    fonts = FontConfiguration()
    # Let the font configuration go while WeasyPrint can still clean up after it.
    atexit.register(_stylesheet.cache_clear)
    fetcher = LocalFilesFetcher([STATIC])
    return CSS(filename=str(STYLESHEET), font_config=fonts, url_fetcher=fetcher), fonts


def url_fetcher() -> LocalFilesFetcher:
    """What printing may read: the static files and the uploaded signature images."""
    from .pdf_fetcher import LocalFilesFetcher

    signatures = Letter._meta.get_field("signature").upload_to
    return LocalFilesFetcher([STATIC], stored_prefixes=[signatures])


def write_pdf(html: str) -> bytes:
    """Render print HTML (from ``letters.printing``) as a tagged PDF with embedded fonts;
    only the app's own files are read (see ``pdf_fetcher``)."""
    from weasyprint import HTML  # imported here: loading WeasyPrint costs every command a second

    stylesheet, fonts = _stylesheet()
    document = HTML(string=html, base_url=str(STYLESHEET.parent), url_fetcher=url_fetcher())
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts, pdf_tags=True)


@dataclass(frozen=True)
class PdfSubject:
    """What a PDF is of: a letter, a version, or ``version`` compared with the older
    ``compared_with``. The fields are those of ``StoredPdf`` that say so."""

    letter: Letter | None = None
    version: Version | None = None
    compared_with: Version | None = None

    @classmethod
    def of(cls, stored: StoredPdf) -> PdfSubject:
        return cls(letter=stored.letter, version=stored.version, compared_with=stored.compared_with)

    @property
    def owner(self) -> dict[str, Model | None]:
        """The ``StoredPdf`` fields that name this subject, for lookups."""
        return {"letter": self.letter, "version": self.version, "compared_with": self.compared_with}

    @property
    def is_final(self) -> bool:
        """True once it can no longer change: a sent letter, issued versions only."""
        if self.letter is not None:
            return self.letter.is_sent
        versions = [self.version, self.compared_with]
        return all(version.is_issued for version in versions if version is not None)

    @property
    def storage_name(self) -> str:
        """Such as ``version-12.pdf`` or ``version-12-compared_with-9.pdf``."""
        named = [f"{name}-{row.pk}" for name, row in self.owner.items() if row is not None]
        return "-".join(named) + ".pdf"

    def html(self) -> str:
        """The print page the PDF is made from."""
        if self.letter is not None:
            return printing.letter_html(self.letter)
        if self.compared_with is not None:
            return printing.comparison_html(self.compared_with, self.version)
        return printing.version_html(self.version)

    def fingerprint(self, html: str | None = None) -> str:
        """Empty once final (its PDF never goes stale); otherwise the SHA-256 of its print
        page (``html``, or the page as it is now), which changes when the subject does."""
        if self.is_final:
            return ""
        page = self.html() if html is None else html
        return hashlib.sha256(page.encode()).hexdigest()


def stored_pdf(subject: PdfSubject, fingerprint: str = "") -> tuple[StoredPdf, bool]:
    """The one ``StoredPdf`` row of ``subject``, and whether it was made now (queued, with
    ``fingerprint``). Two requests at once get the same row: the database has one per subject."""
    owner = subject.owner
    try:
        with transaction.atomic():
            return StoredPdf.objects.get_or_create(**owner, defaults={"fingerprint": fingerprint})
    except IntegrityError:
        return StoredPdf.objects.get(**owner), False


def render_into(stored: StoredPdf) -> None:
    """Render the PDF of ``stored``'s subject as it is now and keep it in ``stored``; on
    failure record why (then raise, so that the task queue sees the failure too)."""
    StoredPdf.objects.filter(pk=stored.pk).update(status=StoredPdf.Status.RENDERING)
    subject = PdfSubject.of(stored)
    try:
        html = subject.html()
        content = write_pdf(html)
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:1000]
        StoredPdf.objects.filter(pk=stored.pk).update(status=StoredPdf.Status.FAILED, reason=reason)
        raise
    stored.file.save(subject.storage_name, ContentFile(content), save=False)
    with transaction.atomic():
        replaced = StoredPdf.objects.select_for_update().get(pk=stored.pk).file.name
        StoredPdf.objects.filter(pk=stored.pk).update(
            status=StoredPdf.Status.STORED,
            file=stored.file.name,
            fingerprint=subject.fingerprint(html),
            reason="",
            rendered_at=timezone.now(),
        )
    if replaced and replaced != stored.file.name:
        # Another rendering of the same subject finished first; keep only the newer file.
        stored.file.storage.delete(replaced)
    stored.refresh_from_db()


def letter_pdf(letter: Letter) -> bytes:
    """The PDF of a letter and its annexes, rendered here; stored once the letter is sent."""
    return pdf_bytes(PdfSubject(letter=letter))


def version_pdf(version: Version) -> bytes:
    """The PDF of a version, rendered here; stored once issued (the working draft never)."""
    return pdf_bytes(PdfSubject(version=version))


def pdf_bytes(subject: PdfSubject) -> bytes:
    """The PDF of ``subject`` without the task queue, for the command line: the stored file
    if there is one; otherwise rendered now, and stored if the subject is final."""
    if not subject.is_final:
        return write_pdf(subject.html())
    stored, _created = stored_pdf(subject)
    if not stored.is_stored:
        render_into(stored)
    with stored.file.open("rb") as file:
        return file.read()


def filename(*parts: str) -> str:
    """A download name such as ``BMS7-letter-2021-06-10.pdf``."""
    return "-".join(part.replace(" ", "-").replace("/", "-") for part in parts if part) + ".pdf"
