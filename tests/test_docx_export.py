"""A draft written as a Word file: checked with pandoc, python-docx and openxml-audit."""

from pathlib import Path

import docx
import pytest
from docx.shared import Twips
from lxml import etree

from drafting.docx import DocxMeta, version_docx
from drafting.docx.template import TEMPLATE, build_template
from drafting.inline import plain_text
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from tests.word_clients import audit_errors, pandoc, pandoc_json
from tests.word_demo_drafts import demo

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def written(tmp_path: Path, tree: Tree, meta: DocxMeta) -> Path:
    path = tmp_path / "draft.docx"
    path.write_bytes(version_docx(tree, meta))
    return path


def text_of(inlines: list[dict]) -> str:
    """The plain text of pandoc inlines (footnotes left out)."""
    out = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Superscript", "Subscript", "Underline", "Span"):
            out.append(text_of(content if kind != "Span" else content[1]))
        elif kind == "Link":
            out.append(text_of(content[1]))
    return "".join(out)


def blocks_of(document: dict) -> list[dict]:
    """Every block of pandoc's reading, list items' blocks included, in reading order."""
    found = []

    def visit(blocks: list[dict]) -> None:
        for block in blocks:
            found.append(block)
            if block["t"] == "BulletList":
                for item in block["c"]:
                    visit(item)

    visit(document["blocks"])
    return found


def notes_of(inlines: list[dict]) -> list[str]:
    return [
        " ".join(text_of(block["c"]) for block in inline["c"])
        for inline in inlines
        if inline["t"] == "Note"
    ]


# The template --------------------------------------------------------------------------


def test_template_is_the_zip_of_its_committed_parts():
    assert build_template() == TEMPLATE.read_bytes()


def test_template_styles_name_liberation_serif_and_use_no_theme_fonts():
    styles = docx.Document(TEMPLATE).styles
    xml = etree.tostring(styles.element).decode()

    assert "Theme" not in xml
    fonts = styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {fonts.get(f"{W}{name}") for name in ("ascii", "hAnsi", "cs")} == {"Liberation Serif"}
    assert [styles[f"Heading {n}"].name for n in (1, 2, 3, 4)] == [
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Heading 4",
    ]


# A version ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bms6-draft-1.md", "bms7-draft-1.md"])
def test_version_of_each_demo_draft_validates_with_no_errors(tmp_path, name):
    path = written(tmp_path, *demo(name))

    assert audit_errors(path) == []


def test_pandoc_reads_agenda_items_headings_nested_bullets_and_numbered_footnotes(tmp_path):
    tree, meta = demo("bms7-draft-1.md")
    document = pandoc_json(written(tmp_path, tree, meta))
    blocks = blocks_of(document)
    headers = [(b["c"][0], text_of(b["c"][2])) for b in blocks if b["t"] == "Header"]

    assert [text.split(" ", 1)[0] for level, text in headers if level == 1] == [
        "A.",
        "B.",
        "C.",
        "D.",
        "E.",
    ]
    assert (2, "PoA in the context of preventing and combating the diversion and illicit "
            "international transfer of small arms and light weapons to unauthorized recipients "
            "at all levels") in headers  # fmt: skip
    assert (3, "1. Effective national controls") in headers
    numbered = next(b for b in blocks if b["t"] == "Header" and b["c"][0] == 3)
    assert [inline["t"] for inline in numbered["c"][2]][-1] == "Emph"
    notes = [note for b in blocks if b["t"] == "Header" for note in notes_of(b["c"][2])]
    assert notes == [plain_text(tree.footnotes[key]) for key in tree.footnote_numbers()]


def test_bullets_nest_as_lists_and_placeholders_are_empty_items(tmp_path):
    tree = Tree(
        [
            Node(PARAGRAPH, "Applies to all aspects", children=[
                Node(PARAGRAPH, "Export and import", children=[Node(PARAGRAPH, "Verification")]),
            ]),
            Node(PARAGRAPH, ""),
        ]
    )  # fmt: skip
    (outer,) = pandoc_json(written(tmp_path, tree, DocxMeta()))["blocks"]

    first, placeholder = outer["c"]
    assert text_of(first[0]["c"]) == "Applies to all aspects"
    middle = first[1]["c"][0]
    assert text_of(middle[0]["c"]) == "Export and import"
    assert text_of(middle[1]["c"][0][0]["c"]) == "Verification"
    assert placeholder == []


def test_formatting_links_and_brackets_reach_word_as_run_properties_and_hyperlinks(tmp_path):
    text = (
        "[shall] <em>urge</em> <strong>all</strong> 20<sup>th</sup> H<sub>2</sub>O "
        '<a href="https://un.org/poa">the PoA</a>'
    )
    (paragraph,) = blocks_of(
        pandoc_json(written(tmp_path, Tree([Node(AGENDA_ITEM, text)]), DocxMeta()))
    )
    inlines = paragraph["c"][2]
    kinds = {inline["t"] for inline in inlines}

    assert {"Emph", "Strong", "Superscript", "Subscript", "Link"} <= kinds
    assert text_of(inlines).startswith("[shall] urge all 20th H2O the PoA")
    link = next(inline for inline in inlines if inline["t"] == "Link")
    assert link["c"][2][0] == "https://un.org/poa"


def test_designations_are_typed_before_their_text_and_numbered_once(tmp_path):
    tree = Tree(
        [
            Node(AGENDA_ITEM, "General", "I.", children=[
                Node(HEADING, "<em>Effective national controls</em>", "1.", level=2),
                Node(PARAGRAPH, "States reaffirmed", "1.", children=[Node(PARAGRAPH, "to report", "(a)")]),
                Node(PARAGRAPH, "", "2."),
            ]),
        ]
    )  # fmt: skip
    text = pandoc(written(tmp_path, tree, DocxMeta()), "-t", "plain", "--wrap=none")

    assert [line.strip() for line in text.splitlines() if line.strip()] == [
        "I. General",
        "1. Effective national controls",
        "1. States reaffirmed",
        "(a) to report",
        "2.",
    ]


@pytest.mark.parametrize(
    ("paper", "width", "height"), [("A4", 11906, 16838), ("letter", 12240, 15840)]
)
def test_running_label_sits_in_the_page_header_on_the_meetings_paper(
    tmp_path, paper, width, height
):
    meta = DocxMeta(running_label="DRAFT 2, 24 June 2021", paper_size=paper)
    document = docx.Document(written(tmp_path, Tree([Node(PARAGRAPH, "x")]), meta))
    section = document.sections[0]

    assert section.header.paragraphs[0].text == "DRAFT 2, 24 June 2021"
    assert (section.page_width, section.page_height) == (Twips(width), Twips(height))


def test_note_and_title_open_the_document(tmp_path):
    meta = DocxMeta(title="Outcome of BMS7", note="The below is without prejudice.")
    document = docx.Document(written(tmp_path, Tree([Node(PARAGRAPH, "x")]), meta))

    note, title, first = document.paragraphs[:3]
    assert (note.text, note.style.name) == ("The below is without prejudice.", "Note")
    assert (title.text, title.style.name) == ("Outcome of BMS7", "Title")
    assert (first.text, first.style.name) == ("x", "List Bullet")
    assert document.core_properties.title == "Outcome of BMS7"
