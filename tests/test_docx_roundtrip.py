"""A draft written to Word and read back is the same draft (keys aside)."""

import pytest
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings

from bench.generate import make_tree
from drafting.docx import MAX_DEPTH, DocxMeta, read_docx, version_docx
from drafting.outline import parse
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from tests.test_outline import canonical_outlines, shape
from tests.word_demo_drafts import demo


def round_trip(tree: Tree, meta: DocxMeta | None = None):
    return read_docx(version_docx(tree, meta or DocxMeta()))


@pytest.mark.parametrize("name", ["bms6-draft-1.md", "bms7-draft-1.md"])
def test_demo_draft_comes_back_with_every_element_and_its_particulars(name):
    tree, meta = demo(name)

    imported = round_trip(tree, meta)

    assert shape(imported.tree) == shape(tree)
    assert imported.warnings == ()
    assert imported.meta == meta


def test_keys_are_fresh_but_footnotes_stay_attached_to_their_calls():
    tree, meta = demo("bms7-draft-1.md")

    imported = round_trip(tree, meta).tree

    old_keys = {node.key for node, _depth in tree.walk()} | set(tree.footnotes)
    new_keys = {node.key for node, _depth in imported.walk()} | set(imported.footnotes)
    assert not old_keys & new_keys
    assert list(imported.footnote_numbers()) == list(imported.footnotes)


@hypothesis_settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(canonical_outlines())
def test_any_outline_comes_back_from_word_unchanged(text):
    meta, tree = parse(text)
    assume(any(node.text or node.designation for node, _depth in tree.walk()))

    imported = round_trip(tree, DocxMeta(title=str(meta.get("title", ""))))

    assert shape(imported.tree) == shape(tree)


def test_generated_draft_with_numbered_headings_and_brackets_comes_back_unchanged():
    tree = make_tree(paragraphs=300, items=3, headings=12, footnotes=20, seed=3)

    assert shape(round_trip(tree).tree) == shape(tree)


def test_titles_that_merely_start_like_a_designation_keep_their_whole_text():
    tree = Tree(
        [
            Node(AGENDA_ITEM, "A. title without a designation"),
            Node(AGENDA_ITEM, "the real one", "B.", children=[
                Node(HEADING, "1. heading without one", level=1),
                Node(HEADING, "(iv) heading with one", "2.", level=3),
                Node(PARAGRAPH, "a. bullet that starts like a designation"),
            ]),
        ]
    )  # fmt: skip

    assert shape(round_trip(tree).tree) == shape(tree)


def test_paragraphs_nested_to_the_depth_limit_come_back_nested():
    node = innermost = Node(PARAGRAPH, "level 1")
    for depth in range(2, MAX_DEPTH + 1):
        child = Node(PARAGRAPH, f"level {depth}", "(a)" if depth % 2 else "")
        innermost.children.append(child)
        innermost = child
    tree = Tree([Node(AGENDA_ITEM, "Item", "A.", children=[node, Node(PARAGRAPH, "")])])

    assert shape(round_trip(tree).tree) == shape(tree)
