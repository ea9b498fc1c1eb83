"""Template filters for the few texts a template shows outside the rendering layer's rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import template
from django.utils.safestring import SafeString

from drafting.diff import Fragment
from drafting.rendering.markup import UNNUMBERED, DocumentNumbering, fragments_html, inline_html

register = template.Library()


@register.filter(name="inline_html")
def inline_html_filter(text: str, numbers: Mapping[str, int]) -> SafeString:
    """Stored inline text as HTML, footnote calls numbered through the whole document."""
    return inline_html(text, DocumentNumbering(numbers))


@register.filter
def redline(fragments: Iterable[Fragment]) -> SafeString:
    """A word diff as insertions and deletions; footnote calls shown unnumbered (the page
    has no document to number them in)."""
    return fragments_html(fragments, UNNUMBERED)
