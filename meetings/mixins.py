"""The one way a view finds its meeting and the user's access to it."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .access import Access
from .models import Meeting


class MeetingAccessMixin:
    """Loads ``self.meeting`` from the ``code`` URL argument and ``self.access`` for the user.

    A meeting the user may not see answers 404, so that its existence is not revealed.
    Views that need more than reading set ``required_permission`` to the name of an
    ``Access`` property; a member without it gets 403, a signed-out visitor the sign-in page.
    """

    required_permission: str | None = None

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(Meeting, code=kwargs["code"])
        self.access = Access.of(request.user, self.meeting)
        visible = self.access.is_member or (
            Meeting.objects.visible_to(request.user).filter(pk=self.meeting.pk).exists()
        )
        if not visible:
            raise Http404("No such meeting.")
        if self.required_permission and not getattr(self.access, self.required_permission):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied("Your role in this meeting does not allow this.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(meeting=self.meeting, access=self.access)
        return context
