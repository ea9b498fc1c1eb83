"""The version, its element tree and the history of edits."""

import pytest

from drafting.models import Element, Version, VersionFrozen


def test_stored_tree_loads_back_with_keys_order_and_footnotes(factory):
    tree = factory.make_tree(paragraphs=12, footnotes=3)
    version = factory.make_version(tree=tree)

    loaded = version.tree()

    assert [(n.key, n.kind, n.text, d) for n, d in loaded.walk()] == [
        (n.key, n.kind, n.text, d) for n, d in tree.walk()
    ]
    assert loaded.footnotes == tree.footnotes
    assert list(loaded.footnote_numbers().values()) == [1, 2, 3]


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
