"""The list of meetings."""

from django.views.generic import ListView

from .models import Meeting


class MeetingListView(ListView):
    """The meetings the user may see: their own, and every meeting with a published draft."""

    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).select_related("chair_state")
