"""Whole pages that anyone may read, served from the cache to visitors who are not signed in.

On the day a draft is circulated every delegation opens it, mostly without signing in. A
view that shows something public and the same to every such visitor marks its response
with ``mark_public(response, meeting_id)``; ``PublicPageCacheMiddleware`` then keeps the
whole page and serves it again to the next visitor with no session cookie, before the
session, the user, the meeting or anything else is looked up.

An entry is keyed by the code's release, the address, and the meeting's *generation*: a
number kept in the cache that ``changed(meeting_id)`` moves on whenever what the public may
see of that meeting changes (a draft published, a publication withdrawn). The old entries
are then never read again, so a withdrawn draft is gone from the cache at once, in every
process that shares the cache.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

MARK = "_public_meeting"
# How long a public page may be served from the cache: pages of issued drafts never change
# within a release, and the generation takes a withdrawn one out at once.
SECONDS = 24 * 60 * 60


def mark_public(response: HttpResponse, meeting_id: int) -> HttpResponse:
    """Say that ``response`` shows what anyone may read of the meeting, the same to every
    visitor who is not signed in."""
    setattr(response, MARK, meeting_id)
    return response


def changed(meeting_id: int) -> None:
    """What the public may see of the meeting has changed: forget its public pages."""
    key = _generation_key(meeting_id)
    if cache.add(key, 1, timeout=None):
        return
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=None)


def _generation_key(meeting_id: int) -> str:
    return f"public-pages:meeting:{meeting_id}"


def _page_key(request: HttpRequest, meeting_code: str, generation: int) -> str:
    return f"public-pages:{settings.RELEASE}:{meeting_code}:{generation}:{request.get_full_path()}"


def _meeting_of(request: HttpRequest) -> str | None:
    """The meeting code of an address under /meetings/<code>/, if it is one."""
    parts = request.path.split("/")
    return parts[2] if len(parts) > 3 and parts[1] == "meetings" and parts[2] else None


class PublicPageMixin:
    """For a meeting view (after ``MeetingAccessMixin``) whose page a visitor who is not
    signed in may see only when it is public, and then sees as every such visitor does."""

    def dispatch(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        if request.method == "GET" and not request.user.is_authenticated:
            mark_public(response, self.meeting.pk)  # type: ignore[attr-defined]
        return response


class PublicPageCacheMiddleware:
    """Serves marked pages from the cache to GET requests without a session cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = _meeting_of(request)
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        # An htmx request gets a part of the page at the same address: never kept here.
        whole_page = "HX-Request" not in request.headers
        if code is None or request.method != "GET" or not anonymous or not whole_page:
            return self.get_response(request)
        meeting_id = cache.get(f"public-pages:code:{code}")
        if meeting_id is not None:
            generation = cache.get(_generation_key(meeting_id), 0)
            page = cache.get(_page_key(request, code, generation))
            if page is not None:
                return page
        response = self.get_response(request)
        meeting_id = getattr(response, MARK, None)
        if meeting_id is None or response.status_code != 200 or response.cookies:
            return response
        cache.set(f"public-pages:code:{code}", meeting_id, timeout=SECONDS)
        generation = cache.get(_generation_key(meeting_id), 0)
        cache.set(_page_key(request, code, generation), response, timeout=SECONDS)
        return response
