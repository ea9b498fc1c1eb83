"""PDF downloads: the stored PDF once rendered; until then a page that shows its progress.

Rendering runs in the background (``letters.tasks``). A GET answers with the PDF when it
is stored; otherwise with a page saying whether it is queued, being rendered or failed
(and why), which asks again every two seconds by itself (htmx swaps in the status
fragment; without JavaScript, a meta refresh reloads the page, which then is the PDF).
A POST queues a failed or stalled rendering again.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from drafting.models import Version
from meetings.mixins import MeetingAccessMixin

from . import pdf, tasks
from .models import Letter


def pdf_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


class StoredPdfView(MeetingAccessMixin, View):
    """The shape of every PDF download; subclasses say what is printed and what it is called."""

    page_template = "letters/pdf_progress.html"
    status_template = "letters/_pdf_status.html"

    def get_subject(self) -> pdf.PdfSubject:
        """What is printed, found among what the user may read (404 or 403 otherwise)."""
        raise NotImplementedError

    def describe(self) -> tuple[str, str, str]:
        """After ``get_subject``: the page's title, the download's file name, and the page
        the reader came from."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        subject = self.get_subject()
        stored = tasks.request_pdf(subject)
        title, name, back_url = self.describe()
        if stored.is_stored and not request.htmx:
            try:
                with stored.file.open("rb") as file:
                    return pdf_response(file.read(), name)
            except FileNotFoundError:
                # Replaced by a newer rendering a moment ago: show that one's progress.
                stored = tasks.request_pdf(subject)
        context = {
            "meeting": self.meeting,
            "access": self.access,
            "stored": stored,
            "title": title,
            "name": name,
            "back_url": back_url,
        }
        template = self.status_template if request.htmx else self.page_template
        return render(request, template, context, status=202 if stored.is_pending else 200)

    def post(self, request, *args, **kwargs):
        tasks.retry_pdf(self.get_subject())
        return HttpResponseRedirect(request.path)


class LetterPdfView(StoredPdfView):
    """The letter and its annexes as one PDF: members read sent letters; the chair's team
    and the secretariat also preview letters not yet sent."""

    required_permission = "can_read_issued"

    def get_subject(self) -> pdf.PdfSubject:
        self.letter = get_object_or_404(
            Letter.objects.select_related("meeting", "letterhead"),
            meeting=self.meeting,
            pk=self.kwargs["pk"],
        )
        if not self.letter.is_sent and not self.access.can_prepare_letters:
            raise PermissionDenied("This letter has not been sent yet.")
        return pdf.PdfSubject(letter=self.letter)

    def describe(self) -> tuple[str, str, str]:
        letter = self.letter
        name = pdf.filename(self.meeting.code, "letter", letter.date.isoformat())
        back_url = letter.get_absolute_url() if self.access.can_prepare_letters else ""
        return f"PDF of the {letter.title}", name, back_url


class VersionPdfView(StoredPdfView):
    """An issued version (or, for those who may read it, the working draft) as a PDF."""

    def get_subject(self) -> pdf.PdfSubject:
        versions = Version.objects.visible_to(self.access).select_related("document__meeting")
        self.version = get_object_or_404(
            versions, document__meeting=self.meeting, slug=self.kwargs["slug"]
        )
        return pdf.PdfSubject(version=self.version)

    def describe(self) -> tuple[str, str, str]:
        version = self.version
        name = pdf.filename(self.meeting.code, version.slug)
        return f"PDF of {version.label}", name, version.get_absolute_url()


class ComparisonPdfView(StoredPdfView):
    """The redline of two versions the user may read, as a PDF."""

    def get_subject(self) -> pdf.PdfSubject:
        versions = (
            Version.objects.visible_to(self.access)
            .filter(document__meeting=self.meeting)
            .select_related("document__meeting")
        )
        self.old = get_object_or_404(versions, slug=self.kwargs["old"])
        self.new = get_object_or_404(versions, slug=self.kwargs["new"])
        return pdf.PdfSubject(version=self.new, compared_with=self.old)

    def describe(self) -> tuple[str, str, str]:
        old, new = self.old, self.new
        name = pdf.filename(self.meeting.code, f"{old.slug}-to-{new.slug}")
        back_url = reverse(
            "compare", kwargs={"code": self.meeting.code, "old": old.slug, "new": new.slug}
        )
        return f"PDF of the changes from {old.label} to {new.label}", name, back_url
