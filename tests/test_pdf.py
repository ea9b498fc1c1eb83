"""The circulation PDF: letter and annexes, footnotes, bookmarks, fonts, stored PDFs.

WeasyPrint takes about a second per small document, so these tests print small ones.
"""

import datetime
import io
import re
import unicodedata
import uuid
from unittest import mock

import pypdf
import pytest
from django.conf import settings
from django.urls import reverse

from letters import pdf, printing
from letters.models import Annex, Letter, Letterhead, StoredPdf
from meetings.models import Membership

Role = Membership.Role


def reader(content: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(content))


def normalised(text: str) -> str:
    """Text as extracted, with line-end hyphenation undone and whitespace made single."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return " ".join(text.split())


def page_texts(content: bytes) -> list[str]:
    return [normalised(page.extract_text()) for page in reader(content).pages]


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Every needle occurs in ``haystack``, each after the one before."""
    position = 0
    for needle in needles:
        found = haystack.find(normalised(needle), position)
        assert found >= 0, f"not found after position {position}: {needle!r}"
        position = found + len(normalised(needle))


def footnote_pages(content: bytes) -> dict[int, tuple[int, int]]:
    """Footnote number → (page of its call, page of its text), from the PDF's named
    destinations: the call is the link ``fn-call-N``, the text the anchor ``fn-N``."""
    pdf_reader = reader(content)
    pages = {
        name: pdf_reader.get_destination_page_number(dest)
        for name, dest in pdf_reader.named_destinations.items()
    }
    return {
        int(name[3:]): (pages[f"fn-call-{name[3:]}"], page)
        for name, page in pages.items()
        if re.fullmatch(r"fn-\d+", name)
    }


@pytest.fixture
def letter(factory):
    meeting = factory.make_meeting("BMS7", paper_size="A4", chair_name="Martin Kimani")
    head = Letterhead.objects.create(
        meeting=meeting,
        mission="Permanent Mission of the Republic\nof Kenya\nto the United Nations",
        address="866, United Nations Plaza, Suite 304,\nNew York, NY 10017.",
        telephone="(212) 421-4740",
        email="info@kenyaun.org",
        layout=Letterhead.Layout.CONTACTS_LEFT,
    )
    letter = Letter.objects.create(
        meeting=meeting,
        letterhead=head,
        reference="KMUN/SEC/6",
        date=datetime.date(2021, 6, 10),
        body="I am pleased to invite you.[^1]\n\n**Agenda**\n\nWe met.[^2]\n\n"
        "[^1]: https://meetings.unoda.org/\n[^2]: Algeria (Africa).",
        signatory_name="Martin Kimani",
        signatory_title="Ambassador and Permanent Representative",
    )
    Annex.objects.create(
        letter=letter,
        position=1,
        kind=Annex.Kind.AGENDA,
        title="Annex 1 – Draft Agenda BMS7",
        text="A. Consideration.[^a]\nB. Decision.[^b]\n\n[^a]: First basis.\n[^b]: Second basis.",
    )
    return letter


def test_letter_pdf_has_metadata_bookmarks_tags_fonts_and_paper_size(letter, factory):
    version = factory.make_version(factory.make_document(letter.meeting), label="Draft 1")
    Annex.objects.create(
        letter=letter, position=3, kind=Annex.Kind.VERSION, title="Annex 3", version=version
    )
    pdf_reader = reader(pdf.letter_pdf(letter))
    assert pdf_reader.metadata.title == "BMS7 – Letter of 10 June 2021 (KMUN/SEC/6)"
    assert pdf_reader.metadata.author == "Martin Kimani"
    assert [item["/Title"] for item in pdf_reader.outline] == [
        "Letter of 10 June 2021",
        "Annex 1 – Draft Agenda BMS7",
        "Annex 3",
    ]
    assert "/StructTreeRoot" in pdf_reader.trailer["/Root"]
    assert pdf_reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    fonts = {
        font.get_object()["/BaseFont"]
        for page in pdf_reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Liberation-Serif" in name for name in fonts)
    first_font = next(iter(pdf_reader.pages[0]["/Resources"]["/Font"].values())).get_object()
    assert "/FontFile2" in first_font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    width, height = pdf_reader.pages[0].mediabox.width, pdf_reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)


def test_us_letter_meeting_prints_on_us_letter(letter):
    letter.meeting.paper_size = "letter"
    letter.meeting.save()
    page = reader(pdf.letter_pdf(letter)).pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (612, 792)


def test_footnotes_are_numbered_through_the_package_and_sit_on_their_calls_page(letter):
    content = pdf.letter_pdf(letter)
    texts = page_texts(content)
    assert_in_order(
        " ".join(texts),
        [
            "I am pleased to invite you.1",
            "We met.2",
            "1 https://meetings.unoda.org/",
            "2 Algeria (Africa).",
            "Annex 1 – Draft Agenda BMS7",
            "A. Consideration.3",
            "B. Decision.4",
            "3 First basis.",
            "4 Second basis.",
        ],
    )
    pages = footnote_pages(content)
    assert sorted(pages) == [1, 2, 3, 4]
    assert all(call == text for call, text in pages.values())
    assert "Annex 1" not in texts[0]


def test_outcome_pages_carry_the_running_label_and_page_n_of_m(factory):
    tree = factory.make_tree(paragraphs=120, items=3, footnotes=30)
    version = factory.make_version(tree=tree, label="Draft 1", note="Without prejudice.")
    texts = page_texts(pdf.version_pdf(version))
    assert len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert "DRAFT 1, 10 June 2021" in text
        assert f"page {number} of {len(texts)}" in text
    pages = footnote_pages(pdf.version_pdf(version))
    assert len(pages) == 30
    assert all(call == text for call, text in pages.values())


def test_outcome_document_keeps_its_structure_in_print(factory):
    tree = factory.make_tree(paragraphs=6, items=2)
    tree.nodes[0].children.append(factory.make_tree(paragraphs=1, items=1).nodes[0].children[-1])
    version = factory.make_version(tree=tree)
    html = printing.version_html(version)
    assert '<span class="designation">A.</span><span class="item-text">[Agenda item 0]' in html
    assert '<h4 class="heading level-1"><em>Heading</em></h4>' in html
    assert html.count('<ul class="bullets">') >= 3
    assert "Paragraph 0 on <strong>stockpiles</strong>" in html


def test_timetable_split_across_pages_repeats_its_header(letter):
    rows = [[f"Slot {n}", "Hybrid (in-person in CR 1, 2 3 and Interprefy)"] for n in range(70)]
    Annex.objects.create(
        letter=letter,
        position=2,
        kind=Annex.Kind.TIMETABLE,
        title="Annex 2 – Timetable",
        table={"header": ["Monday, 26 July 2021", "Tuesday, 27 July 2021"], "rows": rows},
    )
    texts = [t for t in page_texts(pdf.letter_pdf(letter)) if "Slot" in t]
    assert len(texts) >= 2
    assert all("Monday, 26 July 2021 Tuesday, 27 July 2021" in text for text in texts)


def test_sent_letter_pdf_is_rendered_once_and_served_again(client, factory, letter):
    user = factory.make_member(letter.meeting, Role.SECRETARIAT)
    client.force_login(user)
    url = reverse("letter-pdf", args=["BMS7", letter.pk])
    client.post(reverse("letter-send", args=["BMS7", letter.pk]))
    assert StoredPdf.objects.filter(letter=letter).exists()
    with mock.patch.object(pdf, "write_pdf", wraps=pdf.write_pdf) as write:
        first = client.get(url)
        second = client.get(url)
    assert write.call_count == 0
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first.content == second.content == StoredPdf.objects.get(letter=letter).file.read()


def test_issued_version_pdf_is_rendered_once(client, factory):
    version = factory.make_version(tree=factory.make_tree(paragraphs=4))
    meeting = version.document.meeting
    client.force_login(factory.make_member(meeting, Role.DELEGATION))
    url = reverse("version-pdf", args=[meeting.code, version.slug])
    with mock.patch.object(pdf, "write_pdf", wraps=pdf.write_pdf) as write:
        first = client.get(url)
        second = client.get(url)
    assert write.call_count == 1
    assert first.content == second.content
    assert first.content.startswith(b"%PDF")


def test_unsent_letter_is_printed_afresh_and_hidden_from_delegations(client, factory, letter):
    client.force_login(factory.make_member(letter.meeting, Role.DELEGATION))
    assert client.get(reverse("letter-pdf", args=["BMS7", letter.pk])).status_code == 403
    with mock.patch.object(pdf, "write_pdf", return_value=b"%PDF-fake") as write:
        pdf.letter_pdf(letter)
        pdf.letter_pdf(letter)
    assert write.call_count == 2
    assert not StoredPdf.objects.exists()


# The demo letters against the circulated examples ------------------------------------------

EXAMPLES = settings.BASE_DIR.parent / "shared" / "examples"
SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_LINE = re.compile(rf"^(?:<sup>(\d+)</sup>|([{SUPERSCRIPT}]+))\s+(.*)$")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ANGLE_LINK = re.compile(r"<(https?://[^>]+)>")
TAG = re.compile(r"</?(?:sup|i|em|b|strong)>")
LINE_MARK = re.compile(r"^(?:#+|-|o)(?:\s+|$)")
MARKER_LINE = re.compile(r"^[•o▪]\s*$", re.MULTILINE)


# The example's text was taken from the circulated PDF, which capitalises every word of the
# mission's name; the demo letterhead writes it as the mission does.
AS_THE_MISSION_WRITES_IT = {
    "Permanent Mission Of The Republic": "Permanent Mission of the Republic",
    "Of Kenya": "of Kenya",
    "To The United Nations": "to the United Nations",
}


def squeezed(text: str) -> str:
    """Text compared without any whitespace: superscripts, justification and line breaks
    change spacing in extracted text, never the characters. Printing never hyphenates."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _plain(markdown: str) -> str:
    text = TAG.sub("", ANGLE_LINK.sub(r"\1", MARKDOWN_LINK.sub(r"\1", markdown)))
    text = text.replace("*", "").strip()
    while LINE_MARK.match(text):
        text = LINE_MARK.sub("", text, count=1).strip()
    return text


def example(filename: str) -> tuple[list[str], dict[int, str]]:
    """The example's lines (table cells one by one) in order, and its footnotes by number."""
    lines, footnotes = [], {}
    for raw in (EXAMPLES / filename).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line == "---" or line.startswith("A handwritten signature"):
            continue
        note = FOOTNOTE_LINE.match(line)
        if note:
            number = note.group(1) or unicodedata.normalize("NFKC", note.group(2))
            footnotes[int(number)] = _plain(note.group(3))
            continue
        line = AS_THE_MISSION_WRITES_IT.get(line, line)
        lines += [cell for cell in map(_plain, line.split("\t")) if cell]
    return lines, footnotes


def body_text(content: bytes, footnotes: dict[int, str]) -> str:
    """The text of every page with its footnotes, running label and page number taken off;
    fails if a footnote's text is not on the page where it is called."""
    pages = footnote_pages(content)
    bodies = []
    for index, page in enumerate(reader(content).pages):
        text = MARKER_LINE.sub("", page.extract_text())
        text = re.sub(r"\n(?:DRAFT [^\n]*\n)?page \d+ of \d+$", "", text)
        text = squeezed(text)
        for number, (call_page, note_page) in sorted(pages.items()):
            if note_page == index:
                assert call_page == note_page, f"footnote {number} is not on its call's page"
                note = squeezed(f"{number} {footnotes[number]}")
                assert note in text, f"footnote {number} is not on page {index + 1}"
                text = text.replace(note, "", 1)
        bodies.append(text)
    return "".join(bodies)


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    call_command("load_demo", "--with-demo-accounts-in-production", stdout=io.StringIO())


@pytest.mark.parametrize(
    "code, filename",
    [
        ("BMS6", "bms6-2016-chair-letter-and-draft-1.md"),
        ("BMS7", "bms7-2021-chair-letter-and-annexes.md"),
    ],
)
def test_demo_letter_pdf_holds_the_circulated_letter_and_annexes_in_order(demo, code, filename):
    if not EXAMPLES.is_dir():
        pytest.skip(f"the circulated examples are not beside the repository ({EXAMPLES})")
    lines, footnotes = example(filename)
    letter = Letter.objects.get(meeting__code=code)
    content = pdf.letter_pdf(letter)
    text = body_text(content, footnotes)
    position = 0
    for line in lines:
        found = text.find(squeezed(line), position)
        assert found >= 0, f"not in the PDF after what came before: {line!r}"
        position = found + len(squeezed(line))
    assert sorted(footnote_pages(content)) == sorted(footnotes)


def test_export_pdf_writes_a_letter_or_a_version(letter, factory, tmp_path):
    from django.core.management import call_command

    factory.make_version(factory.make_document(letter.meeting), label="Draft 1")
    for which, name in (
        (["--letter", "KMUN/SEC/6"], "letter.pdf"),
        (["--label", "Draft 1"], "d.pdf"),
    ):
        call_command(
            "export_pdf",
            "--meeting",
            "BMS7",
            *which,
            "-o",
            str(tmp_path / name),
            stdout=io.StringIO(),
        )
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")


def test_redline_marks_insertions_deletions_and_moves_without_colour(factory, client):
    from drafting.tree import AGENDA_ITEM, PARAGRAPH, Node, Tree

    def tree(items: dict[str, list[tuple[str, str]]]) -> Tree:
        return Tree(
            nodes=[
                Node(
                    kind=AGENDA_ITEM,
                    designation=designation,
                    text=f"[Item {designation}]",
                    key=str(uuid.uuid5(uuid.NAMESPACE_URL, designation)),
                    children=[Node(kind=PARAGRAPH, key=key, text=text) for key, text in bullets],
                )
                for designation, bullets in items.items()
            ]
        )

    keys = [str(uuid.uuid4()) for _ in range(5)]
    document = factory.make_document(factory.make_meeting("RL1"))
    old = factory.make_version(
        document,
        label="Draft 1",
        tree=tree(
            {
                "A.": [
                    (keys[0], "Transportation security"),
                    (keys[1], "Paragraph on stockpiles"),
                    (keys[2], "Illicit brokering of weapons"),
                ],
                "B.": [(keys[3], "Customs control")],
            }
        ),
    )
    new_tree = tree(
        {
            "A.": [(keys[1], "Paragraph on <strong>stockpiles</strong> and &lt;tools&gt;")],
            "B.": [
                (keys[3], "Customs control"),
                (keys[0], "Transportation security"),
                (keys[4], "A new bullet"),
            ],
        }
    )
    removed = Node(kind=PARAGRAPH, text="Illicit brokering of weapons")
    new = factory.make_version(document, tree=new_tree, label="Draft 2")
    html = printing.comparison_html(old, new)
    assert "<ins>" in html and "<del>" in html
    assert '<span class="margin-note">Added</span>' in html
    assert '<span class="margin-note">Deleted</span>' in html
    assert '<span class="moved-note">Moved from A &gt; bullet 1.</span>' in html
    assert '<del class="moved-note">Moved to B &gt; bullet 2</del>' in html
    assert "&lt;tools&gt;" in html and "<tools>" not in html
    assert 'class="row paragraph depth-1 changed deleted"' in html
    assert 'class="row paragraph depth-1 changed moved"' in html
    assert removed.text in html
    css = pdf.STYLESHEET.read_text()
    assert ".redline ins { text-decoration: underline; }" in css
    assert ".redline del { text-decoration: line-through; }" in css
    assert ".redline .changed { border-left:" in css
    client.force_login(factory.make_member(document.meeting, Role.DELEGATION))
    response = client.get(reverse("comparison-pdf", args=["RL1", "draft-1", "draft-2"]))
    assert response.status_code == 200
    text = " ".join(page_texts(response.content))
    assert "Changes from DRAFT 1, 10 June 2021 to DRAFT 2, 10 June 2021" in text
    assert "A new bullet" in text and "Added" in text
    assert not re.search(r"\[(?:Added|Deleted|Modified|Moved)", text + html)


def _two_drafts(factory, meeting, paragraphs: int = 80, footnotes: int = 6):
    """Draft 1 and Draft 2 of ``meeting``: Draft 2 rewords one bullet and moves another."""
    import copy

    document = factory.make_document(meeting)
    tree = factory.make_tree(paragraphs=paragraphs, items=2, footnotes=footnotes)
    old = factory.make_version(document, tree, label="Draft 1")
    changed = copy.deepcopy(tree)
    changed.nodes[0].children[1].text += " and ammunition"
    changed.nodes[1].children.append(changed.nodes[0].children.pop(2))
    new = factory.make_version(document, changed, label="Draft 2", date=datetime.date(2021, 6, 24))
    return old, new


def test_comparison_annex_numbers_footnotes_through_the_package_with_label_and_pages(
    letter, factory
):
    old, new = _two_drafts(factory, letter.meeting)
    Annex.objects.create(
        letter=letter,
        position=2,
        kind=Annex.Kind.COMPARISON,
        title="Annex 2 – Changes",
        version=new,
        compared_with=old,
    )

    content = pdf.letter_pdf(letter)

    pages = footnote_pages(content)
    assert sorted(pages) == list(range(1, 4 + 6 + 1))  # letter 2, agenda 2, comparison 6
    assert all(call == text for call, text in pages.values())
    texts = page_texts(content)
    annex = [i for i, text in enumerate(texts) if "Annex 2 – Changes" in text][0]
    for number, text in enumerate(texts[annex:], start=annex + 1):
        assert "DRAFT 1, 10 June 2021 → DRAFT 2, 24 June 2021" in text
        assert f"page {number} of {len(texts)}" in text


def test_standalone_redline_pdf_has_a_header_and_page_numbers_on_every_page(factory):
    old, new = _two_drafts(factory, factory.make_meeting("RL2"), paragraphs=160)

    texts = page_texts(pdf.pdf_bytes(pdf.PdfSubject(version=new, compared_with=old)))

    assert len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert text.endswith(
            f"DRAFT 1, 10 June 2021 → DRAFT 2, 24 June 2021 page {number} of {len(texts)}"
        )
