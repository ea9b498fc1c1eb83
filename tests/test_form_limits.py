"""Text typed into forms is refused past its limit in plain words, before it is parsed,
and comes back in the form as typed."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from consultations.models import Proposal
from drafting.limits import MAX_LETTER_TEXT, MAX_OPEN_PROPOSALS_PER_DRAFT, MAX_PROPOSAL_TEXT
from drafting.models import OutcomeDocument
from letters.models import Annex, Letter, Letterhead
from meetings.models import Membership

Role = Membership.Role


@pytest.fixture
def meeting(factory):
    meeting = factory.make_meeting("FL1")
    document = OutcomeDocument.objects.create(meeting=meeting)
    meeting.draft_1 = factory.make_version(
        document, label="Draft 1", tree=factory.make_tree(paragraphs=3)
    )
    document.working_draft()
    meeting.chair = factory.make_member(meeting, Role.CHAIR_TEAM, username="chair")
    meeting.germany = factory.make_member(meeting, Role.DELEGATION, username="germany")
    meeting.paragraph = meeting.draft_1.elements.filter(kind="paragraph").first()
    return meeting


def propose_url(meeting):
    return reverse("propose", args=[meeting.code, "draft-1", meeting.paragraph.key])


def pathological(length: int) -> str:
    """Text of ``length`` characters that a quadratic emphasis parser would take long over."""
    return ("a* " * length)[: length - 1] + "a"


def test_a_proposal_over_the_limit_is_refused_in_words_and_kept_as_typed(meeting, client):
    client.force_login(meeting.germany)
    typed = pathological(MAX_PROPOSAL_TEXT + 5_310)

    response = client.post(
        propose_url(meeting), {"kind": "replace", "text": typed, "comment": "Why"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "A proposal can be at most 20,000 characters; this one has 25,310." in page
    assert response.context["form"]["text"].value() == typed
    assert not Proposal.objects.exists()


def test_a_proposal_at_the_limit_is_accepted(meeting, client):
    client.force_login(meeting.germany)

    response = client.post(
        propose_url(meeting), {"kind": "replace", "text": "w" * MAX_PROPOSAL_TEXT, "comment": ""}
    )

    assert response.status_code == 302
    assert len(Proposal.objects.get().text) == MAX_PROPOSAL_TEXT


def test_a_comment_over_the_proposal_limit_is_refused(meeting, client):
    client.force_login(meeting.germany)

    response = client.post(
        propose_url(meeting), {"kind": "comment", "comment": "c" * (MAX_PROPOSAL_TEXT + 1)}
    )

    assert "A comment can be at most 20,000 characters; this one has 20,001." in (
        response.content.decode()
    )
    assert not Proposal.objects.exists()


def test_a_delegation_with_the_most_open_proposals_on_a_draft_is_told_so(meeting, factory, client):
    for _ in range(MAX_OPEN_PROPOSALS_PER_DRAFT - 1):
        factory.make_proposal(meeting.draft_1, meeting.germany)
    decided = factory.make_proposal(meeting.draft_1, meeting.germany)
    client.force_login(meeting.germany)
    typed = {"kind": "replace", "text": "One more wording", "comment": ""}

    response = client.post(propose_url(meeting), typed)

    page = response.content.decode()
    assert f"Your delegation has {MAX_OPEN_PROPOSALS_PER_DRAFT:,} proposals on this draft" in page
    assert "One more wording" in page
    assert Proposal.objects.count() == MAX_OPEN_PROPOSALS_PER_DRAFT
    decided.decide(Proposal.Status.NOTED, meeting.chair)
    assert client.post(propose_url(meeting), typed).status_code == 302


def test_a_merged_text_over_the_limit_is_refused_and_kept(meeting, factory, client):
    proposal = factory.make_proposal(meeting.draft_1, meeting.germany)
    client.force_login(meeting.chair)
    element = meeting.document.working_draft().elements.get(key=meeting.paragraph.key)
    typed = pathological(MAX_PROPOSAL_TEXT + 1)

    response = client.post(
        reverse("proposal-merge", args=[meeting.code, proposal.pk]),
        {"text": typed, "base_revision": element.revision},
    )

    assert "A merged text can be at most 20,000 characters; this one has 20,001." in (
        response.content.decode()
    )
    assert response.context["form"]["text"].value() == typed
    element.refresh_from_db()
    assert element.text == meeting.paragraph.text


@pytest.fixture
def letter(meeting):
    letterhead = Letterhead.objects.create(meeting=meeting, mission="Permanent Mission")
    return Letter.objects.create(
        meeting=meeting,
        letterhead=letterhead,
        reference="REF/1",
        date=datetime.date(2021, 6, 10),
        body="Body as saved.",
        signatory_name="Chair",
        signatory_title="Ambassador",
    )


def letter_fields(letter, **changes):
    fields = {
        "letterhead": letter.letterhead_id,
        "reference": letter.reference,
        "date": "2021-06-10",
        "printed_date": "",
        "salutation": "Excellency,",
        "body": letter.body,
        "closing": "",
        "signatory_name": letter.signatory_name,
        "signatory_title": letter.signatory_title,
        "addressees": "",
    }
    return fields | changes


def test_a_letter_body_over_the_limit_is_refused_and_kept(client, letter):
    client.force_login(letter.meeting.chair)
    typed = "[^1] " * (MAX_LETTER_TEXT // 5) + "end"

    response = client.post(
        reverse("letter-update", args=[letter.meeting.code, letter.pk]),
        letter_fields(letter, body=typed),
    )

    page = response.content.decode()
    assert "A letter can be at most 100,000 characters; this one has 100,003." in page
    assert "called but has no definition" not in page  # refused before the text was parsed
    assert response.context["form"]["body"].value() == typed
    letter.refresh_from_db()
    assert letter.body == "Body as saved."


@pytest.mark.parametrize(
    ("kind", "field", "what"),
    [("text", "text", "An annex"), ("timetable", "timetable", "A timetable")],
)
def test_an_annex_over_the_limit_is_refused_and_kept(client, letter, kind, field, what):
    client.force_login(letter.meeting.chair)
    typed = "x" * (MAX_LETTER_TEXT + 1)

    response = client.post(
        reverse("annex-create", args=[letter.meeting.code, letter.pk]),
        {"position": 1, "kind": kind, "title": "Annex", field: typed},
    )

    page = response.content.decode()
    assert f"{what} can be at most 100,000 characters; this one has 100,001." in page
    assert "Type " not in page
    assert response.context["form"][field].value() == typed
    assert not Annex.objects.exists()


def test_a_request_body_is_limited_to_what_the_largest_form_needs():
    largest_form = MAX_LETTER_TEXT * len("%E4%B8%AD")  # three-byte characters, URL-encoded

    assert largest_form < settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 1024 * 1024
