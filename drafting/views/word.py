"""Uploading a draft from Word: the file, a preview of how it was read, then either an
issued version or the working draft.

The upload is read at once, and refused in words (too large, not a Word file, damaged …)
on its form. A file that reads is kept (``docx_uploads``) and previewed as the version
page would show it, with the reader's warnings. From the preview the chair's team issues it
(``ImportDocx``: label and date) or makes it the working draft (``DocxWorkingDraft``: at
once if the working draft is empty, after an explicit confirmation otherwise). A refusal
shows on the form with what was typed; the file stays kept until it is used.
"""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from meetings.forms import execute_on_form
from meetings.mixins import MeetingAccessMixin
from meetings.uploads import UploadLimitMixin

from .. import docx_uploads
from ..actions import default_label, last_issued
from ..docx import MAX_BYTES, DocxError, DocxImport, read_docx
from ..docx_versions import DocxWorkingDraft, ImportDocx
from ..forms import WordIssueForm, WordUploadForm, WordWorkingDraftForm
from ..models import OutcomeDocument, Version
from ..rendering.blocks import blocks
from ..rendering.document import footnote_list, reading_html
from ..rendering.markup import DocumentNumbering
from ..sync import history_cursor
from ..tree import PARAGRAPH, Tree

EXPIRED = (
    "That uploaded file is no longer kept: an upload is kept for a day, and only for the "
    "browser that sent it. Upload it again."
)


class WordUploadView(UploadLimitMixin, MeetingAccessMixin, FormView):
    """The chair's team sends a .docx; if it reads, its preview follows."""

    required_permission = "can_edit_working_draft"
    upload_limit = MAX_BYTES
    form_class = WordUploadForm
    template_name = "drafting/word_upload.html"

    def form_valid(self, form):
        name = form.cleaned_data["file"].name
        token = docx_uploads.keep(self.request.session, self.meeting.code, name, form.content)
        return redirect("word-preview", code=self.meeting.code, token=token)


class WordPreviewView(MeetingAccessMixin, TemplateView):
    """How a kept upload was read, and the two things to do with it."""

    required_permission = "can_edit_working_draft"
    template_name = "drafting/word_preview.html"

    def kept(self) -> docx_uploads.KeptUpload | None:
        return docx_uploads.kept(self.request.session, self.meeting.code, self.kwargs["token"])

    def get(self, request, *args, **kwargs):
        self.upload = self.kept()
        if self.upload is None:
            return self.expired()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.upload = self.kept()
        if self.upload is None:
            return self.expired()
        if request.POST.get("choice") == "working":
            return self.make_working_draft(WordWorkingDraftForm(request.POST))
        return self.issue(WordIssueForm(request.POST))

    def expired(self):
        messages.error(self.request, EXPIRED)
        return redirect("word-upload", code=self.meeting.code)

    def issue(self, form: WordIssueForm):
        assert self.upload is not None
        if form.is_valid():
            action = ImportDocx(
                user=self.request.user,
                data=self.upload.data,
                meeting_code=self.meeting.code,
                label=form.cleaned_data["label"],
                date=form.cleaned_data["date"],
            )
            if self.execute(action, form):
                version = action.result
                messages.success(
                    self.request,
                    f"{version.label} is issued from {self.upload.name} and can no longer change.",
                )
                return redirect(version)
        return self.render_to_response(self.get_context_data(issue_form=form))

    def make_working_draft(self, form: WordWorkingDraftForm):
        assert self.upload is not None
        if form.is_valid():
            action = DocxWorkingDraft(
                user=self.request.user,
                data=self.upload.data,
                meeting=self.meeting,
                replace=form.cleaned_data["replace"],
                # The working draft as the page showed it (see ``get_context_data``).
                seen=self.request.POST.get("seen", ""),
            )
            if self.execute(action, form):
                messages.success(
                    self.request,
                    f"The working draft is now the text of {self.upload.name}: "
                    f"{len(action.tree)} elements.",
                )
                return redirect("editor", code=self.meeting.code)
        return self.render_to_response(self.get_context_data(working_form=form))

    def execute(self, action: ImportDocx | DocxWorkingDraft, form) -> bool:
        """Run ``action``; on success the upload is used up, on a refusal the form says why."""
        assert self.upload is not None
        try:
            done = execute_on_form(action, form)
        except DocxError as error:
            form.add_error(None, str(error))
            return False
        if done:
            docx_uploads.discard(self.request.session, self.upload.token)
        return done

    def get_context_data(self, **kwargs):
        assert self.upload is not None
        context = super().get_context_data(**kwargs)
        imported = read_docx(self.upload.data)
        document = OutcomeDocument.objects.filter(meeting=self.meeting).first()
        working = document.versions.working().first() if document else None
        held = working.elements.count() if working else 0
        context.setdefault("issue_form", WordIssueForm(initial=issue_initial(imported, document)))
        context.setdefault("working_form", WordWorkingDraftForm())
        context.update(
            upload=self.upload,
            meta=imported.meta,
            warnings=imported.warnings,
            counts=element_counts(imported.tree),
            working_held=held,
            # With no working draft yet, the file's becomes one carrying on from this.
            carries_on_from=None if working or not document else last_issued(document),
            # Sent back on confirming: a replacement is refused if the draft changed since.
            working_seen=history_cursor(working) if held else "",
            **preview(imported.tree),
        )
        return context


def issue_initial(imported: DocxImport, document: OutcomeDocument | None) -> dict:
    """The label and date the file shows, or the next customary label and today."""
    label = imported.meta.label
    if not label and document is not None and document.versions.issued().exists():
        label = default_label(Version.Kind.DRAFT, document)
    return {"label": label or "Zero Draft", "date": imported.meta.date or timezone.localdate()}


def preview(tree: Tree) -> dict:
    """The document as the version page shows it, through the same rendering layer."""
    numbers = tree.footnote_numbers()
    numbering = DocumentNumbering(numbers)
    return {
        "elements": reading_html(blocks(tree), numbering),
        "footnotes": footnote_list(tree, numbers, numbering),
    }


def element_counts(tree: Tree) -> Counter[str]:
    """How many agenda items, headings, paragraphs (of them nested under another), empty
    placeholders and footnotes a tree holds."""
    counts: Counter[str] = Counter(footnotes=len(tree.footnotes))
    for node, _depth in tree.walk():
        if node.kind == PARAGRAPH:
            counts["placeholders" if node.is_placeholder else "paragraphs"] += 1
            counts["nested"] += sum(child.kind == PARAGRAPH for child in node.children)
        else:
            counts[f"{node.kind}s"] += 1
    return counts
