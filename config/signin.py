"""Signing in: the page's words about throttling, and the page a paused sign-in gets.

django-axes counts failed sign-ins (settings: ``AXES_*``); these functions only say so.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def throttle_context() -> dict[str, int]:
    """How many failures pause signing in, and for how many minutes."""
    return {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "pause_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The sign-in page again (429), the username kept, saying that signing in is paused
    and for how long; axes calls this in place of the page it would have sent."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = throttle_context() | {
        "form": form,
        "locked_out": True,
        "next": request.POST.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)


def client_ip_behind_proxy(request: HttpRequest) -> str:
    """The address the proxy saw: the last one in X-Forwarded-For, which the proxy appends
    (the earlier ones are whatever the client sent). Used only when ``BEHIND_TLS_PROXY``
    says a proxy is there; otherwise REMOTE_ADDR is the client."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last or request.META.get("REMOTE_ADDR", "")
