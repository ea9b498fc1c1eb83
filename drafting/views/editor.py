"""The outline editor of the working draft: the page, and the small requests it makes.

Every change is one POST that answers with the fragment of the outline to show again
(or, for a saved text, the element's row). A problem answers 400 with the reason in
plain words; a text typed over someone else's newer save answers 409 with both texts.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views import View
from django.views.generic import TemplateView

from meetings.mixins import MeetingAccessMixin

from .. import editing
from ..actions import ActionRefused
from ..diff import word_diff
from ..models import Element, Footnote, OutcomeDocument, Version

EDIT = "can_edit_working_draft"


class WorkingDraftMixin(MeetingAccessMixin):
    """Finds the meeting's working draft; only the chair's team gets this far."""

    required_permission = EDIT

    @property
    def version(self) -> Version:
        if not hasattr(self, "_version"):
            document, _created = OutcomeDocument.objects.get_or_create(meeting=self.meeting)
            self._version = document.working_draft()
        return self._version

    def get_element(self) -> Element:
        return get_object_or_404(
            Element.objects.select_related("version"),
            key=self.kwargs["key"],
            version__document__meeting=self.meeting,
            version__status=Version.Status.WORKING,
        )

    def fragment(self, template: str, status: int = 200, **context: object) -> HttpResponse:
        context.update(meeting=self.meeting)
        return HttpResponse(render_to_string(template, context, self.request), status=status)

    def outline_fragment(self, outcome: editing.Outcome, version: Version) -> HttpResponse:
        """The refreshed part of the outline, telling the editor where to put the cursor."""
        outline = editing.Outline.of(version)
        if outcome.refresh is None:
            response = self.fragment("drafting/_editor_outline.html", rows=outline.rows())
        else:
            root = outline.find(str(outcome.refresh.key))
            response = self.fragment("drafting/_editor_rows.html", rows=outline.rows(root))
        if outcome.focus is not None:
            response["X-Focus"] = str(outcome.focus.key)
        if outcome.undo:
            response["X-Undo"] = outcome.undo
        return response

    def refused(self, problems: list[str]) -> HttpResponse:
        return self.fragment("drafting/_editor_problem.html", status=400, problems=problems)


class EditorView(WorkingDraftMixin, TemplateView):
    template_name = "drafting/editor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            version=self.version,
            since=self.version.document.versions.issued().order_by("date", "id").last(),
            rows=editing.Outline.of(self.version).rows(),
            cursor=editing.history_cursor(self.version),
        )
        return context


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1


def _placement(element: Element, user, data) -> editing.Edit:
    target = Element.objects.filter(version_id=element.version_id, key=data.get("target")).first()
    if target is None:
        return editing.Refused(
            element, user, reason="The place you dropped it on no longer exists."
        )
    return editing.move_to(element, user, target, data.get("placement", "after"))


# Each element action: name in the URL → the Edit it makes from the element, user and form.
ACTIONS: dict[str, Callable[[Element, object, dict], editing.Edit]] = {
    "text": lambda e, u, d: editing.SaveText(
        e, u, text=d.get("text", ""), base_revision=_int(d.get("revision"))
    ),
    "add-paragraph": lambda e, u, d: editing.AddParagraph(e, u, text=d.get("text", "")),
    "add-placeholder": lambda e, u, d: editing.AddParagraph(e, u, reason="added a placeholder"),
    "add-agenda-item": lambda e, u, d: editing.AddAgendaItem(e, u),
    "indent": lambda e, u, d: editing.indent(e, u),
    "outdent": lambda e, u, d: editing.outdent(e, u),
    "move-up": lambda e, u, d: editing.move_by(e, u, -1),
    "move-down": lambda e, u, d: editing.move_by(e, u, 1),
    "move": _placement,
    "toggle-heading": lambda e, u, d: editing.ToggleHeading(e, u),
    "bracket": lambda e, u, d: editing.Bracket(e, u),
    "unbracket": lambda e, u, d: editing.Bracket(e, u, remove=True),
    "delete": lambda e, u, d: editing.Delete(e, u),
    "add-footnote": lambda e, u, d: editing.AddFootnote(
        e,
        u,
        text=d.get("text", ""),
        base_revision=_int(d.get("revision")),
        key=d.get("key", ""),
        footnote_text=d.get("footnote", ""),
    ),
}


class ElementActionView(WorkingDraftMixin, View):
    """POST one change to one element of the working draft."""

    def post(self, request, code: str, key, action: str):
        make = ACTIONS.get(action)
        if make is None:
            raise Http404("No such change.")
        element = self.get_element()
        edit = make(element, request.user, request.POST)
        try:
            outcome = edit.execute()
        except ActionRefused:
            if isinstance(edit, editing.SaveText) and edit.is_stale:
                element.refresh_from_db()
                return self.conflict(element, edit.text)
            return self.refused(edit.errors)
        if action == "text":
            return self.fragment("drafting/_editor_row.html", **editable_row(element))
        return self.outline_fragment(outcome, element.version)

    def conflict(self, element: Element, yours: str) -> HttpResponse:
        """409: both texts side by side, so that the person chooses and loses nothing."""
        footnotes = {str(f.key): f.text for f in element.footnotes.all()}
        latest = element.history.select_related("history_user").first()
        return self.fragment(
            "drafting/_editor_conflict.html",
            status=409,
            element=element,
            theirs=editing.editable_html(element.text, footnotes),
            yours=editing.editable_html(editing.inline.sanitize(yours), footnotes),
            latest=latest,
        )


class FootnoteView(WorkingDraftMixin, View):
    """POST a footnote's new text, or ``remove=1`` to take it and its call out."""

    def post(self, request, code: str, key):
        footnote = get_object_or_404(
            Footnote.objects.select_related("element__version"),
            key=key,
            version__document__meeting=self.meeting,
            version__status=Version.Status.WORKING,
        )
        edit = editing.EditFootnote(
            footnote.element,
            request.user,
            footnote=footnote,
            text=request.POST.get("text", ""),
            remove=request.POST.get("remove") == "1",
        )
        if edit.check():
            return self.refused(edit.errors)
        return self.outline_fragment(edit.execute(), footnote.element.version)


class RestoreView(WorkingDraftMixin, View):
    """POST the undo token of a deletion to bring the deleted elements back."""

    def post(self, request, code: str):
        restore = editing.Restore(self.version, request.user, request.POST.get("token", ""))
        if restore.check():
            return self.refused(restore.errors)
        return self.outline_fragment(restore.execute(), self.version)


class ChangesView(WorkingDraftMixin, View):
    """GET what others changed since a history cursor: 204 when nothing, else fragments."""

    def get(self, request, code: str):
        changes = editing.ChangesSince.find(
            self.version, request.GET.get("since", ""), request.user
        )
        if not changes.structural and not changes.keys:
            response = HttpResponse(status=204)
        else:
            outline = editing.Outline.of(self.version)
            if changes.structural:
                rows = outline.rows()
            else:
                rows = [row for row in outline.rows() if str(row.element.key) in changes.keys]
            response = self.fragment(
                "drafting/_editor_changes.html", rows=rows, structural=changes.structural
            )
        response["X-Since"] = changes.cursor
        return response


def history_entries(element: Element) -> list[tuple[object, tuple]]:
    """The element's recorded states, newest first, each with its word diff from the one before."""
    entries, previous = [], ""
    for state in element.history.select_related("history_user").order_by("history_id"):
        entries.append((state, word_diff(previous, state.text)))
        previous = state.text
    return entries[::-1]


def editable_row(element: Element, oob: bool = False) -> dict[str, object]:
    """Context for ``_editor_row.html``: the element's row with its text ready for editing."""
    calls = "fn-ref" in element.text
    footnotes = {str(f.key): f.text for f in element.footnotes.all()} if calls else {}
    html = editing.editable_html(element.text, footnotes)
    return {"element": element, "row_markup": editing.row_html(element, html, oob=oob)}


class ElementHistoryView(WorkingDraftMixin, TemplateView):
    """Who changed an element, what and when, each change as a word diff against the one before."""

    template_name = "drafting/element_history.html"

    def get_template_names(self) -> list[str]:
        if self.request.htmx:
            return ["drafting/_editor_history.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        element = self.get_element()
        context.update(element=element, entries=history_entries(element), version=element.version)
        return context


class RevertView(WorkingDraftMixin, View):
    """POST: bring an element back to an earlier state; answers the history again, and
    the element's row out of band so that the editor shows the reverted text."""

    def post(self, request, code: str, key, history_id: int):
        element = self.get_element()
        revert = editing.Revert(element, request.user, history_id=history_id)
        if revert.check():
            return self.refused(revert.errors)
        revert.execute()
        return self.fragment(
            "drafting/_editor_history.html",
            entries=history_entries(element),
            reverted=True,
            **editable_row(element, oob=True),
        )
