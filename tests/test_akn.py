"""Akoma Ntoso (AKN4UN) export: AKN4UN names, the body's shape, footnotes and inline text,
validity against the OASIS schema, the round trip through the reader, and the command."""

import dataclasses
import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from lxml import etree

from drafting.akn import AknError, AknMeta, read_akn, schema_errors, version_akn
from drafting.outline import dump, parse
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from tests.test_outline import canonical_outlines

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
EXAMPLES = ["bms6-draft-1.md", "bms7-draft-1.md"]
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
WORK = "/akn/un/statement/deliberation/un-bms7/2021-07-26/outcome"
META = AknMeta(
    meeting_code="BMS7",
    meeting_title="Seventh Biennial Meeting of States",
    label="Draft 1",
    slug="draft-1",
    kind="draft",
    status="issued",
    title="Outcome of the Seventh Biennial Meeting of States",
    note="The below is without prejudice to the agenda.",
    date=datetime.date(2021, 6, 10),
    meeting_date=datetime.date(2021, 7, 26),
)


def export(outline: str, meta: AknMeta = META) -> etree._Element:
    """The exported XML of an outline, checked against the schema on the way."""
    data = version_akn(parse(outline)[1], meta)
    assert schema_errors(data) == []
    return etree.fromstring(data)


def one(root: etree._Element, path: str) -> etree._Element:
    (found,) = root.xpath(path, namespaces=NS)
    return found


def value(root: etree._Element, path: str) -> str:
    return one(root, path).get("value")


# The two demo drafts ----------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_demo_draft_exports_akoma_ntoso_that_the_oasis_schema_accepts(name):
    _front, tree = parse((FIXTURES / name).read_text(encoding="utf-8"))

    assert schema_errors(version_akn(tree, META)) == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_demo_draft_reads_back_as_the_same_tree_and_metadata(name):
    _front, tree = parse((FIXTURES / name).read_text(encoding="utf-8"))

    assert read_akn(version_akn(tree, META)) == (META, tree)


def test_the_same_version_always_gives_the_same_bytes():
    _front, tree = parse((FIXTURES / "bms7-draft-1.md").read_text(encoding="utf-8"))

    assert version_akn(tree, META) == version_akn(tree, META)


# AKN4UN names and metadata ------------------------------------------------------------


def test_frbr_identifiers_follow_the_akn4un_naming_convention():
    root = export("- a\n")
    work, expression, manifestation = (
        f"//a:identification/a:FRBR{level}" for level in ("Work", "Expression", "Manifestation")
    )

    assert one(root, "a:statement").get("name") == "outcomeDocument"
    assert value(root, f"{work}/a:FRBRuri") == WORK
    assert value(root, f"{work}/a:FRBRthis") == f"{WORK}/!main"
    assert value(root, f"{work}/a:FRBRcountry") == "un"
    assert value(root, f"{work}/a:FRBRsubtype") == "deliberation"
    assert value(root, f"{work}/a:FRBRnumber") == "outcome"
    assert one(root, f"{work}/a:FRBRdate").get("date") == "2021-07-26"
    assert value(root, f"{expression}/a:FRBRuri") == f"{WORK}/eng@2021-06-10"
    assert value(root, f"{expression}/a:FRBRthis") == f"{WORK}/eng@2021-06-10/!main"
    assert one(root, f"{expression}/a:FRBRdate").get("date") == "2021-06-10"
    assert one(root, f"{expression}/a:FRBRlanguage").get("language") == "eng"
    assert value(root, f"{manifestation}/a:FRBRuri") == f"{WORK}/eng@2021-06-10.xml"
    assert value(root, f"{manifestation}/a:FRBRthis") == f"{WORK}/eng@2021-06-10/!main.xml"
    assert value(root, f"{manifestation}/a:FRBRformat") == "xml"


def test_authors_and_sources_point_to_the_meeting_in_the_references():
    root = export("- a\n")
    meeting = one(root, "//a:references/a:TLCOrganization")

    assert (meeting.get("eId"), meeting.get("showAs"), meeting.get("shortForm")) == (
        "un-bms7",
        "Seventh Biennial Meeting of States",
        "BMS7",
    )
    assert meeting.get("href") == "/akn/ontology/organizations/un/un-bms7"
    assert set(root.xpath("//a:FRBRauthor/@href", namespaces=NS)) == {"#un-bms7"}
    assert set(root.xpath("//a:meta/*/@source", namespaces=NS)) == {"#un-bms7"}


def test_label_and_note_are_in_the_lifecycle_the_proprietary_block_and_the_preface():
    root = export("- a\n")
    od = {"od": "urn:x-outcome-drafting:akn"}

    event = one(root, "//a:lifecycle/a:eventRef")
    assert (event.get("date"), event.get("type"), event.get("source")) == (
        "2021-06-10",
        "generation",
        "#original",
    )
    assert one(root, "//a:references/a:original").get("showAs") == "Draft 1"
    version = root.find(".//od:version", od)
    assert (version.get("label"), version.get("kind"), version.get("status")) == (
        "Draft 1",
        "draft",
        "issued",
    )
    assert root.findtext(".//od:note", namespaces=od) == META.note
    running_label, note, title = one(root, "//a:preface")
    assert "".join(running_label.itertext()) == "Draft 1, 10 June 2021"
    assert note.text == META.note
    assert one(title, "a:docTitle").text == META.title


def test_undated_working_draft_is_named_by_its_version_number():
    working = dataclasses.replace(
        META, label="Working draft", slug="working", status="working", date=None
    )

    root = export("- a\n", working)

    assert value(root, "//a:FRBRExpression/a:FRBRuri") == f"{WORK}/eng@working"
    assert one(root, "//a:FRBRExpression/a:FRBRdate").get("date") == "1900-01-01"
    assert value(root, "//a:FRBRExpression/a:FRBRversionNumber") == "working"
    assert root.xpath("//a:lifecycle", namespaces=NS) == []
    assert read_akn(etree.tostring(root))[0] == working


# The body -----------------------------------------------------------------------------


OUTLINE = """\
- chapeau
# A. [Consideration of the implementation]
- first
  - nested
    - deeper
      - deepest
## PoA in the context of diversion
### 1. *Effective national controls*
- after the heading
-
"""


def test_agenda_items_are_sections_with_designation_and_title():
    section = one(export(OUTLINE), "//a:mainBody/a:section")

    assert section.get("eId") == "sec_A"
    assert one(section, "a:num").text == "A."
    assert one(section, "a:heading").text == "[Consideration of the implementation]"


def test_headings_stand_between_paragraphs_with_their_level_and_designation():
    section = one(export(OUTLINE), "//a:section")

    kinds = [(etree.QName(child).localname, child.get("eId")) for child in section][2:]
    assert kinds == [
        ("paragraph", "sec_A__para_1"),
        ("hcontainer", "sec_A__heading_1"),
        ("hcontainer", "sec_A__heading_2"),
        ("paragraph", "sec_A__para_2"),
        ("paragraph", "sec_A__para_3"),
    ]
    heading = one(section, "a:hcontainer[2]")
    assert (heading.get("name"), heading.get("class")) == ("heading", "level-2")
    assert one(heading, "a:num").text == "1."
    assert etree.tostring(one(heading, "a:heading/a:i"), with_tail=False).endswith(
        b">Effective national controls</i>"
    )


def test_nested_bullets_are_block_lists_inside_the_paragraph_content():
    root = export(OUTLINE)
    paragraph = one(root, "//a:paragraph[@eId='sec_A__para_1']")

    assert one(paragraph, "a:content/a:p").text == "first"
    deepest = one(paragraph, "a:content/a:blockList/a:item/a:blockList/a:item/a:blockList/a:item")
    assert deepest.get("eId") == ("sec_A__para_1__list_1__item_1__list_1__item_1__list_1__item_1")
    assert one(deepest, "a:p").text == "deepest"


def test_empty_placeholder_bullet_survives_as_an_empty_paragraph():
    root = export(OUTLINE)

    placeholder = one(root, "//a:paragraph[@eId='sec_A__para_3']/a:content/a:p")
    assert (placeholder.text, len(placeholder)) == (None, 0)
    assert read_akn(etree.tostring(root))[1].nodes[1].children[-1].is_placeholder


def test_numbered_paragraphs_keep_their_designation_in_num_and_eid():
    root = export("# I. General\n1. States reaffirmed.\n  (a) to report\n")

    assert one(root, "//a:paragraph/a:num").text == "1."
    assert one(root, "//a:paragraph").get("eId") == "sec_I__para_1"
    assert one(root, "//a:item").get("eId") == "sec_I__para_1__list_1__item_a"
    assert one(root, "//a:item/a:num").text == "(a)"


def test_eids_stay_unique_when_designations_repeat():
    root = export("# A. x\n1. one\n1. again\n- three\n")

    eids = root.xpath("//a:paragraph/@eId", namespaces=NS)
    assert eids == ["sec_A__para_1", "sec_A__para_1-2", "sec_A__para_3"]


def test_lineage_keys_travel_in_guid_attributes():
    _front, tree = parse("# A. x[^1]\n- a\n  - b\n[^1]: note\n")

    root = etree.fromstring(version_akn(tree, META))

    keys = [node.key for node, _depth in tree.walk()] + list(tree.footnotes)
    assert sorted(root.xpath("//@GUID")) == sorted(keys)


def test_heading_with_children_and_headings_outside_agenda_items_round_trip():
    tree = Tree(
        nodes=[
            Node(kind=HEADING, level=1, text="Preamble"),
            Node(
                kind=HEADING,
                level=3,
                designation="a)",
                text="Within",
                children=[Node(kind=PARAGRAPH, text="held by the heading")],
            ),
            Node(kind=AGENDA_ITEM, text="An agenda item without designation"),
        ]
    )

    data = version_akn(tree, META)

    assert schema_errors(data) == []
    assert read_akn(data)[1] == tree


def test_empty_document_still_validates_and_reads_back_empty():
    data = version_akn(Tree(), META)

    assert schema_errors(data) == []
    assert read_akn(data)[1] == Tree()


@pytest.mark.parametrize(
    "misplaced",
    [
        Node(kind=PARAGRAPH, children=[Node(kind=HEADING, level=1, text="h")]),
        Node(kind=PARAGRAPH, children=[Node(kind=AGENDA_ITEM, designation="B.")]),
        Node(kind=AGENDA_ITEM, children=[Node(kind=AGENDA_ITEM, designation="B.")]),
    ],
)
def test_tree_the_export_cannot_hold_is_refused(misplaced):
    with pytest.raises(ValueError, match="cannot hold"):
        version_akn(Tree(nodes=[misplaced]), META)


# Footnotes and inline text ------------------------------------------------------------


def test_footnote_is_an_authorial_note_at_its_call():
    root = export("- before[^1] after\n- again[^1]\n[^1]: Based on *the* proposal.\n")

    p = one(root, "//a:paragraph[@eId='para_1']/a:content/a:p")
    (note,) = p
    assert (p.text, note.tail) == ("before", " after")
    assert etree.QName(note).localname == "authorialNote"
    assert (note.get("marker"), note.get("placement"), note.get("eId")) == (
        "1",
        "bottom",
        "para_1__authorialNote_1",
    )
    assert "".join(one(note, "a:p").itertext()) == "Based on the proposal."
    assert one(note, "a:p/a:i").text == "the"


def test_a_footnote_called_again_is_a_reference_to_its_note():
    root = export("- before[^1] after\n- again[^1]\n[^1]: Based on the proposal.\n")

    reference = one(root, "//a:paragraph[@eId='para_2']/a:content/a:p/a:noteRef")
    assert (reference.get("href"), reference.get("marker"), reference.get("placement")) == (
        "#para_1__authorialNote_1",
        "1",
        "bottom",
    )
    assert len(root.xpath("//a:authorialNote", namespaces=NS)) == 1


def test_footnotes_are_numbered_through_the_document():
    root = export("# A. [x][^a]\n- y[^b]\n# B. z[^c]\n[^a]: one\n[^b]: two\n[^c]: three\n")

    assert root.xpath("//a:authorialNote/@marker", namespaces=NS) == ["1", "2", "3"]
    assert one(root, "//a:section[1]/a:heading/a:authorialNote").get("eId") == (
        "sec_A__authorialNote_1"
    )


def test_emphasis_superscript_subscript_and_links_become_akn_inline_elements():
    root = export(
        '- *em* **strong** 20<sup>th</sup> H<sub>2</sub>O <a href="https://un.org/x">link</a>\n'
    )

    p = one(root, "//a:p[a:i]")
    assert [(etree.QName(child).localname, child.text) for child in p] == [
        ("i", "em"),
        ("b", "strong"),
        ("sup", "th"),
        ("sub", "2"),
        ("a", "link"),
    ]
    assert one(p, "a:a").get("href") == "https://un.org/x"


def test_brackets_stay_literal_text():
    root = export("- States [shall] [[consider]] [*strengthen*]\n")

    p = one(root, "//a:mainBody/a:paragraph/a:content/a:p")
    assert "".join(p.itertext()) == "States [shall] [[consider]] [strengthen]"


def test_script_tags_and_cdata_ends_in_text_stay_text():
    tree = Tree(
        nodes=[Node(kind=PARAGRAPH, text="&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;")]
    )

    data = version_akn(tree, META)

    assert schema_errors(data) == []
    assert b"<script" not in data
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;" in data
    assert read_akn(data)[1] == tree


def test_script_element_in_a_file_is_refused_and_never_becomes_markup():
    data = version_akn(Tree(nodes=[Node(kind=PARAGRAPH, text="PLACE")]), META)
    hostile = data.replace(b"PLACE", b"<script>alert(1)</script>")

    with pytest.raises(AknError, match="not valid Akoma Ntoso"):
        read_akn(hostile)


def test_control_characters_xml_cannot_hold_become_spaces():
    tree = Tree(nodes=[Node(kind=PARAGRAPH, text="line\x0bbreak")])

    data = version_akn(tree, META)

    assert schema_errors(data) == []
    assert read_akn(data)[1].nodes[0].text == "line break"


# Reading ------------------------------------------------------------------------------


def test_reader_refuses_what_is_not_xml():
    with pytest.raises(AknError, match="not well-formed XML"):
        read_akn(b"<akomaNtoso>")


def test_reader_refuses_akoma_ntoso_that_is_not_an_outcome_document():
    data = version_akn(Tree(nodes=[Node(kind=PARAGRAPH, text="a")]), META)

    with pytest.raises(AknError, match="not an outcome document from this app"):
        read_akn(data.replace(b'name="outcomeDocument"', b'name="resolution"'))


def test_reader_does_not_expand_entities():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxxxx">'
        b'<!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;">]><a>&y;</a>'
    )

    with pytest.raises(AknError) as raised:
        read_akn(laughs)

    assert "xxxxxxxxxx" not in str(raised.value)


# Generated documents ------------------------------------------------------------------

# Any text XML can hold, line breaks and tabs included.
texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\t\n\r"),
    max_size=40,
)
dates = st.none() | st.dates(datetime.date(1950, 1, 1), datetime.date(2099, 12, 31))
metas = st.builds(
    AknMeta,
    meeting_code=st.sampled_from(["BMS7", "RevCon4", "OEWG 2"]),
    meeting_title=texts,
    label=texts,
    slug=st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
    kind=st.sampled_from(["zero", "draft", "rev", "final"]),
    status=st.sampled_from(["working", "issued"]),
    title=texts,
    note=texts,
    date=dates,
    meeting_date=dates,
)


@hypothesis_settings(max_examples=120, deadline=None)
@given(canonical_outlines(), metas)
def test_any_generated_document_validates_and_reads_back_the_same(outline, meta):
    _front, tree = parse(outline)

    data = version_akn(tree, meta)

    assert schema_errors(data) == []
    assert read_akn(data) == (meta, tree)


# The command --------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_akn_command_writes_a_valid_file_that_reads_back_as_the_version(tmp_path):
    source = (FIXTURES / "bms7-draft-1.md").read_text(encoding="utf-8")
    call_command(
        "import_outline", str(FIXTURES / "bms7-draft-1.md"), "--meeting", "BMS7", stdout=StringIO()
    )
    output = tmp_path / "bms7.xml"
    out = StringIO()

    call_command(
        "export_akn", "--meeting", "BMS7", "--label", "Draft 1", "-o", str(output), stdout=out
    )

    data = output.read_bytes()
    assert schema_errors(data) == []
    meta, tree = read_akn(data)
    front = {"title": meta.title, "label": meta.label, "date": meta.date, "note": meta.note}
    assert dump(front, tree) == source
    assert meta.meeting_code == "BMS7"
    assert "valid Akoma Ntoso" in out.getvalue()


@pytest.mark.django_db
def test_export_akn_command_names_a_missing_version(tmp_path):
    with pytest.raises(CommandError, match="BMS9 has no version labelled “Draft 4”"):
        call_command(
            "export_akn", "--meeting", "BMS9", "--label", "Draft 4", "-o", str(tmp_path / "x")
        )
