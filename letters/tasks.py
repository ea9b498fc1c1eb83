"""PDFs rendered in the background (django-tasks), so that no request waits on WeasyPrint.

``request_pdf`` is what a page calls: it finds or makes the one ``StoredPdf`` row of the
subject and queues ``render_pdf`` when the row is new, or when what it was made from has
changed since. The version of an issued draft is queued as soon as it is issued
(``queue_issued_version_pdf``, connected in ``LettersConfig.ready``), a letter's when it
is sent, a comparison's on its first request.

Call these outside a transaction, as views and after-commit signals are: a worker in
another process must find the row that names the task.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from drafting.models import Version

from . import pdf
from .models import StoredPdf

logger = logging.getLogger(__name__)


@task()
def render_pdf(stored_pdf_id: int) -> None:
    """Render and store the PDF of one ``StoredPdf`` row (gone rows are skipped: their
    letter or version was deleted while the task waited)."""
    stored = (
        StoredPdf.objects.select_related(
            "letter__meeting",
            "letter__letterhead",
            "version__document__meeting",
            "compared_with__document__meeting",
        )
        .filter(pk=stored_pdf_id)
        .first()
    )
    if stored is not None:
        pdf.render_into(stored)


def request_pdf(subject: pdf.PdfSubject) -> StoredPdf:
    """The ``StoredPdf`` of ``subject`` as it stands after queueing it if needed: when it
    is new, or stored from a page that has changed since (an unsent letter edited, the
    working draft changed, a letter sent after its preview)."""
    fingerprint = subject.fingerprint()
    stored, created = pdf.stored_pdf(subject, fingerprint)
    if created:
        _enqueue(stored)
    elif stored.fingerprint != fingerprint and not stored.is_pending:
        _queue_again(stored, fingerprint)
    stored.refresh_from_db()
    return stored


def retry_pdf(subject: pdf.PdfSubject) -> StoredPdf:
    """Queue the PDF of ``subject`` again if its rendering failed or stalled."""
    stored = request_pdf(subject)
    if stored.can_retry:
        _queue_again(stored, stored.fingerprint)
        stored.refresh_from_db()
    return stored


def queue_issued_version_pdf(sender: type, version: Version, **kwargs: object) -> None:
    """Receiver of ``drafting.signals.version_issued``: render the new draft's PDF now,
    before the first delegation asks for it."""
    request_pdf(pdf.PdfSubject(version=version))


def _queue_again(stored: StoredPdf, fingerprint: str) -> None:
    """Put a row back in the queue, unless another request has just done so."""
    claimed = StoredPdf.objects.filter(pk=stored.pk, status=stored.status).update(
        status=StoredPdf.Status.QUEUED,
        fingerprint=fingerprint,
        reason="",
        file="",
        rendered_at=None,
        requested_at=timezone.now(),
    )
    if not claimed:
        return
    if stored.file.name:
        stored.file.storage.delete(stored.file.name)
    _enqueue(stored)


def _enqueue(stored: StoredPdf) -> None:
    """Hand the row to the task queue; if the queue cannot take it, say so on the row,
    where the page shows it with a button to try again."""
    try:
        result = render_pdf.enqueue(stored.pk)
    except Exception as error:
        logger.exception("Could not queue the rendering of %s", stored)
        StoredPdf.objects.filter(pk=stored.pk, status=StoredPdf.Status.QUEUED).update(
            status=StoredPdf.Status.FAILED,
            reason=f"The task queue could not take the work: {type(error).__name__}: {error}",
        )
        return
    StoredPdf.objects.filter(pk=stored.pk).update(task_id=str(result.id))
