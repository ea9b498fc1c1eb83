"""python manage.py load_demo: the demo meetings and their drafts; safe to run again.

The command runs ``STEPS`` in order, in one transaction. Each step makes what is missing
and returns one line per thing it made, so a second run makes nothing and says so. To
load more demo data, write another small step and add it to ``STEPS``.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from consultations.demo_consultations import load_bureau, load_schedule, load_states
from consultations.demo_letters import load_letters
from consultations.models import Meeting, RegionalGroup, State
from drafting.models import Publication, Version
from drafting.outline_versions import ImportOutline

FIXTURES = settings.BASE_DIR / "fixtures"

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
DRAFTS = [
    ("BMS6", "Draft 1", "bms6-draft-1.md"),
    ("BMS7", "Draft 1", "bms7-draft-1.md"),
]


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


def load_drafts() -> list[str]:
    made = []
    for code, label, filename in DRAFTS:
        if Version.objects.filter(document__meeting__code=code, slug=slugify(label)).exists():
            continue
        text = (FIXTURES / filename).read_text(encoding="utf-8")
        ImportOutline(text, code, label=label).execute()
        made.append(f"{code} {label} (issued, from fixtures/{filename})")
    return made


def publish_drafts() -> list[str]:
    """Both Draft 1s were circulated publicly, so anyone may read them here too."""
    made = []
    for code, label, _filename in DRAFTS:
        version = Version.objects.get(document__meeting__code=code, slug=slugify(label))
        _publication, created = Publication.objects.get_or_create(version=version)
        if created:
            made.append(f"{code} {label} published")
    return made


# One password for every demo account (listed in the README); never use it elsewhere.
DEMO_PASSWORD = "draft-together"


def load_users() -> list[str]:
    """For each demo meeting: chair-<code> (chair's team), secretariat-<code> and
    delegation-germany-<code> (a delegation of Germany)."""
    from django.contrib.auth.models import User

    from consultations.models import Membership

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


STEPS: list[Callable[[], list[str]]] = [
    load_regional_groups,
    load_states,
    load_meetings,
    load_drafts,
    publish_drafts,
    load_users,
    load_letters,
    load_schedule,
    load_bureau,
]


class Command(BaseCommand):
    help = "Load the demo meetings BMS6 and BMS7 with their Draft 1; safe to run again."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            made = [line for step in STEPS for line in step()]
        if not made:
            self.stdout.write("The demo data is already loaded; nothing changed.")
            return
        for line in made:
            self.stdout.write(f"Made {line}")
        self.stdout.write(f"Demo data loaded: {len(made)} things made.")
