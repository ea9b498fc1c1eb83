"""Template filters for reading a version: inline text and runs of bullets."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from drafting import inline
from drafting.tree import PARAGRAPH, Node

register = template.Library()


@register.filter
def inline_html(text: str, numbers: dict[str, int]) -> SafeString:
    """Stored inline text as HTML, footnote calls numbered through the whole document.

    The only ``mark_safe`` of the reading pages: stored text is sanitised on save
    (``inline.sanitize``), and ``inline.render`` adds nothing but footnote links.
    """
    return mark_safe(inline.render(text, numbers))


@register.filter
def runs(nodes: list[Node]) -> list[tuple[bool, list[Node]]]:
    """Siblings grouped so that consecutive bullets share one list: ``(is_list, nodes)``.

    Agenda items and headings stand alone; a bullet after a heading starts a new list.
    """
    grouped: list[tuple[bool, list[Node]]] = []
    for node in nodes:
        is_bullet = node.kind == PARAGRAPH
        if is_bullet and grouped and grouped[-1][0]:
            grouped[-1][1].append(node)
        else:
            grouped.append((is_bullet, [node]))
    return grouped
