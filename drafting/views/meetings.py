"""A meeting's page: its facts and the versions of its outcome document."""

from django.db.models import F
from django.views.generic import TemplateView

from meetings.mixins import MeetingAccessMixin
from meetings.models import Membership
from meetings.public_pages import PublicPageMixin

from ..models import Version


class MeetingDetailView(PublicPageMixin, MeetingAccessMixin, TemplateView):
    """A meeting's facts and the versions of its outcome document the user may read."""

    template_name = "meetings/meeting_detail.html"

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
