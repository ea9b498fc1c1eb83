"""Check-then-write paths raced for real: two transactions at once on PostgreSQL.

Each test starts two threads, each with its own database connection, holds them at a
barrier and releases them together, so both read before either writes, as two people
clicking at the same moment. Without the row locks of the actions these races lose saves,
insert a paragraph twice or end in a server error; with them one wins and the other is
refused in words, or both are applied one after the other. SQLite serialises writers by
itself and ignores ``select_for_update``, so these run in the PostgreSQL leg of CI.
"""

from __future__ import annotations

import datetime
import threading
import traceback
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from bench.soak import tree_is_valid
from consultations.bureau import NominateToBureau
from consultations.inputs import AcceptProposal
from consultations.models import Proposal
from drafting import actions
from drafting.models import Element, Publication, Version
from meetings.actions import Refusal
from meetings.models import Membership
from tests.factory import Factory

Role = Membership.Role
DAY = datetime.date(2021, 7, 1)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="races need PostgreSQL's row locks"
    ),
    pytest.mark.django_db(transaction=True),
]


def race(*steps: Callable[[], Any], rounds: int = 1) -> list[list[Any]]:
    """Run the steps at the same moment, each in its own thread and connection; the result
    of each (or the ``Refusal`` it raised, or any other exception) per round."""
    outcomes: list[list[Any]] = []
    for _ in range(rounds):
        barrier = threading.Barrier(len(steps))
        results: list[Any] = [None] * len(steps)

        def run(index: int, step: Callable[[], Any]) -> None:
            try:
                barrier.wait()
                results[index] = step()
            except Exception as error:  # noqa: BLE001 - the test inspects what came out
                results[index] = error
            finally:
                connections.close_all()

        threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(steps)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        outcomes.append(results)
    return outcomes


def refused(result: Any) -> bool:
    return isinstance(result, Refusal)


def unexpected(results: list[Any]) -> list[str]:
    """What came out that is neither a result nor a refusal in words (a 500, say), with
    where it was raised."""
    return [
        "".join(traceback.format_exception(r))
        for r in results
        if isinstance(r, Exception) and not refused(r)
    ]


@pytest.fixture
def draft() -> dict[str, Any]:
    factory = Factory()
    document = factory.make_document()
    factory.make_version(document, label="Draft 1", tree=factory.make_tree(paragraphs=12))
    working = document.working_draft()
    chair = factory.make_member(document.meeting, Role.CHAIR_TEAM, username="chair")
    colleague = factory.make_member(document.meeting, Role.CHAIR_TEAM, username="colleague")
    return {"factory": factory, "working": working, "chair": chair, "colleague": colleague}


def paragraphs(version: Version) -> list[Element]:
    return list(
        version.elements.filter(kind="paragraph", parent__kind="agenda_item").order_by(
            "parent", "position"
        )
    )


def fresh(element: Element) -> Element:
    """The element as it is now; as it was, if another thread's step deleted it already (the
    action under test then meets the deletion itself)."""
    now = Element.objects.select_related("version__document").filter(pk=element.pk).first()
    return now if now is not None else element


def test_two_saves_on_the_same_revision_one_wins_the_other_is_a_conflict(draft):
    element = paragraphs(draft["working"])[0]
    for round_number in range(10):
        revision = fresh(element).revision
        texts = [f"Mine {round_number}", f"Theirs {round_number}"]

        def save(user, text, revision=revision):
            return lambda: actions.SaveText(
                user=user, element=fresh(element), text=text, base_revision=revision
            ).execute()

        results = race(save(draft["chair"], texts[0]), save(draft["colleague"], texts[1]))[0]

        assert not unexpected(results)
        losers = [r for r in results if refused(r)]
        assert len(losers) == 1 and losers[0].status == 409
        winner = texts[0] if not refused(results[0]) else texts[1]
        assert fresh(element).text == winner


def test_a_text_save_and_a_move_of_the_same_paragraph_both_hold(draft):
    working = draft["working"]
    for round_number in range(10):
        first, second = paragraphs(working)[:2]
        text = f"Saved in round {round_number}"
        revision = fresh(second).revision
        results = race(
            lambda: actions.SaveText(
                user=draft["chair"], element=fresh(second), text=text, base_revision=revision
            ).execute(),
            lambda: actions.MoveTo(
                user=draft["colleague"], element=fresh(second), target=first, placement="before"
            ).execute(),
        )[0]
        assert not unexpected(results) and not any(refused(r) for r in results)
        second.refresh_from_db()
        assert second.text == text, "the move wrote back a stale text"
        assert tree_is_valid(working)


def test_moving_p_into_q_while_q_moves_into_p_leaves_a_tree(draft):
    working = draft["working"]
    for _round in range(10):
        p, q = paragraphs(working)[:2]
        results = race(
            lambda: actions.MoveTo(
                user=draft["chair"], element=fresh(p), target=q, placement="inside"
            ).execute(),
            lambda: actions.MoveTo(
                user=draft["colleague"], element=fresh(q), target=p, placement="inside"
            ).execute(),
        )[0]
        assert not unexpected(results)
        assert sum(refused(r) for r in results) == 1
        assert tree_is_valid(working)
        moved = Element.objects.get(pk=p.pk if not refused(results[0]) else q.pk)
        actions.Outdent(user=draft["chair"], element=moved).execute()


def test_deleting_a_parent_while_adding_a_child_never_leaves_an_orphan(draft):
    working = draft["working"]
    item = working.elements.filter(kind="agenda_item").first()
    for _round in range(10):
        parent = actions.AddParagraph(user=draft["chair"], element=item).execute().focus
        child = actions.AddParagraph(user=draft["chair"], element=parent).execute().focus
        actions.Indent(user=draft["chair"], element=fresh(child)).execute()
        results = race(
            lambda: actions.Delete(user=draft["chair"], element=fresh(parent)).execute(),
            lambda: actions.AddParagraph(
                user=draft["colleague"], element=fresh(child), text="New"
            ).execute(),
        )[0]
        assert not unexpected(results)
        assert tree_is_valid(working)
        if refused(results[1]):
            assert "deleted by chair" in str(results[1])


def test_saving_text_of_a_paragraph_deleted_meanwhile_is_a_conflict_not_an_error(draft):
    working = draft["working"]
    for round_number in range(10):
        element = paragraphs(working)[-1]
        revision = element.revision
        results = race(
            lambda: actions.Delete(user=draft["chair"], element=fresh(element)).execute(),
            lambda: actions.SaveText(
                user=draft["colleague"],
                element=fresh(element),
                text=f"Typed in round {round_number}",
                base_revision=revision,
            ).execute(),
        )[0]
        assert not unexpected(results)
        assert not refused(results[0])
        if refused(results[1]):
            assert results[1].status == 409 and results[1].details["deleted"]
        assert tree_is_valid(working)
        actions.AddParagraph(user=draft["chair"], element=paragraphs(working)[0]).execute()
        element = paragraphs(working)[-1]


def test_structural_edits_by_several_people_at_once_keep_the_tree_valid(draft):
    working = draft["working"]
    users = [draft["chair"], draft["colleague"], draft["chair"], draft["colleague"]]
    item = working.elements.filter(kind="agenda_item").first()
    for _round in range(8):
        while len(paragraphs(working)) < 6:
            actions.AddParagraph(user=users[0], element=item, text="More").execute()
        els = paragraphs(working)
        steps = [
            lambda: actions.Indent(user=users[0], element=fresh(els[1])).execute(),
            lambda: actions.MoveBy(user=users[1], element=fresh(els[2]), step=-1).execute(),
            lambda: actions.Delete(user=users[2], element=fresh(els[3])).execute(),
            lambda: actions.AddParagraph(user=users[3], element=fresh(els[2])).execute(),
        ]
        results = race(*steps)[0]
        assert not unexpected(results)
        assert tree_is_valid(working)


def test_accepting_the_same_proposal_twice_inserts_its_paragraph_once(draft):
    factory, working = draft["factory"], draft["working"]
    meeting = working.document.meeting
    germany = factory.make_member(meeting, Role.DELEGATION, username="germany")
    issued = working.document.versions.get(slug="draft-1")
    proposal = factory.make_proposal(
        issued, germany, kind=Proposal.Kind.ADD_AFTER, text="Proposed by Germany"
    )
    before = working.elements.count()

    results = race(
        lambda: AcceptProposal(user=draft["chair"], proposal=proposal).execute(),
        lambda: AcceptProposal(user=draft["colleague"], proposal=proposal).execute(),
    )[0]

    assert not unexpected(results)
    assert sum(refused(r) for r in results) == 1
    assert working.elements.count() == before + 1
    assert working.elements.filter(text="Proposed by Germany").count() == 1


def test_publishing_the_same_version_twice_publishes_it_once(draft):
    issued = draft["working"].document.versions.get(slug="draft-1")

    results = race(
        lambda: actions.PublishVersion(user=draft["chair"], version=issued).execute(),
        lambda: actions.PublishVersion(user=draft["colleague"], version=issued).execute(),
    )[0]

    assert not unexpected(results)
    assert sum(refused(r) for r in results) == 1
    assert Publication.objects.filter(version=issued).count() == 1


def test_two_nominations_for_a_groups_last_seat_one_is_refused(draft):
    factory, meeting = draft["factory"], draft["working"].document.meeting
    group = factory.make_group("EEG")
    states = [factory.make_state(f"Eastern {n}", regional_group=group) for n in range(4)]
    for state in states[:2]:
        NominateToBureau(
            user=draft["chair"], meeting=meeting, state=state, group=group, nominated_on=DAY
        ).execute()

    results = race(
        *(
            lambda state=state, user=user: NominateToBureau(
                user=user, meeting=meeting, state=state, group=group, nominated_on=DAY
            ).execute()
            for state, user in zip(states[2:], [draft["chair"], draft["colleague"]], strict=True)
        )
    )[0]

    assert not unexpected(results)
    assert sum(refused(r) for r in results) == 1
    assert meeting.bureau_nominations.filter(regional_group=group).count() == 3


def test_issuing_twice_at_once_gives_one_version_and_a_plain_refusal(draft):
    working = draft["working"]
    document = working.document
    paragraphs(working)[0].record(draft["chair"], text="Something new for Draft 2")
    last = document.versions.get(slug="draft-1")

    def issue(user):
        return lambda: actions.IssueDraft(
            user=user, document=document, kind="draft", label="Draft 2", date=DAY, after=last.pk
        ).execute()

    results = race(issue(draft["chair"]), issue(draft["colleague"]))[0]

    assert not unexpected(results)
    assert sum(refused(r) for r in results) == 1
    assert document.versions.filter(slug="draft-2").count() == 1
    issued = document.versions.get(slug="draft-2")
    assert issued.elements.count() == working.elements.count()


def test_an_issue_during_footnote_changes_is_always_whole(draft):
    working = draft["working"]
    document = working.document
    element = paragraphs(working)[0]
    for round_number in range(8):
        key = f"00000000-0000-4000-8000-{round_number:012d}"
        call = f'<fn-ref data-key="{key}"></fn-ref>'
        element = fresh(element)
        results = race(
            lambda: actions.AddFootnote(
                user=draft["colleague"],
                element=fresh(element),
                text=f"{element.text}{call}",
                base_revision=element.revision,
                key=key,
                footnote_text=f"Footnote of round {round_number}",
            ).execute(),
            lambda: actions.IssueDraft(
                user=draft["chair"],
                document=document,
                kind="draft",
                label=f"Draft {round_number + 2}",
                date=DAY,
            ).execute(),
        )[0]
        assert not unexpected(results)
        for version in document.versions.issued():
            tree = version.tree()
            called = {k for node, _depth in tree.walk() for k in node.footnote_keys()}
            assert called <= set(tree.footnotes), f"{version.label} calls a missing footnote"
