"""Meeting pages."""
from django.views.generic import DetailView, ListView

from .models import Meeting


class MeetingListView(ListView):
    model = Meeting
    template_name = "consultations/meeting_list.html"


class MeetingDetailView(DetailView):
    model = Meeting
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "consultations/meeting_detail.html"
