"""The chair's letters: their text, their forms and pages, and who may prepare them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from drafting.models import Version
from letters import letter_text
from letters.models import Annex, Letter, Letterhead, LetterSent
from meetings.models import Membership

Role = Membership.Role


@pytest.fixture
def letter(factory):
    meeting = factory.make_meeting("BMS7")
    head = Letterhead.objects.create(meeting=meeting, mission="PERMANENT MISSION OF KENYA")
    return Letter.objects.create(
        meeting=meeting,
        letterhead=head,
        reference="KMUN/SEC/6",
        date=datetime.date(2021, 6, 10),
        body="First paragraph.[^1]\n\n[^1]: A note.",
        signatory_name="Martin Kimani",
        signatory_title="Ambassador",
    )


def signed_in(client, factory, meeting, role):
    client.force_login(factory.make_member(meeting, role))
    return client


def letter_data(letter, **changes):
    data = {
        "letterhead": letter.letterhead_id,
        "reference": letter.reference,
        "date": "2021-06-10",
        "printed_date": "",
        "salutation": "Excellency,",
        "body": letter.body,
        "closing": letter.closing,
        "signatory_name": letter.signatory_name,
        "signatory_title": letter.signatory_title,
        "addressees": letter.addressees,
    }
    return data | changes


def test_body_markup_gives_paragraphs_headings_lists_tables_and_footnotes():
    text = letter_text.parse(
        "I am **pleased**[^1] to *invite* you.\n\n**Draft 1 of the Outcome Document**\n\n"
        "- one\n- two\n\n| Tuesday | Consultations |\n\n[^1]: See [the site](https://un.org).",
        "letter",
    )
    kinds = [block.kind for block in text.blocks]
    assert kinds == ["paragraph", "heading", "list", "table"]
    assert text.blocks[0].parts[0] == (
        'I am <strong>pleased</strong><fn-ref data-key="letter-1"></fn-ref> to <em>invite</em> you.'
    )
    assert text.blocks[3].parts == (("Tuesday", "Consultations"),)
    assert text.footnotes == {"letter-1": 'See <a href="https://un.org">the site</a>.'}


def test_body_markup_is_sanitised():
    text = letter_text.parse('<script>alert(1)</script><b onclick="x">Hi</b>', "letter")
    assert "<script" not in text.blocks[0].parts[0]
    assert "onclick" not in text.blocks[0].parts[0]


def test_draft_agenda_lines_keep_their_designations():
    items, notes = letter_text.parse_agenda("A. First item.[^3]\nB. Second.\n\n[^3]: Note.", "a1")
    assert [(i.designation, i.html) for i in items] == [
        ("A.", 'First item.<fn-ref data-key="a1-3"></fn-ref>'),
        ("B.", "Second."),
    ]
    assert notes == {"a1-3": "Note."}


def test_timetable_text_round_trips():
    table = letter_text.table_from_text("| Monday | Tuesday |\n| 11am | *Break* |")
    assert table == {"header": ["Monday", "Tuesday"], "rows": [["11am", "*Break*"]]}
    assert letter_text.table_from_text(letter_text.table_to_text(table)) == table


def test_delegation_cannot_prepare_letters(client, factory, letter):
    signed_in(client, factory, letter.meeting, Role.DELEGATION)
    assert client.get(reverse("letter-create", args=["BMS7"])).status_code == 403
    assert client.get(reverse("letter-update", args=["BMS7", letter.pk])).status_code == 403


def test_secretariat_writes_a_letter(client, factory, letter):
    signed_in(client, factory, letter.meeting, Role.SECRETARIAT)
    response = client.post(
        reverse("letter-create", args=["BMS7"]),
        letter_data(letter, reference="KMUN/SEC/7", body="A new letter."),
    )
    new = Letter.objects.get(reference="KMUN/SEC/7")
    assert response.status_code == 302
    assert response["Location"] == new.get_absolute_url()
    assert new.meeting == letter.meeting


def test_footnote_without_definition_is_refused_and_nothing_typed_is_lost(client, factory, letter):
    signed_in(client, factory, letter.meeting, Role.CHAIR_TEAM)
    body = "A long paragraph the chair's team typed with care.[^2]"
    response = client.post(
        reverse("letter-update", args=["BMS7", letter.pk]), letter_data(letter, body=body)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Footnote [^2] is called but has no definition" in page
    assert "A long paragraph the chair&#x27;s team typed with care.[^2]" in page
    letter.refresh_from_db()
    assert letter.body == "First paragraph.[^1]\n\n[^1]: A note."


def test_an_unclosed_asterisk_in_a_letter_is_refused_with_its_line(client, factory, letter):
    signed_in(client, factory, letter.meeting, Role.CHAIR_TEAM)
    body = "First paragraph.[^1]\n\nThe **next consultations on Tuesday.\n\n[^1]: A note."
    response = client.post(
        reverse("letter-update", args=["BMS7", letter.pk]),
        letter_data(letter, body=body, printed_date="10<sup>th</sup> *June"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["body"] == [
        "Line 3: an asterisk does not open or close *emphasis* or **strong** text; "
        "write \\* for a literal asterisk."
    ]
    assert errors["printed_date"] == [
        "an asterisk does not open or close *emphasis* or **strong** text; "
        "write \\* for a literal asterisk"
    ]
    letter.refresh_from_db()
    assert letter.body == "First paragraph.[^1]\n\n[^1]: A note."


def annex_data(**changes):
    data = {"position": 1, "kind": "text", "title": "Annex 1", "text": "", "timetable": ""}
    return data | changes


@pytest.mark.parametrize(
    "data, field",
    [
        (annex_data(text="A text with *one star."), "text"),
        (annex_data(kind="agenda", text="A. **First item\nB. Second.**"), "text"),
        (annex_data(kind="timetable", timetable="| Monday |\n| **Break |"), "timetable"),
        (annex_data(text="Text.[^1]\n\n[^1]: See **this."), "text"),
    ],
)
def test_an_unclosed_asterisk_in_an_annex_is_refused(client, factory, letter, data, field):
    signed_in(client, factory, letter.meeting, Role.SECRETARIAT)
    response = client.post(reverse("annex-create", args=["BMS7", letter.pk]), data)
    assert response.status_code == 200
    assert any(
        "an asterisk does not open or close" in error
        for error in response.context["form"].errors[field]
    )
    assert not letter.annexes.exists()


def test_sent_letter_cannot_be_edited(client, factory, letter):
    user = factory.make_member(letter.meeting, Role.CHAIR_TEAM)
    letter.mark_sent(user)
    letter.body = "Changed."
    with pytest.raises(LetterSent):
        letter.save()
    with pytest.raises(LetterSent):
        Annex.objects.create(letter=letter, title="Annex 1", text="Late.")
    client.force_login(user)
    response = client.post(
        reverse("letter-update", args=["BMS7", letter.pk]), letter_data(letter, body="X")
    )
    assert response.status_code == 302
    assert Letter.objects.get(pk=letter.pk).body.startswith("First paragraph.")
    page = client.get(response["Location"]).content.decode()
    assert "can no longer be changed" in page


def test_timetable_annex_is_stored_as_rows(client, factory, letter):
    signed_in(client, factory, letter.meeting, Role.SECRETARIAT)
    response = client.post(
        reverse("annex-create", args=["BMS7", letter.pk]),
        {
            "position": 2,
            "kind": "timetable",
            "title": "Annex 2 – Initial proposal for BMS7 timetable",
            "text": "",
            "timetable": "| Monday | Tuesday |\n| 11am to 1pm | 3pm to 5pm |\n| *Break* | *Break* |",
        },
    )
    assert response.status_code == 302
    annex = letter.annexes.get()
    assert annex.table == {
        "header": ["Monday", "Tuesday"],
        "rows": [["11am to 1pm", "3pm to 5pm"], ["*Break*", "*Break*"]],
    }


def test_only_an_issued_version_can_be_annexed(factory, letter):
    document = factory.make_document(letter.meeting)
    working = factory.make_version(document, status=Version.Status.WORKING, label="Working")
    annex = Annex(letter=letter, kind=Annex.Kind.VERSION, title="Annex 3", version=working)
    with pytest.raises(ValidationError, match="Only an issued version"):
        annex.full_clean()
    annex.version = None
    with pytest.raises(ValidationError, match="Choose an issued version"):
        annex.full_clean()
