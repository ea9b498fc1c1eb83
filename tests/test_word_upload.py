"""Uploading a draft from Word in the browser: the file is read and refused in words, its
preview shows how it was read, and from there it is issued or made the working draft."""

from __future__ import annotations

import copy
import datetime
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from drafting import diff, docx_uploads
from drafting.docx import MAX_BYTES, DocxMeta, read_docx, version_docx
from drafting.inline import plain_text
from drafting.models import Element, OutcomeDocument, Version
from drafting.tree import PARAGRAPH, Node, Tree
from meetings.models import Membership
from tests.word_documents import WordFile, draft_written_in_word

Role = Membership.Role


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def meeting(factory):
    return factory.make_meeting("WU1")


@pytest.fixture
def chair(client, factory, meeting):
    client.force_login(factory.make_member(meeting, Role.CHAIR_TEAM, username="chair"))
    return client


def stored_uploads() -> list[str]:
    try:
        return default_storage.listdir(docx_uploads.FOLDER)[1]
    except FileNotFoundError:
        return []


@pytest.fixture(autouse=True)
def no_uploads_left_from_other_tests():
    for name in stored_uploads():
        default_storage.delete(f"{docx_uploads.FOLDER}/{name}")


def send(client, data: bytes, name: str = "zero-draft.docx"):
    return client.post(reverse("word-upload", args=["WU1"]), {"file": upload(name, data)})


def outline(tree: Tree) -> list[tuple[str, str, str, int]]:
    """What a reader sees of a tree, footnote calls as their numbers (keys are new on
    every reading of a file), then the footnotes in order."""
    rows = [
        (n.kind, n.designation, plain_text(n.text, tree.footnote_numbers()), d)
        for n, d in tree.walk()
    ]
    return rows + [("footnote", "", tree.footnotes[key], 0) for key in tree.footnote_numbers()]


def preview_url(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


# The upload and its refusals ------------------------------------------------------------


def test_the_meeting_page_and_the_editor_link_to_the_upload_for_the_chairs_team(
    chair, factory, meeting
):
    OutcomeDocument.objects.create(meeting=meeting).working_draft()
    link = f'href="{reverse("word-upload", args=["WU1"])}"'

    assert link in chair.get(meeting.get_absolute_url()).content.decode()
    assert link in chair.get(reverse("editor", args=["WU1"])).content.decode()
    for role in (Role.SECRETARIAT, Role.DELEGATION):
        other = Client()
        other.force_login(factory.make_member(meeting, role))
        assert link not in other.get(meeting.get_absolute_url()).content.decode()


def test_a_word_file_is_read_and_previewed_as_the_version_page_shows_it(chair):
    url = preview_url(send(chair, draft_written_in_word()))

    page = chair.get(url).content.decode()

    assert "Preview of zero-draft.docx" in page
    assert (
        "<strong>2 agenda items, 2 headings, 11 paragraphs</strong> (4 of them under another)"
        in page
    )
    assert "<strong>1 empty placeholder</strong> and <strong>2 footnotes</strong>" in page
    assert '<h1 id="document-title" class="document-title">Outcome of the Meeting</h1>' in page
    assert re.search(
        r'<h2 class="agenda-item-title"[^>]*><span class="designation">A\.</span>', page
    )
    assert "Post-shipment verifications" in page
    assert 'href="#fn-2"' in page and "the guidelines." in page
    assert "How the file was read" not in page
    assert len(stored_uploads()) == 1


def test_the_preview_says_what_was_left_out(chair):
    word = WordFile()
    word.paragraph("Before the table")
    word.body_xml("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")

    page = chair.get(preview_url(send(chair, word.to_bytes()))).content.decode()

    assert "How the file was read" in page
    assert "1 table was left out: a draft holds no tables." in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("draft.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not a Word document (.docx)"),
        ("draft.docx", b"Draft 1\n- a bullet\n", "not a Word document (.docx)"),
        ("draft.docx", b"", "The submitted file is empty."),
        (
            "huge.docx",
            b"PK\x03\x04" + bytes(MAX_BYTES),
            "This file is 10.0 MB; a Word file to read can be at most 10 MB.",
        ),
    ],
    ids=["a PDF", "plain text", "empty", "over 10 MB"],
)
def test_a_file_that_cannot_be_read_is_refused_in_words_and_not_kept(chair, name, data, message):
    response = send(chair, data, name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored_uploads() == []


def test_sending_no_file_asks_for_one(chair):
    response = chair.post(reverse("word-upload", args=["WU1"]), {})

    assert "This field is required." in response.content.decode()


def test_only_the_chairs_team_uploads(client, factory, meeting):
    for role in (Role.SECRETARIAT, Role.DELEGATION):
        client.force_login(factory.make_member(meeting, role))
        assert send(client, draft_written_in_word()).status_code == 403
    assert stored_uploads() == []


def test_an_upload_is_found_only_by_the_session_and_meeting_that_sent_it(chair, factory, meeting):
    url = preview_url(send(chair, draft_written_in_word()))
    colleague = Client()
    colleague.force_login(factory.make_member(meeting, Role.CHAIR_TEAM))
    other = factory.make_meeting("WU2")
    chair.force_login(factory.make_member(other, Role.CHAIR_TEAM))  # a new session

    for client, address in [(colleague, url), (chair, url.replace("/WU1/", "/WU2/"))]:
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].endswith("/from-word/")
        assert "no longer kept" in client.get(response["Location"]).content.decode()


def test_a_second_upload_replaces_the_first(chair):
    first = preview_url(send(chair, draft_written_in_word()))
    second = preview_url(send(chair, draft_written_in_word(), "another.docx"))

    assert chair.get(first).status_code == 302
    assert "Preview of another.docx" in chair.get(second).content.decode()
    assert len(stored_uploads()) == 1


def test_uploads_older_than_a_day_are_swept(chair, monkeypatch):
    preview_url(send(chair, draft_written_in_word()))
    later = docx_uploads.timezone.now() + datetime.timedelta(days=1, minutes=1)
    monkeypatch.setattr(docx_uploads.timezone, "now", lambda: later)

    docx_uploads.sweep()

    assert stored_uploads() == []


# Issuing it -----------------------------------------------------------------------------


def test_the_preview_issues_the_file_as_a_version_with_its_label_and_date(chair, meeting):
    url = preview_url(send(chair, draft_written_in_word()))

    response = chair.post(url, {"choice": "issue", "label": "Zero Draft", "date": "2023-03-01"})

    version = Version.objects.get(document__meeting=meeting, slug="zero-draft")
    assert response.status_code == 302 and response["Location"] == version.get_absolute_url()
    assert version.is_issued and version.date == datetime.date(2023, 3, 1)
    expected = read_docx(draft_written_in_word()).tree
    assert outline(version.tree()) == outline(expected)
    assert (
        "Zero Draft is issued from zero-draft.docx"
        in chair.get(response["Location"]).content.decode()
    )
    assert stored_uploads() == []
    assert chair.get(url).status_code == 302


def test_the_issue_form_starts_from_the_label_and_date_the_file_shows(chair):
    meta = DocxMeta(
        label="Draft 2", running_label="DRAFT 2, 24 June 2021", date=datetime.date(2021, 6, 24)
    )
    tree = read_docx(draft_written_in_word()).tree

    page = chair.get(preview_url(send(chair, version_docx(tree, meta)))).content.decode()

    assert 'name="label" value="Draft 2"' in page
    assert 'name="date" value="2021-06-24"' in page


def test_a_label_already_taken_is_refused_and_what_was_typed_stays(chair, factory, meeting):
    factory.make_version(factory.make_document(meeting), label="Draft 1")
    url = preview_url(send(chair, draft_written_in_word()))

    response = chair.post(url, {"choice": "issue", "label": "Draft 1", "date": "2021-06-10"})

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "WU1 already has a version labelled “Draft 1”; an issued version is never replaced." in page
    )
    assert 'name="label" value="Draft 1"' in page and 'value="2021-06-10"' in page
    assert Version.objects.filter(document__meeting=meeting).count() == 1
    assert chair.get(url).status_code == 200  # the file is still kept


def test_the_secretariat_cannot_issue_from_a_preview(client, chair, factory, meeting):
    url = preview_url(send(chair, draft_written_in_word()))
    client.force_login(factory.make_member(meeting, Role.SECRETARIAT))

    response = client.post(url, {"choice": "issue", "label": "Zero Draft", "date": "2023-03-01"})

    assert response.status_code == 403
    assert not Version.objects.exists()


# Making it the working draft --------------------------------------------------------------


def test_a_meeting_with_no_draft_gets_the_file_as_its_working_draft(chair, meeting):
    url = preview_url(send(chair, draft_written_in_word()))
    assert "The working draft is empty" in chair.get(url).content.decode()

    response = chair.post(url, {"choice": "working", "seen": ""})

    assert response["Location"] == reverse("editor", args=["WU1"])
    working = Version.objects.get(document__meeting=meeting)
    assert working.status == Version.Status.WORKING and working.title == "Outcome of the Meeting"
    assert len(working.tree()) == len(read_docx(draft_written_in_word()).tree)
    rows = Element.history.filter(version_id=working.pk)
    assert {row.history_change_reason for row in rows} == {"replaced the working draft from a file"}
    assert stored_uploads() == []


@pytest.fixture
def issued(factory, meeting):
    """Draft 1 issued, the working draft carried on from it, and a Word file of a Draft 2:
    one bullet reworded, one added, in a file that shares no key with the app."""
    document = factory.make_document(meeting)
    tree = factory.make_tree(paragraphs=8, items=2, footnotes=2)
    draft_1 = factory.make_version(document, tree, label="Draft 1")
    working = document.working_draft()
    changed = copy.deepcopy(tree)
    changed.nodes[0].children[2].text = "Paragraph 4 on [safe] stockpiles"
    changed.nodes[1].children[0].children.append(Node(PARAGRAPH, "A new sub-bullet on marking"))
    return draft_1, working, version_docx(changed, DocxMeta(title="Outcome"))


def test_replacing_a_working_draft_that_holds_text_needs_the_tick(chair, issued):
    draft_1, working, data = issued
    url = preview_url(send(chair, data))
    page = chair.get(url).content.decode()
    assert f"holds {len(working.tree())} elements" in page
    seen = re.search(r'name="seen" value="([^"]+)"', page)[1]

    response = chair.post(url, {"choice": "working", "seen": seen})

    assert response.status_code == 200
    assert "Tick “Replace the working draft”" in response.content.decode()
    assert [n.key for n, _ in working.tree().walk()] == [n.key for n, _ in draft_1.tree().walk()]


def test_a_confirmed_replacement_keeps_the_lineage_of_every_paragraph_it_can(chair, issued):
    draft_1, working, data = issued
    url = preview_url(send(chair, data))
    seen = re.search(r'name="seen" value="([^"]+)"', chair.get(url).content.decode())[1]

    response = chair.post(url, {"choice": "working", "replace": "on", "seen": seen})

    assert response.status_code == 302
    working.refresh_from_db()
    changes = diff.compare(draft_1.tree(), working.tree())
    assert sorted((c.kind, c.element) for c in changes.changes) == [
        ("added", "paragraph"),
        ("modified", "paragraph"),
    ]
    draft_keys = {n.key for n, _ in draft_1.tree().walk()}
    assert len(draft_keys & {n.key for n, _ in working.tree().walk()}) == len(draft_keys)
    assert working.based_on_id == draft_1.pk


def test_a_replacement_is_refused_if_the_working_draft_changed_since_it_was_seen(chair, issued):
    _, working, data = issued
    url = preview_url(send(chair, data))
    seen = re.search(r'name="seen" value="([^"]+)"', chair.get(url).content.decode())[1]
    element = working.elements.filter(kind="paragraph").first()
    element.record(None, "a colleague's edit", text="Edited by a colleague meanwhile")

    response = chair.post(url, {"choice": "working", "replace": "on", "seen": seen})

    page = response.content.decode()
    assert "Someone changed the working draft after you looked at it" in page
    assert Element.objects.get(pk=element.pk).text == "Edited by a colleague meanwhile"
    assert re.search(r'name="seen" value="([^"]+)"', page)[1] != seen
    assert 'name="replace" id="id_replace" checked' in page


def test_with_no_working_draft_yet_the_file_carries_on_from_the_last_issued_draft(
    chair, factory, meeting
):
    draft_1 = factory.make_version(factory.make_document(meeting), label="Draft 1")
    url = preview_url(send(chair, draft_written_in_word()))
    assert "There is no working draft yet" in chair.get(url).content.decode()

    chair.post(url, {"choice": "working", "seen": ""})

    working = Version.objects.working().get(document__meeting=meeting)
    assert working.based_on == draft_1
    assert Version.objects.filter(document__meeting=meeting).count() == 2
