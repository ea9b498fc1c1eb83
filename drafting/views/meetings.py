"""A meeting's page: its facts, the versions of its outcome document and the negotiation
at a glance."""

from django.db.models import F
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.generic import TemplateView

from meetings.mixins import MeetingAccessMixin
from meetings.models import Membership
from meetings.public_pages import PublicPageMixin

from .. import cached
from ..models import Version
from ..negotiation_chart import bracket_chart, bracket_table
from ..negotiation_versions import issued_in_order, versions_negotiation


class MeetingDetailView(PublicPageMixin, MeetingAccessMixin, TemplateView):
    """A meeting's facts and the versions of its outcome document the user may read, with
    the figures of the issued ones among them (``negotiation``), which are computed once
    per release and set of drafts (``cached.body``): issued drafts never change."""

    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The working draft has no date: it comes first, then the newest issued draft.
        versions = list(
            Version.objects.filter(document__meeting=self.meeting)
            .visible_to(self.access)
            .select_related("document__meeting", "publication")
            .order_by(F("date").desc(nulls_first=True), "-id")
        )
        context["versions"] = versions
        drafts = issued_in_order(versions)
        if drafts:
            context["negotiation"] = cached.body(
                "negotiation", drafts, lambda: self.render_negotiation(drafts)
            )
        if self.access.role:
            context["role"] = Membership.Role(self.access.role).label
        return context

    def render_negotiation(self, drafts: list[Version]) -> SafeString:
        """The figures, plot and paragraphs of ``drafts``: the same for every reader of them."""
        figures = versions_negotiation(drafts)
        table = bracket_table(figures)
        rows = [
            {"version": version, "figures": draft, "previous": previous}
            for version, draft, previous in zip(
                drafts, figures.drafts, [None, *drafts[:-1]], strict=True
            )
        ]
        return render_to_string(
            "drafting/_negotiation.html",
            {
                "meeting": self.meeting,
                "drafts": rows,
                "chart": bracket_chart(table),
                "table": table,
                "negotiation": figures,
            },
        )
