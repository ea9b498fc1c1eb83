"""The outline editor of the working draft: the page, and the small requests it makes.

Every change is one POST naming an action; the answer is the parts of the page to show
again, each marked to be swapped in by htmx where it belongs (``hx-swap-oob``): the
outline or an element's rows, and the footnote pane. An ``HX-Trigger`` event says where
the cursor goes and the change's id (what Ctrl+Z takes back); a saved text answers with
its element's row and an ``editor:saved`` event. A refusal answers 400 with the reason in
plain words, placed next to the element it is about; a text typed over someone else's
newer save, or into an element deleted meanwhile, answers 409 with what the person needs
to choose, and nothing they typed is lost; each refusal carries an ``editor:refused``
event. ``tab`` in each request names the browser tab, so that a tab's own changes do not
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
from ..clipboard import read_clipboard
from ..diff import word_diff
from ..models import Element, Footnote, OutcomeDocument, Version

EDIT = "can_edit_working_draft"


def trigger(response: HttpResponse, event: str, detail: dict[str, Any]) -> HttpResponse:
    """Tell the page what happened, as an htmx event the editor listens to."""
    response["HX-Trigger"] = json.dumps({event: detail})
    return response


def row_place(key: object) -> str:
    """Where the page shows what is said about an element: at the end of its row."""
    return f"#row-{key}"


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

    def element_to_change(self) -> Element:
        """The element of the URL; if it was deleted from the working draft, a ``Conflict``
        saying who deleted it and when, so that what the person typed into it is kept."""
        element = self.working_elements().filter(key=self.kwargs["key"]).first()
        if element is not None:
            return element
        deleted = actions.missing_element(self.version.pk, self.kwargs["key"])
        if deleted is None:
            raise Http404("No such element in the working draft.")
        raise deleted

    def fragment(self, template: str, status: int = 200, **context: object) -> HttpResponse:
        context.update(meeting=self.meeting)
        return HttpResponse(render_to_string(template, context, self.request), status=status)

    def outline_fragment(
        self, outcome: actions.Outcome, version: Version, **detail: object
    ) -> HttpResponse:
        """The refreshed part of the outline and the footnote pane, out of band, telling
        the editor where to put the cursor and the change's id."""
        outline = outline_editor.Outline.of(version)
        root = outline.find(str(outcome.refresh.key)) if outcome.refresh is not None else None
        response = self.fragment(
            "drafting/_editor_parts.html",
            structural=root is None,
            rows=outline.rows(root),
            footnotes=outline.footnote_pane(),
        )
        focus = str(outcome.focus.key) if outcome.focus is not None else None
        return trigger(
            response,
            "editor:changed",
            {"focus": focus, "group": outcome.group, "undo": outcome.undo, **detail},
        )

    def answer(
        self, edit: actions.WorkingDraftAction, version: Version, place: str, **detail: object
    ) -> HttpResponse:
        """Run ``edit``: what it changed, or its refusal in words at ``place``; ``detail``
        goes with the event either way."""
        try:
            outcome = edit.execute()
        except actions.Refusal as refusal:
            return self.refused(refusal, place, **detail)
        return self.outline_fragment(outcome, version, **detail)

    def refused(self, refusal: actions.Refusal, place: str = "", **detail: object) -> HttpResponse:
        """400, 403 or 409 in words, shown at ``place`` (an element's row, a footnote; the
        toolbar when empty): a problem, both texts of a conflict, or who deleted the
        element. ``editor:refused`` tells the page which, with ``detail``."""
        details = refusal.details
        if details.get("deleted"):
            kind, template = "deleted", "drafting/_editor_deleted.html"
            context: dict[str, object] = {"refusal": refusal, **details}
        elif details.get("stale"):
            kind, template = "stale", "drafting/_editor_conflict.html"
            context = self.conflict(details["element"], details["yours"])
        else:
            kind, template = "problem", "drafting/_editor_problem.html"
            context = {"problems": refusal.problems}
        response = self.fragment(
            "drafting/_editor_refusal.html",
            status=refusal.status,
            inner=template,
            place=place,
            **context,
        )
        return trigger(response, "editor:refused", {"kind": kind, **detail})

    def conflict(self, element: Element, yours: str) -> dict[str, object]:
        """Both texts side by side, so that the person chooses and loses nothing."""
        footnotes = {str(f.key): f.text for f in element.footnotes.all()}
        return {
            "element": element,
            "theirs": outline_editor.editable_html(element.text, footnotes),
            "yours": outline_editor.editable_html(inline.sanitize(yours), footnotes),
            "latest": element.history.select_related("history_user").first(),
        }


class EditorView(WorkingDraftMixin, TemplateView):
    template_name = "drafting/editor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outline = outline_editor.Outline.of(self.version)
        context.update(
            version=self.version,
            since=self.version.document.versions.issued().order_by("date", "id").last(),
            rows=outline.rows(),
            footnotes=outline.footnote_pane(),
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
        place = row_place(key)
        try:
            element = self.element_to_change()
            edit = self.make(action, element, request.POST)
        except ValueError as error:
            return self.refused(actions.Invalid(str(error)), place, key=str(key))
        except actions.Refusal as refusal:
            return self.refused(refusal, place, key=str(key))
        if action != "text":
            return self.answer(edit, element.version, place, key=str(key))
        try:
            edit.execute()
        except actions.Refusal as refusal:
            return self.refused(refusal, place, key=str(key))
        return self.saved(edit)

    def saved(self, save: actions.WorkingDraftAction) -> HttpResponse:
        """The saved element's row, with its new revision in an ``editor:saved`` event."""
        element = save.element
        row = self.fragment("drafting/_editor_row.html", **editable_row(element))
        detail = {"key": str(element.key), "group": save.change_id, "revision": element.revision}
        return trigger(row, "editor:saved", detail)

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
            return make(elements[0], user, data, tab)
        if action not in SEVERAL:
            raise ValueError("This change is made to one element at a time.")
        # Moving up several: the first goes first; moving down, the last goes first.
        ordered = elements[::-1] if action in ("move-down", "outdent") else elements
        edits = [make(e, user, data, tab) for e in ordered]
        return actions.Together(user=user, edits=edits, tab_id=tab)

    def selected(self, element: Element, data: QueryDict) -> list[Element]:
        """The element of the URL, or every selected one (``keys``), in document order; an
        element selected together with one it lies under goes along with that one."""
        keys = data.getlist("keys")
        if not keys:
            return [element]
        try:
            wanted = {uuid.UUID(key) for key in keys}
        except ValueError:
            raise ValueError("The selection is damaged; select the elements again.") from None
        found = {e.pk: e for e in self.working_elements().filter(key__in=wanted)}
        outline = outline_editor.Outline.of(element.version)
        parent = {e.pk: e.parent_id for e in outline.in_order()}

        def under_another(pk: int | None) -> bool:
            pk = parent.get(pk)
            while pk is not None and pk not in found:
                pk = parent.get(pk)
            return pk is not None

        order = outline.order()
        tops = [e for e in found.values() if not under_another(e.pk)]
        return sorted(tops, key=lambda e: order.get(e.pk, 0)) or [element]

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


class PasteView(WorkingDraftMixin, View):
    """POST what was pasted into an element (the clipboard's ``html`` and ``text``): its
    paragraphs go in after the element as one change. A piece of one paragraph changes
    nothing here: an ``editor:paste`` event hands its sanitised text back to go in at the
    cursor, where it is saved as typing."""

    def post(self, request, code: str, key):
        place = row_place(key)
        try:
            element = self.element_to_change()
            clipping = read_clipboard(request.POST.get("html", ""), request.POST.get("text", ""))
        except ValueError as error:
            return self.refused(actions.Invalid(str(error)), place, key=str(key))
        except actions.Refusal as refusal:
            return self.refused(refusal, place, key=str(key))
        if clipping.is_inline:
            detail = {"key": str(element.key), "html": clipping.piece}
            return trigger(HttpResponse(), "editor:paste", detail)
        paste = actions.PasteParagraphs(
            user=request.user,
            element=element,
            paragraphs=clipping.paragraphs,
            footnotes=clipping.footnotes,
            tab_id=self.tab,
        )
        return self.answer(paste, element.version, place, key=str(key))


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
        return self.answer(edit, footnote.version, f"#fn-{key}", footnote=str(key))


class UndoView(WorkingDraftMixin, View):
    """POST the id of a change (``token``) to take it back: undo, redo, restore a deletion.
    The answer names the token it took back (``undid``), for the page's undo stack."""

    def post(self, request, code: str):
        token = request.POST.get("token", "")[:64]
        undo = actions.Undo(user=request.user, version=self.version, token=token, tab_id=self.tab)
        return self.answer(undo, self.version, "", undid=token)


class ChangesView(WorkingDraftMixin, View):
    """GET what others changed since a history cursor: 204 when nothing, else the parts of
    the page to show again (the outline or the changed rows, the footnote pane), out of band."""

    def get(self, request, code: str):
        changes = sync.ChangesSince.find(
            self.version, request.GET.get("since", ""), request.user, self.tab
        )
        if not changes.structural and not changes.keys:
            response = HttpResponse(status=204)
        else:
            outline = outline_editor.Outline.of(self.version)
            rows = outline.rows()
            if not changes.structural:
                rows = [row for row in rows if str(row.element.key) in changes.keys]
            response = self.fragment(
                "drafting/_editor_changes.html",
                rows=rows,
                structural=changes.structural,
                footnotes=outline.footnote_pane(),
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
        response = self.fragment(
            "drafting/_editor_history.html",
            entries=history_entries(revert.element),
            reverted=True,
            **editable_row(revert.element, oob=True),
        )
        return trigger(response, "editor:changed", {"focus": None, "group": revert.change_id})
