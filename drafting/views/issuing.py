"""Issuing and publishing drafts, and starting a document from an earlier meeting's draft.

Each page builds its action and shows either its refusal, in words on the form (a 403 when
the person may not do it at all), or its result. Issuing and publishing ask for
confirmation first: an issued draft can never be taken back.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from meetings.actions import Forbidden, Refusal
from meetings.forms import add_refusal, execute_on_form
from meetings.mixins import MeetingAccessMixin

from ..actions import (
    IssueDraft,
    PublishVersion,
    StartFromEarlier,
    WithdrawPublication,
    last_issued,
)
from ..forms import IssueDraftForm, StartFromEarlierForm
from ..models import OutcomeDocument, Version


class IssueDraftView(MeetingAccessMixin, FormView):
    """The chair's team freezes the working draft as Draft n / Rev.n / Final: the form, then
    a confirmation showing what changed since the last issued draft, then the issue."""

    required_permission = "can_issue"
    form_class = IssueDraftForm
    template_name = "drafting/issue_draft.html"

    def document(self) -> OutcomeDocument | None:
        return OutcomeDocument.objects.filter(meeting=self.meeting).first()

    def get_initial(self):
        document = self.document()
        working = document.versions.working().first() if document else None
        latest = last_issued(document) if document else None
        return {
            "kind": Version.Kind.DRAFT,
            "date": timezone.localdate(),
            "note": working.note if working else "",
            "after": str(latest.pk) if latest else "",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.document()
        latest = last_issued(document) if document else None
        context.update(latest=latest)
        return context

    def form_valid(self, form):
        document = self.document()
        if document is None:
            form.add_error(None, "This meeting has no outcome document yet.")
            return self.form_invalid(form)
        data = {name: form.cleaned_data[name] for name in ("kind", "label", "date", "note")}
        action = IssueDraft(
            user=self.request.user, document=document, after=form.after_id(), **data
        )
        if not form.cleaned_data["confirmed"]:
            return self.confirm(form, action)
        previous = last_issued(document)
        if not execute_on_form(action, form):
            return self.form_invalid(form)
        issued = action.result
        messages.success(self.request, f"{issued.label} is issued and can no longer change.")
        if previous:
            return redirect("compare", code=self.meeting.code, old=previous.slug, new=issued.slug)
        return redirect(issued)

    def confirm(self, form, action: IssueDraft):
        """The summary of what issuing would freeze, or the refusal if it cannot."""
        refusal = action.refusal()
        if refusal is not None:
            add_refusal(form, refusal)
            return self.form_invalid(form)
        latest = last_issued(action.document)
        summary = action.changes_since(latest).summary if latest else None
        data = form.data.copy()
        data["confirmed"] = "on"
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(data),
                confirming=True,
                action=action,
                latest=latest,
                summary=summary,
                changed_items=sum(1 for item in summary.items if item.counts.total)
                if summary
                else 0,
                elements=len(action.tree) if action.tree is not None else 0,
            )
        )


class StartFromEarlierView(MeetingAccessMixin, FormView):
    """Begin this meeting's outcome document from an earlier meeting's issued version."""

    required_permission = "can_edit_working_draft"
    form_class = StartFromEarlierForm
    template_name = "drafting/start_from_earlier.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting, "user": self.request.user}

    def form_valid(self, form):
        action = StartFromEarlier(
            user=self.request.user, meeting=self.meeting, source=form.cleaned_data["source"]
        )
        if not execute_on_form(action, form):
            return self.form_invalid(form)
        messages.success(self.request, "The working draft is ready to edit.")
        return redirect("editor", code=self.meeting.code)


class PublicationView(MeetingAccessMixin, TemplateView):
    """GET asks the chair's team to confirm; POST publishes (or withdraws a publication)."""

    required_permission = "can_issue"
    template_name = "drafting/publication_confirm.html"
    withdraw = False

    def version(self) -> Version:
        return get_object_or_404(
            Version.objects.issued().select_related("document__meeting", "publication"),
            document__meeting=self.meeting,
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(version=self.version(), withdraw=self.withdraw, **kwargs)

    def post(self, request, code: str, slug: str):
        version = self.version()
        if self.withdraw:
            action = WithdrawPublication(user=request.user, version=version)
            done = f"{version.label} is no longer published: only members of {code} read it."
        else:
            action = PublishVersion(user=request.user, version=version)
            done = f"{version.label} is published: anyone can now read it."
        try:
            action.execute()
        except Refusal as refusal:
            if isinstance(refusal, Forbidden):
                raise
            for problem in refusal.problems:
                messages.error(request, problem)
        else:
            messages.success(request, done)
        return redirect(version)
