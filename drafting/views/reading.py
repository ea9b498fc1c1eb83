"""Pages of the outcome document."""
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from ..models import Version


class VersionDetailView(DetailView):
    template_name = "drafting/version_detail.html"
    context_object_name = "version"

    def get_object(self, queryset=None) -> Version:
        return get_object_or_404(
            Version.objects.select_related("document__meeting"),
            document__meeting__code=self.kwargs["code"],
            slug=self.kwargs["slug"],
        )
