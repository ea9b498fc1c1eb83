"""The change summary for the cover letter (drafting/change_summary.py): plain sentences per
agenda item from the compare engine's change set; pure trees, no database."""

from __future__ import annotations

import copy

import pytest

from bench.generate import make_tree, mutate, strip_keys
from drafting.change_summary import ChangeSummary, change_summary, number
from drafting.diff import compare
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from tests.demo_drafts import DRAFT_1_DATE, bms7_draft_1, bms7_draft_2

DEMO_SUMMARY = (
    "Draft 2 reflects the discussions of (date) on Draft 1 of 10 June 2021. "
    "In the chapeau, brackets were added to the paragraph “SG's Disarmament Agenda”. "
    "In agenda item A (Consideration of the implementation of the Programme …), one "
    "paragraph was added, one was deleted and one was reworded; brackets were removed from "
    "the title. "
    "Agenda item B (Consideration of the implementation of the International …) was "
    "restructured: three paragraphs were moved and one was moved from agenda item C. "
    "In agenda item C (Consideration of international cooperation …), one paragraph was "
    "moved to agenda item B. "
    "The text now has six bracketed passages, up from five."
)


def summary(old: Tree, new: Tree) -> ChangeSummary:
    return change_summary(compare(old, new), old, new, "Draft 1", "Draft 2")


def item(designation: str, title: str, *children: Node) -> Node:
    return Node(AGENDA_ITEM, title, designation, key=f"item-{designation}", children=list(children))


def bullets(prefix: str, count: int) -> list[Node]:
    return [
        Node(PARAGRAPH, f"States {prefix} number {n} on national reporting", key=f"{prefix}{n}")
        for n in range(count)
    ]


def two_items() -> Tree:
    return Tree(
        [
            item("A.", "Review of implementation", *bullets("a", 6)),
            item("B.", "[International cooperation and assistance]", *bullets("b", 6)),
        ]
    )


def test_demo_pair_reads_as_the_chair_would_write_it():
    draft_1 = bms7_draft_1()
    draft_2 = bms7_draft_2(draft_1)
    result = change_summary(
        compare(draft_1, draft_2), draft_1, draft_2, "Draft 1", "Draft 2", DRAFT_1_DATE
    )
    assert result.text == DEMO_SUMMARY
    assert len(result.sentences) == 6
    assert (
        result.sentences[0]
        == "Draft 2 reflects the discussions of (date) on Draft 1 of 10 June 2021."
    )


@pytest.mark.parametrize(
    ("count", "words"),
    [(0, "no"), (1, "one"), (2, "two"), (7, "seven"), (10, "ten"), (11, "11"), (42, "42")],
)
def test_numbers_are_words_up_to_ten_and_figures_above(count, words):
    assert number(count) == words


def test_an_unchanged_draft_says_so_and_keeps_its_brackets():
    tree = two_items()
    assert summary(tree, copy.deepcopy(tree)).text == (
        "Draft 2 makes no change to the text of Draft 1. The text still has one bracketed passage."
    )


def test_items_without_changes_are_not_mentioned_and_plurals_agree():
    old = two_items()
    new = copy.deepcopy(old)
    a = new.nodes[0].children
    a[0].text = "States reaffirmed their commitment to national reporting"
    a.append(Node(PARAGRAPH, "States welcomed the fellowship programme"))
    a.append(Node(PARAGRAPH, "States noted the tracing requests received"))
    del a[3]
    assert summary(old, new).text == (
        "Draft 2 reflects the discussions of (date) on Draft 1. "
        "In agenda item A (Review of implementation), two paragraphs were added, one was "
        "deleted and one was reworded. "
        "The text still has one bracketed passage."
    )


def test_different_kinds_of_element_are_named_together_and_the_subject_is_repeated():
    old = two_items()
    new = copy.deepcopy(old)
    b = new.nodes[1].children
    b.insert(0, Node(HEADING, "Assistance", "1.", level=1))
    b.append(Node(PARAGRAPH, "Capacity building for marking and record-keeping"))
    b.append(Node(PARAGRAPH, ""))
    del b[1:3]
    assert summary(old, new).text == (
        "Draft 2 reflects the discussions of (date) on Draft 1. "
        "In agenda item B (International cooperation and assistance), one paragraph, one "
        "heading and one placeholder bullet were added and two paragraphs were deleted. "
        "The text still has one bracketed passage."
    )


def test_an_item_whose_paragraphs_mostly_moved_was_restructured():
    old = two_items()
    new = copy.deepcopy(old)
    a = new.nodes[0].children
    a[:] = [a[3], a[4], a[0], a[1], a[2], a[5]]  # bullets 3 and 4 to the top
    a[0].text += " and tracing"
    assert summary(old, new).sentences[1] == (
        "Agenda item A (Review of implementation) was restructured: two paragraphs were "
        "moved (one of them also reworded)."
    )


def test_one_move_among_other_changes_does_not_restructure_an_item():
    old = two_items()
    new = copy.deepcopy(old)
    a = new.nodes[0].children
    a.append(a.pop(0))
    a[1].text = "States agreed to review national reporting"
    a[2].text = "States agreed to strengthen national reporting"
    assert summary(old, new).sentences[1] == (
        "In agenda item A (Review of implementation), two paragraphs were reworded and one "
        "was moved."
    )


def test_a_paragraph_moved_to_another_item_is_told_in_both():
    old = two_items()
    new = copy.deepcopy(old)
    new.nodes[1].children.insert(2, new.nodes[0].children.pop(4))
    assert summary(old, new).sentences[1:3] == (
        "In agenda item A (Review of implementation), one paragraph was moved to agenda item B.",
        "In agenda item B (International cooperation and assistance), one paragraph was moved "
        "from agenda item A.",
    )


def test_brackets_removed_from_a_title_and_added_to_a_paragraph_are_not_rewordings():
    old = two_items()
    old.nodes[1].children[2].text = "States agreed to strengthen cooperation on tracing small arms"
    new = copy.deepcopy(old)
    b = new.nodes[1]
    b.text = "International cooperation and assistance"
    b.children[2].text = "States agreed to strengthen cooperation on [tracing small arms]"
    b.children[3].text = "States b number 3 [on national reporting]"
    assert summary(old, new).text == (
        "Draft 2 reflects the discussions of (date) on Draft 1. "
        "In agenda item B (International cooperation and assistance), brackets were removed "
        "from the title and added to the paragraph “States agreed to strengthen cooperation …” "
        "and the paragraph “States b number 3 on national reporting”. "
        "The text now has two bracketed passages, up from one."
    )


def test_brackets_removed_beside_a_renumbered_footnote_call_are_not_a_rewording():
    old = two_items()
    old.nodes[0].children[2].text = '[States a number 2]<fn-ref data-key="f1"></fn-ref>'
    old.footnotes = {"f1": "See the report of the Secretary-General."}
    new = copy.deepcopy(old)
    new.nodes[0].children[2].text = 'States a number 2<fn-ref data-key="f1"></fn-ref>'
    new.nodes[0].children[0].text += '<fn-ref data-key="f0"></fn-ref>'
    new.footnotes["f0"] = "See the Programme of Action."
    assert summary(old, new).sentences[1] == (
        "In agenda item A (Review of implementation), one footnote was added; brackets were "
        "removed from the paragraph “States a number 2”."
    )


def test_many_places_where_brackets_went_are_counted_not_named():
    old = two_items()
    for node in old.nodes[0].children[:4]:
        node.text = f"[{node.text}]"
    new = copy.deepcopy(old)
    for node in new.nodes[0].children[:4]:
        node.text = node.text.strip("[]")
    new.nodes[0].children[5].text = "States decided something else entirely today"
    assert summary(old, new).sentences[1] == (
        "In agenda item A (Review of implementation), one paragraph was reworded; brackets "
        "were removed from four paragraphs."
    )
    assert summary(old, new).text.endswith(
        "The text now has one bracketed passage, down from five."
    )


def test_items_added_and_deleted_are_told_with_their_content():
    old = two_items()
    new = copy.deepcopy(old)
    del new.nodes[0]
    new.nodes.append(
        item(
            "C.", "Other matters", Node(PARAGRAPH, "Dates of the next meeting"), Node(PARAGRAPH, "")
        )
    )
    assert summary(old, new).sentences[1:3] == (
        "Agenda item A (Review of implementation) was deleted, with its six paragraphs.",
        "Agenda item C (Other matters) was added, with one paragraph and one placeholder bullet.",
    )


def test_a_reworded_title_footnote_and_a_filled_placeholder_are_told():
    old = two_items()
    old.nodes[0].children.append(Node(PARAGRAPH, "", key="empty"))
    old.nodes[0].children[0].text += '<fn-ref data-key="f1"></fn-ref>'
    old.footnotes = {"f1": "See the report of the Secretary-General on assistance."}
    new = copy.deepcopy(old)
    new.nodes[0].text = "Review of the implementation of the Programme"
    new.nodes[0].children[-1].text = "States noted the new database"
    new.footnotes["f1"] = "See the second report of the Secretary-General on assistance."
    assert summary(old, new).sentences[1] == (
        "In agenda item A (Review of the implementation of the Programme), the title was "
        "reworded, one footnote was reworded and one placeholder bullet was filled in."
    )


def test_renumbered_paragraphs_are_told_as_renumbered():
    old = Tree([item("I.", "Adopted text", *bullets("p", 3))])
    for n, node in enumerate(old.nodes[0].children, 1):
        node.designation = f"{n}."
    new = copy.deepcopy(old)
    new.nodes[0].children.insert(0, Node(PARAGRAPH, "States adopted the outcome", "1."))
    for n, node in enumerate(new.nodes[0].children[1:], 2):
        node.designation = f"{n}."
    assert summary(old, new).sentences[1] == (
        "In agenda item I (Adopted text), one paragraph was added and three were renumbered."
    )


def test_opening_names_the_earlier_draft_and_never_uses_square_brackets():
    tree = make_tree(paragraphs=200, items=4, headings=8, footnotes=10)
    for seed in (1, 2):
        new = mutate(tree, fraction=0.2, seed=seed)
        text = summary(tree, new).text
        assert text.startswith("Draft 2 reflects the discussions of (date) on Draft 1.")
        assert "[" not in text and "]" not in text
    imported = strip_keys(mutate(tree, seed=3))
    assert "[" not in summary(tree, imported).text


def test_the_summary_is_the_same_every_time():
    tree = make_tree(paragraphs=200, items=4, headings=8, footnotes=10)
    new = mutate(tree, fraction=0.2, seed=4)
    assert summary(tree, new) == summary(copy.deepcopy(tree), copy.deepcopy(new))
