"""The front matter of an outline file: the fields between two ``---`` lines at the top.

``read(lines)`` gives the fields of an outline's lines; ``text(meta)`` writes them back.
Values are read as plain YAML text (``yaml.BaseLoader``): nothing in a file can turn into
another type, run a constructor or raise anything but ``OutlineError``. No ORM in here.
"""

from __future__ import annotations

import datetime

import yaml

from .limits import MAX_ELEMENT_TEXT, MAX_LABEL, MAX_TITLE

FIELDS = ("title", "label", "date", "note")
FENCE = "---"
# The longest text each field may hold, so that no field is refused by the database.
LONGEST = {"title": MAX_TITLE, "label": MAX_LABEL, "note": MAX_ELEMENT_TEXT}


class OutlineError(ValueError):
    """A problem in an outline file, at a line, in plain words."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def read(lines: list[str]) -> tuple[dict[str, object], int]:
    """The fields of the front matter (``date`` as a ``datetime.date``, the rest as text)
    and the number of the first line after it; ``({}, 1)`` for a file without one."""
    if not lines or lines[0].strip() != FENCE:
        return {}, 1
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == FENCE), None)
    if closing is None:
        raise OutlineError(1, "the front matter that starts here is never closed by a '---' line")
    front_lines = lines[1:closing]
    fields = _load("\n".join(front_lines))
    if fields is None:
        return {}, closing + 2
    if not isinstance(fields, dict):
        raise OutlineError(2, "the front matter must be fields such as 'label: Draft 1'")
    meta = {}
    for name, value in fields.items():
        line = _field_line(front_lines, name)
        if name not in FIELDS:
            raise OutlineError(
                line, f"'{name}' is not a front-matter field; use {', '.join(FIELDS)}"
            )
        meta[name] = _value(name, value, line)
    return meta, closing + 2


def _load(source: str) -> object:
    try:
        return yaml.load(source, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error)
        raise OutlineError(line, f"the front matter is not valid YAML: {problem}") from error
    except RecursionError:
        # The YAML parser recurses once per level of brackets or indentation.
        raise OutlineError(
            2, "the front matter is nested too deeply; its fields are plain text"
        ) from None


def _field_line(front_lines: list[str], name: str) -> int:
    for number, line in enumerate(front_lines, start=2):
        if line.startswith(f"{name}:"):
            return number
    return 2


def _value(name: str, value: object, line: int) -> object:
    if not isinstance(value, str):
        raise OutlineError(
            line,
            f"the {name} must be text, not a list or fields; "
            "put it in quotes if it starts with [, {, - or ?",
        )
    value = value.strip()
    if name == "date":
        return _date(value, line)
    longest = LONGEST[name]
    if len(value) > longest:
        raise OutlineError(
            line,
            f"the {name} can be at most {longest:,} characters; this one has {len(value):,}",
        )
    return value


def _date(value: str, line: int) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise OutlineError(
            line,
            f"the date '{value[:40]}' is not a date written YYYY-MM-DD, such as 2021-06-10, "
            "on a day that exists",
        ) from None


def text(meta: dict[str, object]) -> str:
    """The front matter of ``meta`` between its two ``---`` lines; "" when no field is set."""
    fields = {name: meta[name] for name in FIELDS if meta.get(name)}
    if not fields:
        return ""
    body = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=10_000)
    return f"{FENCE}\n{body}{FENCE}"
