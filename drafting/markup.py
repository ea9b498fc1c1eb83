"""The one grammar of text a person types inside a line, on markdown-it-py.

Outline lines, proposals, merges, letter paragraphs, footnotes and timetable cells all read
typed text through ``parse_inline`` (or its strict form ``inline_html``) and write stored
text back through ``typed``, so the same input gives the same stored HTML everywhere:

- ``*em*``, ``**strong**``, ``***both***`` (CommonMark's rules for ``*``; ``_`` is literal);
- CommonMark's backslash escapes (``\\*``, ``\\\\``, ``\\<``, ``\\[`` …) and entities;
- inline HTML, of which ``inline.sanitize`` keeps ``sup``, ``sub`` and ``a href``;
- ``[text](https://…)`` links (http, https or mailto, link text without brackets);
- ``[^label]``, a footnote call, resolved to a key by the caller;
- every other square bracket literal; runs of whitespace, line breaks included, one space;
  no block constructs (a text starting ``1.`` or ``#`` stays text).

An asterisk run that could open or close emphasis but finds no partner, or a run of more
than three that could, is a problem in plain words. Parsing is linear in the text's length:
literal characters are consumed by one regular expression, links and footnote calls are
recognised without scanning back, and the emphasis pairing is markdown-it's linear one.
No ORM in here.
"""

from __future__ import annotations

import functools
import html
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token

from . import inline
from .tree import FOOTNOTE_REF

FootnoteCall = Callable[[str], str]
"""Turns the label of a footnote call into the footnote's key; raises ``MarkupError`` to
refuse the call (the message says why)."""

UNMATCHED_STARS = (
    "an asterisk does not open or close *emphasis* or **strong** text; "
    "write \\* for a literal asterisk"
)
TOO_MANY_STARS = (
    "more than three asterisks together open or close nothing; "
    "write *emphasis*, **strong** or ***both***, and \\* for a literal asterisk"
)
FOOTNOTE_IN_FOOTNOTE = "a footnote cannot call another footnote"

FOOTNOTE_LABEL = r"[\w.:-]+"
STAR = "*"
# Only where a change is needed: runs of two or more, and single tabs or line breaks.
WHITESPACE_TO_COLLAPSE = re.compile(r"[ \t\n\r\f\v]{2,}|[\t\n\r\f\v]")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# Five times faster than the replacement template r"\1" (1 MB of backslashes: 0.2 s).
ESCAPED_CHARACTER = operator.itemgetter(1)
FOOTNOTE_CALL = re.compile(rf"\[\^({FOOTNOTE_LABEL})\]")
LINK_SCHEME = r"(?:https?|mailto):"
# "[text](url)" or "[text](url "title")": CommonMark's inline link, with link text that
# holds no brackets and a URL with at most one level of parentheses, matched in one go.
INLINE_LINK = re.compile(
    r"\[(?P<text>[^\[\]]*+)\]\( *+"
    r"(?:<(?P<angled>(?:[^<>\n\\]|\\.)*+)>"
    r"|(?P<bare>(?:[^\s()\\]|\\[^\s]|\((?:[^\s()\\]|\\[^\s])*+\))++))"
    r"(?: ++(?:\"(?:[^\"\\]|\\.)*+\"|'(?:[^'\\]|\\.)*+'|\((?:[^()\\]|\\.)*+\)))?"
    r" *+\)"
)
ALLOWED_LINK = re.compile(LINK_SCHEME, re.IGNORECASE)
# Everything up to the next character that may start markup, in one match: an asterisk,
# a "<" that may open a tag, an "&" that may start an entity, a "[" that starts a footnote
# call or a link. A backslash is taken with the character it escapes.
LITERAL_RUN = re.compile(
    r"(?:[^*<&\[\\]++"
    r"|\\[\s\S]?"
    r"|<(?![A-Za-z/!?])"
    r"|&(?!#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"
    rf"|\[(?!\^{FOOTNOTE_LABEL}\]|[^\[\]]*\]\( *<?{LINK_SCHEME})"
    r")+",
    re.IGNORECASE,
)
# The last asterisk that is not after a space: no run after it can close emphasis.
LAST_CLOSING_CANDIDATE = re.compile(r".*[^ ](\*)", re.DOTALL)
CLOSED_TAGS = {
    "em_open": "<em>",
    "em_close": "</em>",
    "strong_open": "<strong>",
    "strong_close": "</strong>",
    "link_close": "</a>",
}


class MarkupError(ValueError):
    """A problem in typed text, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Inline:
    """Typed text read as sanitised inline HTML, and what a person must fix in it (the HTML
    is still usable: an unpaired asterisk in it is a literal asterisk)."""

    html: str
    problems: tuple[str, ...]


def parse_inline(text: str, footnote: FootnoteCall) -> Inline:
    """The stored HTML of ``text`` and every problem in it; ``footnote`` resolves calls."""
    problems: list[str] = []
    html_text = _html(text, {"footnote": footnote, "strict": False, "problems": problems})
    return Inline(html=html_text, problems=tuple(dict.fromkeys(problems)))


def inline_html(text: str, footnote: FootnoteCall) -> str:
    """The stored HTML of ``text``; raises ``MarkupError`` at the first problem, as soon as
    it is certain (an asterisk with nothing to pair with is refused without reading on)."""
    return _html(text, {"footnote": footnote, "strict": True, "problems": []})


def no_footnote_calls(label: str) -> str:
    """The ``FootnoteCall`` of a footnote's own text: footnotes do not call footnotes."""
    raise MarkupError(FOOTNOTE_IN_FOOTNOTE)


def known_footnotes(numbers: Mapping[str, int]) -> FootnoteCall:
    """The ``FootnoteCall`` of a text typed into a form: ``[^n]`` keeps footnote ``n`` of
    ``numbers`` (footnote key → number); any other call is refused."""
    keys = {str(number): key for key, number in numbers.items()}

    def call(label: str) -> str:
        if label not in keys:
            known = ", ".join(f"[^{number}]" for number in keys) or "none"
            raise MarkupError(
                f"there is no footnote [^{label}] here (footnotes you can keep: {known})"
            )
        return keys[label]

    return call


def _html(text: str, env: dict[str, object]) -> str:
    source = WHITESPACE_TO_COLLAPSE.sub(" ", text).strip()
    if not source:
        return ""
    tokens = _parser().parseInline(source, env)
    return inline.sanitize(_render(tokens[0].children or []))


def _render(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if token.type == "text":
            parts.append(html.escape(token.content, quote=False))
        elif token.type == "html_inline":
            parts.append(token.content)
        elif token.type == "footnote_call":
            parts.append(f'<fn-ref data-key="{html.escape(token.meta["key"])}"></fn-ref>')
        elif token.type == "link_open":
            parts.append(f'<a href="{html.escape(str(token.attrs["href"]))}">')
        else:
            parts.append(CLOSED_TAGS[token.type])
    return "".join(parts)


@functools.cache
def _parser() -> MarkdownIt:
    """markdown-it with exactly this grammar's rules, built once and never changed after."""
    md = MarkdownIt("zero", {"html": True})
    rules = md.inline.ruler
    rules.at("text", _literal_run)
    rules.push("stars", _stars)
    rules.push("footnote_call", _footnote_call)
    rules.push("inline_link", _inline_link)
    rules.enable(["html_inline", "entity"])
    md.inline.ruler2.enable(["emphasis"])
    md.inline.ruler2.before("fragments_join", "unpaired_stars", _unpaired_stars)
    return md


def _problem(state: StateInline, message: str) -> None:
    if state.env["strict"]:
        raise MarkupError(message)
    state.env["problems"].append(message)


# Inline rules: each returns True once it has consumed input at ``state.pos``.


def _literal_run(state: StateInline, silent: bool) -> bool:
    match = LITERAL_RUN.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        run = match.group()
        state.append_pending(ESCAPED.sub(ESCAPED_CHARACTER, run) if "\\" in run else run)
    state.pos = match.end()
    return True


def _footnote_call(state: StateInline, silent: bool) -> bool:
    match = FOOTNOTE_CALL.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        try:
            key = state.env["footnote"](match.group(1))
        except MarkupError as error:
            _problem(state, error.message)
            state.append_pending(match.group())
        else:
            state.push("footnote_call", "", 0).meta["key"] = key
    state.pos = match.end()
    return True


def _inline_link(state: StateInline, silent: bool) -> bool:
    """``[text](url)`` or ``[text](url "title")`` with an http, https or mailto URL."""
    match = INLINE_LINK.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    href = state.md.normalizeLink(unescapeAll(match["angled"] or match["bare"] or ""))
    if not ALLOWED_LINK.match(href):
        return False
    if not silent:
        end = state.posMax
        state.pos, state.posMax = match.start("text"), match.end("text")
        state.push("link_open", "a", 1).attrs = {"href": href}
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.push("link_close", "a", -1)
        state.posMax = end
    state.pos = match.end()
    return True


def _stars(state: StateInline, silent: bool) -> bool:
    """A run of asterisks: one text token and one delimiter per asterisk, paired later by
    markdown-it's ``balance_pairs`` (as its own emphasis rule does for ``*``)."""
    if silent or state.src[state.pos] != STAR:
        return False
    scanned = state.scanDelims(state.pos, True)
    if state.env["strict"]:
        _refuse_early(state, scanned.can_open, scanned.can_close, scanned.length)
    for _ in range(scanned.length):
        token = state.push("text", "", 0)
        token.content = STAR
        state.delimiters.append(
            Delimiter(
                marker=ord(STAR),
                length=scanned.length,
                token=len(state.tokens) - 1,
                end=-1,
                open=scanned.can_open,
                close=scanned.can_close,
            )
        )
    if scanned.can_open:
        state.env.setdefault("scopes_with_openers", set()).add(id(state.delimiters))
    state.pos += scanned.length
    return True


def _refuse_early(state: StateInline, can_open: bool, can_close: bool, length: int) -> None:
    """Refuse a run that can already be known to stay unpaired, so that a long text of such
    runs is refused at its first one rather than after reading it all."""
    if not (can_open or can_close):
        return
    if length > 3:
        raise MarkupError(TOO_MANY_STARS)
    openers = state.env.get("scopes_with_openers", set())
    if can_close and not can_open and id(state.delimiters) not in openers:
        raise MarkupError(UNMATCHED_STARS)
    if can_open and not can_close and _last_closing_candidate(state) < state.pos + length:
        raise MarkupError(UNMATCHED_STARS)


def _last_closing_candidate(state: StateInline) -> int:
    candidate = state.env.get("last_closing_candidate")
    if candidate is None:
        match = LAST_CLOSING_CANDIDATE.match(state.src)
        candidate = state.env["last_closing_candidate"] = match.start(1) if match else -1
    return int(candidate)


def _unpaired_stars(state: StateInline) -> None:
    """After pairing: an asterisk that could open or close and is still text is a problem."""
    scopes = [state.delimiters] + [
        meta["delimiters"] for meta in state.tokens_meta if meta and "delimiters" in meta
    ]
    for delimiters in scopes:
        for delimiter in _could_pair(delimiters):
            if delimiter.length > 3:
                _problem(state, TOO_MANY_STARS)
            token = state.tokens[delimiter.token]
            if token.type == "text" and token.content == STAR:
                _problem(state, UNMATCHED_STARS)


def _could_pair(delimiters: list[Delimiter]) -> list[Delimiter]:
    return [d for d in delimiters if d.marker == ord(STAR) and (d.open or d.close)]


# Writing: stored inline HTML back as typed text ---------------------------------------

STORED_TOKEN = re.compile(
    r'<fn-ref data-key="(?P<key>[^"]+)"></fn-ref>'
    r"|<(?P<close>/)?(?P<name>[a-z][a-z0-9-]*)\b[^>]*>"
)
EMPHASIS_MARKS = {"em": "*", "strong": "**"}
ENTITY_LIKE = re.compile(r"&[A-Za-z0-9#]+;")
# A "(" right after "]" that would make "[…](url)" a link.
LINK_OPENING = re.compile(rf"\](?=\( *<?{LINK_SCHEME})", re.IGNORECASE)


def typed(stored: str, numbers: Mapping[str, int]) -> str:
    """Stored inline HTML as a person types it: ``em`` and ``strong`` as asterisks, footnote
    calls as ``[^n]`` (``numbers``: footnote key → number; calls to other keys are left
    out), other allowed tags as they are, characters that would read as markup escaped.
    For any text this grammar stored, ``inline_html(typed(x, numbers), …) == x``: where
    asterisks cannot say it (a star between a letter and a punctuation mark opens nothing),
    the emphasis is written as its ``<em>``/``<strong>`` tags, which read back the same."""
    with_stars = _typed(stored, numbers, stars=True)
    kept = FOOTNOTE_REF.sub(lambda m: m.group(0) if m.group(1) in numbers else "", stored)
    again = parse_inline(with_stars, known_footnotes(numbers))
    if not again.problems and again.html == kept:
        return with_stars
    return _typed(stored, numbers, stars=False)


def _typed(stored: str, numbers: Mapping[str, int], stars: bool) -> str:
    out = ""
    pending = ""  # opening marks held back so that leading spaces go before them
    position = 0
    for match in STORED_TOKEN.finditer(stored):
        out, pending = _add_text(out, pending, stored[position : match.start()])
        position = match.end()
        if match["key"] is not None:
            number = numbers.get(match["key"])
            if number is not None:
                out, pending = out + pending + f"[^{number}]", ""
        elif stars and match["name"] in EMPHASIS_MARKS and match["close"]:
            mark = EMPHASIS_MARKS[match["name"]]
            if pending.endswith(mark):
                pending = pending[: -len(mark)]
            else:
                body = out.rstrip()
                out = body + mark + out[len(body) :]
        elif stars and match["name"] in EMPHASIS_MARKS:
            pending += EMPHASIS_MARKS[match["name"]]
        else:
            out, pending = out + pending + match.group(), ""
    out, _pending = _add_text(out, pending, stored[position:])
    return out.strip()


def _add_text(out: str, pending: str, stored: str) -> tuple[str, str]:
    piece = _escape_text(html.unescape(WHITESPACE_TO_COLLAPSE.sub(" ", stored)))
    body = piece.lstrip()
    if not body:
        return out + piece, pending
    return out + piece[: len(piece) - len(body)] + pending + body, ""


def _escape_text(plain: str) -> str:
    escaped = (
        plain.replace("\\", "\\\\").replace("*", "\\*").replace("[^", "\\[^").replace("<", "\\<")
    )
    escaped = LINK_OPENING.sub("]\\\\", escaped)
    return ENTITY_LIKE.sub(lambda m: "\\" + m.group(), escaped)
