"""The Bureau: seats per regional group, nominations, and what is filled and missing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from consultations.bureau import Bureau, NominateToBureau, SetBureauSeats
from meetings.actions import Refusal
from meetings.models import Meeting, Membership, RegionalGroup, State
from tests.refusals import problems_of

Role = Membership.Role
JUNE_10 = datetime.date(2021, 6, 10)


@pytest.fixture
def bms7(db):
    call_command("load_demo", "--with-demo-accounts-in-production", stdout=StringIO())
    return Meeting.objects.get(code="BMS7")


def keeper(meeting):
    return Membership.objects.get(meeting=meeting, role=Role.SECRETARIAT).user


def group(short_name):
    return RegionalGroup.objects.get(short_name=short_name)


def test_bms7_bureau_as_the_letter_of_10_june_2021_reports_it(bms7):
    bureau = Bureau.of(bms7)
    summary = {
        part.group.short_name: (part.seats, [n.state.name for n in part.nominations], part.missing)
        for part in bureau.groups
    }
    assert summary == {
        "AG": (2, ["Algeria"], 1),  # Kenya chairs: the African group has two seats
        "APG": (3, ["Philippines"], 2),
        "EEG": (3, ["Hungary", "Latvia"], 1),
        "GRULAC": (3, [], 3),
        "WEOG": (3, ["Germany"], 2),
    }
    assert (bureau.seats, bureau.filled, bureau.missing) == (14, 5, 9)


def test_a_state_of_another_group_is_refused_in_plain_words(bms7):
    action = NominateToBureau(
        meeting=bms7,
        user=keeper(bms7),
        state=State.objects.get(name="Brazil"),
        group=group("WEOG"),
        nominated_on=JUNE_10,
    )
    assert problems_of(action) == [
        "Brazil is in the Latin American and Caribbean States group, so the "
        "Western European and other States group cannot nominate it."
    ]
    with pytest.raises(Refusal):
        action.execute()


def test_a_state_in_no_group_is_refused(bms7):
    usa = State.objects.get(name="United States of America")
    problems = problems_of(
        NominateToBureau(
            meeting=bms7, user=keeper(bms7), state=usa, group=group("WEOG"), nominated_on=JUNE_10
        )
    )
    assert problems == [
        "United States of America belongs to no regional group, so the "
        "Western European and other States group cannot nominate it."
    ]


def test_a_group_cannot_exceed_its_seats(bms7):
    user = keeper(bms7)
    NominateToBureau(
        meeting=bms7,
        user=user,
        state=State.objects.get(name="Estonia"),
        group=group("EEG"),
        nominated_on=JUNE_10,
    ).execute()
    problems = problems_of(
        NominateToBureau(
            meeting=bms7,
            user=user,
            state=State.objects.get(name="Poland"),
            group=group("EEG"),
            nominated_on=JUNE_10,
        )
    )
    assert problems == [
        "The Eastern European States group has already filled its 3 seats; withdraw a "
        "nomination first or change the number of seats."
    ]
    kenya_group = NominateToBureau(
        meeting=bms7,
        user=user,
        state=State.objects.get(name="Egypt"),
        group=group("AG"),
        nominated_on=JUNE_10,
    )
    kenya_group.execute()
    assert (
        "already filled its 2 seats"
        in problems_of(
            NominateToBureau(
                meeting=bms7,
                user=user,
                state=State.objects.get(name="Ghana"),
                group=group("AG"),
                nominated_on=JUNE_10,
            )
        )[0]
    )


def test_seats_can_change_but_not_below_the_nominations(bms7):
    user = keeper(bms7)
    SetBureauSeats(meeting=bms7, user=user, seats={group("GRULAC"): 4}).execute()
    assert Bureau.of(bms7).of_group(group("GRULAC")).seats == 4
    assert problems_of(SetBureauSeats(meeting=bms7, user=user, seats={group("EEG"): 1})) == [
        "The Eastern European States group has already nominated 2; withdraw a nomination "
        "before lowering its seats to 1."
    ]


def test_a_delegation_cannot_keep_the_bureau(bms7):
    delegation = Membership.objects.get(meeting=bms7, role=Role.DELEGATION).user
    problems = problems_of(
        NominateToBureau(
            meeting=bms7,
            user=delegation,
            state=State.objects.get(name="Chile"),
            group=group("GRULAC"),
            nominated_on=JUNE_10,
        )
    )
    assert problems == ["Only the secretariat and the chair's team keep the Bureau list."]


def test_the_page_refuses_a_wrong_group_and_keeps_what_was_chosen(bms7, client):
    client.force_login(keeper(bms7))
    brazil = State.objects.get(name="Brazil")
    response = client.post(
        reverse("bureau-nominate", args=["BMS7"]),
        {"state": brazil.pk, "regional_group": group("WEOG").pk, "nominated_on": "2021-06-12"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Brazil is in the Latin American and Caribbean States group" in page
    assert f'<option value="{brazil.pk}" selected>Brazil (GRULAC)</option>' in page
    assert 'value="2021-06-12"' in page


def test_the_page_records_and_withdraws_a_nomination(bms7, client):
    client.force_login(keeper(bms7))
    chile = State.objects.get(name="Chile")
    response = client.post(
        reverse("bureau-nominate", args=["BMS7"]),
        {"state": chile.pk, "regional_group": group("GRULAC").pk, "nominated_on": "2021-06-12"},
    )
    assert response.status_code == 302
    nomination = bms7.bureau_nominations.get(state=chile)
    page = client.get(reverse("bureau", args=["BMS7"])).content.decode()
    assert "6 of 14 seats filled; 8 still to be nominated" in page
    client.post(reverse("bureau-withdraw", args=["BMS7", nomination.pk]))
    assert not bms7.bureau_nominations.filter(state=chile).exists()
