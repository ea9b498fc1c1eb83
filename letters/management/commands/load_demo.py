"""python manage.py load_demo: the demo meetings and their drafts; safe to run again.

The command runs ``STEPS`` in order, in one transaction. Each step makes what is missing
and returns one line per thing it made, so a second run makes nothing and says so. It lives
in the top layer (letters) because it loads every layer's demo data; each app keeps its own
steps in its ``demo.py``.
"""

from collections.abc import Callable

from django.core.management.base import BaseCommand
from django.db import transaction

from consultations.demo import load_bureau, load_schedule
from drafting.demo import load_drafts, publish_drafts
from letters.demo import load_letters
from meetings.demo import load_meetings, load_regional_groups, load_states, load_users

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
