"""The plot of bracketed passages per agenda item across drafts and the table it is drawn
from (drafting/negotiation_chart.py): valid SVG, readable without colour, escaped, and
printed by WeasyPrint."""

from __future__ import annotations

import copy
import datetime
import io
import xml.etree.ElementTree as ET

import pypdf
import pytest
from django.utils.safestring import SafeString
from weasyprint import HTML

from drafting.negotiation import negotiation
from drafting.negotiation_chart import (
    DASHES,
    FONT,
    BracketColumn,
    BracketRow,
    BracketTable,
    bracket_chart,
    bracket_table,
)
from tests.demo_drafts import DRAFT_1_DATE, DRAFT_2_DATE, bms7_draft_1, bms7_draft_2

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def table() -> BracketTable:
    draft_1 = bms7_draft_1()
    draft_2 = bms7_draft_2(draft_1)
    rev_1 = copy.deepcopy(draft_2)
    del rev_1.nodes[-1]  # item E goes
    drafts = [
        ("Draft 1", DRAFT_1_DATE, draft_1),
        ("Draft 2", DRAFT_2_DATE, draft_2),
        ("Rev.1", datetime.date(2021, 7, 2), rev_1),
    ]
    return bracket_table(negotiation(drafts))


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def groups(root: ET.Element, name: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == name]


def series(root: ET.Element) -> list[ET.Element]:
    return groups(root, "series")


def line(group: ET.Element) -> ET.Element | None:
    return group.find(f"{SVG}path[@class='line']")


def markers(group: ET.Element) -> list[ET.Element]:
    return [e for e in group if e.get("class", "").startswith("marker ")]


def style(group: ET.Element) -> tuple[str, str, str]:
    """What tells a series apart without colour: dash pattern, marker shape and fill."""
    sample, (marker, *_) = line(group), markers(group)
    return (sample.get("stroke-dasharray", "solid"), marker.get("class"), marker.get("fill"))


def test_table_holds_the_passages_per_item_and_draft_with_gaps_where_an_item_is_absent(table):
    assert [(c.label, c.date, c.total) for c in table.columns] == [
        ("Draft 1", DRAFT_1_DATE, 5),
        ("Draft 2", DRAFT_2_DATE, 6),
        ("Rev.1", datetime.date(2021, 7, 2), 5),
    ]
    assert [(row.label, row.counts) for row in table.rows] == [
        ("Chapeau", (0, 1, 1)),
        ("A", (1, 1, 1)),
        ("B", (1, 1, 1)),
        ("C", (1, 1, 1)),
        ("D", (1, 1, 1)),
        ("E", (1, 1, None)),
    ]
    assert table.rows[0].title == ""
    assert table.rows[4].title == "Decision on agenda of BMS8"


def test_chart_is_safe_svg_with_a_title_a_description_and_the_img_role(table):
    svg = bracket_chart(table, chart_id="bms7")
    assert isinstance(svg, SafeString)
    root = parsed(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "bms7-title bms7-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.get("id") == "bms7-title"
    assert title.text == "Bracketed passages per agenda item, Draft 1 to Rev.1"
    assert desc.get("id") == "bms7-desc"
    assert "Draft 2 (24 June 2021): 6 in all" in desc.text
    assert "E: 1, 1, absent" in desc.text


def test_each_agenda_item_is_one_series_with_its_own_dash_pattern_and_marker(table):
    root = parsed(bracket_chart(table))
    groups = series(root)
    assert [g.get("aria-label") for g in groups] == [
        "Chapeau",
        "A. Consideration of the implementation of the Programme of Action …",
        "B. Consideration of the implementation of the International Instrument …",
        "C. Consideration of international cooperation …",
        "D. Decision on agenda of BMS8",
        "E. Other issues and topics of relevance for the effective …",
    ]
    assert len({line(g).get("stroke-dasharray", "solid") for g in groups}) == len(groups)
    assert len({markers(g)[0].get("class") for g in groups}) == len(groups)
    assert all(line(g).get("stroke") == "#000000" for g in groups)


def test_an_item_absent_from_a_draft_has_no_point_there(table):
    d, e = series(parsed(bracket_chart(table)))[4:]
    assert len(markers(d)) == 3
    assert len(markers(e)) == 2
    assert line(e).get("d").count("L") == 1  # from Draft 1 to Draft 2 only


def test_every_item_is_labelled_beside_its_line_and_in_the_legend(table):
    root = parsed(bracket_chart(table))
    (labels,) = groups(root, "direct-labels")
    assert sorted(t.text for t in labels.iter(f"{SVG}text")) == sorted(
        row.label for row in table.rows
    )
    entries = groups(root, "legend-entry")
    assert [style(entry) for entry in entries] == [style(g) for g in series(root)]
    assert [entry.find(f"{SVG}text").text for entry in entries][:2] == [
        "Chapeau",
        "A. Consideration of the implementation of the Programme of Action …",
    ]


def test_series_stay_distinct_without_colour_for_many_agenda_items():
    count = len(DASHES) * 2
    rows = tuple(BracketRow(f"{n}", f"Item {n}", (n, n + 1)) for n in range(count))
    columns = (
        BracketColumn("Draft 1", DRAFT_1_DATE, 10),
        BracketColumn("Draft 2", DRAFT_2_DATE, 9),
    )
    styles = [style(g) for g in series(parsed(bracket_chart(BracketTable(columns, rows))))]
    assert len({dash for dash, _shape, _fill in styles[: len(DASHES)]}) == len(DASHES)
    assert len(set(styles)) == count


def test_text_in_the_chart_is_escaped():
    columns = (
        BracketColumn("Rev.1 <b>&amp;", DRAFT_1_DATE, 1),
        BracketColumn('Draft "2"', DRAFT_2_DATE, 0),
    )
    rows = (BracketRow("A", "<script>alert(1)</script> & [more]", (1, 0)),)
    svg = bracket_chart(BracketTable(columns, rows), chart_id='x" onload="alert(1)')
    assert "<script>" not in svg and "<b>" not in svg
    root = parsed(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Rev.1 <b>&amp;" in texts
    assert 'Draft "2"' in texts
    assert "A. <script>alert(1)</script> & [more]" in texts
    assert root.get("aria-labelledby") == 'x" onload="alert(1)-title x" onload="alert(1)-desc'
    assert root.get("onload") is None


def test_chart_is_plain_svg_for_print_in_one_serif_font(table):
    svg = bracket_chart(table)
    for forbidden in ("<style", "<script", "var(", "@import", "url(", 'class="fill-', "xlink"):
        assert forbidden not in svg
    root = parsed(svg)
    assert root.get("font-family") == FONT == "Liberation Serif, serif"
    fills = {e.get("fill") for e in root.iter() if e.get("fill")}
    strokes = {e.get("stroke") for e in root.iter() if e.get("stroke")}
    assert fills <= {"none", "#000000", "#ffffff"}
    assert strokes <= {"#000000", "#777777", "#bbbbbb"}  # no colour anywhere


def test_weasyprint_prints_the_chart_with_its_labels(table):
    html = f"<html><body><h1>The negotiation at a glance</h1>{bracket_chart(table)}</body></html>"
    pdf = pypdf.PdfReader(io.BytesIO(HTML(string=html).write_pdf()))
    text = pdf.pages[0].extract_text()
    for words in (
        "Bracketed passages",
        "Draft 1",
        "Rev.1",
        "24 June 2021",
        "D. Decision on agenda of BMS8",
    ):
        assert words in text


def test_an_empty_table_still_gives_a_valid_chart():
    root = parsed(bracket_chart(BracketTable((), ())))
    assert (
        root.find(f"{SVG}title").text == "Bracketed passages per agenda item: no issued draft yet"
    )
    assert series(root) == []
