"""python manage.py load_demo: the demo meetings and their drafts; safe to run again.

The command runs ``STEPS`` in order, in one transaction. Each step makes what is missing
and returns one line per thing it made, so a second run makes nothing and says so. It lives
in the top layer (letters) because it loads every layer's demo data; each app keeps its own
steps in its ``demo.py``.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
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


PRODUCTION_FLAG = "--with-demo-accounts-in-production"


class Command(BaseCommand):
    help = "Load the demo meetings BMS6 and BMS7 with their Draft 1; safe to run again."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            PRODUCTION_FLAG,
            action="store_true",
            help="load the demo even though DEBUG is off (its accounts share a known password)",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["with_demo_accounts_in_production"]:
            raise CommandError(
                "DEBUG is off, so this may be a real server, and the demo makes accounts "
                "(chair-bms7 and others) that all share the password printed in the README. "
                f"Nothing was loaded. To load the demo here all the same, add {PRODUCTION_FLAG}."
            )
        with transaction.atomic():
            made = [line for step in STEPS for line in step()]
        if not made:
            self.stdout.write("The demo data is already loaded; nothing changed.")
            return
        for line in made:
            self.stdout.write(f"Made {line}")
        self.stdout.write(f"Demo data loaded: {len(made)} things made.")
