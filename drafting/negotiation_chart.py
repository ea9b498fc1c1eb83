"""The plot "bracketed passages per agenda item across drafts", and the table it is drawn
from. Pure: a ``Negotiation`` in, a ``BracketTable`` and an SVG string out; no ORM.

The SVG is plain enough for WeasyPrint and for print: black strokes only, no CSS, no
scripts, no external fonts. It reads without colour: each agenda item has its own dash
pattern and point marker, a label beside its last point and a row in the legend; points
of items with equal counts stand side by side. ``role="img"`` with a ``<title>`` and a
``<desc>`` (the figures in words) serve screen readers. Every text is escaped where the
markup is built; the finished string is marked safe in one place.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NewType
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe

from .negotiation import Negotiation, long_date, short_title

# Dash patterns and markers, distinct per series (the two lists differ in length, so the
# pairs repeat only after 70 series); "" is a solid line.
DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "14 4", "2 6", "10 3 2 3 2 3", "6 2 2 2", "1 2")
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "cross", "plus")
FONT = "Liberation Serif, serif"

WIDTH = 640
_LEFT, _RIGHT, _TOP = 64, 104, 16  # margins of the plot area
_PLOT_HEIGHT = 220
_AXIS_SPACE = 44  # below the plot: draft labels and dates
_LEGEND_ROW = 18
_MARK = 4.0  # marker half-size
_LABEL_GAP = 13  # least vertical distance between two direct labels
_DODGE = 2 * _MARK + 2  # horizontal distance between points of consecutive series

_Markup = NewType("_Markup", str)  # SVG built here from escaped parts


@dataclass(frozen=True)
class BracketColumn:
    """One draft: its label, date and the bracketed passages in its whole text."""

    label: str
    date: datetime.date
    total: int


@dataclass(frozen=True)
class BracketRow:
    """One agenda item (or the chapeau): its passages per draft, None where absent."""

    label: str  # "A", "Chapeau"
    title: str  # short title; "" for the chapeau and items without a designation
    counts: tuple[int | None, ...]


@dataclass(frozen=True)
class BracketTable:
    """Bracketed passages per agenda item (rows) in each draft (columns)."""

    columns: tuple[BracketColumn, ...]
    rows: tuple[BracketRow, ...]


def bracket_table(negotiation: Negotiation) -> BracketTable:
    """The table of the plot: one row per agenda item, in reading order."""
    return BracketTable(
        tuple(
            BracketColumn(draft.label, draft.date, draft.brackets.passages)
            for draft in negotiation.drafts
        ),
        tuple(
            BracketRow(
                item.label,
                # An item without a designation is labelled by its short title already.
                short_title(item.title, 70) if item.designation.strip() else "",
                tuple(None if f is None else f.brackets.passages for f in item.figures),
            )
            for item in negotiation.items
        ),
    )


def bracket_chart(table: BracketTable, chart_id: str = "bracket-chart") -> SafeString:
    """The plot as an inline ``<svg>``; ``chart_id`` prefixes its ids (unique per page)."""
    plot = _Plot(table)
    svg = _element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": WIDTH,
            "height": plot.height,
            "viewBox": f"0 0 {WIDTH} {plot.height}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "font-family": FONT,
            "font-size": 11,
        },
        _element("title", {"id": f"{chart_id}-title"}, _text(_title(table))),
        _element("desc", {"id": f"{chart_id}-desc"}, _text(_description(table))),
        plot.axes(),
        *plot.series(),
        plot.direct_labels(),
        plot.legend(),
    )
    return mark_safe(svg)  # every text and attribute value was escaped as it was built


def _title(table: BracketTable) -> str:
    if not table.columns:
        return "Bracketed passages per agenda item: no issued draft yet"
    span = table.columns[0].label
    if len(table.columns) > 1:
        span += f" to {table.columns[-1].label}"
    return f"Bracketed passages per agenda item, {span}"


def _description(table: BracketTable) -> str:
    """The figures in words, for those who cannot see the plot."""
    drafts = ", ".join(f"{c.label} ({long_date(c.date)}): {c.total} in all" for c in table.columns)
    rows = (
        f"{row.label}: "
        + ", ".join("absent" if count is None else str(count) for count in row.counts)
        for row in table.rows
    )
    return "; ".join([f"Drafts {drafts}", *rows]) + "."


# Markup ---------------------------------------------------------------------------------


def _text(value: object) -> _Markup:
    return _Markup(escape(str(value)))


def _element(
    name: str, attributes: Mapping[str, object] | None = None, *content: _Markup
) -> _Markup:
    """An element with escaped attribute values (those that are "" left out)."""
    attrs = "".join(
        f" {key}={quoteattr(str(value))}"
        for key, value in (attributes or {}).items()
        if value != ""
    )
    if not content:
        return _Markup(f"<{name}{attrs}/>")
    return _Markup(f"<{name}{attrs}>{''.join(content)}</{name}>")


def _group(attributes: Mapping[str, object], content: Iterable[_Markup]) -> _Markup:
    return _element("g", attributes, *content)


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


# The plot -------------------------------------------------------------------------------


class _Plot:
    """Scales and parts of the plot for one table."""

    def __init__(self, table: BracketTable) -> None:
        self.table = table
        self.right = WIDTH - _RIGHT
        self.bottom = _TOP + _PLOT_HEIGHT
        self.height = self.bottom + _AXIS_SPACE + _LEGEND_ROW * (len(table.rows) + 1)
        highest = max(
            (count for row in table.rows for count in row.counts if count is not None), default=0
        )
        self.step = _tick_step(highest)
        self.top_value = max(self.step, -(-highest // self.step) * self.step)
        columns = max(len(table.columns), 1)
        self.gap = (self.right - _LEFT) / columns
        self.dodge = min(_DODGE, self.gap * 0.6 / max(len(table.rows), 1))

    def x(self, column: int, row: int | None = None) -> float:
        centre = _LEFT + self.gap * (column + 0.5)
        if row is None:
            return centre
        return centre + (row - (len(self.table.rows) - 1) / 2) * self.dodge

    def y(self, value: float) -> float:
        return self.bottom - _PLOT_HEIGHT * value / self.top_value

    def axes(self) -> _Markup:
        parts: list[_Markup] = []
        for value in range(0, self.top_value + 1, self.step):
            y = _number(self.y(value))
            grid = {"x1": _LEFT, "x2": self.right, "y1": y, "y2": y}
            parts.append(_element("line", {**grid, "stroke": "#bbbbbb", "stroke-width": 0.5}))
            tick = {"x": _LEFT - 6, "y": _number(self.y(value) + 4), "text-anchor": "end"}
            parts.append(_element("text", tick, _text(value)))
        axis = {"stroke": "#000000", "stroke-width": 1}
        parts.append(
            _element("line", {"x1": _LEFT, "x2": _LEFT, "y1": _TOP, "y2": self.bottom, **axis})
        )
        parts.append(
            _element(
                "line",
                {"x1": _LEFT, "x2": self.right, "y1": self.bottom, "y2": self.bottom, **axis},
            )
        )
        middle = _number(_TOP + _PLOT_HEIGHT / 2)
        parts.append(
            _element(
                "text",
                {
                    "x": 14,
                    "y": middle,
                    "text-anchor": "middle",
                    "transform": f"rotate(-90 14 {middle})",
                },
                _text("Bracketed passages"),
            )
        )
        for column, draft in enumerate(self.table.columns):
            x = _number(self.x(column))
            parts.append(
                _element(
                    "text",
                    {"x": x, "y": self.bottom + 16, "text-anchor": "middle"},
                    _text(draft.label),
                )
            )
            parts.append(
                _element(
                    "text",
                    {"x": x, "y": self.bottom + 30, "text-anchor": "middle", "font-size": 9},
                    _text(long_date(draft.date)),
                )
            )
        return _group({"class": "axes"}, parts)

    def series(self) -> list[_Markup]:
        return [
            _group(
                {"class": "series", "aria-label": _row_name(row)},
                [
                    *(
                        _element("path", {"class": "line", "d": d, **_stroke(index)})
                        for d in self._runs(index, row.counts)
                    ),
                    *(
                        _marker(index, self.x(column, index), self.y(count))
                        for column, count in enumerate(row.counts)
                        if count is not None
                    ),
                ],
            )
            for index, row in enumerate(self.table.rows)
        ]

    def _runs(self, index: int, counts: Sequence[int | None]) -> list[str]:
        """Path data of the line, broken where the item is absent from a draft."""
        runs: list[str] = []
        points: list[str] = []
        for column, count in [*enumerate(counts), (len(counts), None)]:
            if count is None:
                if len(points) > 1:
                    runs.append("M" + " L".join(points))
                points = []
            else:
                points.append(f"{_number(self.x(column, index))} {_number(self.y(count))}")
        return runs

    def direct_labels(self) -> _Markup:
        """Each item's label beside its last point: in the right margin, spread apart, for
        the items in the last draft; beside the point for the others."""
        last = len(self.table.columns) - 1
        parts: list[_Markup] = []
        margin: list[tuple[float, int]] = []
        for index, row in enumerate(self.table.rows):
            points = [
                (column, count) for column, count in enumerate(row.counts) if count is not None
            ]
            if not points:
                continue
            column, count = points[-1]
            y = self.y(count)
            if column == last:
                margin.append((y, index))
            else:
                x = self.x(column, index) + _MARK + 3
                parts.append(
                    _element(
                        "text", {"x": _number(x), "y": _number(y - _MARK - 2)}, _text(row.label)
                    )
                )
        for (y, index), placed in zip(
            sorted(margin), _spread([y for y, _ in sorted(margin)]), strict=True
        ):
            start = self.x(last, index) + _MARK + 2
            end = self.right + 8
            parts.append(
                _element(
                    "line",
                    {
                        "x1": _number(start),
                        "y1": _number(y),
                        "x2": end,
                        "y2": _number(placed),
                        "stroke": "#777777",
                        "stroke-width": 0.5,
                    },
                )
            )
            label = {"x": end + 3, "y": _number(placed + 4)}
            parts.append(_element("text", label, _text(self.table.rows[index].label)))
        return _group({"class": "direct-labels"}, parts)

    def legend(self) -> _Markup:
        parts: list[_Markup] = []
        top = self.bottom + _AXIS_SPACE
        for index, row in enumerate(self.table.rows):
            y = top + _LEGEND_ROW * (index + 0.5)
            line = f"M{_LEFT} {_number(y)} L{_LEFT + 36} {_number(y)}"
            sample = {"class": "line", "d": line, **_stroke(index)}
            parts.append(
                _group(
                    {"class": "legend-entry"},
                    [
                        _element("path", sample),
                        _marker(index, _LEFT + 18, y),
                        _element(
                            "text", {"x": _LEFT + 46, "y": _number(y + 4)}, _text(_row_name(row))
                        ),
                    ],
                )
            )
        return _group({"class": "legend"}, parts)


def _tick_step(highest: int) -> int:
    """1, 2, 5, 10, 20, 50 … so that the axis has at most six steps."""
    step = 1
    while highest > 6 * step:
        for factor in (2, 5, 10):
            if highest <= 6 * step * factor:
                return step * factor
        step *= 10
    return step


def _spread(ys: Sequence[float]) -> list[float]:
    """Label positions for points at ``ys`` (ascending): as near as they can be while
    ``_LABEL_GAP`` apart, kept inside the plot."""
    placed: list[float] = []
    for y in ys:
        placed.append(max(y, placed[-1] + _LABEL_GAP) if placed else max(y, _TOP))
    limit: float = _TOP + _PLOT_HEIGHT
    for i in range(len(placed) - 1, -1, -1):
        limit = min(placed[i], limit)
        placed[i] = limit
        limit -= _LABEL_GAP
    return placed


def _row_name(row: BracketRow) -> str:
    return f"{row.label}. {row.title}" if row.title else row.label


def _stroke(index: int) -> dict[str, object]:
    return {
        "fill": "none",
        "stroke": "#000000",
        "stroke-width": 1.5,
        "stroke-dasharray": DASHES[index % len(DASHES)],
    }


def _marker(index: int, x: float, y: float) -> _Markup:
    """The point marker of series ``index``: a shape, filled or hollow in turn per cycle."""
    shape = MARKERS[index % len(MARKERS)]
    hollow = (index // len(MARKERS)) % 2 == 1
    style = {
        "class": f"marker {shape}",
        "fill": "#ffffff" if hollow else "#000000",
        "stroke": "#000000",
        "stroke-width": 1,
    }
    r = _MARK
    if shape == "circle":
        return _element("circle", {"cx": _number(x), "cy": _number(y), "r": r, **style})
    outline = {
        "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
        "diamond": [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        "triangle-down": [(0, r + 1), (r + 1, -r), (-r - 1, -r)],
    }.get(shape)
    if outline is not None:
        d = "M" + " L".join(f"{_number(x + dx)} {_number(y + dy)}" for dx, dy in outline) + " Z"
        return _element("path", {"d": d, **style})
    strokes = (
        [(-r, -r, r, r), (-r, r, r, -r)] if shape == "cross" else [(-r, 0, r, 0), (0, -r, 0, r)]
    )
    d = " ".join(
        f"M{_number(x + a)} {_number(y + b)} L{_number(x + c)} {_number(y + e)}"
        for a, b, c, e in strokes
    )
    return _element("path", {**style, "d": d, "fill": "none", "stroke-width": 2})
