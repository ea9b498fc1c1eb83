"""Roles decide which versions a user may read."""

from django.contrib.auth.models import AnonymousUser

from drafting.models import Publication, Version
from meetings.access import Access
from meetings.models import Meeting, Membership

Role = Membership.Role


def _versions(factory):
    document = factory.make_document()
    working = factory.make_version(document, label="Working draft", status=Version.Status.WORKING)
    issued = factory.make_version(document, label="Draft 1")
    published = factory.make_version(document, label="Draft 2")
    Publication.objects.create(version=published)
    return document.meeting, working, issued, published


def _visible(meeting, user):
    access = Access.of(user, meeting)
    return set(Version.objects.filter(document__meeting=meeting).visible_to(access))


def test_each_role_reads_only_the_versions_it_may(factory):
    meeting, working, issued, published = _versions(factory)

    assert _visible(meeting, factory.make_member(meeting, Role.CHAIR_TEAM)) == {
        working,
        issued,
        published,
    }
    assert _visible(meeting, factory.make_member(meeting, Role.SECRETARIAT)) == {
        working,
        issued,
        published,
    }
    assert _visible(meeting, factory.make_member(meeting, Role.DELEGATION)) == {issued, published}
    assert _visible(meeting, AnonymousUser()) == {published}
    assert _visible(meeting, factory.make_user()) == {published}


def test_anonymous_sees_no_meeting_until_a_draft_is_published(factory):
    document = factory.make_document()
    draft = factory.make_version(document, label="Draft 1")
    anonymous = AnonymousUser()

    assert not Meeting.objects.visible_to(anonymous).filter(pk=document.meeting.pk).exists()
    Publication.objects.create(version=draft)
    assert Meeting.objects.visible_to(anonymous).filter(pk=document.meeting.pk).exists()


def test_only_the_chair_team_edits_the_working_draft(factory):
    meeting = factory.make_meeting()
    rights = {
        role: Access.of(factory.make_member(meeting, role), meeting).can_edit_working_draft
        for role in Role
    }
    assert rights == {Role.CHAIR_TEAM: True, Role.SECRETARIAT: False, Role.DELEGATION: False}
