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


def test_the_issue_form_prefills_the_date_as_a_date_input_reads_it(client, factory, working):
    chair = _chair(factory, working)
    client.force_login(chair)

    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2026, 11, 23)):
        html = client.get(reverse("issue-draft", args=[working.document.meeting.code])).content

    assert b'type="date"' in html and b'value="2026-11-23"' in html
    assert b'aria-describedby="id_label_helptext"' in html and b'id="id_label_helptext"' in html


def _issue_form(version, **fields):
    latest = version.document.versions.issued().order_by("-issued_at").first()
    return {
        "kind": "draft",
        "label": "",
        "date": "2021-07-01",
        "note": "",
        "after": latest.pk if latest else "",
        **fields,
    }


def test_issuing_first_shows_what_changed_then_issues_once_confirmed(client, factory, working):
    chair = _chair(factory, working)
    IssueDraft(
        document=working.document, user=chair, kind="draft", label="Draft 1", date=DAY
    ).execute()
    _edit(working, chair)
    client.force_login(chair)
    url = reverse("issue-draft", args=[working.document.meeting.code])

    confirm = client.post(url, _issue_form(working))

    html = confirm.content.decode()
    assert confirm.status_code == 200 and "Issue Draft 2?" in html
    assert "Since <a" in html and "1 change in 1 agenda item" in html
    assert not working.document.versions.filter(label="Draft 2").exists()
    issued = client.post(url, _issue_form(working, confirmed="on"))
    assert issued.status_code == 302
    assert working.document.versions.filter(label="Draft 2").count() == 1


def test_a_form_sent_twice_issues_once_and_says_why(client, factory, working):
    chair = _chair(factory, working)
    IssueDraft(
        document=working.document, user=chair, kind="draft", label="Draft 1", date=DAY
    ).execute()
    _edit(working, chair)
    client.force_login(chair)
    url = reverse("issue-draft", args=[working.document.meeting.code])
    form = _issue_form(working, confirmed="on")

    client.post(url, form)
    _edit(working, chair, "A later change")
    again = client.post(url, form)

    assert working.document.versions.issued().count() == 2
    assert "Draft 2 was issued by" in again.content.decode()
    assert "nothing more was issued" in again.content.decode()


def test_issuing_a_draft_that_is_the_same_as_the_last_is_refused(factory, working):
    chair = _chair(factory, working)
    first = IssueDraft(
        document=working.document, user=chair, kind="draft", label="Draft 1", date=DAY
    ).execute()

    problems = problems_of(
        IssueDraft(document=working.document, user=chair, kind="draft", date=DAY, after=first.pk)
    )

    assert problems == ["The working draft is the same as Draft 1: there is nothing to issue."]


def test_publishing_asks_first_and_a_publication_can_be_withdrawn(client, factory, working):
    chair = _chair(factory, working)
    issued = IssueDraft(
        document=working.document, user=chair, kind="draft", label="Draft 1", date=DAY
    ).execute()
    code = working.document.meeting.code
    client.force_login(chair)

    ask = client.get(reverse("version-publish", args=[code, issued.slug]))
    assert "Publish Draft 1?" in ask.content.decode()
    assert not Publication.objects.filter(version=issued).exists()
    client.post(reverse("version-publish", args=[code, issued.slug]))
    page = client.get(issued.get_absolute_url()).content.decode()
    assert reverse("version-withdraw-publication", args=[code, issued.slug]) in page

    client.post(reverse("version-withdraw-publication", args=[code, issued.slug]))

    assert not Publication.objects.filter(version=issued).exists()
    issued.refresh_from_db()
    assert issued.is_issued
    withdrawn = Publication.history.filter(version_id=issued.pk, history_type="-").get()
    assert withdrawn.history_user == chair
    assert withdrawn.history_change_reason == "withdrew the publication"
    client.logout()
    assert client.get(issued.get_absolute_url()).status_code == 404


def test_a_chair_of_another_meeting_is_not_offered_an_unpublished_draft(client, factory):
    secret = factory.make_version(label="Draft 1 (unpublished)")
    public = factory.make_version(label="Final")
    Publication.objects.create(version=public)
    meeting = factory.make_meeting("BMS8")
    chair = factory.make_member(meeting, Role.CHAIR_TEAM)
    client.force_login(chair)
    url = reverse("start-from-earlier", args=["BMS8"])

    page = client.get(url).content.decode()
    posted = client.post(url, {"source": secret.pk})

    assert "Final" in page and "unpublished" not in page
    assert posted.status_code == 200 and "Select a valid choice" in posted.content.decode()
    assert not Version.objects.filter(document__meeting=meeting).exists()
    with pytest.raises(Refusal) as refused:
        StartFromEarlier(meeting=meeting, source=secret, user=chair).execute()
    assert refused.value.status == 403
    assert not Version.objects.filter(document__meeting=meeting).exists()


def test_a_member_of_the_earlier_meeting_may_start_from_its_unpublished_draft(factory):
    earlier = factory.make_version(label="Draft 3")
    meeting = factory.make_meeting("BMS8")
    chair = factory.make_member(meeting, Role.CHAIR_TEAM)
    Membership.objects.create(
        user=chair,
        meeting=earlier.document.meeting,
        role=Role.DELEGATION,
        state=factory.make_state(),
    )

    working = StartFromEarlier(meeting=meeting, source=earlier, user=chair).execute()

    assert working.based_on == earlier
