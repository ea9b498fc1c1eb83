"""Meeting pages."""

from django.db.models import F
from django.views.generic import ListView, TemplateView

from drafting.models import Version

from .mixins import MeetingAccessMixin
from .models import Meeting, Membership


class MeetingListView(ListView):
    """The meetings the user may see: their own, and every meeting with a published draft."""

    template_name = "consultations/meeting_list.html"
    context_object_name = "meetings"

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).select_related("chair_state")


class MeetingDetailView(MeetingAccessMixin, TemplateView):
    """A meeting's facts and the versions of its outcome document the user may read."""

    template_name = "consultations/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The working draft has no date: it comes first, then the newest issued draft.
        context["versions"] = (
            Version.objects.filter(document__meeting=self.meeting)
            .visible_to(self.access)
            .select_related("document__meeting", "publication")
            .order_by(F("date").desc(nulls_first=True), "-id")
        )
        if self.access.role:
            context["role"] = Membership.Role(self.access.role).label
        return context
