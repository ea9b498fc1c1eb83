"""The negotiation at a glance (drafting/negotiation.py): figures per draft and per agenda
item, items and paragraphs followed through the drafts; pure trees, no database."""

from __future__ import annotations

import copy
import datetime
import re
from itertools import pairwise

import pytest

from bench.generate import make_tree, mutate, strip_keys
from drafting.diff import Brackets, compare
from drafting.negotiation import negotiation, short_title, wholly_bracketed
from drafting.tree import AGENDA_ITEM, PARAGRAPH, Node, Tree
from tests.demo_drafts import (
    DRAFT_1,
    DRAFT_1_DATE,
    DRAFT_2_DATE,
    bms7_draft_1,
    bms7_draft_2,
)

DAY = datetime.timedelta(days=14)


def dated(*trees: Tree) -> list[tuple[str, datetime.date, Tree]]:
    return [(f"Draft {n}", DRAFT_1_DATE + n * DAY, tree) for n, tree in enumerate(trees, 1)]


def item(designation: str, title: str, *children: Node, key: str | None = None) -> Node:
    node = Node(AGENDA_ITEM, title, designation, children=list(children))
    if key:
        node.key = key
    return node


def paragraph(text: str, key: str) -> Node:
    return Node(PARAGRAPH, text, key=key)


@pytest.fixture(scope="module")
def demo():
    draft_1 = bms7_draft_1()
    draft_2 = bms7_draft_2(draft_1)
    drafts = [("Draft 1", DRAFT_1_DATE, draft_1), ("Draft 2", DRAFT_2_DATE, draft_2)]
    return drafts, negotiation(drafts)


@pytest.fixture(scope="module")
def generated():
    """Five generated drafts, the third imported from a file (no lineage keys)."""
    trees = [make_tree(paragraphs=300, items=4, headings=12, footnotes=20)]
    for seed in range(1, 5):
        trees.append(mutate(trees[-1], fraction=0.15, seed=seed))
    trees[2] = strip_keys(trees[2])
    change_sets = [compare(old, new) for old, new in pairwise(trees)]
    return trees, change_sets, negotiation(dated(*trees), change_sets)


# Figures per draft --------------------------------------------------------------------


def test_demo_draft_1_has_its_bracketed_titles_placeholders_and_no_previous_draft(demo):
    _drafts, result = demo
    first = result.drafts[0]
    placeholders = len(re.findall(r"^ *-$", DRAFT_1.read_text(encoding="utf-8"), re.M))
    assert (first.label, first.date) == ("Draft 1", DRAFT_1_DATE)
    # Item A's title ends "recipients.]]": one passage and one stray closing bracket.
    assert first.brackets == Brackets(passages=5, unmatched_close=1)
    assert first.placeholders == placeholders == 17
    assert first.wholly_bracketed == ("A", "B", "C", "D", "E")
    assert first.changes is None


def test_demo_draft_2_counts_its_brackets_and_its_changes_from_draft_1(demo):
    drafts, result = demo
    second = result.drafts[1]
    change_set = compare(drafts[0][2], drafts[1][2])
    assert second.brackets == Brackets(passages=6)
    assert second.wholly_bracketed == ("B", "C", "D", "E")
    assert second.changes == len(change_set.changes) == 9


def test_whole_text_brackets_are_counted_as_the_compare_summary_counts_them(demo, generated):
    demo_drafts, demo_result = demo
    trees, change_sets, result = generated
    assert (
        demo_result.drafts[1].brackets
        == compare(demo_drafts[0][2], demo_drafts[1][2]).summary.new_brackets
    )
    for draft, change_set in zip(result.drafts[1:], change_sets, strict=True):
        assert draft.brackets == change_set.summary.new_brackets
    assert result.drafts[0].brackets == change_sets[0].summary.old_brackets


def test_per_item_changes_add_up_to_the_draft_changes(generated):
    _trees, _change_sets, result = generated
    for index, draft in enumerate(result.drafts[1:], 1):
        per_item = [s.figures[index].changes for s in result.items if s.figures[index]]
        assert sum(per_item) == draft.changes


# Agenda items -------------------------------------------------------------------------


def test_brackets_per_agenda_item_follow_the_demo_drafts(demo):
    _drafts, result = demo
    passages = {s.label: [f.brackets.passages for f in s.figures] for s in result.items}
    assert passages == {
        "Chapeau": [0, 1],
        "A": [1, 1],  # the title's brackets went, a bracketed bullet came
        "B": [1, 1],
        "C": [1, 1],
        "D": [1, 1],
        "E": [1, 1],
    }
    a = result.items[1]
    assert [f.wholly_bracketed for f in a.figures] == [True, False]
    assert [f.changes for f in a.figures] == [None, 4]
    assert [f.placeholders for f in a.figures] == [7, 7]
    assert a.designation == "A." and a.title.startswith("Consideration of the implementation")


def test_agenda_items_are_followed_through_drafts_imported_without_keys(generated):
    trees, _change_sets, result = generated
    assert [s.label for s in result.items] == ["A", "B", "C", "D"]
    assert all(None not in s.figures for s in result.items)
    assert [s.key for s in result.items] == [node.key for node in trees[-1].nodes]


def test_agenda_items_pair_by_designation_when_their_titles_are_rewritten():
    old = Tree([item("A.", "[Review of the Programme]"), item("B.", "Other matters")])
    new = Tree([item("A.", "Implementation review"), item("B.", "Other matters")])
    result = negotiation(dated(old, new))
    assert [s.label for s in result.items] == ["A", "B"]
    assert result.items[0].title == "Implementation review"
    assert [f.wholly_bracketed for f in result.items[0].figures] == [True, False]


def test_an_agenda_item_added_later_stands_after_the_item_before_it_and_gone_ones_stay():
    a, c = item("A.", "Review"), item("B.", "Cooperation and assistance")
    first = Tree([a, c])
    second = copy.deepcopy(first)
    second.nodes.insert(1, item("B.", "[Tracing instrument]", key="new"))
    second.nodes[2].designation = "C."
    third = copy.deepcopy(second)
    del third.nodes[0]
    result = negotiation(dated(first, second, third))
    assert [s.label for s in result.items] == ["A", "B", "C"]
    assert [s.title for s in result.items] == [
        "Review",
        "[Tracing instrument]",
        "Cooperation and assistance",
    ]
    assert [f is None for f in result.items[0].figures] == [False, False, True]
    assert [f is None for f in result.items[1].figures] == [True, False, False]
    assert result.items[1].figures[1].changes == 1


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("[Decision on agenda of BMS8]", True),
        ("[Consideration of transfers to unauthorized recipients.]]", True),
        ('[Decision on agenda]<fn-ref data-key="f"></fn-ref>', True),
        ("[Other issues.]", True),
        ("[Other issues].", True),
        ("[[Nested] wording in a bracketed title]", True),
        ("[Review] and [assessment]", False),
        ("Review of [implementation]", False),
        ("[Never closed", False),
        ("Plain title", False),
    ],
)
def test_a_title_is_wholly_bracketed_only_when_one_passage_holds_it(title, expected):
    assert wholly_bracketed(title) is expected


def test_short_titles_drop_brackets_and_end_on_a_word_that_carries_meaning():
    title = (
        "[Consideration of the implementation of the Programme of Action to Prevent, "
        "Combat and Eradicate the Illicit Trade]"
    )
    assert short_title(title) == "Consideration of the implementation of the Programme …"
    assert short_title("[Decision on agenda of BMS8.]") == "Decision on agenda of BMS8"


# Paragraphs ---------------------------------------------------------------------------


def three_drafts() -> list[Tree]:
    """p1 reworded in both later drafts, p2 bracketed throughout, p3 deleted in Draft 3,
    p4 inside a passage that spans paragraphs, p5 loses its brackets."""
    first = Tree(
        [
            item(
                "A.",
                "Review",
                paragraph("States reaffirmed their commitment", "p1"),
                paragraph("[States encouraged national reporting]", "p2"),
                paragraph("States welcomed the fellowship programme", "p3"),
                paragraph("[States noted the report;", "p0"),
                paragraph("States noted the database", "p4"),
                paragraph("and the tracing requests.]", "p6"),
                paragraph("States [recognized] the role of industry", "p5"),
            )
        ]
    )
    second = copy.deepcopy(first)
    second.nodes[0].children[0].text = "States reaffirmed their strong commitment"
    second.nodes[0].children[6].text = "States recognized the role of industry"
    third = copy.deepcopy(second)
    third.nodes[0].children[0].text = "States reaffirmed their strong and lasting commitment"
    del third.nodes[0].children[2]
    return [first, second, third]


def test_most_changed_paragraphs_come_first_with_where_they_last_stand():
    result = negotiation(dated(*three_drafts()))
    top, *rest = result.most_changed
    assert (top.key, top.location) == ("p1", "A > 1")
    assert top.text == "States reaffirmed their strong and lasting commitment"
    assert top.changed_in == ("Draft 2", "Draft 3")
    assert top.description == "changed in 2 of 2 drafts"
    assert top.in_latest
    assert [(p.key, p.changed_in, p.in_latest) for p in rest] == [
        ("p5", ("Draft 2",), True),
        ("p3", ("Draft 3",), False),
    ]
    assert rest[1].location == "A > 3"  # where it stood in Draft 2, the last that held it


def test_most_changed_list_is_cut_at_the_limit():
    result = negotiation(dated(*three_drafts()), most_changed=1)
    assert [p.key for p in result.most_changed] == ["p1"]


def test_paragraphs_bracketed_in_every_draft_include_those_inside_a_spanning_passage():
    result = negotiation(dated(*three_drafts()))
    assert [p.key for p in result.always_bracketed] == ["p2", "p0", "p4", "p6"]
    assert result.always_bracketed[0].changed_in == ()


def test_paragraphs_are_followed_through_a_draft_imported_without_keys(generated):
    trees, _change_sets, result = generated
    latest = {node.key for node, _depth in trees[-1].walk()}
    assert result.most_changed
    assert all(p.description.endswith("of 4 drafts") for p in result.most_changed)
    # Some paragraph changed in more drafts than one, across the imported Draft 3.
    assert len(result.most_changed[0].changed_in) >= 2
    counts = [len(p.changed_in) for p in result.most_changed]
    assert counts == sorted(counts, reverse=True)
    assert all(p.key in latest for p in result.always_bracketed)
    assert all(p.key in latest for p in result.most_changed if p.in_latest)


def test_placeholders_are_counted_but_not_followed():
    first = Tree([item("A.", "Review", paragraph("", "empty"), paragraph("Text", "p"))])
    second = copy.deepcopy(first)
    second.nodes[0].children[0].text = "Filled in"
    result = negotiation(dated(first, second))
    assert [d.placeholders for d in result.drafts] == [1, 0]
    assert [(p.key, p.changed_in) for p in result.most_changed] == [("empty", ("Draft 2",))]


# Edges --------------------------------------------------------------------------------


def test_one_draft_has_figures_but_no_changes():
    tree = three_drafts()[0]
    result = negotiation(dated(tree))
    assert result.drafts[0].changes is None
    assert result.most_changed == ()
    assert [p.key for p in result.always_bracketed] == ["p2", "p0", "p4", "p6", "p5"]


def test_no_drafts_give_an_empty_negotiation():
    assert negotiation([]) == negotiation([], [])
    assert negotiation([]).drafts == ()


def test_change_sets_must_sit_between_consecutive_drafts():
    trees = three_drafts()
    with pytest.raises(ValueError, match="between each two consecutive drafts"):
        negotiation(dated(*trees), [compare(trees[0], trees[1])])
