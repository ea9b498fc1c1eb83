"""Pages of the outcome document."""

from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.generic import DetailView

from meetings.mixins import MeetingAccessMixin
from meetings.public_pages import PublicPageMixin

from .. import cached
from ..models import Publication, Version
from ..rendering.blocks import blocks
from ..rendering.document import footnote_list, reading_html
from ..rendering.markup import DocumentNumbering


class VersionDetailView(PublicPageMixin, MeetingAccessMixin, DetailView):
    """One version of the outcome document, laid out like the circulated annex.

    The page costs a constant number of queries: the tree comes from ``Version.tree()``,
    and an issued version's document is rendered once per release (``cached.body``).
    """

    template_name = "drafting/version_detail.html"
    context_object_name = "version"

    def get_object(self, queryset=None) -> Version:
        versions = Version.objects.filter(document__meeting=self.meeting).visible_to(self.access)
        return get_object_or_404(
            versions.select_related("document__meeting"), slug=self.kwargs["slug"]
        )

    def previous_issued(self) -> Version | None:
        """The issued version this one is read against: the last one issued before it."""
        issued = list(
            Version.objects.filter(document__meeting=self.meeting)
            .visible_to(self.access)
            .issued()
            .order_by("date", "id")
            .only("slug", "label", "date")
        )
        if not self.object.is_issued:
            return issued[-1] if issued else None
        position = [v.pk for v in issued].index(self.object.pk)
        return issued[position - 1] if position else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            previous=self.previous_issued(),
            is_published=Publication.objects.filter(version=self.object).exists(),
            body=cached.body("version", [self.object], self.render_body),
        )
        return context

    def render_body(self) -> SafeString:
        """The document itself: the same for every reader of this version."""
        tree = self.object.tree()
        numbers = tree.footnote_numbers()
        numbering = DocumentNumbering(numbers)
        return render_to_string(
            "drafting/_version_body.html",
            {
                "version": self.object,
                "elements": reading_html(blocks(tree), numbering),
                "footnotes": footnote_list(tree, numbers, numbering),
            },
        )
