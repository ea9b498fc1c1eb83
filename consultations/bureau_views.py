"""The Bureau page: seats per regional group, nominations, what is filled and missing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from meetings.mixins import MeetingAccessMixin

from .bureau import Bureau, NominateToBureau, SetBureauSeats
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
                self.meeting,
                request.user,
                form.cleaned_data["state"],
                form.cleaned_data["regional_group"],
                form.cleaned_data["nominated_on"],
            )
            for problem in action.check():
                form.add_error(None, problem)
            if form.is_valid():
                nomination = action.execute()
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
            action = SetBureauSeats(self.meeting, request.user, form.seats())
            for problem in action.check():
                form.add_error(None, problem)
            if form.is_valid():
                action.execute()
                messages.success(request, "The seats are saved.")
                return HttpResponseRedirect(self.bureau_url())
        return self.render_to_response(self.get_context_data(seats_form=form), status=400)


class WithdrawNominationView(MeetingAccessMixin, View):
    required_permission = "can_keep_bureau"

    def post(self, request, *args, **kwargs):
        nomination = get_object_or_404(
            self.meeting.bureau_nominations.select_related("state"), pk=kwargs["pk"]
        )
        nomination.delete()
        messages.success(request, f"The nomination of {nomination.state} is withdrawn.")
        return HttpResponseRedirect(reverse("bureau", kwargs={"code": self.meeting.code}))
