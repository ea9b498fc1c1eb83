"""The secretariat's letter pages: references, copying and deleting letters, the annex form
by kind, the pages' breadcrumbs, and a letter started from the summary of changes."""

import datetime
import re
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from drafting.change_summary import change_summary
from drafting.diff import compare
from drafting.inline import plain_text
from letters import letter_text
from letters.actions import CopyLetter, DeleteLetter
from letters.forms import LetterForm
from letters.models import Annex, Letter, Letterhead, StoredPdf
from meetings.actions import Conflict, Forbidden, Invalid
from meetings.models import Membership
from tests.demo_drafts import DRAFT_1_DATE, DRAFT_2_DATE, bms7_draft_1, bms7_draft_2

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


@pytest.fixture
def secretariat(client, factory, letter):
    client.force_login(factory.make_member(letter.meeting, Role.SECRETARIAT))
    return client


def letter_data(letter, **changes):
    data = {
        "letterhead": letter.letterhead_id,
        "reference": letter.reference,
        "date": "2021-06-24",
        "printed_date": "",
        "salutation": "Excellency,",
        "body": letter.body,
        "closing": letter.closing,
        "signatory_name": letter.signatory_name,
        "signatory_title": letter.signatory_title,
        "addressees": letter.addressees,
    }
    return data | changes


# References ------------------------------------------------------------------------------


def test_a_second_letter_with_the_same_reference_is_refused_in_words(secretariat, letter):
    response = secretariat.post(
        reverse("letter-create", args=["BMS7"]), letter_data(letter, body="Another letter.")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reference"] == [
        "The letter of 10 June 2021 already has the reference KMUN/SEC/6: "
        "give this letter its own reference, or none."
    ]
    assert "Another letter." in response.content.decode()
    assert Letter.objects.count() == 1


def test_a_letter_keeps_its_own_reference_when_edited(secretariat, letter):
    response = secretariat.post(
        reverse("letter-update", args=["BMS7", letter.pk]), letter_data(letter, body="Changed.")
    )
    assert response.status_code == 302
    assert Letter.objects.get(pk=letter.pk).body == "Changed."


def test_letters_without_a_reference_are_many_and_the_same_reference_may_serve_two_meetings(
    secretariat, letter, factory
):
    url = reverse("letter-create", args=["BMS7"])
    for body in ("One.", "Two."):
        assert (
            secretariat.post(url, letter_data(letter, reference="", body=body)).status_code == 302
        )
    other = factory.make_meeting("BMS8")
    head = Letterhead.objects.create(meeting=other, mission="PERMANENT MISSION OF KENYA")
    Letter.objects.create(
        meeting=other,
        letterhead=head,
        reference="KMUN/SEC/6",
        date=datetime.date(2023, 6, 10),
        body="In BMS8.",
        signatory_name="A. Chair",
        signatory_title="Ambassador",
    )
    assert Letter.objects.filter(reference="").count() == 2


def test_the_database_refuses_a_second_letter_with_the_same_reference(letter):
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(
            meeting=letter.meeting,
            letterhead=letter.letterhead,
            reference="KMUN/SEC/6",
            date=datetime.date(2021, 6, 24),
            body="Again.",
            signatory_name="Martin Kimani",
            signatory_title="Ambassador",
        )


def test_a_reference_taken_while_the_form_was_checked_is_refused_in_words(secretariat, letter):
    # As if the other letter had been saved between the form's check and this save.
    with mock.patch.object(LetterForm, "clean_reference", lambda form: "KMUN/SEC/6"):
        response = secretariat.post(
            reverse("letter-create", args=["BMS7"]), letter_data(letter, body="Raced.")
        )
    assert response.status_code == 200
    assert "already has the reference KMUN/SEC/6" in response.context["form"].errors["reference"][0]
    assert Letter.objects.count() == 1


# New letter from this one ----------------------------------------------------------------


def test_new_letter_from_a_sent_one_copies_its_text_and_annexes_but_not_its_sent_state(
    secretariat, letter, factory
):
    version = factory.make_version(factory.make_document(letter.meeting), label="Draft 1")
    Annex.objects.create(letter=letter, position=3, kind=Annex.Kind.VERSION, version=version)
    Annex.objects.create(letter=letter, position=1, title="Annex 1", text="A. First item.")
    letter.mark_sent(factory.make_user())

    response = secretariat.post(reverse("letter-copy", args=["BMS7", letter.pk]))

    copy = Letter.objects.exclude(pk=letter.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("letter-update", args=["BMS7", copy.pk])
    assert not copy.is_sent and copy.sent_by is None
    assert (copy.body, copy.letterhead, copy.signatory_name) == (
        letter.body,
        letter.letterhead,
        letter.signatory_name,
    )
    assert copy.reference == "" and copy.date == timezone.localdate()
    annexes = [(a.position, a.kind, a.title, a.text, a.version) for a in copy.annexes.all()]
    assert annexes == [
        (1, "text", "Annex 1", "A. First item.", None),
        (3, "version", "", "", version),
    ]
    assert Letter.objects.get(pk=letter.pk).annexes.count() == 2
    page = secretariat.get(response["Location"]).content.decode()
    assert "made from the letter of 10 June 2021 (KMUN/SEC/6), with its 2 annexes" in page


def test_only_those_who_prepare_letters_may_copy_one(client, factory, letter):
    client.force_login(factory.make_member(letter.meeting, Role.DELEGATION))
    assert client.post(reverse("letter-copy", args=["BMS7", letter.pk])).status_code == 403
    with pytest.raises(Forbidden):
        CopyLetter(user=factory.make_user(), letter=letter).execute()
    assert Letter.objects.count() == 1


# Deleting a letter -----------------------------------------------------------------------


def test_an_unsent_letter_is_deleted_after_confirmation_with_its_annexes_and_preview(
    secretariat, letter, django_capture_on_commit_callbacks
):
    Annex.objects.create(letter=letter, position=1, title="Annex 1", text="A. First item.")
    preview = StoredPdf(letter=letter, status=StoredPdf.Status.STORED)
    preview.file.save("letter-preview.pdf", ContentFile(b"%PDF-preview"))
    name, storage = preview.file.name, preview.file.storage
    url = reverse("letter-delete", args=["BMS7", letter.pk])

    page = secretariat.get(url).content.decode()
    assert "Delete the letter of 10 June 2021 (KMUN/SEC/6)?" in page
    assert "its 1 annex (Annex 1)" in page
    assert Letter.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("letter-list", args=["BMS7"])
    assert not Letter.objects.exists() and not Annex.objects.exists()
    assert not StoredPdf.objects.exists() and not storage.exists(name)
    page = secretariat.get(response["Location"]).content.decode()
    assert "The letter of 10 June 2021 (KMUN/SEC/6) was deleted, with its annexes." in page


def test_a_sent_letter_is_never_deleted(secretariat, letter, factory):
    letter.mark_sent(factory.make_user())
    url = reverse("letter-delete", args=["BMS7", letter.pk])
    for response in (secretariat.get(url), secretariat.post(url)):
        assert response.status_code == 302
        assert response["Location"] == letter.get_absolute_url()
    page = secretariat.get(letter.get_absolute_url()).content.decode()
    assert f"This letter was sent on {letter.sent_at.day} {letter.sent_at:%B %Y}" in page
    assert "a sent letter is kept" in page
    assert letter_delete_link(letter) not in page
    with pytest.raises(Invalid, match="a sent letter is kept"):
        DeleteLetter(
            user=factory.make_member(letter.meeting, Role.CHAIR_TEAM), letter=letter
        ).execute()
    assert Letter.objects.filter(pk=letter.pk).exists()


def test_a_letter_deleted_meanwhile_is_said_so(secretariat, letter, factory):
    user = factory.make_member(letter.meeting, Role.CHAIR_TEAM)
    stale = Letter.objects.get(pk=letter.pk)
    DeleteLetter(user=user, letter=letter).execute()
    with pytest.raises(Conflict, match="Someone else deleted this letter"):
        DeleteLetter(user=user, letter=stale).execute()


def letter_delete_link(letter) -> str:
    return f'href="{reverse("letter-delete", args=[letter.meeting.code, letter.pk])}"'


# The annex form, by kind -----------------------------------------------------------------


def field_names(response) -> set[str]:
    """The names of the fields the page's main content asks for."""
    main = response.content.decode().split('<main id="main"', 1)[1]
    fields = re.findall(r'<(?:input|select|textarea)[^>]*\sname="([a-z_]+)"', main)
    return set(fields) - {"csrfmiddlewaretoken"}


@pytest.mark.parametrize(
    "kind, fields",
    [
        ("agenda", {"text"}),
        ("timetable", {"timetable"}),
        ("version", {"version"}),
        ("comparison", {"compared_with", "version"}),
        ("text", {"text"}),
        ("negotiation", set()),
    ],
)
def test_the_annex_form_shows_only_the_fields_of_the_chosen_kind(secretariat, letter, kind, fields):
    response = secretariat.get(reverse("annex-create", args=["BMS7", letter.pk]), {"kind": kind})
    assert set(response.context["form"].fields) == {"kind", "position", "title", *fields}
    assert field_names(response) == {"kind", "position", "title", *fields}
    assert f'<input type="hidden" name="kind" value="{kind}"' in response.content.decode()


def test_a_new_annex_starts_with_the_choice_of_its_kind(secretariat, letter):
    url = reverse("annex-create", args=["BMS7", letter.pk])
    response = secretariat.get(url)
    page = response.content.decode()
    assert field_names(response) == {"kind"}
    assert '<form method="get"' in page
    for label in ("Draft agenda", "Tentative timetable", "Comparison of two versions"):
        assert label in page
    # An unknown kind, as a form sent without one, comes back to the choice.
    assert field_names(secretariat.get(url, {"kind": "poem"})) == {"kind"}
    response = secretariat.post(url, {"kind": "poem", "title": "Annex 1", "text": "Verse."})
    assert response.status_code == 200 and field_names(response) == {"kind"}
    assert "Choose the kind of annex first." in response.content.decode()
    assert not letter.annexes.exists()


def test_an_annex_changed_to_another_kind_keeps_nothing_of_the_first(secretariat, letter, factory):
    version = factory.make_version(factory.make_document(letter.meeting), label="Draft 1")
    annex = Annex.objects.create(letter=letter, position=1, title="Annex 1", text="Old text.")
    url = reverse("annex-update", args=["BMS7", letter.pk, annex.pk])
    assert field_names(secretariat.get(url)) == {"kind", "position", "title", "text"}
    chooser = secretariat.get(url, {"choose": "1"})
    assert field_names(chooser) == {"kind"}
    assert chooser.context["form"]["kind"].value() == "text"

    response = secretariat.post(
        url, {"kind": "version", "position": 1, "title": "Annex 1", "version": version.pk}
    )

    assert response.status_code == 302
    annex.refresh_from_db()
    assert (annex.kind, annex.version, annex.text, annex.table) == ("version", version, "", {})


def test_a_version_annex_needs_its_version_said_on_the_field(secretariat, letter):
    url = reverse("annex-create", args=["BMS7", letter.pk])
    response = secretariat.post(url, {"kind": "comparison", "position": 1, "title": "Annex 2"})
    errors = response.context["form"].errors
    assert set(errors) == {"compared_with", "version"}
    assert not letter.annexes.exists()


# Breadcrumbs -----------------------------------------------------------------------------


def breadcrumbs(response) -> list[str]:
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', response.content.decode(), re.S)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", nav[0])]


def test_letter_pages_have_breadcrumbs_down_to_the_page(secretariat, letter):
    annex = Annex.objects.create(letter=letter, position=1, title="Annex 1", text="A. Item.")
    pages = {
        ("letter-list", ()): ["Meetings", "BMS7", "Letters"],
        ("letter-create", ()): ["Meetings", "BMS7", "Letters", "New letter"],
        ("letter-detail", (letter.pk,)): [
            "Meetings",
            "BMS7",
            "Letters",
            "Letter of 10 June 2021 (KMUN/SEC/6)",
        ],
        ("letter-update", (letter.pk,)): [
            "Meetings",
            "BMS7",
            "Letters",
            "Letter of 10 June 2021 (KMUN/SEC/6)",
            "Edit",
        ],
        ("letter-delete", (letter.pk,)): [
            "Meetings",
            "BMS7",
            "Letters",
            "Letter of 10 June 2021 (KMUN/SEC/6)",
            "Delete",
        ],
        ("annex-create", (letter.pk,)): [
            "Meetings",
            "BMS7",
            "Letters",
            "Letter of 10 June 2021 (KMUN/SEC/6)",
            "New annex",
        ],
        ("annex-update", (letter.pk, annex.pk)): [
            "Meetings",
            "BMS7",
            "Letters",
            "Letter of 10 June 2021 (KMUN/SEC/6)",
            "Edit an annex",
        ],
        ("letterhead-create", ()): ["Meetings", "BMS7", "Letters", "New letterhead"],
    }
    for (name, args), expected in pages.items():
        response = secretariat.get(reverse(name, args=["BMS7", *args]))
        assert breadcrumbs(response) == expected, name
        page = response.content.decode()
        assert '<div class="chrome' in page and "css/letters.css" in page, name
        assert page.count('aria-current="page"') == 1, name


# A letter that starts from the summary of changes ----------------------------------------


@pytest.fixture
def two_drafts(letter, factory):
    document = factory.make_document(letter.meeting)
    draft_1 = bms7_draft_1()
    old = factory.make_version(document, draft_1, label="Draft 1", date=DRAFT_1_DATE)
    new = factory.make_version(document, bms7_draft_2(draft_1), label="Draft 2", date=DRAFT_2_DATE)
    return old, new


def test_a_new_letter_can_start_from_the_summary_of_changes_between_two_drafts(
    secretariat, letter, two_drafts
):
    old, new = two_drafts
    url = reverse("letter-create", args=["BMS7"])
    response = secretariat.get(url, {"summary": "draft-1...draft-2"})

    body = response.context["form"].initial["body"]
    old_tree, new_tree = old.tree(), new.tree()
    expected = change_summary(
        compare(old_tree, new_tree), old_tree, new_tree, "Draft 1", "Draft 2", DRAFT_1_DATE
    )
    assert body.startswith("Draft 2 reflects the discussions of (date) on Draft 1 of 10 June 2021.")
    assert "agenda item B" in body
    page = response.content.decode()
    assert "starts with the summary of the changes from Draft 1 to Draft 2" in page
    # What is typed reads back as the summary itself, and the form takes it as it is.
    (paragraph,) = letter_text.parse(body, "letter").blocks
    assert plain_text(paragraph.parts[0]) == expected.text
    response = secretariat.post(url, letter_data(letter, reference="KMUN/SEC/7", body=body))
    assert response.status_code == 302
    assert Letter.objects.get(reference="KMUN/SEC/7").body == body


def test_the_summary_is_of_two_versions_of_this_meeting_the_user_may_read(
    secretariat, letter, two_drafts, factory
):
    url = reverse("letter-create", args=["BMS7"])
    for pair in ("draft-1...draft-9", "draft-1", "draft-1..draft-2"):
        assert secretariat.get(url, {"summary": pair}).status_code == 404
    other = factory.make_version(factory.make_document(factory.make_meeting("BMS8")))
    assert secretariat.get(url, {"summary": f"draft-1...{other.slug}"}).status_code == 404
    assert secretariat.get(url).context["form"].initial.get("body") is None
