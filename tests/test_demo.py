"""``load_demo``: the demo meetings and both example drafts, complete, loaded once.

The expected numbers were counted by hand from the two real example documents in
/work/shared/examples (Draft 1 of BMS6, 20 April 2016; Annex 3 of the BMS7 letter,
10 June 2021).
"""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from drafting.models import Element, Footnote, OutcomeDocument, Version
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from meetings.models import Meeting, RegionalGroup, State

EXPECTED = {
    "BMS6": {
        "agenda items": ["i.", "II.", "III.", "IV."],
        "headings": 21,
        "headings at level 1": 6,  # National / Regional / Global implementation, 3 × Way Forward
        "headings at level 2": 15,
        "paragraphs": 99,
        "placeholders": 16,
        "sub-bullets": 26,
        "third-level bullets": 3,  # under "Technical and financial assistance …"
        "chapeau paragraphs": 0,
        "paragraphs per agenda item": {"i.": 60, "II.": 17, "III.": 22, "IV.": 0},
        "footnotes": 4,
    },
    "BMS7": {
        "agenda items": ["A.", "B.", "C.", "D.", "E."],
        "headings": 19,
        "headings at level 1": 6,  # 2 × "… in the context of …", 4 × The Way Forward
        "headings at level 2": 13,  # the numbered headings 1.–7., 1.–4., 1.–2.
        "paragraphs": 121,
        "placeholders": 17,
        "sub-bullets": 19,
        "third-level bullets": 0,
        "chapeau paragraphs": 7,
        "paragraphs per agenda item": {"A.": 69, "B.": 20, "C.": 23, "D.": 2, "E.": 0},
        "footnotes": 5,
    },
}


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=out)
    return out.getvalue()


def draft_1(code: str) -> Version:
    return Version.objects.get(document__meeting__code=code, slug="draft-1")


def bullet_depths(nodes: list[Node], depth: int = 0) -> list[int]:
    """How deep each paragraph sits among paragraphs (0 for a bullet that is not nested)."""
    depths = []
    for node in nodes:
        if node.kind == PARAGRAPH:
            depths.append(depth)
            depths += bullet_depths(node.children, depth + 1)
        else:
            depths += bullet_depths(node.children, depth)
    return depths


def counts(tree: Tree) -> dict[str, object]:
    nodes = [node for node, _depth in tree.walk()]
    depths = Counter(bullet_depths(tree.nodes))
    items = [node for node in tree.nodes if node.kind == AGENDA_ITEM]
    levels = Counter(node.level for node in nodes if node.kind == HEADING)
    return {
        "agenda items": [item.designation for item in items],
        "headings": sum(levels.values()),
        "headings at level 1": levels[1],
        "headings at level 2": levels[2],
        "paragraphs": sum(depths.values()),
        "placeholders": sum(node.is_placeholder for node in nodes),
        "sub-bullets": depths[1] + depths[2],
        "third-level bullets": depths[2],
        "chapeau paragraphs": sum(node.kind == PARAGRAPH for node in tree.nodes),
        "paragraphs per agenda item": {
            item.designation: len(bullet_depths(item.children)) for item in items
        },
        "footnotes": len(tree.footnotes),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("code", EXPECTED)
def test_every_element_of_the_example_drafts_is_loaded(code):
    load_demo()

    assert counts(draft_1(code).tree()) == EXPECTED[code]


@pytest.mark.django_db
def test_demo_drafts_are_issued_with_their_labels_dates_and_notes():
    load_demo()

    bms6, bms7 = draft_1("BMS6"), draft_1("BMS7")
    assert bms6.is_issued and bms7.is_issued
    assert bms6.running_label == "DRAFT 1, 20 April 2016"
    assert bms7.running_label == "DRAFT 1, 10 June 2021"
    assert bms7.title.startswith("Outcome of the Seventh Biennial Meeting of States")
    assert bms7.note == (
        "The below is without prejudice to the agreement of the agenda items for BMS7. "
        "All agenda items are bracketed."
    )


@pytest.mark.django_db
def test_demo_drafts_keep_brackets_headings_and_footnotes_as_in_the_source():
    load_demo()
    tree = draft_1("BMS7").tree()
    numbers = tree.footnote_numbers()

    item_a = next(node for node in tree.nodes if node.designation == "A.")
    assert item_a.text.startswith("[Consideration of the implementation")
    assert "unauthorized recipients.]]<fn-ref" in item_a.text
    numbered = [(n.designation, n.text) for n in item_a.children if n.kind == HEADING]
    assert numbered[1] == ("1.", "<em>Effective national controls</em>")
    item_c = next(node for node in tree.nodes if node.designation == "C.")
    assert "fellowship training programme on small arms" in item_c.text
    assert ("1.", "Cooperation") in [(n.designation, n.text) for n in item_c.children]
    assert list(numbers.values()) == [1, 2, 3, 4, 5]
    assert all(
        'href="https://meetings.unoda.org/section/poa-bms7-2021_informal-consultations/"' in text
        for text in tree.footnotes.values()
    )


@pytest.mark.django_db
def test_demo_meetings_have_their_chairs_and_dates():
    load_demo()

    bms6, bms7 = Meeting.objects.get(code="BMS6"), Meeting.objects.get(code="BMS7")
    assert bms6.title.startswith("Sixth Biennial Meeting of States to Consider")
    assert bms6.start_date == datetime.date(2016, 6, 6)
    assert bms6.end_date == datetime.date(2016, 6, 10)
    assert (bms6.chair_name, bms6.chair_state.name) == ("E. Courtenay Rattray", "Jamaica")
    assert bms7.chair_title == (
        "Ambassador and Permanent Representative of the Republic of Kenya to the United Nations"
    )
    assert (bms7.chair_name, bms7.venue) == ("Martin Kimani, PhD, EBS", "New York")
    assert bms7.chair_state.regional_group.short_name == "AG"
    assert RegionalGroup.objects.count() == 5
    assert State.objects.get(name="Jamaica").regional_group.short_name == "GRULAC"


@pytest.mark.django_db
def test_second_load_demo_changes_nothing_and_says_so():
    models = (RegionalGroup, State, Meeting, OutcomeDocument, Version, Element, Footnote)
    load_demo()
    before = [model.objects.count() for model in models]

    output = load_demo()

    assert [model.objects.count() for model in models] == before
    assert "nothing changed" in output


def test_load_demo_refuses_to_run_with_debug_off_and_says_how(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError) as refused:
        call_command("load_demo", stdout=StringIO())

    assert "DEBUG is off" in str(refused.value)
    assert "--with-demo-accounts-in-production" in str(refused.value)
    assert not Meeting.objects.exists()


def test_load_demo_runs_with_debug_on(db, settings):
    settings.DEBUG = True

    call_command("load_demo", stdout=StringIO())

    assert Meeting.objects.filter(code="BMS7").exists()
