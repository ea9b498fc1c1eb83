"""Inline text as spans: the shape in which the app's inline HTML and Word runs meet.

A span is a piece of text with one formatting (italic, bold, superscript or subscript, a
link), or one footnote call. ``spans_of(html)`` cuts sanitised inline HTML into spans for
the writers; ``html_of(spans)`` writes spans read from Word back as sanitised inline HTML,
nesting tags the way the outline format does (a tag that stays open longer goes outside).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from ..inline import sanitize
from ..tree import FOOTNOTE_REF

VERTICAL = ("sup", "sub")


@dataclass(frozen=True)
class Span:
    """Text with one formatting, or a footnote call (``footnote`` is its key, text empty)."""

    text: str = ""
    footnote: str | None = None
    em: bool = False
    strong: bool = False
    vertical: str = ""  # "sup", "sub" or ""
    href: str | None = None

    @property
    def tags(self) -> tuple[str, ...]:
        """The formatting tags this span needs, in the order they nest by default."""
        tags = ("em",) * self.em + ("strong",) * self.strong
        return tags + ((self.vertical,) if self.vertical else ())

    def same_look(self, other: Span) -> bool:
        return (self.em, self.strong, self.vertical, self.href) == (
            other.em,
            other.strong,
            other.vertical,
            other.href,
        )


_PIECE = re.compile(
    rf"{FOOTNOTE_REF.pattern}"
    r'|<a\s+href="(?P<href>[^"]*)"[^>]*>'
    r"|<(?P<close>/)?(?P<tag>em|strong|sup|sub|a)\b[^>]*>"
    r"|<[^>]*>"
)


def spans_of(text: str) -> list[Span]:
    """The spans of sanitised inline HTML, in order; unknown tags are dropped."""
    spans: list[Span] = []
    open_tags: list[str] = []
    links: list[str] = []
    position = 0

    def add_text(raw: str) -> None:
        plain = html.unescape(raw)
        if plain:
            vertical = next((tag for tag in reversed(open_tags) if tag in VERTICAL), "")
            spans.append(
                Span(
                    plain,
                    em="em" in open_tags,
                    strong="strong" in open_tags,
                    vertical=vertical,
                    href=links[-1] if links else None,
                )
            )

    for match in _PIECE.finditer(text):
        add_text(text[position : match.start()])
        position = match.end()
        if match.group(1) is not None:
            spans.append(Span(footnote=match.group(1)))
        elif match["href"] is not None:
            links.append(html.unescape(match["href"]))
        elif match["tag"] == "a" and match["close"]:
            if links:
                links.pop()
        elif match["tag"] and match["close"]:
            if match["tag"] in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(match["tag"])]
        elif match["tag"] and match["tag"] != "a":
            open_tags.append(match["tag"])
    add_text(text[position:])
    return spans


def html_of(spans: list[Span]) -> str:
    """Sanitised inline HTML for spans read from Word: whitespace runs become one space,
    neighbouring spans that look alike merge, links go outermost."""
    merged = _merged(_collapsed(spans))
    out: list[str] = []
    index = 0
    while index < len(merged):
        href = merged[index].href
        end = index
        while end < len(merged) and merged[end].href == href:
            end += 1
        body = _formatted(merged[index:end])
        if href is None:
            out.append(body)
        else:
            out.append(f'<a href="{html.escape(href)}">{body}</a>')
        index = end
    return sanitize("".join(out))


def _collapsed(spans: list[Span]) -> list[Span]:
    result: list[Span] = []
    after_space = True
    for span in spans:
        if span.footnote is not None:
            result.append(span)
            after_space = False
            continue
        text = re.sub(r"[\t\n\r ]+", " ", span.text)
        if after_space:
            text = text.lstrip(" ")
        if text:
            result.append(replace(span, text=text))
            after_space = text.endswith(" ")
    return result


def _merged(spans: list[Span]) -> list[Span]:
    result: list[Span] = []
    for span in spans:
        previous = result[-1] if result else None
        if (
            previous is not None
            and span.footnote is None
            and previous.footnote is None
            and previous.same_look(span)
        ):
            result[-1] = replace(previous, text=previous.text + span.text)
        else:
            result.append(span)
    return result


def _formatted(spans: list[Span]) -> str:
    """Spans of one link (or none) with their em/strong/sup/sub tags, each tag opened as few
    times as the nesting allows: among tags opened together, the longest-lasting goes out."""
    out: list[str] = []
    stack: list[str] = []
    for index, span in enumerate(spans):
        if span.footnote is None:
            wanted = span.tags
        else:
            wanted = tuple(tag for tag in stack if tag in _next_tags(spans, index))
        keep = 0
        while keep < len(stack) and stack[keep] in wanted:
            keep += 1
        out.extend(f"</{tag}>" for tag in reversed(stack[keep:]))
        del stack[keep:]
        opening = [tag for tag in wanted if tag not in stack]
        opening.sort(key=lambda tag: -_lasting(spans, index, tag))
        out.extend(f"<{tag}>" for tag in opening)
        stack.extend(opening)
        if span.footnote is not None:
            out.append(f'<fn-ref data-key="{html.escape(span.footnote)}"></fn-ref>')
        else:
            out.append(html.escape(span.text, quote=False))
    out.extend(f"</{tag}>" for tag in reversed(stack))
    return "".join(out)


def _next_tags(spans: list[Span], start: int) -> tuple[str, ...]:
    """The tags of the next text span: a footnote call sits inside only those."""
    following = (span for span in spans[start:] if span.footnote is None)
    return next(following, Span()).tags


def _lasting(spans: list[Span], start: int, tag: str) -> int:
    """How many spans from ``start`` on keep ``tag`` (footnote calls do not interrupt)."""
    count = 0
    for span in spans[start:]:
        if span.footnote is None and tag not in span.tags:
            break
        count += 1
    return count
