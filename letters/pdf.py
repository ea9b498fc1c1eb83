"""PDFs: the one place that calls WeasyPrint, and the store of PDFs that cannot change.

An issued version and a sent letter are rendered once; their PDF is kept in a
``StoredPdf`` and served from there ever after. Anything else is rendered on each request.
"""

from __future__ import annotations

import atexit
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

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
    return LocalFilesFetcher([STATIC, Path(settings.MEDIA_ROOT) / signatures])


def write_pdf(html: str) -> bytes:
    """Render print HTML (from ``letters.printing``) as a tagged PDF with embedded fonts;
    only the app's own files are read (see ``pdf_fetcher``)."""
    from weasyprint import HTML  # imported here: loading WeasyPrint costs every command a second

    stylesheet, fonts = _stylesheet()
    document = HTML(string=html, base_url=str(STYLESHEET.parent), url_fetcher=url_fetcher())
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts, pdf_tags=True)


def letter_pdf(letter: Letter) -> bytes:
    """The PDF of a letter and its annexes; stored once the letter has been sent."""
    if not letter.is_sent:
        return write_pdf(printing.letter_html(letter))
    return _stored(lambda: printing.letter_html(letter), letter=letter)


def version_pdf(version) -> bytes:
    """The PDF of an issued version (the working draft is printed fresh each time)."""
    if not version.is_issued:
        return write_pdf(printing.version_html(version))
    return _stored(lambda: printing.version_html(version), version=version)


def comparison_pdf(old_version, new_version) -> bytes:
    """The redline PDF of two versions."""
    return write_pdf(printing.comparison_html(old_version, new_version))


def _stored(make_html, **owner) -> bytes:
    stored = StoredPdf.objects.filter(**owner).first()
    if stored is not None:
        with stored.file.open("rb") as file:
            return file.read()
    content = write_pdf(make_html())
    name = "-".join(f"{kind}-{obj.pk}" for kind, obj in owner.items()) + ".pdf"
    try:
        with transaction.atomic():
            StoredPdf.objects.create(file=ContentFile(content, name=name), **owner)
    except IntegrityError:
        pass  # Rendered at the same moment by another request; theirs is as good.
    return content


def filename(*parts: str) -> str:
    """A download name such as ``BMS7-letter-2021-06-10.pdf``."""
    return "-".join(part.replace(" ", "-").replace("/", "-") for part in parts if part) + ".pdf"
