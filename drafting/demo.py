"""Demo steps of ``manage.py load_demo`` for drafting: the Draft 1 of each demo meeting,
issued from its outline in ``fixtures/`` and published, as both were circulated publicly.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.text import slugify

from .actions import ImportOutline
from .models import Publication, Version

FIXTURES = settings.BASE_DIR / "fixtures"

# (meeting code, label, outline file in fixtures/)
DRAFTS = [
    ("BMS6", "Draft 1", "bms6-draft-1.md"),
    ("BMS7", "Draft 1", "bms7-draft-1.md"),
]


def load_drafts() -> list[str]:
    made = []
    for code, label, filename in DRAFTS:
        if Version.objects.filter(document__meeting__code=code, slug=slugify(label)).exists():
            continue
        text = (FIXTURES / filename).read_text(encoding="utf-8")
        ImportOutline(text=text, meeting_code=code, label=label).execute()
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
