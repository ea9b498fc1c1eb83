"""Fuzzing the outline parser: mutated copies of real outlines, each parsed and written back.

The seeds are the two demo drafts and the README's example. Each mutant gets one to four
mutations: a flipped bit in a byte, a duplicated line, an indentation changed, or an
insertion of a character the format gives a meaning to (``[``, ``*``, ``#``, ``---``,
``[^``…) or of unusual Unicode. A mutant may be refused with ``OutlineError``; any other
exception, or a parse slower than a second, is a finding. Used by the test suite (a few
hundred mutants) and by ``make bench`` (ten thousand).
"""

from __future__ import annotations

import random
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from drafting.outline import OutlineError, dump, parse

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = [ROOT / "fixtures" / "bms6-draft-1.md", ROOT / "fixtures" / "bms7-draft-1.md"]
README_EXAMPLE = re.compile(r"```markdown\n(?P<outline>.*?)```", re.DOTALL)
INSERTIONS = [
    "[", "]", "*", "**", "#", "# ", "## ", "---", "\n---\n", "[^", "[^1]", "[^1]: ", "- ", "\\",
    "<", "<em>", "</a>", "&amp;", ":", "'", '"', "|", "!", "&a ", "*a", "{",
    "é", "\u200b", "\u00a0", "\ufeff", "\u2028", "\x0c", "\x00", "\U0001f600", "ﬀ", "½", "ⅷ.",
]  # fmt: skip
# Where mutations land: anywhere, near the top (the front matter is a small part of a file
# but has a parser of its own, YAML), or where a value or a line's text starts.
HEAD = 300
MARKS = re.compile(r"^|: |- |# |\n", re.MULTILINE)
# How many copies of an insertion: mostly one, sometimes enough to nest deeply.
REPEATS = [1, 1, 1, 2, 3, 10, 100, 600]


def seeds() -> list[str]:
    """The outlines every mutant starts from."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = README_EXAMPLE.search(readme)
    texts = [path.read_text(encoding="utf-8") for path in SEED_FILES]
    return texts + ([example["outline"]] if example else [])


def _position(text: str, rng: random.Random) -> int:
    """A random index into ``text`` (at most its length)."""
    where = rng.random()
    if where < 0.3:
        return rng.choice([mark.end() for mark in MARKS.finditer(text)])
    return rng.randrange(min(len(text), HEAD) + 1 if where < 0.6 else len(text) + 1)


def _flip_bit(text: str, rng: random.Random) -> str:
    data = bytearray(text.encode("utf-8"))
    at = min(len(text[: _position(text, rng)].encode("utf-8")), len(data) - 1)
    if data:
        data[at] ^= 1 << rng.randrange(8)
    # As a form or a strict file read would give it: invalid UTF-8 never reaches the parser
    # as anything but replacement characters.
    return data.decode("utf-8", errors="replace")


def _change_digit(text: str, rng: random.Random) -> str:
    digits = [match.start() for match in re.finditer(r"\d", text[: rng.choice([HEAD, len(text)])])]
    if not digits:
        return text
    at = rng.choice(digits)
    return text[:at] + str(rng.randrange(10)) + text[at + 1 :]


def _duplicate_line(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    lines[at:at] = [lines[at]] * rng.choice([1, 1, 2, 10])
    return "\n".join(lines)


def _reindent(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    change = rng.choice([-4, -2, -1, 1, 2, 4, 16])
    line = lines[at]
    lines[at] = line[-change:] if change < 0 else rng.choice([" ", "\t"]) * change + line
    return "\n".join(lines)


def _insert(text: str, rng: random.Random) -> str:
    at = _position(text, rng)
    return text[:at] + rng.choice(INSERTIONS) * rng.choice(REPEATS) + text[at:]


MUTATIONS = [_flip_bit, _change_digit, _duplicate_line, _reindent, _insert, _insert]


def mutant(text: str, rng: random.Random) -> str:
    """``text`` with one to four random mutations."""
    for _ in range(rng.randint(1, 4)):
        text = rng.choice(MUTATIONS)(text, rng)
    return text


@dataclass
class FuzzResult:
    """What a fuzzing run found: ``unexpected`` holds a traceback and the input of every
    exception other than ``OutlineError``."""

    count: int = 0
    refused: int = 0
    slowest_ms: float = 0.0
    unexpected: list[tuple[str, str]] = field(default_factory=list)


def fuzz(count: int, seed: int) -> FuzzResult:
    """Parse (and write back, when accepted) ``count`` mutants made with random ``seed``."""
    rng = random.Random(seed)
    sources = seeds()
    result = FuzzResult()
    for _ in range(count):
        text = mutant(rng.choice(sources), rng)
        start = time.perf_counter()
        try:
            dump(*parse(text))
        except OutlineError:
            result.refused += 1
        except Exception:  # noqa: BLE001 - every other exception is what the fuzzing looks for
            result.unexpected.append((traceback.format_exc(), text))
        result.slowest_ms = max(result.slowest_ms, (time.perf_counter() - start) * 1000)
        result.count += 1
    return result
