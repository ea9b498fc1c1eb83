"""The version, its element tree and the history of edits."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from drafting.models import Element, Version, VersionFrozen, trees_of
from drafting.tree import Tree


def test_stored_tree_loads_back_with_keys_order_and_footnotes(factory):
    tree = factory.make_tree(paragraphs=12, footnotes=3)
    version = factory.make_version(tree=tree)

    loaded = version.tree()

    assert [(n.key, n.kind, n.text, d) for n, d in loaded.walk()] == [
        (n.key, n.kind, n.text, d) for n, d in tree.walk()
    ]
    assert loaded.footnotes == tree.footnotes
    assert list(loaded.footnote_numbers().values()) == [1, 2, 3]


def test_trees_of_several_versions_load_in_two_queries_each_whole(factory):
    document = factory.make_document()
    trees = [factory.make_tree(paragraphs=n, footnotes=2) for n in (4, 9, 15)]
    versions = [factory.make_version(document, tree) for tree in trees]
    empty = factory.make_version(document, Tree())

    with CaptureQueriesContext(connection) as queries:
        loaded = trees_of([v.pk for v in [*versions, empty]])

    assert len(queries) == 2
    for version, tree in zip(versions, trees, strict=True):
        assert [(n.key, n.text, d) for n, d in loaded[version.pk].walk()] == [
            (n.key, n.text, d) for n, d in tree.walk()
        ]
        assert loaded[version.pk].footnotes == tree.footnotes
    assert loaded[empty.pk].nodes == [] and loaded[empty.pk].footnotes == {}


def test_edit_of_working_draft_writes_history_row_with_its_user(factory):
    user = factory.make_user("chair")
    version = factory.make_version(status=Version.Status.WORKING)
    element = version.elements.filter(kind=Element.Kind.PARAGRAPH).first()

    element.record(user, "tightened wording", text="States [shall] report")

    latest = element.history.first()
    assert latest.history_user == user
    assert latest.text == "States [shall] report"
    assert latest.history_change_reason == "tightened wording"


def test_issued_version_cannot_be_edited(factory):
    version = factory.make_version(status=Version.Status.ISSUED)
    element = version.elements.first()

    with pytest.raises(VersionFrozen):
        element.record(factory.make_user(), text="changed")
    with pytest.raises(VersionFrozen):
        version.elements.update(text="changed")
    with pytest.raises(VersionFrozen):
        version.delete()
    assert not Element.objects.filter(text="changed").exists()


def test_text_is_sanitised_on_save(factory):
    version = factory.make_version(status=Version.Status.WORKING)
    element = version.elements.first()

    element.record(factory.make_user(), text='<script>alert(1)</script><em onclick="x()">ok</em>')

    element.refresh_from_db()
    assert element.text == "<em>ok</em>"
