"""An imported draft takes the lineage keys of the elements it pairs with (drafting.diff
.adopt_keys): pure trees, no database."""

from __future__ import annotations

import copy

from bench.generate import make_tree, mutate, strip_keys
from drafting.diff import adopt_keys, compare
from drafting.tree import PARAGRAPH, Node, Tree


def keys(tree: Tree) -> list[str]:
    return [node.key for node, _depth in tree.walk()]


def kinds(tree_a: Tree, tree_b: Tree) -> list[tuple[str, str]]:
    return sorted((change.kind, change.element) for change in compare(tree_a, tree_b).changes)


def test_an_imported_copy_of_a_draft_takes_back_every_key():
    draft = make_tree(paragraphs=200, items=3, headings=8, footnotes=12)
    imported = strip_keys(draft)

    adopted = adopt_keys(draft, imported)

    assert keys(adopted) == keys(draft)
    assert adopted.footnotes == draft.footnotes
    assert [n.text for n, _ in adopted.walk()] == [n.text for n, _ in draft.walk()]
    assert not compare(draft, adopted).has_changes


def test_an_imported_next_draft_keeps_the_changes_and_gains_the_lineage():
    draft = make_tree(paragraphs=300, items=4, headings=10, footnotes=20)
    imported = strip_keys(mutate(draft, fraction=0.15, seed=3))

    adopted = adopt_keys(draft, imported)

    assert kinds(draft, adopted) == kinds(draft, imported)
    shared = set(keys(draft)) & set(keys(adopted))
    assert len(shared) > 0.8 * len(keys(draft))
    assert len(set(keys(adopted))) == len(keys(adopted))
    called = {key for node, _ in adopted.walk() for key in node.footnote_keys()}
    assert called <= set(adopted.footnotes)


def test_unpaired_elements_keep_their_own_keys_and_the_input_is_left_alone():
    draft = Tree([Node(PARAGRAPH, "States reaffirmed their commitment", key="old-1")])
    imported = Tree(
        [
            Node(PARAGRAPH, "States reaffirmed their commitment", key="new-1"),
            Node(PARAGRAPH, "An entirely different thought", key="new-2"),
        ]
    )
    before = copy.deepcopy(imported)

    adopted = adopt_keys(draft, imported)

    assert keys(adopted) == ["old-1", "new-2"]
    assert imported == before


def test_a_key_the_new_tree_keeps_is_never_given_to_another_element():
    # The old paragraph "a" became a heading in the new tree, keeping its key: the two
    # do not pair (kinds differ), so the new paragraph with the same text may not take it.
    draft = Tree([Node(PARAGRAPH, "Stockpile management and security", key="a")])
    new = Tree(
        [
            Node("heading", "Stockpile management and security", level=1, key="a"),
            Node(PARAGRAPH, "Stockpile management and security", key="b"),
        ]
    )

    adopted = adopt_keys(draft, new)

    assert sorted(keys(adopted)) == ["a", "b"]
