"""Delegations' written inputs: proposals on issued paragraphs, working papers, the
compilation, and the chair's team accepting, merging or noting."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.inputs import AcceptProposal, MergeProposal, NoteProposal
from consultations.models import CompilationPublication, Proposal
from drafting import actions
from drafting.actions import Refusal
from drafting.models import OutcomeDocument
from meetings.models import Membership
from tests.refusals import problems_of

Role = Membership.Role


@pytest.fixture
def meeting(factory):
    """A meeting with an issued Draft 1, its working draft, a chair, two delegations."""
    meeting = factory.make_meeting("WI1")
    document = OutcomeDocument.objects.create(meeting=meeting)
    factory.make_version(document, label="Draft 1", tree=factory.make_tree(paragraphs=6))
    document.working_draft()
    meeting.chair = factory.make_member(meeting, Role.CHAIR_TEAM, username="chair")
    meeting.secretariat = factory.make_member(meeting, Role.SECRETARIAT, username="secretariat")
    meeting.germany = factory.make_member(meeting, Role.DELEGATION, username="germany")
    meeting.brazil = factory.make_member(meeting, Role.DELEGATION, username="brazil")
    meeting.draft_1 = document.versions.get(slug="draft-1")
    meeting.paragraph = (
        meeting.draft_1.elements.filter(kind="paragraph")
        .order_by("parent", "position", "id")
        .first()
    )
    return meeting


def working(meeting, paragraph):
    return meeting.document.working_draft().elements.filter(key=paragraph.key).first()


def state_of(user, meeting):
    return Membership.objects.get(user=user, meeting=meeting).state


def propose_url(meeting, paragraph=None, slug="draft-1"):
    key = (paragraph or meeting.paragraph).key
    return reverse("propose", args=[meeting.code, slug, key])


def test_a_delegation_proposes_new_wording_in_its_states_name(meeting, client):
    client.force_login(meeting.germany)
    page = client.get(propose_url(meeting)).content.decode()
    assert "Paragraph 0 on" in page  # the paragraph as issued, and the textarea starts from it
    response = client.post(
        propose_url(meeting),
        {"kind": "replace", "text": "Paragraph 0 on small arms", "comment": "Clearer."},
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.state, proposal.author, proposal.status) == (
        state_of(meeting.germany, meeting),
        meeting.germany,
        "submitted",
    )
    assert proposal.element == meeting.paragraph and proposal.version == meeting.draft_1


@pytest.fixture
def footnoted(factory):
    """An issued draft whose first paragraph has italics and footnote 1."""
    meeting = factory.make_meeting("WI2")
    document = OutcomeDocument.objects.create(meeting=meeting)
    draft = factory.make_version(
        document, label="Draft 1", tree=factory.make_tree(paragraphs=3, footnotes=1)
    )
    meeting.germany = factory.make_member(meeting, Role.DELEGATION, username="germany")
    meeting.paragraph = next(e for e in draft.elements.all() if "fn-ref" in e.text)
    return meeting


def test_the_proposal_box_shows_text_as_typed_not_as_markup(footnoted, client):
    client.force_login(footnoted.germany)

    form = client.get(propose_url(footnoted)).context["form"]

    assert form["text"].value() == "Paragraph 0 on **stockpiles**[^1]"


def test_a_typed_proposal_keeps_emphasis_brackets_and_its_footnote(footnoted, client):
    client.force_login(footnoted.germany)
    typed = "Paragraph 0 on *all* **stockpiles**[^1] [and ammunition]"

    client.post(propose_url(footnoted), {"kind": "replace", "text": typed, "comment": ""})

    key = footnoted.paragraph.text.split('data-key="')[1].split('"')[0]
    assert Proposal.objects.get().text == (
        f'Paragraph 0 on <em>all</em> <strong>stockpiles</strong><fn-ref data-key="{key}"></fn-ref>'
        " [and ammunition]"
    )


def test_the_compilation_shows_the_footnote_call_a_proposal_kept(footnoted, client, factory):
    chair = factory.make_member(footnoted, Role.CHAIR_TEAM)
    client.force_login(footnoted.germany)
    typed = "Paragraph 0 on **all stockpiles**[^1]"
    client.post(propose_url(footnoted), {"kind": "replace", "text": typed, "comment": ""})
    client.force_login(chair)

    page = client.get(reverse("compilation", args=[footnoted.code, "draft-1"])).content.decode()

    proposal = page[page.index('<p class="redline">') :]
    proposal = proposal[: proposal.index("</p>")]
    assert "<ins><strong>all </strong></ins>" in proposal
    assert '<sup class="fn-call"><a href="#fn-1" id="fn-call-1" aria-label="footnote 1">1</a>' in (
        proposal
    )


def test_a_footnote_mark_that_names_no_footnote_is_refused_in_plain_words(footnoted, client):
    client.force_login(footnoted.germany)

    response = client.post(
        propose_url(footnoted), {"kind": "replace", "text": "New text[^7]", "comment": ""}
    )

    assert "there is no footnote [^7] here" in response.content.decode()
    assert "New text[^7]" in response.content.decode()
    assert not Proposal.objects.exists()


def test_only_a_delegation_proposes_and_only_on_an_issued_draft(meeting, client):
    client.force_login(meeting.germany)
    working_key = working(meeting, meeting.paragraph).key
    assert (
        client.get(reverse("propose", args=[meeting.code, "working", working_key])).status_code
        == 404
    )
    for user in (meeting.chair, meeting.secretariat):
        client.force_login(user)
        assert (
            client.post(propose_url(meeting), {"kind": "comment", "comment": "x"}).status_code
            == 403
        )
    assert not Proposal.objects.exists()


def test_a_proposal_with_problems_comes_back_with_what_was_typed(meeting, client):
    client.force_login(meeting.germany)
    response = client.post(
        propose_url(meeting),
        {"kind": "replace", "text": meeting.paragraph.text, "comment": "My careful reasons"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The wording is the same as the paragraph" in page and "My careful reasons" in page
    response = client.post(propose_url(meeting), {"kind": "comment", "text": "", "comment": ""})
    assert "Type your comment." in response.content.decode()
    assert not Proposal.objects.exists()


def test_other_states_proposals_stay_hidden_until_the_compilation_is_published(
    meeting, factory, client
):
    factory.make_proposal(meeting.draft_1, meeting.germany, text="Words from Germany")
    factory.make_proposal(meeting.draft_1, meeting.brazil, text="Words from Brazil")
    compilation = reverse("compilation", args=[meeting.code, "draft-1"])
    client.force_login(meeting.brazil)
    page = client.get(compilation).content.decode()
    assert "Brazil" in page and "Germany" not in page and "Only your own proposals" in page
    assert "Germany" not in client.get(reverse("inputs", args=[meeting.code])).content.decode()

    client.force_login(meeting.secretariat)
    assert (
        client.post(
            reverse("compilation-publish", args=[meeting.code]), {"publish": "yes"}
        ).status_code
        == 403
    )
    client.force_login(meeting.chair)
    client.post(reverse("compilation-publish", args=[meeting.code]), {"publish": "yes"})
    assert CompilationPublication.objects.filter(meeting=meeting).exists()

    client.force_login(meeting.brazil)
    page = client.get(compilation).content.decode()
    assert "Germany" in page and "Words from Germany".split()[-1] in page


def test_the_compilation_shows_each_proposal_as_a_word_diff_and_escapes_it(
    meeting, factory, client
):
    factory.make_proposal(
        meeting.draft_1,
        meeting.germany,
        text="Paragraph 0 on <strong>stockpiles</strong> and <script>alert(1)</script> ammunition",
    )
    factory.make_proposal(meeting.draft_1, meeting.brazil, kind=Proposal.Kind.DELETE, text="")
    client.force_login(meeting.chair)
    page = client.get(reverse("compilation", args=[meeting.code, "draft-1"])).content.decode()
    assert "<ins>" in page and "ammunition" in page
    assert "<script>alert" not in page
    assert page.count("<del>") >= 1
    assert "proposes its deletion" in page


def test_the_compilation_costs_the_same_queries_however_many_proposals(meeting, factory, client):
    client.force_login(meeting.chair)
    url = reverse("compilation", args=[meeting.code, "draft-1"])
    factory.make_proposal(meeting.draft_1, meeting.germany)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    one = queries()
    for element in meeting.draft_1.elements.filter(kind="paragraph")[:5]:
        factory.make_proposal(meeting.draft_1, meeting.brazil, element=element)
    assert queries() == one


def test_accepting_new_wording_applies_it_with_its_source_in_the_history(meeting, factory):
    proposal = factory.make_proposal(
        meeting.draft_1, meeting.germany, text="Paragraph 0 on small arms"
    )
    AcceptProposal(proposal=proposal, user=meeting.chair).execute()
    element = working(meeting, meeting.paragraph)
    assert element.text == "Paragraph 0 on small arms"
    latest = element.history.first()
    assert latest.history_change_reason == f"Accepted proposal by {proposal.state} on Draft 1"
    assert latest.history_user == meeting.chair
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("accepted", meeting.chair)


def test_accepting_a_new_paragraph_inserts_it_after_the_paragraph(meeting, factory):
    proposal = factory.make_proposal(
        meeting.draft_1, meeting.germany, kind=Proposal.Kind.ADD_AFTER, text="A new idea"
    )
    added = AcceptProposal(proposal=proposal, user=meeting.chair).execute()
    element = working(meeting, meeting.paragraph)
    assert added.parent_id == element.parent_id and added.position == element.position + 1
    assert added.text == "A new idea"
    assert added.history.first().history_change_reason.startswith("Accepted proposal by")


def test_accepting_a_deletion_removes_the_paragraph(meeting, factory):
    proposal = factory.make_proposal(
        meeting.draft_1, meeting.germany, kind=Proposal.Kind.DELETE, text=""
    )
    key = meeting.paragraph.key
    AcceptProposal(proposal=proposal, user=meeting.chair).execute()
    assert working(meeting, meeting.paragraph) is None
    from drafting.models import Element

    deleted = Element.history.filter(key=key, history_type="-").get()
    assert deleted.history_change_reason == f"Accepted proposal by {proposal.state} on Draft 1"


def test_a_paragraph_gone_from_the_working_draft_is_said_plainly(meeting, factory):
    proposal = factory.make_proposal(meeting.draft_1, meeting.germany)
    actions.Delete(user=meeting.chair, element=working(meeting, meeting.paragraph)).execute()
    assert problems_of(AcceptProposal(proposal=proposal, user=meeting.chair)) == [
        "The paragraph this proposal is on is no longer in the working draft: it was deleted "
        "after Draft 1. Note the proposal instead."
    ]


def test_accepting_over_later_changes_is_refused_in_favour_of_merging(meeting, factory):
    proposal = factory.make_proposal(meeting.draft_1, meeting.germany)
    working(meeting, meeting.paragraph).record(
        meeting.chair, "edited the text", text="Chair's own edit"
    )
    problems = problems_of(AcceptProposal(proposal=proposal, user=meeting.chair))
    assert problems and "Merge the proposal by hand instead." in problems[0]


def test_merging_by_hand_opens_the_proposed_text_and_records_the_merge(meeting, factory, client):
    proposal = factory.make_proposal(meeting.draft_1, meeting.germany, text="Proposed wording here")
    client.force_login(meeting.chair)
    url = reverse("proposal-merge", args=[meeting.code, proposal.pk])
    page = client.get(url).content.decode()
    assert "Proposed wording here</textarea>" in page
    element = working(meeting, meeting.paragraph)
    response = client.post(
        url, {"text": "Proposed wording, merged", "base_revision": element.revision}
    )
    assert response.status_code == 302
    element.refresh_from_db()
    assert element.text == "Proposed wording, merged"
    assert (
        element.history.first().history_change_reason
        == f"Merged proposal by {proposal.state} on Draft 1"
    )
    proposal.refresh_from_db()
    assert proposal.status == "merged"


def test_a_merge_over_someone_elses_change_keeps_the_typed_text(meeting, factory, client):
    proposal = factory.make_proposal(meeting.draft_1, meeting.germany)
    element = working(meeting, meeting.paragraph)
    base = element.revision
    element.record(meeting.chair, "edited the text", text="Changed meanwhile")
    client.force_login(meeting.chair)
    response = client.post(
        reverse("proposal-merge", args=[meeting.code, proposal.pk]),
        {"text": "My merged text", "base_revision": base},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone changed this paragraph" in page and "My merged text</textarea>" in page
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_noting_and_the_delegation_sees_the_status_of_its_own(meeting, factory, client):
    proposal = factory.make_proposal(
        meeting.draft_1,
        meeting.germany,
        kind=Proposal.Kind.COMMENT,
        text="",
        comment="Please keep this.",
    )
    assert problems_of(AcceptProposal(proposal=proposal, user=meeting.chair)) == [
        "A comment does not change the text; note it instead."
    ]
    client.force_login(meeting.germany)
    assert (
        client.post(
            reverse("proposal-decide", args=[meeting.code, proposal.pk, "note"])
        ).status_code
        == 403
    )
    client.force_login(meeting.chair)
    client.post(reverse("proposal-decide", args=[meeting.code, proposal.pk, "note"]))
    proposal.refresh_from_db()
    assert proposal.status == "noted"
    with pytest.raises(Refusal):
        NoteProposal(proposal=proposal, user=meeting.chair).execute()
    client.force_login(meeting.germany)
    assert "Noted" in client.get(reverse("inputs", args=[meeting.code])).content.decode()


def docx_bytes(with_document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, accepted, message",
    [
        ("paper.pdf", b"%PDF-1.7\n...", True, ""),
        ("paper.docx", docx_bytes(), True, ""),
        ("paper.pdf", b"<html>not a pdf</html>", False, "is named .pdf but is not a PDF document"),
        (
            "paper.docx",
            docx_bytes(with_document=False),
            False,
            "is named .docx but is not a Word document",
        ),
        ("paper.docx", b"%PDF-1.7", False, "is named .docx but is not a Word document"),
        ("paper.txt", b"plain", False, "must be a PDF or a Word document"),
    ],
)
def test_working_papers_are_checked_by_extension_and_content(
    meeting, client, name, content, accepted, message
):
    client.force_login(meeting.germany)
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        reverse("working-paper-create", args=[meeting.code]),
        {"title": "Our careful paper", "file": upload},
    )
    papers = meeting.working_papers.all()
    if accepted:
        assert response.status_code == 302 and papers.get().state == state_of(
            meeting.germany, meeting
        )
    else:
        page = response.content.decode()
        assert message in page and "Our careful paper" in page and "Choose the file again" in page
        assert not papers.exists()


def test_a_working_paper_over_10_mb_is_refused(meeting, client, settings):
    client.force_login(meeting.germany)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    response = client.post(
        reverse("working-paper-create", args=[meeting.code]), {"title": "Big", "file": upload}
    )
    assert "at most 10 MB" in response.content.decode()


def test_a_working_paper_is_read_by_its_state_and_the_chair_only_until_published(
    meeting, factory, client
):
    paper = factory.make_working_paper(meeting, meeting.germany)
    url = reverse("working-paper-file", args=[meeting.code, paper.pk])
    for user, status in [(meeting.germany, 200), (meeting.chair, 200), (meeting.brazil, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status
    CompilationPublication.objects.create(meeting=meeting)
    client.force_login(meeting.brazil)
    assert client.get(url).status_code == 200


def test_merge_action_adds_a_new_paragraph_for_a_proposed_addition(meeting, factory):
    proposal = factory.make_proposal(
        meeting.draft_1, meeting.germany, kind=Proposal.Kind.ADD_AFTER, text="New"
    )
    added = MergeProposal(proposal=proposal, user=meeting.chair, text="New, as merged").execute()
    assert added.text == "New, as merged"
    assert added.position == working(meeting, meeting.paragraph).position + 1


def test_the_merge_page_opens_without_a_problem_when_nothing_has_changed(meeting, factory, client):
    proposal = factory.make_proposal(meeting.draft_1, meeting.germany)
    client.force_login(meeting.chair)
    page = client.get(reverse("proposal-merge", args=[meeting.code, proposal.pk])).content.decode()
    assert "error-summary" not in page and "Save and mark as merged" in page


def test_accepting_says_the_proposal_is_accepted(meeting, client, factory):
    proposal = factory.make_proposal(meeting.draft_1, meeting.germany)
    client.force_login(meeting.chair)

    response = client.post(
        reverse("proposal-decide", args=[meeting.code, proposal.pk, "accept"]), follow=True
    )

    assert f"The proposal by {proposal.state} is accepted." in response.content.decode()
