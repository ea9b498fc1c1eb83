"""What shows immutable versions, rendered once per release and served from Django's cache.

An issued version never changes, nor does the comparison of two issued versions, so the
part of a page that shows them (never the navigation or anything that depends on who is
reading), or a comparison's PDF, is kept in ``django.core.cache`` under a key made of the
versions' ids, what is shown, and ``settings.RELEASE``: a new release of the code never
serves what an older one rendered. Anything involving the working draft is rendered on
every request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from .models import Version

Rendered = TypeVar("Rendered")


def body(
    name: str, versions: Sequence[Version], render: Callable[[], Rendered], *variant: object
) -> Rendered:
    """``render()``, or what it returned before for the same issued ``versions``, ``name``
    (the page or document) and ``variant`` (what else it depends on) in this release."""
    if not all(version.is_issued for version in versions):
        return render()
    key = ":".join(
        ["body", settings.RELEASE, name]
        + [str(version.pk) for version in versions]
        + [str(part) for part in variant]
    )
    cached: Rendered | None = cache.get(key)
    if cached is None:
        cached = render()
        cache.set(key, cached, timeout=settings.BODY_CACHE_SECONDS)
    return cached
