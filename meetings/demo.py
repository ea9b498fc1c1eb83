"""Demo steps of ``manage.py load_demo`` for the base layer: the regional groups, every
State with its group (``fixtures/states.csv``), the meetings BMS6 and BMS7, and one demo
account per role in each.

Each step makes what is missing and returns one line per thing made.
"""

from __future__ import annotations

import csv
import datetime

from django.conf import settings
from django.contrib.auth.models import User

from .models import Meeting, Membership, RegionalGroup, State

STATES_CSV = settings.BASE_DIR / "fixtures" / "states.csv"
STATES_SOURCE = (
    "United Nations Department for General Assembly and Conference Management, "
    "“United Nations Regional Groups of Member States”, "
    "https://www.un.org/dgacm/en/content/regional-groups"
)

REGIONAL_GROUPS = [
    ("African States", "AG"),
    ("Asia-Pacific States", "APG"),
    ("Eastern European States", "EEG"),
    ("Latin American and Caribbean States", "GRULAC"),
    ("Western European and other States", "WEOG"),
]

POA_TITLE = (
    "Biennial Meeting of States to Consider the Implementation of the Programme of Action "
    "to Prevent, Combat and Eradicate the Illicit Trade in Small Arms and Light Weapons "
    "in All Its Aspects"
)

MEETINGS = [
    {
        "code": "BMS6",
        "title": f"Sixth {POA_TITLE}",
        "start_date": datetime.date(2016, 6, 6),
        "end_date": datetime.date(2016, 6, 10),
        "venue": "New York",
        "chair_name": "E. Courtenay Rattray",
        "chair_title": "Ambassador/Permanent Representative of Jamaica to the United Nations",
        "chair_state": "Jamaica",
    },
    {
        "code": "BMS7",
        "title": f"Seventh {POA_TITLE}",
        "start_date": datetime.date(2021, 7, 26),
        "end_date": datetime.date(2021, 7, 30),
        "venue": "New York",
        "chair_name": "Martin Kimani, PhD, EBS",
        "chair_title": (
            "Ambassador and Permanent Representative of the Republic of Kenya to the United Nations"
        ),
        "chair_state": "Kenya",
    },
]


# (meeting code, label, outline file in fixtures/)
def load_regional_groups() -> list[str]:
    made = []
    for name, short_name in REGIONAL_GROUPS:
        _group, created = RegionalGroup.objects.get_or_create(
            short_name=short_name, defaults={"name": name}
        )
        if created:
            made.append(f"regional group {name}")
    return made


def load_meetings() -> list[str]:
    made = []
    for fields in MEETINGS:
        defaults = {**fields, "chair_state": State.objects.get(name=fields["chair_state"])}
        code = defaults.pop("code")
        _meeting, created = Meeting.objects.get_or_create(code=code, defaults=defaults)
        if created:
            made.append(f"meeting {code}")
    return made


def read_states() -> list[dict[str, str]]:
    """The rows of fixtures/states.csv (name, status, group), its comment header skipped."""
    with STATES_CSV.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(line for line in file if not line.startswith("#")))


def load_states() -> list[str]:
    groups = {group.short_name: group for group in RegionalGroup.objects.all()}
    existing = set(State.objects.values_list("name", flat=True))
    rows = [row for row in read_states() if row["name"] not in existing]
    State.objects.bulk_create(
        State(name=row["name"], status=row["status"], regional_group=groups.get(row["group"]))
        for row in rows
    )
    if not rows:
        return []
    return [f"{len(rows)} States from fixtures/states.csv (source: {STATES_SOURCE})"]


# One password for every demo account (listed in the README); never use it elsewhere.
DEMO_PASSWORD = "draft-together"


def load_users() -> list[str]:
    """For each demo meeting: chair-<code> (chair's team), secretariat-<code> and
    delegation-germany-<code> (a delegation of Germany)."""
    made = []
    germany, created = State.objects.get_or_create(
        name="Germany", defaults={"regional_group": RegionalGroup.objects.get(short_name="WEOG")}
    )
    if created:
        made.append("State Germany")
    for fields in MEETINGS:
        meeting = Meeting.objects.get(code=fields["code"])
        code = meeting.code.lower()
        for username, role, state in [
            (f"chair-{code}", Membership.Role.CHAIR_TEAM, None),
            (f"secretariat-{code}", Membership.Role.SECRETARIAT, None),
            (f"delegation-germany-{code}", Membership.Role.DELEGATION, germany),
        ]:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            _membership, joined = Membership.objects.get_or_create(
                user=user, meeting=meeting, defaults={"role": role, "state": state}
            )
            if created or joined:
                made.append(f"user {username} ({role.label} in {meeting.code})")
    return made
