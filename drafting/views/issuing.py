"""Issuing and publishing drafts, and starting a document from an earlier meeting's draft."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, View

from meetings.mixins import MeetingAccessMixin

from ..actions import IssueDraft, PublishVersion, StartFromEarlier
from ..forms import IssueDraftForm, StartFromEarlierForm
from ..models import OutcomeDocument, Version


class IssueDraftView(MeetingAccessMixin, FormView):
    """The chair's team freezes the working draft as Draft n / Rev.n / Final."""

    required_permission = "can_issue"
    form_class = IssueDraftForm
    template_name = "drafting/issue_draft.html"

    def get_initial(self):
        working = Version.objects.working().filter(document__meeting=self.meeting).first()
        return {
            "kind": Version.Kind.DRAFT,
            "date": timezone.localdate(),
            "note": working.note if working else "",
        }

    def form_valid(self, form):
        document = OutcomeDocument.objects.filter(meeting=self.meeting).first()
        if document is None:
            form.add_error(None, "This meeting has no outcome document yet.")
            return self.form_invalid(form)
        action = IssueDraft(document, self.request.user, **form.cleaned_data)
        for problem in action.check():
            form.add_error(None, problem)
        if form.errors:
            return self.form_invalid(form)
        previous = document.versions.issued().order_by("-date", "-id").first()
        issued = action.execute()
        messages.success(self.request, f"{issued.label} is issued and can no longer change.")
        if previous:
            return redirect("compare", code=self.meeting.code, old=previous.slug, new=issued.slug)
        return redirect(issued)


class StartFromEarlierView(MeetingAccessMixin, FormView):
    """Begin this meeting's outcome document from an earlier meeting's issued version."""

    required_permission = "can_edit_working_draft"
    form_class = StartFromEarlierForm
    template_name = "drafting/start_from_earlier.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def form_valid(self, form):
        action = StartFromEarlier(self.meeting, form.cleaned_data["source"], self.request.user)
        for problem in action.check():
            form.add_error(None, problem)
        if form.errors:
            return self.form_invalid(form)
        action.execute()
        messages.success(self.request, "The working draft is ready to edit.")
        return redirect("editor", code=self.meeting.code)


class PublishVersionView(MeetingAccessMixin, View):
    """POST: the chair's team makes an issued draft public."""

    required_permission = "can_issue"

    def post(self, request, code: str, slug: str):
        version = get_object_or_404(
            Version.objects.issued(), document__meeting=self.meeting, slug=slug
        )
        action = PublishVersion(version, request.user)
        problems = action.check()
        if problems:
            for problem in problems:
                messages.error(request, problem)
        else:
            action.execute()
            messages.success(request, f"{version.label} is published: anyone can now read it.")
        return redirect(version)
