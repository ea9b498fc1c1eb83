"""The Bureau page: seats per regional group, nominations, what is filled and missing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from meetings.actions import Invalid
from meetings.forms import execute_on_form
from meetings.mixins import MeetingAccessMixin

from .bureau import Bureau, NominateToBureau, SetBureauSeats, WithdrawNomination
from .forms import BureauSeatsForm, NominationForm


class BureauView(MeetingAccessMixin, TemplateView):
    """Every member sees the Bureau; the secretariat and the chair's team keep it. A form
    posted with problems comes back here with them, and with what was typed."""

    required_permission = "can_read_issued"
    template_name = "consultations/bureau.html"

    def get_context_data(self, **kwargs):
        bureau = Bureau.of(self.meeting)
        kwargs.setdefault("nomination_form", NominationForm(initial={"nominated_on": None}))
        kwargs.setdefault("seats_form", BureauSeatsForm(bureau=bureau))
        return super().get_context_data(bureau=bureau, **kwargs)

    def bureau_url(self) -> str:
        return reverse("bureau", kwargs={"code": self.meeting.code})


class NominateView(BureauView):
    required_permission = "can_keep_bureau"

    def post(self, request, *args, **kwargs):
        form = NominationForm(request.POST)
        if form.is_valid():
            action = NominateToBureau(
                user=request.user,
                meeting=self.meeting,
                state=form.cleaned_data["state"],
                group=form.cleaned_data["regional_group"],
                nominated_on=form.cleaned_data["nominated_on"],
            )
            if execute_on_form(action, form):
                nomination = action.result
                messages.success(
                    request,
                    f"{nomination.state} is nominated by the {nomination.regional_group} group.",
                )
                return HttpResponseRedirect(self.bureau_url())
        return self.render_to_response(self.get_context_data(nomination_form=form), status=400)


class BureauSeatsView(BureauView):
    required_permission = "can_keep_bureau"

    def post(self, request, *args, **kwargs):
        form = BureauSeatsForm(request.POST, bureau=Bureau.of(self.meeting))
        if form.is_valid():
            action = SetBureauSeats(user=request.user, meeting=self.meeting, seats=form.seats())
            if execute_on_form(action, form):
                messages.success(request, "The seats are saved.")
                return HttpResponseRedirect(self.bureau_url())
        return self.render_to_response(self.get_context_data(seats_form=form), status=400)


class WithdrawNominationView(MeetingAccessMixin, View):
    required_permission = "can_keep_bureau"

    def post(self, request, *args, **kwargs):
        nomination = get_object_or_404(
            self.meeting.bureau_nominations.select_related("state"), pk=kwargs["pk"]
        )
        try:
            WithdrawNomination(
                user=request.user, meeting=self.meeting, nomination=nomination
            ).execute()
        except Invalid as refusal:
            messages.error(request, " ".join(refusal.problems))
        else:
            messages.success(request, f"The nomination of {nomination.state} is withdrawn.")
        return HttpResponseRedirect(reverse("bureau", kwargs={"code": self.meeting.code}))
