"""The word diff: two sanitised texts cut into tokens and diffed with diff-match-patch.

See "Word diff" in ``drafting.diff``'s contract.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable

from diff_match_patch import diff_match_patch

from ..tree import FOOTNOTE_REF
from .model import DELETE, EQUAL, INSERT, Fragment

# A token: (enclosing formatting tags, its HTML, what it compares by).
Token = tuple[tuple[str, ...], str, Hashable]
_PIECE = re.compile(rf"({FOOTNOTE_REF.pattern})|(<[^>]*>)|([^<]+)")
_TEXT_TOKEN = re.compile(r"&#?\w+;|\w+|\s+|[^\w\s]")
_TAG_NAME = re.compile(r"</?\s*([\w-]+)")
_FIRST_CODE = 0x100  # tokens become characters from here on, well below the surrogates


def word_diff(
    old_html: str,
    new_html: str,
    old_footnote: Callable[[str], Hashable] = str,
    new_footnote: Callable[[str], Hashable] = str,
) -> tuple[Fragment, ...]:
    """Word-level diff of two sanitised texts; footnote calls compare by the identity the
    two functions give their keys (by default the key itself)."""
    return diff_tokens(tokenize(old_html, old_footnote), tokenize(new_html, new_footnote))


def tokenize(html: str, footnote_identity: Callable[[str], Hashable]) -> list[Token]:
    """The text's tokens; a footnote call compares by ``footnote_identity(key)``."""
    tokens: list[Token] = []
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


def diff_tokens(old: list[Token], new: list[Token]) -> tuple[Fragment, ...]:
    """The fragments that turn the old tokens into the new ones, each balanced HTML."""
    codes: dict[Hashable, str] = {}

    def encode(tokens: list[Token]) -> str:
        chars = []
        for _context, _html, identity in tokens:
            code = codes.get(identity)
            if code is None:
                code = codes[identity] = chr(_FIRST_CODE + len(codes))
            chars.append(code)
        return "".join(chars)

    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # exact and repeatable; the strings are a paragraph's words
    diffs = engine.diff_main(encode(old), encode(new), False)
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


def _balanced_html(tokens: list[Token]) -> str:
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
