"""Inline text: a small sanitised HTML subset.

Stored text may hold ``em``, ``strong``, ``sup``, ``sub``, ``a href`` and the footnote call
``<fn-ref data-key="K"></fn-ref>``; nothing else survives ``sanitize``. Square brackets are
literal characters.
"""

from __future__ import annotations

import html
import re

import nh3

from .tree import FOOTNOTE_REF

ALLOWED_TAGS = {"em", "strong", "sup", "sub", "a", "fn-ref"}
# "*": set() drops the generic attributes (title, lang) that nh3 keeps by default.
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href"}, "fn-ref": {"data-key"}}
TAG = re.compile(r"<[^>]+>")


def sanitize(text: str) -> str:
    """Keep only the allowed inline HTML; escape or drop everything else; trim the ends."""
    return clean_fragment(text).strip()


def clean_fragment(text: str) -> str:
    """``sanitize`` for a piece of a text: the same rules, surrounding spaces kept."""
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


def render(text: str, numbers: dict[str, int]) -> str:
    """HTML for reading: footnote calls become numbered superscript links."""

    def call(match: re.Match[str]) -> str:
        number = numbers.get(match.group(1))
        if number is None:
            return ""
        return (
            f'<sup class="fn-call"><a href="#fn-{number}" id="fn-call-{number}" '
            f'aria-label="footnote {number}">{number}</a></sup>'
        )

    return FOOTNOTE_REF.sub(call, text)


def plain_text(text: str, numbers: dict[str, int] | None = None) -> str:
    """Text without markup; footnote calls become their numbers when ``numbers`` is given."""
    if "<" not in text:  # most paragraphs: the compare engine asks for every one
        return html.unescape(text)
    numbers = numbers or {}
    with_calls = FOOTNOTE_REF.sub(
        lambda m: str(numbers[m.group(1)]) if m.group(1) in numbers else "", text
    )
    return html.unescape(TAG.sub("", with_calls))
