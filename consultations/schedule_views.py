"""The schedule of informal consultations: the list, the week timetable, calendar files,
and the forms the secretariat and the chair's team keep it with."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import CreateView, DeleteView, TemplateView, UpdateView

from meetings.mixins import MeetingAccessMixin

from . import ical, timetable
from .forms import ConsultationForm
from .models import Consultation


class ScheduleMixin(MeetingAccessMixin):
    """Every member reads the schedule; the secretariat and the chair's team keep it."""

    required_permission = "can_read_issued"

    def sessions(self):
        return self.meeting.consultations.select_related(
            "meeting", "version__document__meeting", "facilitator"
        )


class ScheduleView(ScheduleMixin, TemplateView):
    """Every session of the meeting, by date, with a calendar file for each."""

    template_name = "consultations/schedule.html"

    def get_context_data(self, **kwargs):
        sessions = list(self.sessions())
        weeks = timetable.weeks_with_sessions([s.date for s in sessions])
        return super().get_context_data(sessions=sessions, weeks=weeks, **kwargs)


class TimetableView(ScheduleMixin, TemplateView):
    """One week as a grid, like Annex 2 of the 2021 letter: days across, times down.

    ``?week=2021-06-14`` picks the week (any day of it); otherwise the meeting's own week,
    or the first week with a session.
    """

    template_name = "consultations/timetable.html"

    def get_context_data(self, **kwargs):
        sessions = list(self.sessions())
        weeks = timetable.weeks_with_sessions([s.date for s in sessions])
        monday = self.week(weeks)
        earlier = [w for w in weeks if w < monday]
        later = [w for w in weeks if w > monday]
        return super().get_context_data(
            grid=timetable.week_grid(sessions, monday),
            monday=monday,
            weeks=weeks,
            previous_week=earlier[-1] if earlier else None,
            next_week=later[0] if later else None,
            **kwargs,
        )

    def week(self, weeks: list[datetime.date]) -> datetime.date:
        asked = self.request.GET.get("week")
        if asked:
            try:
                return timetable.monday_of(datetime.date.fromisoformat(asked))
            except ValueError:
                raise Http404("Give the week as a date, such as 2021-07-26.") from None
        if self.meeting.start_date:
            return timetable.monday_of(self.meeting.start_date)
        return weeks[0] if weeks else timetable.monday_of(datetime.date.today())


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CalendarMixin(ScheduleMixin):
    def page_of(self, session: Consultation) -> str:
        url = reverse("schedule", kwargs={"code": self.meeting.code})
        return self.request.build_absolute_uri(f"{url}#session-{session.pk}")


class MeetingCalendarView(CalendarMixin, View):
    """Every session of the meeting as one .ics file."""

    def get(self, request, *args, **kwargs):
        name = f"{self.meeting.code} consultations"
        content = ical.calendar(self.sessions(), name, self.page_of)
        return ics_response(content, f"{self.meeting.code}-consultations.ics")


class SessionCalendarView(CalendarMixin, View):
    """One session as an .ics file."""

    def get(self, request, *args, **kwargs):
        session = get_object_or_404(self.sessions(), pk=kwargs["pk"])
        content = ical.calendar([session], str(self.meeting.code), self.page_of)
        return ics_response(
            content, f"{self.meeting.code}-{session.date:%Y-%m-%d}-{session.start_time:%H%M}.ics"
        )


class ConsultationEditMixin(ScheduleMixin):
    required_permission = "can_schedule"
    model = Consultation

    def get_queryset(self):
        return self.meeting.consultations.all()


class ConsultationFormMixin(ConsultationEditMixin):
    form_class = ConsultationForm
    template_name = "consultations/consultation_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"meeting": self.meeting}

    def get_success_url(self) -> str:
        return (
            reverse("schedule", kwargs={"code": self.meeting.code}) + f"#session-{self.object.pk}"
        )


class ConsultationCreateView(ConsultationFormMixin, CreateView):
    def get_initial(self):
        """Start from the last session: same time zone, format, rooms and platform."""
        last = self.meeting.consultations.order_by("-date", "-start_time").first()
        if last is None:
            return {}
        return {name: getattr(last, name) for name in ["time_zone", "format", "rooms", "platform"]}

    def form_valid(self, form):
        messages.success(self.request, "The session is in the schedule.")
        return super().form_valid(form)


class ConsultationUpdateView(ConsultationFormMixin, UpdateView):
    def form_valid(self, form):
        messages.success(self.request, "The session is changed.")
        return super().form_valid(form)


class ConsultationDeleteView(ConsultationEditMixin, DeleteView):
    template_name = "consultations/consultation_confirm_delete.html"

    def get_success_url(self) -> str:
        return reverse("schedule", kwargs={"code": self.meeting.code})

    def form_valid(self, form):
        messages.success(self.request, "The session is taken out of the schedule.")
        return super().form_valid(form)
