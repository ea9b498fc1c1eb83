"""Every named URL of the project, requested as every role, answers as the roles allow.

The test walks the project's URL patterns, so a route added later is covered: until
``EXPECTED`` says how each role is answered there, ``test_every_route_has_an_expectation``
fails and names it. (Django's admin, under the ``admin`` namespace, keeps its own
staff-only rules and is left out.)

The meeting here has an issued, unpublished Draft 1 and a working draft: signed-out
visitors and signed-in people outside the meeting get 404 (the meeting is not revealed);
delegations read issued drafts but get 403 from the editor and the letters; the
secretariat prepares letters and reads every draft but does not edit; the chair's team
may do everything.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from consultations.models import BureauNomination
from drafting.models import OutcomeDocument
from letters.models import Annex, Letter, Letterhead
from meetings.models import Membership

Role = Membership.Role
ROLES = ("anonymous", "outsider", "delegation", "secretariat", "chair")


def _answers(members: int, delegation: int | None = None, secretariat: int | None = None) -> dict:
    """Outsiders never see the meeting (404); members get ``members`` unless said otherwise."""
    return {
        "anonymous": 404,
        "outsider": 404,
        "delegation": members if delegation is None else delegation,
        "secretariat": members if secretariat is None else secretariat,
        "chair": members,
    }


EVERYONE = dict.fromkeys(ROLES, 200)
LETTERS = _answers(200, delegation=403)
EDITOR = _answers(200, delegation=403, secretariat=403)

# route name → (method, answer per role, URL kwargs that differ from the samples)
EXPECTED: dict[str, tuple[str, dict[str, int], dict[str, str]]] = {
    "login": ("get", EVERYONE, {}),
    "logout": ("post", dict.fromkeys(ROLES, 302), {}),
    "meeting-list": ("get", EVERYONE, {}),
    "meeting-detail": ("get", _answers(200), {}),
    "version-detail": ("get", _answers(200), {}),
    "version-pdf": ("get", _answers(200), {}),
    "version-docx": ("get", _answers(200), {}),
    "version-akn": ("get", _answers(200), {}),
    "letter-list": ("get", LETTERS, {}),
    "letter-create": ("get", LETTERS, {}),
    "letter-detail": ("get", LETTERS, {}),
    "letter-update": ("get", LETTERS, {}),
    # GET only: sending is a POST, and the answer to GET shows the role got through.
    "letter-send": ("get", _answers(405, delegation=403), {}),
    "letter-copy": ("get", _answers(405, delegation=403), {}),
    "letter-delete": ("get", LETTERS, {}),
    "letter-pdf": ("get", LETTERS, {}),
    "annex-create": ("get", LETTERS, {}),
    "annex-update": ("get", LETTERS, {}),
    "annex-delete": ("get", LETTERS, {}),
    "letterhead-create": ("get", LETTERS, {}),
    "letterhead-update": ("get", LETTERS, {}),
    "compare-choose": ("get", _answers(200), {}),
    # Draft 1 against the working draft: the working draft does not exist for a delegation.
    "compare": ("get", _answers(200, delegation=404), {}),
    "compare-side-by-side": ("get", _answers(200, delegation=404), {}),
    "comparison-pdf": ("get", _answers(200, delegation=404), {}),
    "comparison-docx": ("get", _answers(200, delegation=404), {}),
    "paragraph-history": ("get", _answers(200), {}),
    "issue-draft": ("get", EDITOR, {}),
    "version-publish": ("post", _answers(302, delegation=403, secretariat=403), {}),
    # Draft 1 is not published: withdrawing says so and goes back to the version.
    "version-withdraw-publication": ("post", _answers(302, delegation=403, secretariat=403), {}),
    "start-from-earlier": ("get", EDITOR, {}),
    "word-upload": ("get", EDITOR, {}),
    # No upload of this person's has that token: the chair's team is sent to upload again.
    "word-preview": ("get", _answers(302, delegation=403, secretariat=403), {}),
    "editor": ("get", EDITOR, {}),
    "editor-changes": ("get", EDITOR, {}),
    "editor-undo": ("post", _answers(400, delegation=403, secretariat=403), {}),
    "element-history": ("get", EDITOR, {}),
    "element-revert": ("post", EDITOR, {}),
    "editor-element": ("post", EDITOR, {"action": "move-down"}),
    "editor-footnote": ("post", _answers(400, delegation=403, secretariat=403), {}),
    # Nothing pasted: refused in words.
    "editor-paste": ("post", _answers(400, delegation=403, secretariat=403), {}),
    # The schedule, the Bureau and written inputs: every member reads the schedule and the
    # Bureau; the secretariat and the chair's team keep them; only a delegation proposes;
    # only the chair's team decides. Changes are POSTs: GET shows the role got through.
    "schedule": ("get", _answers(200), {}),
    "timetable": ("get", _answers(200), {}),
    "schedule-ics": ("get", _answers(200), {}),
    "consultation-ics": ("get", _answers(200), {}),
    "consultation-create": ("get", LETTERS, {}),
    "consultation-update": ("get", LETTERS, {}),
    "consultation-delete": ("get", LETTERS, {}),
    "bureau": ("get", _answers(200), {}),
    "bureau-nominate": ("get", LETTERS, {}),
    "bureau-seats": ("get", LETTERS, {}),
    "bureau-withdraw": ("get", _answers(405, delegation=403), {}),
    "inputs": ("get", _answers(200), {}),
    "compilation": ("get", _answers(200), {}),
    "compilation-publish": ("get", _answers(405, delegation=403, secretariat=403), {}),
    "propose-choose": ("get", _answers(403, delegation=200), {}),
    "propose": ("get", _answers(403, delegation=200), {}),
    "working-paper-create": ("get", _answers(403, delegation=200), {}),
    "working-paper-file": ("get", _answers(200), {}),
    "proposal-merge": ("get", EDITOR, {}),
    "proposal-decide": (
        "get",
        _answers(405, delegation=403, secretariat=403),
        {"decision": "note"},
    ),
}


def _routes(patterns=None, namespace: str | None = None):
    """(name, pattern) of every named route outside the admin."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            yield from _routes(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def test_every_route_has_an_expectation():
    missing = sorted(name for name, _pattern in _routes() if name not in EXPECTED)
    assert not missing, (
        f"Add to EXPECTED in tests/test_roles_urls.py how each role is answered at: {missing}"
    )


@pytest.fixture
def samples(factory):
    """A meeting with an issued Draft 1, a working draft and a letter; kwargs for every route."""
    meeting = factory.make_meeting("RT1")
    document = OutcomeDocument.objects.create(meeting=meeting)
    factory.make_version(
        document, label="Draft 1", tree=factory.make_tree(paragraphs=6, footnotes=1)
    )
    working = document.working_draft()
    element = working.elements.filter(kind="paragraph").order_by("parent", "position").first()
    letterhead = Letterhead.objects.create(meeting=meeting, mission="Permanent Mission of Testland")
    letter = Letter.objects.create(
        meeting=meeting,
        letterhead=letterhead,
        date=datetime.date(2021, 6, 10),
        body="Excellency, please find the draft attached.",
        signatory_name="A. Chair",
        signatory_title="Ambassador",
    )
    annex = Annex.objects.create(letter=letter, title="Draft agenda", text="Item 1")
    kwargs = {
        "code": meeting.code,
        "slug": "draft-1",
        "key": str(element.key),
        "history_id": str(element.history.first().history_id),
        "action": "move-down",
        "old": "draft-1",
        "new": "working",
        "pk": str(letter.pk),
        "annex": str(annex.pk),
        "token": "no-such-upload",
    }
    footnote_key = str(working.footnotes.get().key)
    users = {"anonymous": None, "outsider": factory.make_user("outsider")}
    for role, membership in [
        ("delegation", Role.DELEGATION),
        ("secretariat", Role.SECRETARIAT),
        ("chair", Role.CHAIR_TEAM),
    ]:
        users[role] = factory.make_member(meeting, membership, username=role)
    draft_1 = document.versions.get(slug="draft-1")
    nomination_state = factory.make_state(regional_group=factory.make_group())
    pks = {
        "consultation": factory.make_consultation(meeting, version=draft_1).pk,
        "bureau": BureauNomination.objects.create(
            meeting=meeting,
            state=nomination_state,
            regional_group=nomination_state.regional_group,
            nominated_on=datetime.date(2021, 6, 10),
        ).pk,
        "proposal": factory.make_proposal(draft_1, users["delegation"]).pk,
        "working-paper": factory.make_working_paper(meeting, users["delegation"]).pk,
    }
    return {
        "kwargs": kwargs,
        "users": users,
        "footnote_key": footnote_key,
        "letterhead_pk": str(letterhead.pk),
        "pks": {name: str(pk) for name, pk in pks.items()},
    }


def _url(name: str, pattern: URLPattern, samples: dict, overrides: dict) -> str:
    wanted = pattern.pattern.converters.keys()
    kwargs = {k: v for k, v in samples["kwargs"].items() if k in wanted}
    if name == "editor-footnote":
        kwargs["key"] = samples["footnote_key"]
    if name == "letterhead-update":
        kwargs["pk"] = samples["letterhead_pk"]
    for prefix, pk in samples["pks"].items():
        if name.startswith(prefix) and "pk" in wanted:
            kwargs["pk"] = pk
    kwargs.update(overrides)
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_role_gets_the_answer_its_role_allows(samples, name):
    routes = dict(_routes())
    if name not in routes:
        pytest.fail(f"{name} is in EXPECTED but is no longer a route; take it out.")
    method, answers, overrides = EXPECTED[name]
    url = _url(name, routes[name], samples, overrides)
    got = {}
    for role in ROLES:
        client = Client()
        if samples["users"][role] is not None:
            client.force_login(samples["users"][role])
        got[role] = getattr(client, method)(url).status_code
    assert got == answers, url


def test_delegation_never_reads_the_working_draft(samples, client):
    client.force_login(samples["users"]["delegation"])
    code = samples["kwargs"]["code"]
    assert client.get(reverse("version-detail", args=[code, "working"])).status_code == 404
    assert client.get(reverse("editor", args=[code])).status_code == 403


def test_signed_out_visitor_of_a_published_meeting_is_asked_to_sign_in_for_the_editor(
    samples, client
):
    from drafting.models import Publication, Version

    code = samples["kwargs"]["code"]
    Publication.objects.create(
        version=Version.objects.get(document__meeting__code=code, slug="draft-1")
    )
    response = client.get(reverse("editor", args=[code]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
