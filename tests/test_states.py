"""The States of the demo data: every Member State and observer State, with its regional
group as the UN's Department for General Assembly and Conference Management lists it."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from meetings.demo import read_states
from meetings.models import RegionalGroup, State


@pytest.fixture
def demo(db):
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())


def test_loading_the_states_says_where_they_come_from(db):
    out = StringIO()
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=out)
    said = [line for line in out.getvalue().splitlines() if "States from fixtures" in line]
    assert said == [
        "Made 195 States from fixtures/states.csv (source: United Nations Department for "
        "General Assembly and Conference Management, “United Nations Regional Groups of "
        "Member States”, https://www.un.org/dgacm/en/content/regional-groups)"
    ]


def test_193_member_states_and_2_observer_states(demo):
    assert State.objects.filter(status=State.Status.MEMBER).count() == 193
    observers = State.objects.filter(status=State.Status.OBSERVER)
    assert set(observers.values_list("name", flat=True)) == {"Holy See", "State of Palestine"}
    assert not observers.filter(regional_group__isnull=False).exists()


def test_group_counts_follow_the_source(demo):
    members = State.objects.filter(status=State.Status.MEMBER)
    counts = Counter(members.values_list("regional_group__short_name", flat=True))
    # Asia-Pacific: 54 with Kiribati (the 53 often quoted predates Kiribati joining);
    # WEOG: 28 without the United States, which is in no group.
    assert counts == {"AG": 54, "APG": 54, "EEG": 23, "GRULAC": 33, "WEOG": 28, None: 1}


def test_special_cases(demo):
    group = dict(State.objects.values_list("name", "regional_group__short_name"))
    assert group["United States of America"] is None
    assert group["Israel"] == "WEOG"
    assert group["Türkiye"] == "WEOG"
    assert group["Kiribati"] == "APG"
    assert group["Kenya"] == "AG" and group["Algeria"] == "AG"


def test_loading_twice_reuses_groups_and_states(demo):
    out = StringIO()
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert RegionalGroup.objects.count() == 5
    assert State.objects.count() == 195


def test_every_row_names_a_known_group_and_no_state_twice():
    rows = read_states()
    assert {row["group"] for row in rows} == {"AG", "APG", "EEG", "GRULAC", "WEOG", ""}
    assert len({row["name"] for row in rows}) == len(rows) == 195
