"""The outline format: parsing, canonical writing, the round trip, and the import and
export commands."""

import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from drafting.actions import ImportOutline
from drafting.models import Element, Footnote, OutcomeDocument, Version
from drafting.outline import OutlineError, dump, parse
from drafting.outline_versions import export_outline
from drafting.tree import AGENDA_ITEM, FOOTNOTE_REF, HEADING, PARAGRAPH, Tree
from meetings.models import Meeting

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
EXAMPLES = ["bms6-draft-1.md", "bms7-draft-1.md"]


def collapsed(text: str) -> str:
    return " ".join(text.split())


def outline_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outline.md"
    path.write_text(text, encoding="utf-8")
    return path


def stored_rows() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Meeting, OutcomeDocument, Version, Element, Footnote)
    )


# Parsing ------------------------------------------------------------------------------


def test_agenda_items_headings_and_bullets_take_their_places_in_the_tree():
    meta, tree = parse(
        "---\nlabel: Draft 1\ndate: 2021-06-10\n---\n"
        "- chapeau\n"
        "# A. [Title][^1]\n"
        "- first\n"
        "  - nested\n"
        "## 1. *Effective national controls*\n"
        "- after the heading\n"
        "-\n"
        "[^1]: Based on the chair's proposal.\n"
    )

    assert meta == {"label": "Draft 1", "date": datetime.date(2021, 6, 10)}
    chapeau, item = tree.nodes
    assert (chapeau.kind, chapeau.text) == (PARAGRAPH, "chapeau")
    assert (item.kind, item.designation) == (AGENDA_ITEM, "A.")
    assert item.text.startswith("[Title]<fn-ref data-key=")
    first, heading, after, placeholder = item.children
    assert [child.text for child in first.children] == ["nested"]
    assert (heading.kind, heading.level, heading.designation, heading.text) == (
        HEADING,
        1,
        "1.",
        "<em>Effective national controls</em>",
    )
    assert heading.children == []
    assert after.text == "after the heading"
    assert placeholder.is_placeholder
    assert tree.footnotes == {item.footnote_keys()[0]: "Based on the chair's proposal."}


def test_heading_levels_follow_the_number_of_hashes():
    _meta, tree = parse("## a) One\n### Two\n#### (iv) Three\n")

    assert [(n.level, n.designation, n.text) for n in tree.nodes] == [
        (1, "a)", "One"),
        (2, "", "Two"),
        (3, "(iv)", "Three"),
    ]


def test_numbered_paragraphs_keep_their_designation():
    _meta, tree = parse(
        "# I. General\n1. States reaffirmed their commitment.\n  (a) to report\n2.\n"
    )

    first, second = tree.nodes[0].children
    assert (first.designation, first.text) == ("1.", "States reaffirmed their commitment.")
    assert [(c.designation, c.text) for c in first.children] == [("(a)", "to report")]
    assert (second.designation, second.text, second.is_placeholder) == ("2.", "", True)


def test_inline_markup_becomes_sanitised_html_and_brackets_stay_literal():
    _meta, tree = parse(
        "- [*em*] **strong** ***both*** 20<sup>th</sup> H<sub>2</sub>O R&D \\* a\\[^b "
        '<a href="https://un.org/x">link</a> <script>x</script>\n'
    )

    assert tree.nodes[0].text == (
        "[<em>em</em>] <strong>strong</strong> <em><strong>both</strong></em> "
        "20<sup>th</sup> H<sub>2</sub>O R&amp;D * a[^b "
        '<a href="https://un.org/x">link</a>'
    )


def test_each_node_gets_a_fresh_key():
    text = "# A. x\n- a\n- b\n"

    keys = [node.key for node, _depth in parse(text)[1].walk()]
    again = [node.key for node, _depth in parse(text)[1].walk()]

    assert len(set(keys + again)) == 6


def test_footnotes_are_renumbered_in_calling_order_with_definitions_at_the_end():
    text = "[^b]: second\n- one[^a]\n- two[^b] and again[^a]\n[^a]: first\n"

    assert dump(*parse(text)) == (
        "- one[^1]\n- two[^2] and again[^1]\n\n[^1]: first\n[^2]: second\n"
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ("- a\n  - b\n      - c\n", "line 3: this bullet is indented two levels deeper"),
        ("# A. x\n  - a\n", "line 2: this bullet is indented, but there is no bullet above"),
        ("- a\n   - b\n", "line 2: this line is indented by 3 spaces"),
        ("- a\n\t- b\n", "line 2: indent with spaces"),
        ("---\ntitle: [x\n---\n", "line 2: the front matter is not valid YAML"),
        ("---\nlabel: x\n", "line 1: the front matter that starts here is never closed"),
        ("---\nlabel: x\nissued: 2021\n---\n", "line 3: 'issued' is not a front-matter field"),
        ("---\ndate: 10 June\n---\n", "line 2: the date '10 June' is not a date"),
        ("- a\n\n- b[^9]\n", "line 3: footnote [^9] is called but never defined"),
        ("- a[^1]\n[^1]: x\n[^2]: y\n", "line 3: footnote [^2] is defined but never called"),
        ("- a[^1]\n[^1]: x\n[^1]: y\n", "line 3: footnote [^1] is defined twice (first on line 2)"),
        ("- a[^1]\n[^1]:\n", "line 2: footnote [^1] has no text"),
        ("[^1]: see[^2]\n- a[^1]\n", "line 1: a footnote cannot call another footnote"),
        ("- a\nStates reaffirmed\n", "line 2: this line is not an agenda item"),
        ("- a\n---\n", "line 2: a '---' line may only open and close the front matter"),
        ("##### deep\n", "line 1: headings go no deeper than ####"),
        ("##\n", "line 1: this heading has neither a designation nor a title"),
        ("- **unclosed\n", "line 1: an asterisk does not open or close"),
        ("- a ****b\n", "line 1: more than three asterisks together"),
        ("- *open\n", "line 1: an asterisk does not open or close"),
    ],
)
def test_malformed_outline_names_the_line_and_the_problem(text, message):
    with pytest.raises(OutlineError) as raised:
        parse(text)

    assert str(raised.value).startswith(message)


def test_dump_refuses_a_tree_the_format_cannot_express():
    _meta, tree = parse("## Heading\n- bullet\n")
    heading, bullet = tree.nodes
    heading.children.append(bullet)

    with pytest.raises(ValueError):
        dump({}, tree)


def test_dump_escapes_text_that_would_read_back_as_markup():
    _meta, tree = parse("## x\n")
    tree.nodes[0].text = "A. 2 * 3 &lt;b&gt; &amp;amp; [^1] \\"

    text = dump({}, tree)

    assert text == "## A\\. 2 \\* 3 \\<b> \\&amp; \\[^1] \\\\\n"
    assert parse(text)[1].nodes[0].text == tree.nodes[0].text


# Round trip ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_fixture_is_in_canonical_form(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")

    assert dump(*parse(text)) == text


# Words leave out * \ < # ^ ; — the sampled words add * \ < in their escaped forms.
WORD_CHARACTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéü0123456789()[],.:/-–'’“”&>_=+!?%"
)
words = st.lists(
    st.one_of(
        st.sampled_from(["States", "[shall]", "SALW", "16.4.2", "R&D", "“[p]roportion”", "a."]),
        st.sampled_from(["\\*", "\\\\", "\\<", "[[brackets]]", "<sup>th</sup>", "1."]),
        st.text(alphabet=WORD_CHARACTERS, min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=3,
).map(" ".join)
FOOTNOTE_CALL = "\x00"  # numbered in document order once the outline is written


@st.composite
def segments(draw) -> str:
    plain = draw(words)
    wrapped = draw(
        st.sampled_from(
            [
                "{}",
                "*{}*",
                "**{}**",
                "***{}***",
                "[{}]",
                "[*{}*]",
                '<a href="https://un.org/d">{}</a>',
            ]
        )
    )
    call = FOOTNOTE_CALL if draw(st.integers(0, 5)) == 0 else ""
    return wrapped.format(plain) + call


inline_texts = st.lists(segments(), min_size=1, max_size=4).map(" ".join)
designations = st.sampled_from(["", "1.", "12.", "a)", "(b)", "(iv)", "IV.", "C."])


@st.composite
def paragraph_lines(draw, depth: int) -> list[str]:
    marker = draw(st.sampled_from(["-", "-", "-", "1.", "(a)"]))
    text = draw(st.one_of(st.just(""), inline_texts, inline_texts))
    lines = ["  " * depth + " ".join(part for part in (marker, text) if part)]
    if depth < 3:
        for child in draw(st.lists(paragraph_lines(depth + 1), max_size=2)):
            lines += child
    return lines


@st.composite
def bullet_blocks(draw) -> list[str]:
    lines = []
    for paragraph in draw(st.lists(paragraph_lines(0), min_size=1, max_size=3)):
        lines += paragraph
    return lines


@st.composite
def titled_lines(draw, hashes: str) -> list[str]:
    designation = draw(designations)
    text = draw(inline_texts) if not designation else draw(st.one_of(st.just(""), inline_texts))
    return [" ".join(part for part in (hashes, designation, text) if part)]


@st.composite
def item_blocks(draw) -> list[list[str]]:
    """Headings and runs of bullets, never two runs of bullets in a row."""
    blocks: list[list[str]] = []
    after_bullets = False
    for _ in range(draw(st.integers(0, 4))):
        if not after_bullets and draw(st.booleans()):
            blocks.append(draw(bullet_blocks()))
            after_bullets = True
        else:
            blocks.append(draw(titled_lines(draw(st.sampled_from(["##", "###", "####"])))))
            after_bullets = False
    return blocks


@st.composite
def canonical_outlines(draw) -> str:
    blocks: list[list[str]] = []
    fields = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "title": st.sampled_from(["Outcome of the Meeting", "Zero Draft of BMS8"]),
                "label": st.sampled_from(["Draft 1", "Rev.1", "Zero Draft"]),
                "date": st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)),
                "note": st.sampled_from(["The below is without prejudice to the agenda."]),
            },
        )
    )
    if fields:
        names = [name for name in ("title", "label", "date", "note") if name in fields]
        blocks.append(["---", *(f"{name}: {fields[name]}" for name in names), "---"])
    if draw(st.booleans()):
        blocks.append(draw(bullet_blocks()))
    for _ in range(draw(st.integers(0, 3))):
        blocks.append(draw(titled_lines("#")))
        blocks += draw(item_blocks())
    body = "\n\n".join("\n".join(block) for block in blocks)
    calls = body.count(FOOTNOTE_CALL)
    for number in range(1, calls + 1):
        body = body.replace(FOOTNOTE_CALL, f"[^{number}]", 1)
    definitions = [
        f"[^{n}]: {draw(inline_texts).replace(FOOTNOTE_CALL, '')}" for n in range(1, calls + 1)
    ]
    return "\n\n".join(part for part in (body, "\n".join(definitions)) if part) + "\n"


@hypothesis_settings(max_examples=150, deadline=None)
@given(canonical_outlines())
def test_any_canonical_outline_round_trips(text):
    meta, tree = parse(text)

    written = dump(meta, tree)

    assert collapsed(written) == collapsed(text)
    assert written == text
    assert shape(parse(written)[1]) == shape(tree)


def shape(tree: Tree) -> list[tuple]:
    """Every node with footnote calls shown by number, so that fresh keys do not matter."""
    numbers = tree.footnote_numbers()

    def numbered(text: str) -> str:
        return FOOTNOTE_REF.sub(lambda m: f"[{numbers[m.group(1)]}]", text)

    nodes = [(n.kind, n.level, n.designation, numbered(n.text), d) for n, d in tree.walk()]
    return nodes + sorted((numbers[key], text) for key, text in tree.footnotes.items())


# Import and export ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_round_trips_through_the_database(name):
    path = FIXTURES / name
    out = StringIO()

    call_command("import_outline", str(path), "--meeting", "BMSX", stdout=StringIO())
    call_command("export_outline", "--meeting", "BMSX", "--label", "Draft 1", stdout=out)

    assert collapsed(out.getvalue()) == collapsed(path.read_text(encoding="utf-8"))
    assert out.getvalue() == path.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_import_makes_meeting_and_document_and_an_issued_version():
    version = ImportOutline(
        text="---\ntitle: Outcome of BMS9\nlabel: Draft 1\nnote: Without prejudice.\n---\n- a\n",
        meeting_code="BMS9",
    ).execute()

    assert version.is_issued
    assert version.issued_at is not None
    assert (version.label, version.slug, version.kind) == ("Draft 1", "draft-1", "draft")
    assert (version.title, version.note) == ("Outcome of BMS9", "Without prejudice.")
    assert version.document.meeting.title == "Outcome of BMS9"
    assert [node.text for node in version.tree().nodes] == ["a"]


@pytest.mark.django_db
def test_command_options_override_the_front_matter(tmp_path):
    path = outline_file(tmp_path, "---\nlabel: Draft 1\ndate: 2021-06-10\n---\n- a\n")

    call_command(
        "import_outline",
        str(path),
        "--meeting",
        "BMS9",
        "--label",
        "Rev.1",
        "--date",
        "2021-07-01",
        stdout=StringIO(),
    )

    version = Version.objects.get()
    assert (version.label, version.kind) == ("Rev.1", "rev")
    assert version.date == datetime.date(2021, 7, 1)


@pytest.mark.django_db
def test_malformed_file_reports_its_line_and_leaves_no_rows(tmp_path):
    path = outline_file(tmp_path, "---\nlabel: Draft 1\n---\n# A. x\n- a\n      - b\n")

    with pytest.raises(CommandError, match="line 6: this bullet is indented three levels deeper"):
        call_command("import_outline", str(path), "--meeting", "BMS9")

    assert stored_rows() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_failure_while_storing_leaves_nothing_half_imported(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Version.objects, "create_from_tree", fail)

    with pytest.raises(RuntimeError):
        ImportOutline(text="---\nlabel: Draft 1\n---\n- a\n", meeting_code="BMS9").execute()

    assert stored_rows() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_outline_without_label_is_refused(tmp_path):
    path = outline_file(tmp_path, "- a\n")

    with pytest.raises(CommandError, match="Give the version a label"):
        call_command("import_outline", str(path), "--meeting", "BMS9")

    assert stored_rows() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_existing_label_is_never_replaced(tmp_path):
    path = outline_file(tmp_path, "---\nlabel: Draft 1\n---\n- a\n")
    call_command("import_outline", str(path), "--meeting", "BMS9", stdout=StringIO())
    before = stored_rows()

    with pytest.raises(CommandError, match="already has a version labelled “Draft 1”"):
        call_command("import_outline", str(path), "--meeting", "BMS9")

    assert stored_rows() == before


@pytest.mark.django_db
def test_export_of_unknown_version_says_so():
    with pytest.raises(CommandError, match="BMS9 has no version labelled “Draft 4”"):
        call_command("export_outline", "--meeting", "BMS9", "--label", "Draft 4")


def test_export_numbers_footnotes_through_the_whole_document(factory):
    version = factory.make_version(tree=factory.make_tree(paragraphs=6, items=2, footnotes=3))

    text = export_outline(version)

    assert re.findall(r"\[\^(\d+)\]", text) == ["1", "2", "3", "1", "2", "3"]


def test_example_in_the_format_documentation_is_canonical():
    documentation = (Path(settings.BASE_DIR) / "README.md").read_text()
    example = re.search(r"```markdown\n(.*?)```", documentation, re.S).group(1)

    assert dump(*parse(example)) == example
