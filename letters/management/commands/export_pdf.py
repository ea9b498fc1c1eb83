"""python manage.py export_pdf --meeting BMS7 (--letter KMUN/SEC/6 | --label "Draft 1") -o FILE"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from drafting.models import Version
from letters import pdf
from letters.models import Letter


class Command(BaseCommand):
    help = (
        "Write the PDF of a letter with its annexes (--letter: its reference number or its "
        "date, 2021-06-10) or of a version (--label) to a file. Sent letters and issued "
        "versions come from the stored PDF."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--meeting", required=True, help="Meeting code, such as BMS7.")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--letter", help="Reference number or date (YYYY-MM-DD).")
        which.add_argument("--label", help="Version label, such as “Draft 1”.")
        parser.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write.")

    def handle(
        self, *args, meeting: str, letter: str | None, label: str | None, output: Path, **options
    ) -> None:
        content = self._letter(meeting, letter) if letter else self._version(meeting, label)
        output.write_bytes(content)
        self.stdout.write(f"Wrote {output} ({len(content) // 1024} KB).")

    def _letter(self, meeting: str, reference: str) -> bytes:
        by_date = Q(date=reference) if _is_date(reference) else Q()
        letters = Letter.objects.filter(Q(reference=reference) | by_date, meeting__code=meeting)
        found = letters.select_related("meeting", "letterhead").first()
        if found is None:
            raise CommandError(f"{meeting} has no letter with reference or date “{reference}”.")
        return pdf.letter_pdf(found)

    def _version(self, meeting: str, label: str) -> bytes:
        found = (
            Version.objects.filter(document__meeting__code=meeting, label__iexact=label)
            .select_related("document__meeting")
            .first()
        )
        if found is None:
            raise CommandError(f"{meeting} has no version labelled “{label}”.")
        return pdf.version_pdf(found)


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True
