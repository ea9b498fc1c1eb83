"""The printed letter itself: its letterhead as written, its sign-off kept on one page, its
own page numbers, footnotes through the package, and the negotiation annex. Read back from
the PDF, page by page, with pypdf."""

import datetime
import io
import re

import pypdf
import pytest
from django.core.management import call_command

from letters import pdf
from letters.models import Annex, Letter, Letterhead
from tests.demo_drafts import DRAFT_2_DATE, bms7_draft_1, bms7_draft_2
from tests.test_pdf import _two_drafts, footnote_pages, normalised, page_texts

CLOSING = "Please accept, Excellency, the renewed assurances of my highest consideration."
LAST_WORDS = "which we hope you will find useful."
PAGE_NUMBER = re.compile(r"page (\d+) of (\d+)")


@pytest.fixture
def letterhead(factory):
    meeting = factory.make_meeting("BMS7", paper_size="A4", chair_name="Martin Kimani")
    return Letterhead.objects.create(
        meeting=meeting,
        mission="Permanent Mission of the Republic\nof Kenya\nto the United Nations",
        address="866, United Nations Plaza, Suite 304,\nNew York, NY 10017.",
        layout=Letterhead.Layout.CONTACTS_LEFT,
    )


def make_letter(letterhead: Letterhead, items: int, **fields) -> Letter:
    """A letter whose body is a list of ``items`` one-line items, then a last paragraph of
    three lines: each item more moves the page break one line up the letter."""
    listed = "\n".join(f"- Item {number:03}" for number in range(1, items + 1))
    last = (
        "We look forward to a productive exchange of views at next week's consultations, "
        "and thank you for your attention to this letter and to its annexes, "
        f"{LAST_WORDS}"
    )
    fields.setdefault("body", f"I am pleased to invite you.\n\n{listed}\n\n{last}")
    return Letter.objects.create(
        meeting=letterhead.meeting,
        letterhead=letterhead,
        reference=f"KMUN/SEC/{items}",
        date=datetime.date(2021, 6, 10),
        signatory_name="Martin Kimani",
        signatory_title="Ambassador and Permanent Representative\nof the Republic of Kenya",
        **fields,
    )


def pages_holding(texts: list[str], text: str) -> list[int]:
    return [number for number, page in enumerate(texts, start=1) if normalised(text) in page]


def test_closing_signature_and_addressees_stay_together_with_the_end_of_the_body(letterhead):
    # Letters ever longer, until the page break has passed up through the whole sign-off
    # and the last paragraph into the list: every place the break can fall near the end.
    for items in range(1, 80):
        texts = page_texts(pdf.letter_pdf(make_letter(letterhead, items)))
        if pages_holding(texts, f"Item {items:03}") != [1]:
            break
        where = {
            "the end of the body": pages_holding(texts, LAST_WORDS),
            "the closing": pages_holding(texts, CLOSING),
            "the signatory": pages_holding(texts, "Martin Kimani Ambassador and Permanent"),
            "the addressees": pages_holding(texts, "To: All Permanent Representatives"),
        }
        assert len(where["the closing"]) == 1, (items, where)
        assert all(pages == where["the closing"] for pages in where.values()), (items, where)
    else:
        pytest.fail("the letter never grew past its first page")
    assert items > 10, "the first letter was already too long to test the break near its end"


def test_letter_pages_are_numbered_from_the_second_page_annex_pages_by_the_package(
    letterhead, factory
):
    letter = make_letter(letterhead, 60)
    version = factory.make_version(
        factory.make_document(letterhead.meeting),
        tree=factory.make_tree(paragraphs=80, items=2),
        label="Draft 1",
    )
    Annex.objects.create(letter=letter, position=1, kind=Annex.Kind.VERSION, version=version)
    Annex.objects.create(letter=letter, position=2, title="Annex 2", text="A short annex.")

    texts = page_texts(pdf.letter_pdf(letter))

    letter_pages = pages_holding(texts, "Martin Kimani Ambassador")[-1]
    assert letter_pages >= 2
    numbers = [PAGE_NUMBER.findall(text) for text in texts]
    assert numbers[0] == []
    for number in range(2, letter_pages + 1):
        assert numbers[number - 1] == [(str(number), str(letter_pages))]
    outcome = range(letter_pages + 1, len(texts))
    assert len(outcome) >= 2
    for number in outcome:
        assert numbers[number - 1] == [(str(number), str(len(texts)))]
    assert numbers[-1] == [], "a free-text annex has no page numbers, as before"


def test_a_one_page_letter_has_no_page_number(letterhead):
    texts = page_texts(pdf.letter_pdf(make_letter(letterhead, 2)))
    assert len(texts) == 1
    assert not PAGE_NUMBER.search(texts[0])


def test_letterhead_prints_as_written(letterhead):
    capitals = Letterhead.objects.create(
        meeting=letterhead.meeting, mission="PERMANENT MISSION OF JAMAICA\nTO THE UNITED NATIONS"
    )
    first = page_texts(pdf.letter_pdf(make_letter(letterhead, 2)))[0]
    second = page_texts(pdf.letter_pdf(make_letter(capitals, 3)))[0]
    assert "Permanent Mission of the Republic of Kenya to the United Nations" in first
    assert "PERMANENT MISSION OF JAMAICA TO THE UNITED NATIONS" in second


def test_demo_letterhead_writes_the_missions_name_as_the_mission_does(db):
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=io.StringIO())
    letter = Letter.objects.get(meeting__code="BMS7", reference="KMUN/SEC/6")
    first = page_texts(pdf.letter_pdf(letter))[0]
    assert "Permanent Mission of the Republic of Kenya to the United Nations" in first
    assert "Of The" not in first


def test_a_footnote_shared_by_two_annexes_is_numbered_and_printed_in_each(letterhead, factory):
    old, new = _two_drafts(factory, letterhead.meeting, footnotes=6)
    letter = make_letter(letterhead, 2, body="We met.[^1]\n\n[^1]: Algeria (Africa).")
    Annex.objects.create(letter=letter, position=1, kind=Annex.Kind.VERSION, version=new)
    Annex.objects.create(
        letter=letter, position=2, kind=Annex.Kind.COMPARISON, version=new, compared_with=old
    )

    content = pdf.letter_pdf(letter)

    pages = footnote_pages(content)
    assert sorted(pages) == list(range(1, 1 + 6 + 6 + 1))  # the letter's, Draft 2's, the redline's
    assert all(call == text for call, text in pages.values())
    redline = pages_holding(page_texts(content), "Changes from DRAFT 1")[0] - 1  # from 0
    assert all(call >= redline for number, (call, _text) in pages.items() if number > 7)


COLOUR = re.compile(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b")


def colours(page) -> set[tuple[bytes, ...]]:
    """The RGB colours a page paints with, in its content and in the forms it draws."""
    streams = [page.get_contents().get_data()]
    for form in page["/Resources"].get("/XObject", {}).values():
        streams.append(form.get_object().get_data())
    return {match.groups() for data in streams for match in COLOUR.finditer(data)}


def test_the_negotiation_annex_prints_the_plot_and_its_table_without_colour(letterhead, factory):
    document = factory.make_document(letterhead.meeting)
    draft_1 = bms7_draft_1()
    factory.make_version(document, draft_1, label="Draft 1")
    factory.make_version(document, bms7_draft_2(draft_1), label="Draft 2", date=DRAFT_2_DATE)
    letter = make_letter(letterhead, 2)
    Annex.objects.create(
        letter=letter, position=1, kind=Annex.Kind.NEGOTIATION, title="Annex 1 – At a glance"
    )

    content = pdf.letter_pdf(letter)

    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    (annex,) = [page for page in pages if "Annex 1 – At a glance" in page.extract_text()]
    text = normalised(annex.extract_text())
    for printed in [
        "Bracketed passages per agenda item in each issued draft",
        "Agenda item Draft 1 10 June 2021 Draft 2 24 June 2021",
        "Chapeau 0 1",
        "Whole text 5 6",
        # The plot, drawn by WeasyPrint from the SVG: its axis, draft labels and legend.
        "Bracketed passages Draft 1 10 June 2021 Draft 2 24 June 2021 Chapeau A B C D E",
        "A. Consideration of the implementation of the Programme of Action",
    ]:
        assert printed in text
    assert all(red == green == blue for red, green, blue in colours(annex))
    assert len(colours(annex)) >= 2, "the plot's strokes and grid are drawn"


def test_a_negotiation_annex_before_any_issued_draft_says_so(letterhead):
    letter = make_letter(letterhead, 2)
    Annex.objects.create(letter=letter, position=1, kind=Annex.Kind.NEGOTIATION)
    texts = page_texts(pdf.letter_pdf(letter))
    assert "No draft of the outcome document has been issued yet." in texts[-1]
