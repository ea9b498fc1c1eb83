"""Pages for the chair's letters: write the letter and its annexes, send it, download PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    ListView,
    TemplateView,
    UpdateView,
)

from drafting.models import Version
from meetings.actions import Conflict, Forbidden, Invalid, Refusal
from meetings.mixins import MeetingAccessMixin

from . import letter_text, pdf, tasks
from .actions import CopyLetter, DeleteLetter, SendLetter
from .forms import KIND_HELP, AnnexForm, LetterForm, LetterheadForm, reference_taken
from .models import Annex, Letter, Letterhead


class LetterMixin(MeetingAccessMixin):
    """Finds the letter of the URL within the meeting; only the chair's team and the
    secretariat prepare letters."""

    required_permission = "can_prepare_letters"

    def get_letter(self) -> Letter:
        return get_object_or_404(
            Letter.objects.select_related("meeting", "letterhead"),
            meeting=self.meeting,
            pk=self.kwargs["pk"],
        )


class UnsentLetterMixin(LetterMixin):
    """Refuses, with a plain message, any change to a letter that has been sent."""

    def get(self, request, *args, **kwargs):
        return self._if_unsent(super().get, request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._if_unsent(super().post, request, *args, **kwargs)

    def _if_unsent(self, handler, request, *args, **kwargs):
        letter = self.get_letter()
        if letter.is_sent:
            messages.error(
                request,
                f"This letter was sent on {letter.sent_at:%d %B %Y} and can no longer be changed.",
            )
            return HttpResponseRedirect(letter.get_absolute_url())
        self.letter = letter
        return handler(request, *args, **kwargs)


class LetterListView(LetterMixin, ListView):
    template_name = "letters/letter_list.html"
    context_object_name = "letters"

    def get_queryset(self):
        return self.meeting.letters.select_related("letterhead")

    def get_context_data(self, **kwargs):
        return super().get_context_data(letterheads=self.meeting.letterheads.all(), **kwargs)


class LetterDetailView(LetterMixin, DetailView):
    template_name = "letters/letter_detail.html"
    context_object_name = "letter"

    def get_object(self, queryset=None) -> Letter:
        return self.get_letter()

    def get_context_data(self, **kwargs):
        annexes = self.object.annexes.select_related("version", "compared_with")
        return super().get_context_data(annexes=annexes, **kwargs)


# What a new letter takes from the meeting's last letter.
FROM_THE_LAST_LETTER = (
    "letterhead",
    "salutation",
    "closing",
    "signatory_name",
    "signatory_title",
    "addressees",
)


class LetterFormMixin:
    form_class = LetterForm
    template_name = "letters/letter_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"meeting": self.meeting}

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            # Another letter took the same reference between the form's check and the save.
            problem = reference_taken(self.meeting, form.instance.reference, form.instance)
            if not problem:
                raise
            form.add_error("reference", problem)
            return self.form_invalid(form)


class LetterCreateView(LetterFormMixin, LetterMixin, CreateView):
    """A new letter, from the meeting's last one. With ``?summary=draft-1...draft-2`` (two
    versions the user may read; the compare page links here) its body starts with the
    summary of the changes between them, for the chair's team to edit."""

    summarised: tuple[Version, Version] | None = None

    def get(self, request, *args, **kwargs):
        self.summarised = self.versions_to_summarise(request.GET.get("summary"))
        return super().get(request, *args, **kwargs)

    def versions_to_summarise(self, pair: str | None) -> tuple[Version, Version] | None:
        if pair is None:
            return None
        old, _dots, new = pair.partition("...")
        versions = Version.objects.filter(document__meeting=self.meeting).visible_to(self.access)
        return get_object_or_404(versions, slug=old), get_object_or_404(versions, slug=new)

    def get_initial(self):
        """Start from the meeting's last letter: same letterhead, signatory and addressees."""
        last = self.meeting.letters.order_by("-date", "-id").first()
        if last is None:
            initial = {"signatory_name": self.meeting.chair_name}
        else:
            initial = {name: getattr(last, name) for name in FROM_THE_LAST_LETTER}
        if self.summarised:
            initial["body"] = letter_text.summary_of_changes(*self.summarised)
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(summarised=self.summarised, **kwargs)

    def form_valid(self, form):
        form.instance.meeting = self.meeting
        return super().form_valid(form)


class LetterUpdateView(LetterFormMixin, UnsentLetterMixin, UpdateView):
    def get_object(self, queryset=None) -> Letter:
        return self.letter


class LetterSendView(LetterMixin, View):
    """Marks the letter as sent and queues its final PDF, which is from then on what is served."""

    def post(self, request, *args, **kwargs):
        letter = self.get_letter()
        try:
            letter = SendLetter(user=request.user, letter=letter).execute()
        except Invalid as refusal:
            messages.info(request, " ".join(refusal.problems))
        else:
            tasks.request_pdf(pdf.PdfSubject(letter=letter))
            messages.success(request, "The letter is marked as sent; its final PDF is being made.")
        return HttpResponseRedirect(letter.get_absolute_url())


class LetterCopyView(LetterMixin, View):
    """POST: a new letter made from this one (``CopyLetter``), opened for editing."""

    def post(self, request, *args, **kwargs):
        original = self.get_letter()
        try:
            letter = CopyLetter(user=request.user, letter=original).execute()
        except Invalid as refusal:
            messages.error(request, " ".join(refusal.problems))
            return HttpResponseRedirect(reverse("letter-list", args=[self.meeting.code]))
        annexes = letter.annexes.count()
        messages.success(
            request,
            f"This new letter is made from the {original.name}"
            + (f", with its {annexes} annex{'es' if annexes > 1 else ''}" if annexes else "")
            + ". It is dated today and has no reference yet: give it its own.",
        )
        return HttpResponseRedirect(reverse("letter-update", args=[self.meeting.code, letter.pk]))


class LetterDeleteView(LetterMixin, TemplateView):
    """GET asks to confirm; POST deletes the letter (``DeleteLetter``). A sent letter is
    never deleted: its page says so."""

    template_name = "letters/letter_confirm_delete.html"

    def get(self, request, *args, **kwargs):
        action = DeleteLetter(user=request.user, letter=self.get_letter())
        refusal = action.refusal()
        if refusal is not None:
            return self.refused(action.letter, refusal)
        annexes = action.letter.annexes.all()
        return self.render_to_response(self.get_context_data(letter=action.letter, annexes=annexes))

    def post(self, request, *args, **kwargs):
        action = DeleteLetter(user=request.user, letter=self.get_letter())
        try:
            letter = action.execute()
        except Invalid as refusal:
            return self.refused(action.letter, refusal)
        messages.success(request, f"The {letter.name} was deleted, with its annexes.")
        return HttpResponseRedirect(reverse("letter-list", args=[self.meeting.code]))

    def refused(self, letter: Letter, refusal: Refusal) -> HttpResponseRedirect:
        if isinstance(refusal, Forbidden):
            raise refusal
        messages.error(self.request, " ".join(refusal.problems))
        if isinstance(refusal, Conflict):
            return HttpResponseRedirect(reverse("letter-list", args=[self.meeting.code]))
        return HttpResponseRedirect(letter.get_absolute_url())


class AnnexMixin(UnsentLetterMixin):
    def get_object(self, queryset=None) -> Annex:
        return get_object_or_404(Annex, letter=self.letter, pk=self.kwargs["annex"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(letter=self.letter, **kwargs)

    def get_success_url(self) -> str:
        return self.letter.get_absolute_url()


class AnnexFormMixin(AnnexMixin):
    """The annex form in two steps that need no script: first the kind (a GET form that
    comes back with ``?kind=``), then the fields of that kind. ``?choose`` goes back to the
    first step; an annex being edited starts from its own kind."""

    model = Annex
    form_class = AnnexForm
    template_name = "letters/annex_form.html"

    @property
    def kind(self) -> str | None:
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        if "choose" in data:
            return None
        current = self.object.kind if getattr(self, "object", None) else ""
        kind = data.get("kind") or current
        return kind if kind in Annex.Kind.values else None

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"meeting": self.meeting, "kind": self.kind}

    def get_initial(self):
        asked = self.request.GET.get("kind")
        return super().get_initial() | ({"kind": asked} if asked in Annex.Kind.values else {})

    def get_template_names(self) -> list[str]:
        if self.kind is None:
            return ["letters/annex_kind.html"]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        kind = self.kind
        return super().get_context_data(
            kind=kind,
            kind_label=Annex.Kind(kind).label if kind else "",
            kind_help=KIND_HELP,
            **kwargs,
        )


class AnnexCreateView(AnnexFormMixin, CreateView):
    def get_initial(self):
        position = self.letter.annexes.count() + 1
        return super().get_initial() | {"position": position, "title": f"Annex {position}"}

    def form_valid(self, form):
        form.instance.letter = self.letter
        return super().form_valid(form)


class AnnexUpdateView(AnnexFormMixin, UpdateView):
    pass


class AnnexDeleteView(AnnexMixin, DeleteView):
    template_name = "letters/annex_confirm_delete.html"


class LetterheadFormMixin(MeetingAccessMixin):
    required_permission = "can_prepare_letters"
    model = Letterhead
    form_class = LetterheadForm
    template_name = "letters/letterhead_form.html"

    def get_queryset(self):
        return self.meeting.letterheads.all()

    def get_success_url(self) -> str:
        return reverse("letter-list", kwargs={"code": self.meeting.code})


class LetterheadCreateView(LetterheadFormMixin, CreateView):
    def form_valid(self, form):
        form.instance.meeting = self.meeting
        return super().form_valid(form)


class LetterheadUpdateView(LetterheadFormMixin, UpdateView):
    pass
