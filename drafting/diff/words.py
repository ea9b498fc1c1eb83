"""The word diff: two sanitised texts cut into tokens and diffed with diff-match-patch.

See "Word diff" in ``drafting.diff``'s contract.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from ..tree import FOOTNOTE_REF
from .model import DELETE, EQUAL, INSERT, Fragment

# A token: (enclosing formatting tags, its HTML, what it compares by).
_Token = tuple[tuple[str, ...], str, Hashable]
_PIECE = re.compile(rf"({FOOTNOTE_REF.pattern})|(<[^>]*>)|([^<]+)")
_TEXT_TOKEN = re.compile(r"&#?\w+;|\w+|\s+|[^\w\s]")
_TAG_NAME = re.compile(r"</?\s*([\w-]+)")
_FIRST_CODE = 0x100  # tokens become characters from here on, well below the surrogates

# The budget. Past MAX_TEXT_CHARS on either side a text is not even cut into tokens; past
# MAX_DIFF_CELLS (about two 250-word paragraphs rewritten throughout, some 80 ms here)
# diff-match-patch's search, quadratic at worst, is not started.
MAX_TEXT_CHARS = 100_000
MAX_DIFF_CELLS = 250_000


def word_diff(
    old_html: str,
    new_html: str,
    old_footnote: Callable[[str], Hashable] = str,
    new_footnote: Callable[[str], Hashable] = str,
) -> tuple[Fragment, ...]:
    """Word-level diff of two sanitised texts; footnote calls compare by the identity the
    two functions give their keys (by default the key itself). Beyond the budget the old
    text is deleted whole and the new one inserted whole (``diff_texts`` says when)."""
    return diff_texts(old_html, new_html, old_footnote, new_footnote).fragments


@dataclass(frozen=True)
class TextDiff:
    """A word diff, whether the texts differ, and whether it fell back to replacing the
    whole text because the texts were too long to compare word by word."""

    fragments: tuple[Fragment, ...]
    changed: bool
    coarse: bool = False


def diff_texts(
    old_html: str,
    new_html: str,
    old_footnote: Callable[[str], Hashable] = str,
    new_footnote: Callable[[str], Hashable] = str,
) -> TextDiff:
    """``word_diff`` within the budget (see "Word diff" in the contract), saying whether the
    texts differ and whether the diff is coarse."""
    if max(len(old_html), len(new_html)) > MAX_TEXT_CHARS:
        if _same_text(old_html, new_html, old_footnote, new_footnote):
            return TextDiff((Fragment(EQUAL, new_html),), changed=False)
        return _replaced_whole(old_html, new_html)
    old_tokens = _tokenize(old_html, old_footnote)
    new_tokens = _tokenize(new_html, new_footnote)
    old_codes, new_codes = _encode(old_tokens, new_tokens)
    if _cells(old_codes, new_codes) > MAX_DIFF_CELLS:
        return _replaced_whole(old_html, new_html)
    fragments = _diff_codes(old_tokens, new_tokens, old_codes, new_codes)
    return TextDiff(fragments, changed=old_codes != new_codes)


def _tokenize(html: str, footnote_identity: Callable[[str], Hashable]) -> list[_Token]:
    """The text's tokens; a footnote call compares by ``footnote_identity(key)``."""
    tokens: list[_Token] = []
    context: tuple[str, ...] = ()
    for match in _PIECE.finditer(html):
        call, key, tag, text = match.groups()
        if call:
            tokens.append((context, call, (context, footnote_identity(key))))
        elif tag:
            name = _tag_name(tag)
            if tag.startswith("</"):
                for depth in range(len(context) - 1, -1, -1):
                    if _tag_name(context[depth]) == name:
                        context = context[:depth] + context[depth + 1 :]
                        break
            elif not tag.endswith("/>"):
                context = context + (tag,)
        else:
            tokens.extend((context, word, (context, word)) for word in _TEXT_TOKEN.findall(text))
    return tokens


def _tag_name(tag: str) -> str:
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


def _encode(old: list[_Token], new: list[_Token]) -> tuple[str, str]:
    """Both token lists as strings of one character per token, equal tokens alike."""
    codes: dict[Hashable, str] = {}

    def encode(tokens: list[_Token]) -> str:
        chars = []
        for _context, _html, identity in tokens:
            code = codes.get(identity)
            if code is None:
                code = codes[identity] = chr(_FIRST_CODE + len(codes))
            chars.append(code)
        return "".join(chars)

    return encode(old), encode(new)


def _cells(old_codes: str, new_codes: str) -> int:
    """The size of the grid diff-match-patch may have to search: the tokens left on each
    side once the common start and end are set aside, multiplied."""
    engine = diff_match_patch()
    prefix: int = engine.diff_commonPrefix(old_codes, new_codes)
    suffix: int = engine.diff_commonSuffix(old_codes[prefix:], new_codes[prefix:])
    return (len(old_codes) - prefix - suffix) * (len(new_codes) - prefix - suffix)


def _diff_codes(
    old: list[_Token], new: list[_Token], old_codes: str, new_codes: str
) -> tuple[Fragment, ...]:
    """The fragments that turn the old tokens into the new ones, each balanced HTML."""
    engine = diff_match_patch()
    # Exact and repeatable: the budget, not a clock, keeps the search small.
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(old_codes, new_codes, False)
    engine.diff_cleanupSemantic(diffs)
    fragments: list[Fragment] = []
    i = j = 0
    for op, chars in diffs:
        size = len(chars)
        if op == engine.DIFF_EQUAL:
            fragments.append(Fragment(EQUAL, _balanced_html(new[j : j + size])))
            i, j = i + size, j + size
        elif op == engine.DIFF_DELETE:
            fragments.append(Fragment(DELETE, _balanced_html(old[i : i + size])))
            i += size
        else:
            fragments.append(Fragment(INSERT, _balanced_html(new[j : j + size])))
            j += size
    return tuple(fragments)


def _replaced_whole(old_html: str, new_html: str) -> TextDiff:
    """The coarse fallback: the old text deleted whole, the new one inserted whole."""
    whole = (Fragment(DELETE, old_html), Fragment(INSERT, new_html))
    fragments = tuple(fragment for fragment in whole if fragment.html)
    return TextDiff(fragments, changed=True, coarse=bool(old_html and new_html))


def _same_text(
    old_html: str,
    new_html: str,
    old_footnote: Callable[[str], Hashable],
    new_footnote: Callable[[str], Hashable],
) -> bool:
    """Whether two texts are the same string but for footnote calls of the same identity."""
    old_parts, new_parts = FOOTNOTE_REF.split(old_html), FOOTNOTE_REF.split(new_html)
    # split() alternates text and the keys of the calls between them.
    return len(old_parts) == len(new_parts) and all(
        old == new if i % 2 == 0 else old_footnote(old) == new_footnote(new)
        for i, (old, new) in enumerate(zip(old_parts, new_parts, strict=True))
    )


def _balanced_html(tokens: list[_Token]) -> str:
    """The tokens' HTML with their formatting tags opened and closed inside the fragment."""
    if not any(context for context, _html, _identity in tokens):
        return "".join(html for _context, html, _identity in tokens)
    parts: list[str] = []
    open_tags: tuple[str, ...] = ()
    for context, html, _identity in tokens:
        shared = 0
        while shared < min(len(open_tags), len(context)) and open_tags[shared] == context[shared]:
            shared += 1
        parts.extend(f"</{_tag_name(tag)}>" for tag in reversed(open_tags[shared:]))
        parts.extend(context[shared:])
        parts.append(html)
        open_tags = context
    parts.extend(f"</{_tag_name(tag)}>" for tag in reversed(open_tags))
    return "".join(parts)
