"""Issuing a draft freezes it; a new meeting can start from an earlier one's draft."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from drafting.actions import IssueDraft, Refusal, StartFromEarlier
from drafting.models import Element, Footnote, Publication, Version, VersionFrozen
from meetings.models import Membership
from tests.refusals import problems_of

Role = Membership.Role
DAY = datetime.date(2021, 6, 24)


@pytest.fixture
def working(factory):
    return factory.make_version(
        label="Working draft", status=Version.Status.WORKING, tree=factory.make_tree(footnotes=2)
    )


def _chair(factory, version):
    return factory.make_member(version.document.meeting, Role.CHAIR_TEAM)


def test_issued_copy_keeps_every_key_and_text_of_the_working_draft(factory, working):
    issued = IssueDraft(
        document=working.document,
        user=_chair(factory, working),
        kind="draft",
        label="Draft 2",
        date=DAY,
    ).execute()

    def shape(version):
        tree = version.tree()
        return [(n.key, n.kind, n.text, depth) for n, depth in tree.walk()], tree.footnotes

    assert issued.is_issued and issued.slug == "draft-2" and issued.issued_by is not None
    assert shape(issued) == shape(working)


def test_working_draft_carries_on_after_issuing(factory, working):
    chair = _chair(factory, working)
    issued = IssueDraft(
        document=working.document, user=chair, kind="draft", label="Draft 2", date=DAY
    ).execute()

    element = working.elements.filter(kind="paragraph").first()
    element.record(chair, text="New wording after Draft 2")

    working.refresh_from_db()
    assert working.based_on == issued
    assert not issued.elements.filter(text="New wording after Draft 2").exists()


def test_issuing_is_refused_in_plain_words(factory, working):
    delegate = factory.make_member(working.document.meeting, Role.DELEGATION)
    chair = _chair(factory, working)
    IssueDraft(
        document=working.document, user=chair, kind="draft", label="Draft 2", date=DAY
    ).execute()

    assert problems_of(
        IssueDraft(
            document=working.document, user=delegate, kind="draft", label="Draft 3", date=DAY
        )
    ) == ["Only the chair's team can issue a draft."]
    problems = problems_of(
        IssueDraft(document=working.document, user=chair, kind="draft", label="Draft 2", date=None)
    )
    assert "A version labelled “Draft 2” already exists; choose another label." in problems
    assert any("date" in p for p in problems)
    with pytest.raises(Refusal):
        IssueDraft(
            document=working.document, user=delegate, kind="draft", label="Draft 3", date=DAY
        ).execute()


def test_a_failure_half_way_leaves_no_version(factory, working):
    chair = _chair(factory, working)
    before = (Version.objects.count(), Element.objects.count(), Footnote.objects.count())

    with mock.patch.object(Footnote.objects, "bulk_create", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            IssueDraft(
                document=working.document, user=chair, kind="draft", label="Draft 2", date=DAY
            ).execute()

    assert (Version.objects.count(), Element.objects.count(), Footnote.objects.count()) == before


def test_default_labels_follow_the_kind(factory, working):
    chair = _chair(factory, working)
    document = working.document
    assert IssueDraft(document=document, user=chair, kind="zero").label == "Zero Draft"
    IssueDraft(document=document, user=chair, kind="rev", date=DAY).execute()
    assert IssueDraft(document=document, user=chair, kind="rev").label == "Rev.2"


def test_an_issued_version_resists_every_kind_of_change(factory, working):
    issued = IssueDraft(
        document=working.document,
        user=_chair(factory, working),
        kind="draft",
        label="Draft 2",
        date=DAY,
    ).execute()
    element = issued.elements.first()
    footnote = issued.footnotes.first()

    for attempt in (
        lambda: issued.save(),
        lambda: issued.delete(),
        lambda: element.save(),
        lambda: element.delete(),
        lambda: footnote.save(),
        lambda: Element(version=issued, kind="paragraph", text="smuggled in").save(),
        lambda: issued.elements.update(text="x"),
        lambda: issued.elements.all().delete(),
        lambda: issued.footnotes.update(text="x"),
        lambda: Version.objects.filter(pk=issued.pk).update(label="Draft 9"),
    ):
        with pytest.raises(VersionFrozen):
            attempt()
    assert issued.tree().footnotes == working.tree().footnotes


def _edit(version, user, text="Changed after the last issued draft"):
    """A change in the working draft, so that there is something new to issue."""
    version.elements.filter(kind="paragraph").first().record(user, text=text)


def test_new_meeting_starts_from_an_earlier_meetings_draft_keeping_lineage(factory):
    earlier = factory.make_version(label="Final", kind="final")
    Publication.objects.create(version=earlier)  # the new meeting's chair may read it
    meeting = factory.make_meeting("BMS8")
    chair = factory.make_member(meeting, Role.CHAIR_TEAM)

    working = StartFromEarlier(meeting=meeting, source=earlier, user=chair).execute()

    assert working.document.meeting == meeting and not working.is_issued
    assert [n.key for n, _ in working.tree().walk()] == [n.key for n, _ in earlier.tree().walk()]
    assert problems_of(StartFromEarlier(meeting=meeting, source=earlier, user=chair)) == [
        "The outcome document of BMS8 has already begun."
    ]


def test_chair_issues_from_the_page_and_lands_on_the_changes(client, factory, working):
    first = IssueDraft(
        document=working.document,
        user=_chair(factory, working),
        kind="draft",
        label="Draft 1",
        date=DAY,
    ).execute()
    chair = _chair(factory, working)
    _edit(working, chair)
    client.force_login(chair)
    form = {"kind": "draft", "label": "", "date": "2021-07-01", "note": "Without prejudice."}

    response = client.post(
        reverse("issue-draft", args=[working.document.meeting.code]),
        {**form, "after": first.pk, "confirmed": "on"},
    )

    issued = working.document.versions.get(label="Draft 2")
    assert issued.is_issued and issued.note == "Without prejudice."
    assert response["Location"] == reverse(
        "compare", args=[working.document.meeting.code, first.slug, issued.slug]
    )


def test_a_refused_issue_keeps_what_was_typed_and_says_why(client, factory, working):
    chair = _chair(factory, working)
    first = IssueDraft(
        document=working.document, user=chair, kind="draft", label="Draft 1", date=DAY
    ).execute()
    client.force_login(chair)

    response = client.post(
        reverse("issue-draft", args=[working.document.meeting.code]),
        {
            "kind": "draft",
            "label": "Draft 1",
            "date": "2021-07-01",
            "note": "My careful note",
            "after": first.pk,
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "already exists; choose another label" in html
    assert "My careful note" in html


def test_delegations_cannot_reach_the_issue_page(client, factory, working):
    client.force_login(factory.make_member(working.document.meeting, Role.DELEGATION))
    url = reverse("issue-draft", args=[working.document.meeting.code])
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "draft", "date": "2021-07-01"}).status_code == 403
    assert not working.document.versions.issued().exists()


def test_start_from_earlier_page_makes_the_working_draft(client, factory):
    earlier = factory.make_version(label="Final", kind="final")
    Publication.objects.create(version=earlier)
    meeting = factory.make_meeting("BMS9")
    client.force_login(factory.make_member(meeting, Role.CHAIR_TEAM))

    response = client.post(reverse("start-from-earlier", args=["BMS9"]), {"source": earlier.pk})

    assert response["Location"] == reverse("editor", args=["BMS9"])
    assert meeting.document.versions.working().get().based_on == earlier


def test_chair_publishes_an_issued_draft_for_everyone(client, factory, working):
    chair = _chair(factory, working)
    issued = IssueDraft(
        document=working.document, user=chair, kind="draft", label="Draft 1", date=DAY
    ).execute()
    meeting = working.document.meeting
    assert client.get(issued.get_absolute_url()).status_code == 404
    client.force_login(chair)

    client.post(reverse("version-publish", args=[meeting.code, issued.slug]))
    again = client.post(reverse("version-publish", args=[meeting.code, issued.slug]), follow=True)

    assert "Draft 1 is already published." in again.content.decode()
    client.logout()
    assert client.get(issued.get_absolute_url()).status_code == 200
    assert client.get(working.get_absolute_url()).status_code == 404


def test_version_page_links_to_the_changes_since_the_previous_draft(client, factory, working):
    chair = _chair(factory, working)
    IssueDraft(
        document=working.document, user=chair, kind="draft", label="Draft 1", date=DAY
    ).execute()
    _edit(working, chair)
    second = IssueDraft(
        document=working.document, user=chair, kind="draft", label="Draft 2", date=DAY
    ).execute()
    client.force_login(chair)

    html = client.get(second.get_absolute_url()).content.decode()

    assert reverse("compare", args=[working.document.meeting.code, "draft-1", "draft-2"]) in html
