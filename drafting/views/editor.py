"""The outline editor of the working draft: the page, and the small requests it makes.

Every change is one POST naming an action; the answer is the part of the outline to show
again (for a saved text, the element's row) with an ``HX-Trigger`` event saying where the
cursor goes and the change's id (what Ctrl+Z takes back). A refusal answers 400 with the
reason in plain words; a text typed over someone else's newer save, or an element deleted
meanwhile, answers 409 with what the person needs to choose, and nothing they typed is
lost. ``tab`` in each request names the browser tab, so that a tab's own changes do not
come back to it through the live feed while another tab of the same person's do.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views import View
from django.views.generic import TemplateView

from meetings.mixins import MeetingAccessMixin

from .. import actions, inline, outline_editor, sync
from ..diff import word_diff
from ..models import Element, Footnote, OutcomeDocument, Version

EDIT = "can_edit_working_draft"


def trigger(response: HttpResponse, event: str, detail: dict[str, Any]) -> HttpResponse:
    """Tell the page what happened, as an htmx event the editor listens to."""
    response["HX-Trigger"] = json.dumps({event: detail})
    return response


class WorkingDraftMixin(MeetingAccessMixin):
    """Finds the meeting's working draft; only the chair's team gets this far."""

    required_permission = EDIT

    @property
    def version(self) -> Version:
        if not hasattr(self, "_version"):
            document, _created = OutcomeDocument.objects.get_or_create(meeting=self.meeting)
            self._version = document.working_draft()
        return self._version

    @property
    def tab(self) -> str:
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        return data.get("tab", "")[:64]

    def working_elements(self):
        return Element.objects.select_related("version__document").filter(
            version__document__meeting=self.meeting, version__status=Version.Status.WORKING
        )

    def get_element(self) -> Element:
        return get_object_or_404(self.working_elements(), key=self.kwargs["key"])

    def fragment(self, template: str, status: int = 200, **context: object) -> HttpResponse:
        context.update(meeting=self.meeting)
        return HttpResponse(render_to_string(template, context, self.request), status=status)

    def outline_fragment(self, outcome: actions.Outcome, version: Version) -> HttpResponse:
        """The refreshed part of the outline, telling the editor where to put the cursor."""
        outline = outline_editor.Outline.of(version)
        root = outline.find(str(outcome.refresh.key)) if outcome.refresh is not None else None
        if root is None:
            response = self.fragment("drafting/_editor_outline.html", rows=outline.rows())
        else:
            response = self.fragment("drafting/_editor_rows.html", rows=outline.rows(root))
        focus = str(outcome.focus.key) if outcome.focus is not None else None
        return trigger(
            response,
            "editor:changed",
            {"focus": focus, "group": outcome.group, "undo": outcome.undo},
        )

    def refused(self, refusal: actions.Refusal) -> HttpResponse:
        """400 (not valid) or 409 (changed or deleted by someone else meanwhile), in words."""
        if refusal.details.get("deleted"):
            return self.fragment(
                "drafting/_editor_deleted.html", status=409, refusal=refusal, **refusal.details
            )
        if refusal.details.get("stale"):
            return self.conflict(refusal.details["element"], refusal.details["yours"])
        return self.fragment(
            "drafting/_editor_problem.html", status=refusal.status, problems=refusal.problems
        )

    def conflict(self, element: Element, yours: str) -> HttpResponse:
        """409: both texts side by side, so that the person chooses and loses nothing."""
        footnotes = {str(f.key): f.text for f in element.footnotes.all()}
        latest = element.history.select_related("history_user").first()
        return self.fragment(
            "drafting/_editor_conflict.html",
            status=409,
            element=element,
            theirs=outline_editor.editable_html(element.text, footnotes),
            yours=outline_editor.editable_html(inline.sanitize(yours), footnotes),
            latest=latest,
        )


class EditorView(WorkingDraftMixin, TemplateView):
    template_name = "drafting/editor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            version=self.version,
            since=self.version.document.versions.issued().order_by("date", "id").last(),
            rows=outline_editor.Outline.of(self.version).rows(),
            cursor=sync.history_cursor(self.version),
            tab=str(uuid.uuid4()),
        )
        return context


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1


Make = Callable[[Element, Any, QueryDict, str], actions.ElementEdit]


def _target(element: Element, data: QueryDict) -> Element | None:
    """The element a move names as its target, in the same working draft."""
    try:
        key = uuid.UUID(data.get("target", ""))
    except ValueError:
        return None
    return Element.objects.filter(version_id=element.version_id, key=key).first()


def _text(element: Element, user: Any, data: QueryDict, tab: str) -> actions.ElementEdit:
    return actions.SaveText(
        user=user,
        element=element,
        text=data.get("text", ""),
        base_revision=_int(data.get("revision")),
        tab_id=tab,
    )


def _add_footnote(element: Element, user: Any, data: QueryDict, tab: str) -> actions.ElementEdit:
    return actions.AddFootnote(
        user=user,
        element=element,
        text=data.get("text", ""),
        base_revision=_int(data.get("revision")),
        key=data.get("key", ""),
        footnote_text=data.get("footnote", ""),
        tab_id=tab,
    )


def _simple(cls: type[actions.ElementEdit], **fields: Any) -> Make:
    def make(element: Element, user: Any, data: QueryDict, tab: str) -> actions.ElementEdit:
        return cls(user=user, element=element, tab_id=tab, **fields)

    return make


# Each element action: its name in the URL → how to make it from the element, user, form, tab.
ACTIONS: dict[str, Make] = {
    "text": _text,
    "add-paragraph": lambda e, u, d, t: actions.AddParagraph(
        user=u, element=e, text=d.get("text", ""), tab_id=t
    ),
    "add-placeholder": _simple(actions.AddParagraph, placeholder=True),
    "add-agenda-item": _simple(actions.AddAgendaItem),
    "indent": lambda e, u, d, t: actions.indent(e, u, t),
    "outdent": lambda e, u, d, t: actions.outdent(e, u, t),
    "move-up": _simple(actions.MoveBy, step=-1),
    "move-down": _simple(actions.MoveBy, step=1),
    "toggle-heading": _simple(actions.ToggleHeading),
    "bracket": _simple(actions.Bracket),
    "unbracket": _simple(actions.Bracket, remove=True),
    "delete": _simple(actions.Delete),
    "join": _simple(actions.JoinWithAbove),
    "add-footnote": _add_footnote,
}
# Actions that may take several selected elements at once (``keys``), as one change.
SEVERAL = {"indent", "outdent", "move-up", "move-down", "bracket", "unbracket", "delete"}
PLACEMENTS = ("before", "after", "inside")


class ElementActionView(WorkingDraftMixin, View):
    """POST one change to one element of the working draft (or to the selected elements)."""

    def post(self, request, code: str, key, action: str):
        element = self.working_elements().filter(key=key).first()
        if element is None:
            deleted = actions.missing_element(self.version.pk, key)
            if deleted is None:
                raise Http404("No such element in this working draft.")
            return self.refused(deleted)
        try:
            edit = self.make(action, element, request.POST)
        except ValueError as error:
            return self.fragment("drafting/_editor_problem.html", status=400, problems=[str(error)])
        try:
            outcome = edit.execute()
        except actions.Refusal as refusal:
            return self.refused(refusal)
        if action == "text":
            row = self.fragment("drafting/_editor_row.html", **editable_row(edit.element))
            return trigger(row, "editor:saved", {"key": str(element.key), "group": outcome.group})
        return self.outline_fragment(outcome, element.version)

    def make(self, action: str, element: Element, data: QueryDict) -> actions.WorkingDraftAction:
        """The action the request asks for; ``ValueError`` in words when it is malformed."""
        user, tab = self.request.user, self.tab
        elements = self.selected(element, data)
        if action == "move":
            return self.moves(elements, data)
        make = ACTIONS.get(action)
        if make is None:
            raise Http404("No such change.")
        if len(elements) == 1:
            return make(element, user, data, tab)
        if action not in SEVERAL:
            raise ValueError("This change is made to one element at a time.")
        # Moving up several: the first goes first; moving down, the last goes first.
        ordered = elements[::-1] if action in ("move-down", "outdent") else elements
        edits = [make(e, user, data, tab) for e in ordered]
        return actions.Together(user=user, edits=edits, tab_id=tab)

    def selected(self, element: Element, data: QueryDict) -> list[Element]:
        """The element of the URL, or every selected one (``keys``), in document order."""
        keys = data.getlist("keys")
        if not keys:
            return [element]
        try:
            wanted = {uuid.UUID(key) for key in keys}
        except ValueError:
            raise ValueError("The selection is damaged; select the elements again.") from None
        found = {e.key: e for e in self.working_elements().filter(key__in=wanted)}
        order = outline_editor.Outline.of(element.version).order()
        return sorted(found.values(), key=lambda e: order.get(e.pk, 0))

    def moves(self, elements: list[Element], data: QueryDict) -> actions.WorkingDraftAction:
        """Drag and drop, paste after cut, "Move to…": each element in turn, keeping order."""
        placement = data.get("placement", "after")
        target = _target(elements[0], data)
        if placement not in PLACEMENTS:
            raise ValueError("Choose before, after or inside.")
        if target is None:
            raise ValueError("The place you chose no longer exists; choose it again.")
        user, tab = self.request.user, self.tab
        edits: list[actions.ElementEdit] = []
        for element in elements:
            edits.append(
                actions.MoveTo(
                    user=user, element=element, target=target, placement=placement, tab_id=tab
                )
            )
            if placement != "inside":
                target, placement = element, "after"
        if len(edits) == 1:
            return edits[0]
        return actions.Together(user=user, edits=edits, tab_id=tab)


class FootnoteView(WorkingDraftMixin, View):
    """POST a footnote's new text, or ``remove=1`` to take it and its call out."""

    def post(self, request, code: str, key):
        footnote = get_object_or_404(
            Footnote.objects.select_related("element__version", "version__document"),
            key=key,
            version__document__meeting=self.meeting,
            version__status=Version.Status.WORKING,
        )
        edit = actions.EditFootnote(
            user=request.user,
            footnote=footnote,
            text=request.POST.get("text", ""),
            remove=request.POST.get("remove") == "1",
            tab_id=self.tab,
        )
        try:
            outcome = edit.execute()
        except actions.Refusal as refusal:
            return self.refused(refusal)
        return self.outline_fragment(outcome, footnote.version)


class UndoView(WorkingDraftMixin, View):
    """POST the id of a change (``token``) to take it back: undo, redo, restore a deletion."""

    def post(self, request, code: str):
        undo = actions.Undo(
            user=request.user,
            version=self.version,
            token=request.POST.get("token", "")[:64],
            tab_id=self.tab,
        )
        try:
            outcome = undo.execute()
        except actions.Refusal as refusal:
            return self.refused(refusal)
        return self.outline_fragment(outcome, self.version)


class ChangesView(WorkingDraftMixin, View):
    """GET what others changed since a history cursor: 204 when nothing, else fragments."""

    def get(self, request, code: str):
        changes = sync.ChangesSince.find(
            self.version, request.GET.get("since", ""), request.user, self.tab
        )
        if not changes.structural and not changes.keys:
            response = HttpResponse(status=204)
        else:
            outline = outline_editor.Outline.of(self.version)
            if changes.structural:
                rows = outline.rows()
            else:
                rows = [row for row in outline.rows() if str(row.element.key) in changes.keys]
            response = self.fragment(
                "drafting/_editor_changes.html", rows=rows, structural=changes.structural
            )
        return trigger(response, "editor:cursor", {"since": changes.cursor})


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
    html = outline_editor.editable_html(element.text, footnotes)
    return {"element": element, "row_markup": outline_editor.row_html(element, html, oob=oob)}


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
        revert = actions.Revert(
            user=request.user, element=element, history_id=history_id, tab_id=self.tab
        )
        try:
            revert.execute()
        except actions.Refusal as refusal:
            return self.refused(refusal)
        return self.fragment(
            "drafting/_editor_history.html",
            entries=history_entries(revert.element),
            reverted=True,
            **editable_row(revert.element, oob=True),
        )
