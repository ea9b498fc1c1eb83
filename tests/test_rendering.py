"""The rendering layer: a tree as rows and HTML, footnote numbering, safe fragments."""

import re

from django.utils.safestring import SafeString

from drafting.diff import Fragment
from drafting.rendering.blocks import ITEM, LIST, SECTION, blocks
from drafting.rendering.document import print_html, reading_html
from drafting.rendering.markup import (
    UNNUMBERED,
    DocumentNumbering,
    PackageNumbering,
    fragments_html,
    inline_html,
)
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree


def _nested(depth: int) -> Tree:
    """An agenda item with one bullet under another, ``depth`` levels down."""
    node = Node(kind=PARAGRAPH, text=f"Level {depth}")
    for level in range(depth - 1, 0, -1):
        node = Node(kind=PARAGRAPH, text=f"Level {level}", children=[node])
    return Tree(nodes=[Node(kind=AGENDA_ITEM, designation="A.", text="Item", children=[node])])


def _item_with_headings() -> Tree:
    return Tree(
        nodes=[
            Node(kind=PARAGRAPH, text="Chapeau"),
            Node(
                kind=AGENDA_ITEM,
                designation="A.",
                text="Item",
                children=[
                    Node(
                        kind=HEADING, level=1, designation="1.", text="<em>Effective</em> controls"
                    ),
                    Node(kind=PARAGRAPH, text="One", children=[Node(kind=PARAGRAPH, text="Sub")]),
                    Node(kind=PARAGRAPH, text=""),
                    Node(kind=HEADING, level=1, text="The Way Forward"),
                    Node(kind=PARAGRAPH, text="Two"),
                ],
            ),
        ]
    )


def test_consecutive_bullets_form_one_list_that_a_heading_ends():
    rows = blocks(_item_with_headings())

    assert [(row.kind, row.depth, row.opens_list, row.closes) for row in rows] == [
        (PARAGRAPH, 0, True, (ITEM, LIST)),
        (AGENDA_ITEM, 0, False, ()),
        (HEADING, 1, False, ()),
        (PARAGRAPH, 1, True, ()),
        (PARAGRAPH, 2, True, (ITEM, LIST, ITEM)),
        (PARAGRAPH, 1, False, (ITEM, LIST)),
        (HEADING, 1, False, ()),
        (PARAGRAPH, 1, True, (ITEM, LIST, SECTION)),
    ]


def test_rows_name_their_place_for_people_and_their_agenda_item():
    tree = _item_with_headings()
    rows = blocks(tree)

    assert [row.location for row in rows] == [
        "bullet 1",
        "A",
        "A > 1. Effective controls",
        "A > 1. Effective controls > bullet 1",
        "A > 1. Effective controls > bullet 1 > bullet 1",
        "A > 1. Effective controls > bullet 2",
        "A > The Way Forward",
        "A > The Way Forward > bullet 1",
    ]
    assert rows[0].agenda_item is None
    assert {row.agenda_item for row in rows[1:]} == {tree.nodes[1].key}
    assert [row.is_placeholder for row in rows].count(True) == 1


def test_reading_html_nests_lists_and_closes_everything_it_opens():
    page = reading_html(blocks(_item_with_headings()), UNNUMBERED)

    assert isinstance(page, SafeString)
    assert re.search(r"One<ul>\s*<li[^>]*>Sub</li>\s*</ul>\s*</li>", page)
    assert page.count("<ul>") == page.count("</ul>") == 4
    assert page.count("<li") == page.count("</li>") == 5
    assert page.count("<section") == page.count("</section>") == 1
    assert '<h3 class="heading heading-1" id="el-' in page


def test_a_draft_nested_two_hundred_levels_deep_renders_for_reading_and_print():
    rows = blocks(_nested(200))

    assert rows[-1].depth == 200 and rows[-1].closes.count(ITEM) == 200
    for page in (reading_html(rows, UNNUMBERED), print_html(rows, UNNUMBERED)):
        assert page.count("<ul") == page.count("</ul>") == 200
        assert "Level 200" in page


def test_footnote_calls_are_numbered_by_the_numbering_given_and_never_dropped():
    text = 'Tracing<fn-ref data-key="k1"></fn-ref> and<fn-ref data-key="gone"></fn-ref>'

    page = inline_html(text, DocumentNumbering({"k1": 7}))

    assert '<a href="#fn-7" id="fn-call-7" aria-label="footnote 7">7</a>' in page
    assert 'class="fn-call fn-unnumbered"' in page
    assert "<fn-ref" not in page


def test_a_package_numbers_footnotes_across_sections_with_each_note_after_its_first_call():
    numbering = PackageNumbering()
    numbering.add_notes({"a": "First <em>note</em>"})
    first = inline_html('One<fn-ref data-key="a"></fn-ref>', numbering)
    numbering.add_notes({"b": "Second note", "old-b": "unused"}, aliases={"old-b": "b"})
    second = inline_html(
        'Two<fn-ref data-key="old-b"></fn-ref> again<fn-ref data-key="a"></fn-ref>', numbering
    )

    assert 'id="fn-1"><sup class="fn-number">1</sup> First <em>note</em></span>' in first
    assert 'id="fn-2"><sup class="fn-number">2</sup> Second note</span>' in second
    assert second.count('class="footnote"') == 1 and 'id="fn-call-1"' in second


def test_a_script_in_a_diff_fragment_stays_text():
    fragments = (
        Fragment("equal", "States "),
        Fragment("insert", "<script>alert(1)</script>shall"),
        Fragment("delete", '<img src=x onerror="alert(2)">should'),
    )

    page = fragments_html(fragments, UNNUMBERED)

    assert "<script" not in page and "<img" not in page and "onerror" not in page
    assert page.startswith("States <ins>") and "<del>should</del>" in page


def test_deleted_words_number_their_footnote_calls_as_the_older_version_did():
    fragments = (
        Fragment("delete", 'Old<fn-ref data-key="k"></fn-ref>'),
        Fragment("insert", 'New<fn-ref data-key="k"></fn-ref>'),
    )

    page = fragments_html(
        fragments, DocumentNumbering({"k": 3}), old_numbering=DocumentNumbering({"k": 2})
    )

    assert re.search(r"<del>Old<sup[^>]*><a [^>]*>2</a></sup></del>", page)
    assert re.search(r"<ins>New<sup[^>]*><a [^>]*>3</a></sup></ins>", page)
