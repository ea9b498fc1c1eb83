"""The list of meetings, and the page of a request that failed."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views import defaults
from django.views.generic import ListView

from .models import Meeting


class MeetingListView(ListView):
    """The meetings the user may see: their own, and every meeting with a published draft."""

    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).select_related("chair_state")


# Seconds to wait before trying again while the database is away: a restart takes about 1.5 s.
RETRY_AFTER = 5


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. A request that failed because the database could not be reached
    (restarting, failing over) gets a 503 with ``Retry-After`` and a page that says so; the
    page needs no database (no user, no session), and the next request reconnects."""
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return defaults.server_error(request)
    page = render_to_string("database_unavailable.html", {"retry_after": RETRY_AFTER})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
