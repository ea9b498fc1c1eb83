"""Drafts written in Word, read into the tree: structure, designations, formatting through
the style chain, footnotes, tracked changes and what is left out."""

import pytest

from drafting.docx import MAX_DEPTH, DocxError, read_docx
from drafting.tree import AGENDA_ITEM, FOOTNOTE_REF, HEADING, PARAGRAPH, Tree
from tests.word_documents import WordFile, draft_written_in_word


def outline(tree: Tree) -> list[tuple]:
    """Each element as (depth, kind, level, designation, text), footnote calls numbered."""
    numbers = tree.footnote_numbers()
    return [
        (
            depth,
            node.kind,
            node.level,
            node.designation,
            FOOTNOTE_REF.sub(lambda m: f"[^{numbers[m.group(1)]}]", node.text),
        )
        for node, depth in tree.walk()
    ]


def footnotes(tree: Tree) -> list[str]:
    return [tree.footnotes[key] for key in tree.footnote_numbers()]


def test_draft_written_in_word_imports_with_every_element_in_place():
    imported = read_docx(draft_written_in_word())

    assert imported.meta.title == "Outcome of the Meeting"
    assert outline(imported.tree) == [
        (0, PARAGRAPH, 0, "1.", "States reaffirmed their commitment."),
        (0, AGENDA_ITEM, 0, "A.", "[Consideration of the implementation of the Programme of Action][^1]"),
        (1, PARAGRAPH, 0, "", "Review of the implementation of [actions agreed] at RevCon3"),
        (1, HEADING, 1, "", "PoA in the context of preventing diversion"),
        (1, HEADING, 2, "1.", "<em>Effective national controls</em>"),
        (1, PARAGRAPH, 0, "", "Applies to all aspects of the <em>life cycle</em>"),
        (2, PARAGRAPH, 0, "", "Export/import/transit, including [[end-user certificates]]"),
        (3, PARAGRAPH, 0, "", "Post-shipment verifications[^2]"),
        (1, PARAGRAPH, 0, "", "Marking and <strong>record-keeping</strong>"),
        (1, PARAGRAPH, 0, "", "<strong>Stockpile </strong>security"),
        (1, PARAGRAPH, 0, "", ""),
        (0, AGENDA_ITEM, 0, "B.", "[Decision on the agenda of BMS8]"),
        (1, PARAGRAPH, 0, "1.", "States decided to meet again."),
        (2, PARAGRAPH, 0, "(a)", "in New York"),
        (2, PARAGRAPH, 0, "(b)", "in Geneva"),
        (1, PARAGRAPH, 0, "2.", "States thanked the chair."),
    ]  # fmt: skip
    assert footnotes(imported.tree) == [
        "Based on the chair's proposal.",
        "<em>See</em> the guidelines.",
    ]
    assert imported.warnings == ()


def test_heading_styles_own_look_is_not_emphasis_but_a_paragraph_styles_is():
    word = WordFile()
    word.style("Quoted", base="Quote")  # italic through its chain
    word.paragraph("Title in a bold heading style", style="Heading 1")
    word.paragraph("Italic heading by hand", style="Heading 2").runs[0].italic = True
    word.paragraph("A quotation", style="Quoted")
    word.paragraph("Not ", ("italic", {"italic": False}), " here", style="Quoted")

    imported = read_docx(word.to_bytes())

    assert [node.text for node, _depth in imported.tree.walk()] == [
        "Title in a bold heading style",
        "<em>Italic heading by hand</em>",
        "<em>A quotation</em>",
        "<em>Not </em>italic<em> here</em>",
    ]


def test_word_numbering_counts_as_word_does_across_lists_and_restarts():
    word = WordFile()
    roman = word.list(("upperRoman", "%1."), ("lowerRoman", "(%2)"))
    again = word.num(word.abstract_of(roman))  # same abstract list: continues
    restarted = word.num(word.abstract_of(roman), start_override={0: 5})
    word.paragraph("first", style="Heading 1", num_id=roman, ilvl=0)
    word.paragraph("sub one", style="List Paragraph", num_id=roman, ilvl=1)
    word.paragraph("sub two", style="List Paragraph", num_id=roman, ilvl=1)
    word.paragraph("second", style="Heading 1", num_id=again, ilvl=0)
    word.paragraph("sub again", style="List Paragraph", num_id=again, ilvl=1)
    word.paragraph("fifth", style="Heading 1", num_id=restarted, ilvl=0)

    imported = read_docx(word.to_bytes())

    assert [(node.designation, node.text) for node, _depth in imported.tree.walk()] == [
        ("I.", "first"),
        ("(i)", "sub one"),
        ("(ii)", "sub two"),
        ("II.", "second"),
        ("(i)", "sub again"),
        ("V.", "fifth"),
    ]


def test_words_own_list_styles_nest_by_their_number():
    word = WordFile()
    word.paragraph("top", style="List Bullet")
    word.paragraph("under it", style="List Bullet 2")
    word.paragraph("deeper", style="List Bullet 3")
    word.paragraph("1.\tStates agreed", style="List")
    word.paragraph("(a)\tto meet again", style="List 2")

    imported = read_docx(word.to_bytes())

    assert [(depth, node.designation, node.text) for node, depth in imported.tree.walk()] == [
        (0, "", "top"),
        (1, "", "under it"),
        (2, "", "deeper"),
        (0, "1.", "States agreed"),
        (1, "(a)", "to meet again"),
    ]


def test_tracked_changes_are_read_as_accepted_and_the_import_says_so():
    word = WordFile()
    first = word.paragraph("Kept ")
    word.xml(
        first,
        '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText>deleted </w:delText></w:r></w:del>'
        '<w:moveTo w:id="3" w:author="A"><w:r><w:t>arrived</w:t></w:r></w:moveTo>'
        '<w:moveFrom w:id="4" w:author="A"><w:r><w:delText>left</w:delText></w:r></w:moveFrom>',
    )
    joined = word.paragraph("Start of a paragraph whose mark was deleted, ")
    joined._p.get_or_add_pPr().append(
        WordFile.element('<w:rPr><w:del w:id="5" w:author="A"/></w:rPr>')
    )
    word.paragraph("end of it.")

    imported = read_docx(word.to_bytes())

    assert [node.text for node in imported.tree.nodes] == [
        "Kept inserted arrived",
        "Start of a paragraph whose mark was deleted, end of it.",
    ]
    assert len(imported.warnings) == 1
    assert "read as if every change were accepted" in imported.warnings[0]


def test_links_from_hyperlinks_and_hyperlink_fields_are_kept():
    word = WordFile()
    paragraph = word.paragraph("See ")
    word.link(paragraph, "the letter", "https://meetings.unoda.org/letter")
    word.xml(
        paragraph,
        '<w:r><w:t xml:space="preserve"> and </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://un.org/poa" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>the PoA</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )

    (node,) = read_docx(word.to_bytes()).tree.nodes

    assert node.text == (
        'See <a href="https://meetings.unoda.org/letter">the letter</a> and '
        '<a href="https://un.org/poa">the PoA</a>'
    )


def test_superscript_subscript_and_symbols_are_text_with_their_position():
    word = WordFile()
    paragraph = word.paragraph("20")
    word.xml(
        paragraph,
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>th</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> H</w:t></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="subscript"/></w:rPr><w:t>2</w:t></w:r>'
        '<w:r><w:t xml:space="preserve">O R&amp;D &lt;b&gt;</w:t><w:tab/><w:t>tab</w:t></w:r>',
    )

    (node,) = read_docx(word.to_bytes()).tree.nodes

    assert node.text == "20<sup>th</sup> H<sub>2</sub>O R&amp;D &lt;b&gt; tab"


def test_tables_and_pictures_are_left_out_with_a_warning():
    word = WordFile()
    word.paragraph("Before the table")
    word.body_xml("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    word.xml(word.paragraph("A picture: "), "<w:r><w:pict/></w:r>")

    imported = read_docx(word.to_bytes())

    assert [node.text for node in imported.tree.nodes] == ["Before the table", "A picture:"]
    assert imported.warnings == (
        "1 table was left out: a draft holds no tables.",
        "1 picture was left out.",
    )


def test_a_list_item_indented_two_levels_at_once_goes_one_level_down_with_a_warning():
    word = WordFile()
    bullets = word.list(*[("bullet", "•")] * 4)
    word.paragraph("top", num_id=bullets, ilvl=0)
    word.paragraph("two levels down", num_id=bullets, ilvl=2)

    imported = read_docx(word.to_bytes())

    assert [(depth, node.text) for node, depth in imported.tree.walk()] == [
        (0, "top"),
        (1, "two levels down"),
    ]
    assert "indented more than one level" in imported.warnings[0]
    assert "“two levels down”" in imported.warnings[0]


def test_nesting_deeper_than_the_limit_is_refused_with_the_paragraph_named():
    word = WordFile()
    bullets = word.list(*[("bullet", "•")] * 9)
    for level in range(MAX_DEPTH + 1):
        word.paragraph(f"level {level + 1}", num_id=bullets, ilvl=level)

    with pytest.raises(
        DocxError, match=f"“level {MAX_DEPTH + 1}” is nested {MAX_DEPTH + 1} levels deep"
    ):
        read_docx(word.to_bytes())


def test_headings_below_level_three_are_read_as_level_three_with_a_warning():
    word = WordFile()
    word.paragraph("deep heading", style="Heading 5")

    imported = read_docx(word.to_bytes())

    assert [(n.kind, n.level) for n in imported.tree.nodes] == [(HEADING, 3)]
    assert imported.warnings == ("Headings below level 3 were read as level-3 headings.",)
