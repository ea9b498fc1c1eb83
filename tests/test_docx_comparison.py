"""A comparison as a Word file with tracked changes: BMS7 Draft 1 against a Draft 2 made
by editing it, checked with pandoc (accept all / reject all), openxml-audit and the
revision marks themselves."""

import copy
import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from lxml import etree

from bench.generate import make_tree, mutate
from drafting.diff import compare
from drafting.docx import DocxMeta, comparison_docx, read_docx
from drafting.inline import plain_text
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from tests.test_outline import shape
from tests.word_clients import audit_errors, draft_words, pandoc_words
from tests.word_demo_drafts import DRAFT_2, demo, draft_two

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARKS = ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange")


@pytest.fixture(scope="module")
def drafts() -> tuple[Tree, Tree]:
    draft_one, _meta = demo("bms7-draft-1.md")
    return draft_one, draft_two(draft_one)


@pytest.fixture(scope="module")
def comparison(drafts) -> bytes:
    old, new = drafts
    return comparison_docx(old, new, compare(old, new), DRAFT_2)


@pytest.fixture
def comparison_file(tmp_path, comparison) -> Path:
    path = tmp_path / "draft-1-to-draft-2.docx"
    path.write_bytes(comparison)
    return path


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def text(element: etree._Element) -> str:
    return "".join(element.itertext())


def paragraph_with(root: etree._Element, words: str) -> etree._Element:
    return next(p for p in root.iter(f"{W}p") if words in text(p))


# Real clients ----------------------------------------------------------------------------


def test_pandoc_accepting_every_change_reads_draft_two_word_for_word(comparison_file, drafts):
    _old, new = drafts

    assert pandoc_words(comparison_file, "accept") == draft_words(new, DRAFT_2)


def test_pandoc_rejecting_every_change_reads_draft_one_word_for_word(comparison_file, drafts):
    old, _new = drafts

    assert pandoc_words(comparison_file, "reject") == draft_words(old, DRAFT_2)


def test_comparison_validates_with_no_errors(comparison_file):
    assert audit_errors(comparison_file) == []


def test_reading_the_comparison_back_accepts_it_into_draft_two(comparison, drafts):
    _old, new = drafts

    imported = read_docx(comparison)

    assert shape(imported.tree) == shape(new)
    assert any("tracked changes" in warning for warning in imported.warnings)


# The revision marks ----------------------------------------------------------------------


def test_revision_ids_are_unique_and_every_move_range_is_closed(comparison):
    roots = [part(comparison, "word/document.xml"), part(comparison, "word/footnotes.xml")]
    ids = [m.get(f"{W}id") for root in roots for m in root.iter(*(f"{W}{n}" for n in MARKS))]
    starts = [
        s.get(f"{W}id") for s in roots[0].iter(f"{W}moveFromRangeStart", f"{W}moveToRangeStart")
    ]
    ends = [e.get(f"{W}id") for e in roots[0].iter(f"{W}moveFromRangeEnd", f"{W}moveToRangeEnd")]

    assert len(ids) > 20
    assert len(set(ids + starts)) == len(ids) + len(starts)
    assert sorted(starts) == sorted(ends)


def test_moved_paragraphs_are_named_moves_from_their_old_place_to_their_new_one(comparison):
    document = part(comparison, "word/document.xml")
    names = Counter(
        (start.tag.removeprefix(W), start.get(f"{W}name"))
        for start in document.iter(f"{W}moveFromRangeStart", f"{W}moveToRangeStart")
    )
    review = [
        p for p in document.iter(f"{W}p") if "Review of the implementation of actions" in text(p)
    ]
    moved_from = [p for p in review if p.find(f"{W}pPr/{W}rPr/{W}moveFrom") is not None]
    moved_to = [p for p in review if p.find(f"{W}pPr/{W}rPr/{W}moveTo") is not None]

    assert {name for (_kind, name) in names} == {"move1", "move2"}
    assert set(names.values()) == {1}
    assert len(moved_from) == len(moved_to) == 1
    assert text(moved_from[0].find(f"{W}moveFrom")) == text(moved_to[0].find(f"{W}moveTo"))


def test_moved_and_reworded_paragraph_stays_a_move_with_its_new_words_inserted(comparison):
    document = part(comparison, "word/document.xml")
    arrived = next(
        p
        for p in document.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}rPr/{W}moveTo") is not None and "best practices" in text(p)
    )

    assert [text(m) for m in arrived.iter(f"{W}ins")] == ["and sub-regional "]
    assert "".join(text(m) for m in arrived.iter(f"{W}moveTo")) == "Regional best practices"


def test_indent_outdent_and_heading_level_are_paragraph_property_changes(comparison):
    document = part(comparison, "word/document.xml")

    def change(words: str) -> tuple[tuple[str, str | None], tuple[str, str | None]]:
        """(style, list level) before and after."""
        properties = paragraph_with(document, words).find(f"{W}pPr")

        def described(found: etree._Element) -> tuple[str, str | None]:
            level = found.find(f"{W}numPr/{W}ilvl")
            style = found.find(f"{W}pStyle").get(f"{W}val")
            return style, level.get(f"{W}val") if level is not None else None

        return described(properties.find(f"{W}pPrChange/{W}pPr")), described(properties)

    assert change("Transportation security") == (("ListBullet", "0"), ("ListBullet", "1"))
    assert change("Illicit manufacturing") == (("ListBullet", "1"), ("ListBullet", "0"))
    assert change("The Way Forward") == (("Heading2", None), ("Heading3", None))


def test_added_and_deleted_paragraphs_are_marked_on_their_paragraph_mark(comparison):
    document = part(comparison, "word/document.xml")
    added = paragraph_with(document, "A new paragraph on")
    deleted = paragraph_with(document, "Emphasis on human security")

    assert added.find(f"{W}pPr/{W}rPr/{W}ins") is not None
    assert all(run.getparent().tag == f"{W}ins" for run in added.iter(f"{W}r"))
    assert deleted.find(f"{W}pPr/{W}rPr/{W}del") is not None
    assert deleted.find(f".//{W}t") is None
    assert text(deleted) == "Emphasis on human security"


def test_word_changes_follow_the_change_set_and_designation_and_call_changes_are_marked(
    comparison, drafts
):
    document = part(comparison, "word/document.xml")
    reworded = paragraph_with(document, "responsibility for combating")
    item_e = paragraph_with(document, "Other issues and topics")
    change = next(c for c in compare(*drafts).changes if c.new and "primary" in c.new.text)

    for op, mark in (("insert", "ins"), ("delete", "del")):
        expected = [plain_text(f.html) for f in change.fragments if f.op == op]
        assert [text(m) for m in reworded.iter(f"{W}{mark}")] == expected
    deleted = [
        (text(m), m.find(f".//{W}footnoteReference") is not None) for m in item_e.iter(f"{W}del")
    ]
    assert deleted == [("E.", False), ("", True)]  # the designation, then the footnote call
    assert [text(m) for m in item_e.iter(f"{W}ins")] == ["F."]


def test_footnote_changes_are_marked_inside_footnotes_xml_and_at_their_call(comparison):
    document = part(comparison, "word/document.xml")
    footnotes = {
        note.get(f"{W}id"): note
        for note in part(comparison, "word/footnotes.xml").iter(f"{W}footnote")
    }

    def note_at(mark: str) -> etree._Element:
        reference = next(
            r for m in document.iter(f"{W}{mark}") for r in m.iter(f"{W}footnoteReference")
        )
        return footnotes[reference.get(f"{W}id")]

    added, removed = note_at("ins"), note_at("del")
    assert text(added).strip() == "A footnote added in Draft 2."
    assert added.find(f".//{W}pPr/{W}rPr/{W}ins") is not None
    assert removed.find(f".//{W}pPr/{W}rPr/{W}del") is not None
    changed = next(
        n for n in footnotes.values() if n.find(f".//{W}ins") is not None and "revised" in text(n)
    )
    assert [text(m) for m in changed.iter(f"{W}ins")] == ["revised "]


def test_every_mark_is_signed_by_the_chair_on_the_date_of_draft_two(comparison):
    document = part(comparison, "word/document.xml")
    marks = list(document.iter(*(f"{W}{n}" for n in MARKS)))

    assert {m.get(f"{W}author") for m in marks} == {"Chair of BMS7"}
    assert {m.get(f"{W}date") for m in marks} == {"2021-06-24T00:00:00Z"}


def test_identical_drafts_give_a_document_without_marks(drafts):
    old, _new = drafts

    data = comparison_docx(old, old, compare(old, old), DRAFT_2)

    document = part(data, "word/document.xml")
    assert next(document.iter(*(f"{W}{n}" for n in MARKS)), None) is None
    assert shape(read_docx(data).tree) == shape(old)


def test_kinds_designations_and_a_whole_agenda_item_change_in_an_undated_draft(tmp_path):
    old = Tree([
        Node(AGENDA_ITEM, "First item", "A.", children=[
            Node(PARAGRAPH, "States resolved to act"),
            Node(PARAGRAPH, "States encouraged reporting", children=[Node(PARAGRAPH, "annually")]),
            Node(HEADING, "National actions", level=1),
        ]),
        Node(AGENDA_ITEM, "Deleted item", "B.", children=[Node(PARAGRAPH, "gone with it")]),
    ])  # fmt: skip
    new = copy.deepcopy(old)
    resolved, encouraged, actions = new.nodes[0].children
    resolved.kind, resolved.level = HEADING, 2
    encouraged.designation = "1."
    actions.kind, actions.level = PARAGRAPH, 0
    new.nodes[1] = Node(AGENDA_ITEM, "New item", "C.", children=[Node(PARAGRAPH, "", "1.")])
    path = tmp_path / "undated.docx"
    path.write_bytes(comparison_docx(old, new, compare(old, new), DocxMeta()))

    assert pandoc_words(path, "accept") == draft_words(new, DocxMeta())
    assert pandoc_words(path, "reject") == draft_words(old, DocxMeta())
    assert audit_errors(path) == []
    assert shape(read_docx(path.read_bytes()).tree) == shape(new)


# Generated drafts ------------------------------------------------------------------------


def generated_pair(seed: int) -> tuple[Tree, Tree]:
    """A generated draft and the next one; a footnote whose caller was deleted goes too."""
    old = make_tree(paragraphs=80, items=3, headings=6, footnotes=8, seed=seed)
    new = mutate(old, fraction=0.3, seed=seed + 1)
    called = new.footnote_numbers()
    new.footnotes = {key: text for key, text in new.footnotes.items() if key in called}
    return old, new


@hypothesis_settings(max_examples=25, deadline=None)
@given(st.integers(0, 100_000))
def test_any_generated_comparison_reads_back_as_the_later_draft(seed):
    old, new = generated_pair(seed)

    data = comparison_docx(old, new, compare(old, new), DRAFT_2)

    assert shape(read_docx(data).tree) == shape(new)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pandoc_accepts_and_rejects_generated_comparisons_word_for_word(tmp_path, seed):
    old, new = generated_pair(seed)
    path = tmp_path / "generated.docx"
    path.write_bytes(comparison_docx(old, new, compare(old, new), DRAFT_2))

    assert pandoc_words(path, "accept") == draft_words(new, DRAFT_2)
    assert pandoc_words(path, "reject") == draft_words(old, DRAFT_2)
