"""The reading pages: meetings, a meeting, and a version laid out like the circulated annex."""

import datetime
import html
import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from drafting.models import Publication, Version
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from meetings.models import Membership

Role = Membership.Role


def _annex_tree() -> Tree:
    """A small annex: a chapeau bullet, an agenda item with a footnote, headings, nesting."""
    footnote = Node(kind=PARAGRAPH).key
    later = Node(kind=PARAGRAPH).key
    return Tree(
        nodes=[
            Node(kind=PARAGRAPH, text="Emphasis on human security"),
            Node(
                kind=AGENDA_ITEM,
                designation="A.",
                text=f'[Consideration of the implementation]<fn-ref data-key="{footnote}"></fn-ref>',
                children=[
                    Node(
                        kind=HEADING,
                        level=1,
                        designation="1.",
                        text="<em>Effective national controls</em>",
                    ),
                    Node(
                        kind=PARAGRAPH,
                        text="Manufacturing of SALW",
                        children=[
                            Node(
                                kind=PARAGRAPH,
                                text="Illicit manufacturing",
                                children=[Node(kind=PARAGRAPH, text="Craft production")],
                            )
                        ],
                    ),
                    Node(kind=PARAGRAPH, text=f'Tracing<fn-ref data-key="{later}"></fn-ref>'),
                    Node(kind=PARAGRAPH, text=""),
                ],
            ),
        ],
        footnotes={footnote: "Based on the chair's proposals.", later: "See the ITI."},
    )


@pytest.fixture
def annex(factory):
    meeting = factory.make_meeting(
        "BMS7", title="Seventh Biennial Meeting of States", venue="New York"
    )
    return factory.make_version(
        factory.make_document(meeting),
        tree=_annex_tree(),
        label="Draft 1",
        title="Outcome of the Seventh Biennial Meeting of States",
        note="The below is without prejudice to the agreement of the agenda items for BMS7.",
    )


def _document(response) -> str:
    """The HTML of the document itself, without the page around it."""
    page = response.content.decode()
    return page[page.index('<article class="document"') : page.index("</article>")]


def _visible_text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_meeting_list_shows_a_members_meetings_and_not_others(client, factory):
    mine = factory.make_meeting("BMS7")
    factory.make_meeting("SECRET")
    client.force_login(factory.make_member(mine, Role.DELEGATION))

    response = client.get("/")

    assert response.status_code == 200
    assert "BMS7" in response.content.decode()
    assert "SECRET" not in response.content.decode()


def test_meeting_page_lists_the_versions_a_delegation_may_read_newest_first(client, factory):
    meeting = factory.make_meeting("BMS7", venue="New York", chair_name="Ambassador Baaske")
    document = factory.make_document(meeting)
    factory.make_version(document, label="Draft 1", date=datetime.date(2021, 6, 10))
    factory.make_version(document, label="Draft 2", date=datetime.date(2021, 7, 1))
    factory.make_version(document, label="Working draft", status=Version.Status.WORKING, date=None)
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    page = client.get("/meetings/BMS7/").content.decode()

    assert "New York" in page and "Ambassador Baaske" in page
    assert page.index("Draft 2") < page.index("Draft 1")
    assert "Working draft" not in page
    assert 'href="/meetings/BMS7/drafts/draft-1/"' in page


def test_meeting_page_shows_the_working_draft_to_the_chair_team(client, factory, annex):
    Version.objects.create(document=annex.document, label="Working draft", status="working")
    client.force_login(factory.make_member(annex.document.meeting, Role.CHAIR_TEAM))

    page = client.get("/meetings/BMS7/").content.decode()

    assert "Working draft" in page and "Draft 1" in page


def test_meeting_page_offers_each_role_only_the_work_it_may_do(client, factory, annex):
    factory.make_version(annex.document, label="Draft 2")
    meeting = annex.document.meeting

    def links(role):
        client.force_login(factory.make_member(meeting, role))
        page = client.get(meeting.get_absolute_url()).content.decode()
        return {
            name
            for name, address in [
                ("edit", "/working/"),
                ("compare", "/compare/"),
                ("letters", "/letters/"),
            ]
            if f'href="/meetings/BMS7{address}"' in page
        }

    assert links(Role.CHAIR_TEAM) == {"edit", "compare", "letters"}
    assert links(Role.SECRETARIAT) == {"compare", "letters"}
    assert links(Role.DELEGATION) == {"compare"}


def test_anonymous_visitor_gets_404_for_an_unpublished_meeting(client, annex):
    assert client.get("/meetings/BMS7/").status_code == 404
    assert client.get("/meetings/BMS7/drafts/draft-1/").status_code == 404


def test_anonymous_visitor_reads_a_published_draft(client, annex):
    Publication.objects.create(version=annex)

    assert client.get("/").status_code == 200
    assert client.get("/meetings/BMS7/").status_code == 200
    assert client.get("/meetings/BMS7/drafts/draft-1/").status_code == 200


def test_delegation_gets_404_for_the_working_draft(client, factory, annex):
    working = factory.make_version(annex.document, label="Working draft", status="working")
    client.force_login(factory.make_member(annex.document.meeting, Role.DELEGATION))

    assert client.get(working.get_absolute_url()).status_code == 404
    assert client.get(annex.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", [Role.CHAIR_TEAM, Role.SECRETARIAT, Role.DELEGATION])
def test_every_member_reads_an_issued_draft(client, factory, annex, role):
    client.force_login(factory.make_member(annex.document.meeting, role))

    response = client.get(annex.get_absolute_url())

    assert response.status_code == 200
    assert "<title>Draft 1 · BMS7 · Outcome documents</title>" in response.content.decode()


def test_version_page_reads_like_the_annex(client, factory, annex):
    client.force_login(factory.make_member(annex.document.meeting, Role.DELEGATION))

    document = _document(client.get(annex.get_absolute_url()))
    text = _visible_text(document)

    assert '<p class="running-label">DRAFT 1, 10 June 2021</p>' in document
    assert '<p class="note">The below is without prejudice' in document
    assert "Outcome of the Seventh Biennial Meeting of States</h1>" in document
    assert '<span class="designation">A.</span>' in document
    assert "[Consideration of the implementation]" in text
    assert "<em>Effective national controls</em>" in document
    assert text.index("Emphasis on human security") < text.index("A. [Consideration")
    assert text.index("1. Effective national controls") < text.index("Manufacturing of SALW")


def test_version_page_nests_bullets_as_lists_by_depth(client, factory, annex):
    client.force_login(factory.make_member(annex.document.meeting, Role.DELEGATION))

    document = _document(client.get(annex.get_absolute_url()))

    nested = re.search(
        r"Manufacturing of SALW\s*<ul>\s*<li[^>]*>Illicit manufacturing\s*<ul>\s*<li[^>]*>Craft production",
        document,
    )
    assert nested is not None
    assert '<li id="el-' in document
    assert re.search(
        r'<li [^>]*class="placeholder"><span class="visually-hidden">empty placeholder</span></li>',
        document,
    )


def test_footnotes_are_numbered_through_the_document_and_link_both_ways(client, factory, annex):
    client.force_login(factory.make_member(annex.document.meeting, Role.DELEGATION))

    document = _document(client.get(annex.get_absolute_url()))

    assert '<a href="#fn-1" id="fn-call-1" aria-label="footnote 1">1</a>' in document
    assert '<a href="#fn-2" id="fn-call-2" aria-label="footnote 2">2</a>' in document
    first, second = document.index('id="fn-1"'), document.index('id="fn-2"')
    assert first < second
    assert "Based on the chair" in document[first:second]
    assert "See the ITI." in document[second:]
    assert 'href="#fn-call-1"' in document[first:second]


def test_text_typed_as_a_script_tag_is_shown_escaped(client, factory):
    meeting = factory.make_meeting("BMS7")
    tree = Tree(nodes=[Node(kind=PARAGRAPH, text="&lt;script&gt;alert(1)&lt;/script&gt;")])
    version = factory.make_version(
        factory.make_document(meeting), tree=tree, note="<script>x</script>"
    )
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    page = client.get(version.get_absolute_url()).content.decode()

    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


def _queries_for_version_page(client, factory, paragraphs: int) -> int:
    meeting = factory.make_meeting()
    tree = factory.make_tree(paragraphs=paragraphs, items=4, footnotes=paragraphs // 10)
    version = factory.make_version(factory.make_document(meeting), tree=tree)
    client.force_login(factory.make_member(meeting, Role.DELEGATION))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="fn-call"') == paragraphs // 10
    return len(queries)


def test_version_page_query_count_does_not_grow_with_the_document(client, factory):
    assert _queries_for_version_page(client, factory, 50) == _queries_for_version_page(
        client, factory, 500
    )


def test_sign_in_page_says_plainly_when_the_credentials_are_wrong(client, factory):
    factory.make_user("ana")

    response = client.post("/accounts/login/", {"username": "ana", "password": "wrong"})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert "Please enter a correct username and password" in page
    assert 'value="ana"' in page


def test_sign_in_link_brings_the_reader_back_to_the_page_they_were_on(client, annex):
    Publication.objects.create(version=annex)

    page = client.get(annex.get_absolute_url()).content.decode()

    assert 'href="/accounts/login/?next=/meetings/BMS7/drafts/draft-1/"' in page
    assert "?next=" not in client.get("/accounts/login/").content.decode()


def test_signing_in_leads_to_the_meetings(client, factory):
    factory.make_user("ana")

    response = client.post("/accounts/login/", {"username": "ana", "password": "pass-for-tests"})

    assert response.status_code == 302
    assert response.url == "/"


# The demo drafts against the circulated examples -------------------------------------------

# The project's shared folder sits beside the repository, in development as in CI.
EXAMPLES = settings.BASE_DIR.parent / "shared" / "examples"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A footnote call as the examples print it: "⁸" (BMS7) or "<sup>1</sup>" (BMS6).
FOOTNOTE_CALL = re.compile(rf"[{SUPERSCRIPT_DIGITS}]+|<sup>\d+</sup>")
# A footnote's text, printed at the foot of the page where the call fell.
FOOTNOTE_BLOCK = re.compile(rf"^(?:[{SUPERSCRIPT_DIGITS}]+|<sup>\d+</sup>)\s+(.*)$")
# "- ", "  - ", and the "- o " the annex uses for second-level bullets; "#" headings.
LINE_MARKERS = re.compile(r"^(?:#+\s*|-\s+o\s+|-\s*)")


def _example_text(line: str) -> str:
    """One printed line as a reader sees it: no markdown, no footnote calls."""
    line = LINE_MARKERS.sub("", line.strip())
    line = FOOTNOTE_CALL.sub("", line)
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # [text](url) → text
    line = re.sub(r"<(https?://[^>]+)>", r"\1", line)  # <url> → url
    line = line.replace("*", "")
    return " ".join(line.split())


def _example_lines(filename: str, start: str) -> tuple[list[str], list[str]]:
    """The body lines and the footnote texts of an example, from the line starting ``start``.

    Page furniture is left out: the "---" rule above a page's footnotes, and footnote texts
    wherever a page break put them (they are checked against the footnote list instead).
    """
    text = (EXAMPLES / filename).read_text(encoding="utf-8")
    body, footnotes = [], []
    for line in text[text.index(start) :].splitlines():
        if line.strip() == "---":
            continue
        block = FOOTNOTE_BLOCK.match(line.strip())
        target, line = (footnotes, block.group(1)) if block else (body, line)
        if cleaned := _example_text(line):
            target.append(cleaned)
    return body, footnotes


def _page_text(fragment: str) -> str:
    """Visible text of a fragment of the page, footnote call numbers left out."""
    fragment = re.sub(r'<sup class="fn-call">.*?</sup>', "", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _missing_in_order(lines: list[str], text: str) -> list[str]:
    """The lines not found in ``text`` each after the one before."""
    missing, position = [], 0
    for line in lines:
        found = text.find(line, position)
        if found < 0:
            missing.append(line)
        else:
            position = found + len(line)
    return missing


@pytest.mark.parametrize(
    "code, example, start",
    [
        ("BMS7", "bms7-2021-chair-letter-and-annexes.md", "DRAFT 1, 10 June 2021"),
        ("BMS6", "bms6-2016-chair-letter-and-draft-1.md", "**i. Consideration"),
    ],
)
def test_demo_draft_page_holds_every_line_of_the_circulated_draft_in_order(
    client, db, code, example, start
):
    if not EXAMPLES.is_dir():
        pytest.skip(f"the circulated examples are not beside the repository ({EXAMPLES})")
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=io.StringIO())
    version = Version.objects.get(document__meeting__code=code, slug="draft-1")
    body, footnotes = _example_lines(example, start)

    document = _document(client.get(version.get_absolute_url()))
    split = document.find('<section class="footnotes"')
    page_body, page_footnotes = (
        (document[:split], document[split:]) if split >= 0 else (document, "")
    )

    assert len(body) > 50
    assert _missing_in_order(body, _page_text(page_body)) == []
    assert _missing_in_order(footnotes, _page_text(page_footnotes)) == []


def test_a_draft_nested_two_hundred_levels_deep_renders_on_its_page(client, factory):
    meeting = factory.make_meeting()
    node = Node(kind=PARAGRAPH, text="Level 200")
    for level in range(199, 0, -1):
        node = Node(kind=PARAGRAPH, text=f"Level {level}", children=[node])
    version = factory.make_version(factory.make_document(meeting), tree=Tree(nodes=[node]))
    client.force_login(factory.make_member(meeting, Role.DELEGATION))

    document = _document(client.get(version.get_absolute_url()))

    assert "Level 200" in document
    assert document.count("<ul>") == document.count("</ul>") == 200
