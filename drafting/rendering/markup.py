"""Where the rendering layer makes HTML safe: inline text, footnote calls, word diffs.

Stored text is sanitised when it is saved (``inline.sanitize``); a word diff's fragments are
sanitised again here (``inline.clean_fragment``) before they are wrapped in ``<ins>`` or
``<del>``. Everything else the layer writes goes through ``html`` (``format_html`` without
its per-argument overhead, which costs more than the rest of a 1,500-paragraph page), so
these are the only ``mark_safe`` calls of the layer, and templates never need ``|safe``.

Footnote calls are numbered by a ``Numbering`` the caller passes: ``DocumentNumbering`` for
one version read on its own, ``PackageNumbering`` for a letter and its annexes printed as
one PDF. A call is never dropped: one with no number is shown as a neutral mark.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

from drafting import inline
from drafting.diff import DELETE, EQUAL, INSERT, Fragment
from drafting.tree import FOOTNOTE_REF

ALL_OPS = frozenset({EQUAL, INSERT, DELETE})
_WRAP = {INSERT: ("<ins>", "</ins>"), DELETE: ("<del>", "</del>")}


def html(template: str, *args: object) -> SafeString:
    """``template.format(*args)`` as safe HTML, each argument escaped unless it is safe
    HTML already (as ``format_html`` does; ``template`` is trusted markup)."""
    # SafeString rather than mark_safe: its lazy-string check costs more than the rest.
    return SafeString(
        template.format(
            *[arg if isinstance(arg, SafeData) else _html.escape(str(arg)) for arg in args]
        )
    )


class Numbering(Protocol):
    """How footnote calls are shown: the HTML of a call to the footnote with ``key``."""

    def call(self, key: str) -> SafeString: ...


def footnote_call(number: int) -> SafeString:
    """A numbered call that links to its footnote (``#fn-N``) and can be linked back to."""
    return html(
        '<sup class="fn-call"><a href="#fn-{0}" id="fn-call-{0}" aria-label="footnote {0}">'
        "{0}</a></sup>",
        number,
    )


# A call whose number the page cannot know (a history of the working draft): still shown.
UNNUMBERED_CALL = html('<sup class="fn-call fn-unnumbered" title="footnote">fn</sup>')


@dataclass(frozen=True)
class DocumentNumbering:
    """Footnote numbers of one document (``Tree.footnote_numbers()``), fixed in advance."""

    numbers: Mapping[str, int] = field(default_factory=dict)

    def call(self, key: str) -> SafeString:
        number = self.numbers.get(key)
        return UNNUMBERED_CALL if number is None else footnote_call(number)


# Every call shown as a neutral mark.
UNNUMBERED = DocumentNumbering()


@dataclass
class PackageNumbering:
    """Footnote numbers through a whole package (the letter first, then each annex), given
    in the order the calls are rendered; each footnote's note follows its first call, where
    print CSS floats it to the foot of that page.

    ``add_notes`` makes a section's notes known before its calls are rendered: stored text
    (rendered here, its own calls numbered too) or HTML already made by this layer (a
    footnote's redline). ``aliases`` let two keys be one footnote (its key in the older and
    in the newer version of a comparison).
    """

    numbers: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def add_notes(self, notes: Mapping[str, str], aliases: Mapping[str, str] | None = None) -> None:
        self.notes.update(notes)
        self.aliases.update(aliases or {})

    def call(self, key: str) -> SafeString:
        key = self.aliases.get(key, key)
        number = self.numbers.get(key)
        if number is not None:
            return footnote_call(number)
        number = self.numbers[key] = len(self.numbers) + 1
        note = self.notes.pop(key, None)
        if note is None:
            return footnote_call(number)
        text = note if isinstance(note, SafeData) else inline_html(note, self)
        return html(
            '{0}<span class="footnote" id="fn-{1}"><sup class="fn-number">{1}</sup> {2}</span>',
            footnote_call(number),
            number,
            text,
        )


def _calls(numbering: Numbering) -> Callable[[re.Match[str]], str]:
    """A replacement for ``FOOTNOTE_REF.sub``: each call as ``numbering`` shows it."""
    return lambda call: numbering.call(call.group(1))


def inline_html(text: str, numbering: Numbering) -> SafeString:
    """Stored (sanitised) inline text as HTML, its footnote calls shown by ``numbering``."""
    # Trusted as it is: stored text was sanitised when it was saved. (SafeString, not
    # mark_safe, whose check for lazy strings costs more than the rest on a long page.)
    if "<fn-ref" not in text:
        return SafeString(text)
    return SafeString(FOOTNOTE_REF.sub(_calls(numbering), text))


def fragments_html(
    fragments: Iterable[Fragment],
    numbering: Numbering,
    old_numbering: Numbering | None = None,
    ops: frozenset[str] = ALL_OPS,
) -> SafeString:
    """A word diff as inline redline: the fragments whose op is in ``ops``, each sanitised
    again, insertions in ``<ins>`` and deletions in ``<del>``. Calls in deleted words are
    numbered by ``old_numbering`` (the older version's numbers), the others by
    ``numbering``."""
    parts = []
    for fragment in fragments:
        if fragment.op not in ops:
            continue
        calls = old_numbering if old_numbering is not None and fragment.op == DELETE else numbering
        text = _clean(fragment.html)
        if "<fn-ref" in text:
            text = FOOTNOTE_REF.sub(_calls(calls), text)
        start, end = _WRAP.get(fragment.op, ("", ""))
        parts.append(f"{start}{text}{end}")
    return mark_safe("".join(parts))  # every fragment was sanitised just above


@lru_cache(maxsize=8192)
def _clean(fragment: str) -> str:
    """``inline.clean_fragment``, once per fragment: a redline shows most fragments two or
    three times (merged, older and newer version)."""
    return inline.clean_fragment(fragment)


def join(parts: Iterable[str]) -> SafeString:
    """The parts one after the other, any that is not already safe HTML escaped."""
    return SafeString(
        "".join(
            [part if isinstance(part, SafeData) else conditional_escape(part) for part in parts]
        )
    )
