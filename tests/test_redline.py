"""Redline rows and their HTML: inline, side by side, print, from one change set."""

import copy
import re

import pytest

from bench.generate import make_tree, mutate
from drafting.diff import MOVED, compare
from drafting.rendering import redline_html
from drafting.rendering.blocks import blocks
from drafting.rendering.redline import Redline
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree

LINKS = redline_html.Links("Draft 1", "Draft 2", comparison="/compare/", old_version="/d1/")


def _draft() -> Tree:
    """Two agenda items; under A a numbered heading and three bullets, one with a footnote."""
    footnote = "fn-kept"
    return Tree(
        nodes=[
            Node(
                kind=AGENDA_ITEM,
                designation="A.",
                text="[Consideration]",
                key="item-a",
                children=[
                    Node(
                        kind=HEADING,
                        level=1,
                        designation="1.",
                        text="<em>Effective national controls</em>",
                        key="heading",
                    ),
                    Node(kind=PARAGRAPH, text="Marking of weapons", key="p1"),
                    Node(kind=PARAGRAPH, text="Record-keeping by States", key="p2"),
                    Node(
                        kind=PARAGRAPH,
                        text='Tracing<fn-ref data-key="fn-kept"></fn-ref> requests',
                        key="p3",
                    ),
                ],
            ),
            Node(
                kind=AGENDA_ITEM,
                designation="B.",
                text='[Way forward]<fn-ref data-key="fn-item"></fn-ref>',
                key="item-b",
                children=[Node(kind=PARAGRAPH, text="National actions", key="p4")],
            ),
        ],
        footnotes={footnote: "Based on the ITI.", "fn-item": "Provenance of the item."},
    )


def _moved_draft() -> tuple[Tree, Tree]:
    """Draft 2 moves bullet 3 of A (with its footnote) to the end of B, and adds one."""
    old = _draft()
    new = copy.deepcopy(old)
    moved = new.nodes[0].children.pop(3)
    new.nodes[1].children.append(moved)
    new.nodes[0].children.insert(1, Node(kind=PARAGRAPH, text="A new bullet", key="p5"))
    return old, new


def _keys(rows, side: str) -> list[str]:
    return [getattr(row, side).key for row in rows if getattr(row, side) is not None]


@pytest.mark.parametrize("seed", range(6))
def test_side_by_side_shows_each_version_in_its_own_order(seed):
    old = make_tree(paragraphs=120, items=3, headings=6, footnotes=8, seed=seed)
    new = mutate(old, fraction=0.3, seed=seed + 10)

    redline = Redline(old, new, compare(old, new))

    assert _keys(redline.side_by_side, "old") == [block.key for block in blocks(old)]
    assert _keys(redline.side_by_side, "new") == [block.key for block in blocks(new)]
    assert any(row.status == MOVED for row in redline.side_by_side)


def test_a_moved_paragraph_stands_in_both_columns_at_its_own_place_linked():
    old, new = _moved_draft()
    redline = Redline(old, new, compare(old, new))
    rows = redline.side_by_side

    origin = next(row for row in rows if row.is_origin)
    arrival = next(row for row in rows if row.status == MOVED and not row.is_origin)
    assert (origin.old.key, origin.new, arrival.old, arrival.new.key) == ("p3", None, None, "p3")
    item_b = next(i for i, row in enumerate(rows) if row.new and row.new.key == "item-b")
    assert rows.index(origin) < item_b < rows.index(arrival)
    page = redline_html.side_by_side_html(redline, rows, LINKS)
    anchor = origin.change.anchor
    assert f'id="{anchor}-origin"' in page and f'href="#{anchor}"' in page
    assert f'id="{anchor}"' in page and f'href="#{anchor}-origin"' in page


def test_an_empty_side_by_side_cell_is_blank_never_a_bullet():
    old, new = _moved_draft()
    redline = Redline(old, new, compare(old, new))

    page = redline_html.side_by_side_html(redline, redline.side_by_side, LINKS)

    blanks = re.findall(r'<div class="rl-(?:old|new) rl-blank">(.*?)</div>', page)
    assert len(blanks) == 3  # the origin's new cell, the arrival's old cell, the added bullet's
    assert all(
        re.fullmatch(r'<span class="visually-hidden">not in Draft \d here</span>', b)
        for b in blanks
    )
    css = redline_html.__file__.rsplit("/drafting/", 1)[0] + "/static/css/compare.css"
    with open(css, encoding="utf-8") as file:
        assert ".rl-old:not(.rl-blank)::before" in file.read()


def test_inline_redline_marks_where_a_move_came_from_and_where_it_went():
    old, new = _moved_draft()
    redline = Redline(old, new, compare(old, new))

    page = redline_html.inline_html(redline, redline.rows, LINKS)

    change = next(row.change for row in redline.rows if row.is_origin)
    assert re.search(
        rf'<p class="change-mark" id="{change.anchor}-origin"><del class="moved-to">'
        rf'<span class="change-kind">Moved</span> to <a href="#{change.anchor}">B &gt; bullet 2'
        r"</a></del></p>",
        page,
    )
    assert (
        f'from <a href="#{change.anchor}-origin">A &gt; 1. Effective national controls &gt; '
        f'bullet 3</a> in <a href="/d1/#el-p3">Draft 1</a>'
    ) in page
    assert page.count("Tracing") == 1


def test_a_link_to_a_place_outside_a_filtered_view_goes_to_the_whole_comparison():
    old, new = _moved_draft()
    redline = Redline(old, new, compare(old, new))
    only_b = [row for row in redline.rows if row.agenda_item_key == "item-b"]

    page = redline_html.inline_html(redline, only_b, LINKS)

    assert 'href="/compare/#change-' in page and "Moved to" not in page


def test_footnote_calls_stay_in_every_redline_view_numbered_per_version():
    old, new = _moved_draft()
    new.nodes[0].children[1].text = 'A new bullet<fn-ref data-key="fn-new"></fn-ref>'
    new.footnotes["fn-new"] = "Added note."
    redline = Redline(old, new, compare(old, new))

    inline = redline_html.inline_html(redline, redline.rows, LINKS)
    side = redline_html.side_by_side_html(redline, redline.side_by_side, LINKS)
    printed = redline_html.print_html(redline, redline.rows)

    for page in (inline, side, printed):
        assert "<fn-ref" not in page and "fn-unnumbered" not in page
    # Draft 1 numbers "Tracing" 1 (item B's note 2); Draft 2 the new bullet 1, "Tracing" 3.
    assert re.search(r'<ins>A new bullet<sup class="fn-call"><a [^>]*>1</a></sup></ins>', inline)
    assert re.search(r'Tracing<sup class="fn-call"><a [^>]*>3</a></sup>', inline)
    assert re.search(r'<div class="rl-old">Tracing<sup class="fn-call"><a [^>]*>1</a>', side)
    assert re.search(r'<div class="rl-new">Tracing<sup class="fn-call"><a [^>]*>3</a>', side)


def test_agenda_items_to_filter_by_are_labelled_without_footnote_calls():
    old, new = _moved_draft()

    options = Redline(old, new, compare(old, new)).agenda_items

    assert [(option.key, option.label) for option in options] == [
        ("item-a", "A. [Consideration]"),
        ("item-b", "B. [Way forward]"),
    ]


def test_a_change_too_long_to_compare_word_by_word_says_so():
    old, new = _draft(), _draft()
    # Six hundred words rewritten throughout: past the word diff's budget.
    old.nodes[0].children[1].text = " ".join(f"old{i}" for i in range(600))
    new.nodes[0].children[1].text = " ".join(f"new{i}" for i in range(600))
    change_set = compare(old, new)
    assert change_set.coarse_changes
    redline = Redline(old, new, change_set)

    page = redline_html.inline_html(redline, redline.rows, LINKS)

    assert "shown replaced whole: it is too long to compare word by word" in page


def test_a_comparison_nested_two_hundred_levels_deep_renders():
    def nested(last: str) -> Tree:
        node = Node(kind=PARAGRAPH, text=last, key="level-200")
        for level in range(199, 0, -1):
            node = Node(
                kind=PARAGRAPH, text=f"Level {level}", key=f"level-{level}", children=[node]
            )
        return Tree(nodes=[node])

    old, new = nested("Deepest"), nested("Deepest of all")
    redline = Redline(old, new, compare(old, new))

    inline = redline_html.inline_html(redline, redline.rows, LINKS)
    side = redline_html.side_by_side_html(redline, redline.side_by_side, LINKS)

    assert "Deepest<ins> of all</ins>" in inline.replace("Deepest <ins>", "Deepest<ins> ")
    assert side.count('class="rl-old"') == 200


def test_printed_redline_shows_an_empty_placeholder_as_a_bare_bullet():
    old = _draft()
    old.nodes[1].children.append(Node(kind=PARAGRAPH, text="", key="placeholder"))
    new = copy.deepcopy(old)
    redline = Redline(old, new, compare(old, new))

    printed = redline_html.print_html(redline, redline.rows)
    page = redline_html.inline_html(redline, redline.rows, LINKS)

    assert '<div class="row paragraph depth-1"><span class="bullet">•</span> </div>' in printed
    assert "empty placeholder" not in printed
    assert '<span class="visually-hidden">empty placeholder</span>' in page
