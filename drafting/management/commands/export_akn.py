"""python manage.py export_akn --meeting CODE --label L -o FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import slugify

from drafting.akn import schema_errors
from drafting.akn_versions import export_akn
from drafting.models import Version


class Command(BaseCommand):
    help = (
        "Write a version of a meeting's outcome document as Akoma Ntoso 3.0 XML (AKN4UN), "
        "checked against the OASIS schema."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--meeting", required=True, help="Meeting code, such as BMS7.")
        parser.add_argument("--label", required=True, help="Version label, such as “Draft 1”.")
        parser.add_argument("-o", "--output", required=True, type=Path, help="XML file to write.")

    def handle(
        self, *args: object, meeting: str, label: str, output: Path, **options: object
    ) -> None:
        try:
            version = Version.objects.select_related("document__meeting").get(
                document__meeting__code=meeting, slug=slugify(label)
            )
        except Version.DoesNotExist:
            raise CommandError(f"{meeting} has no version labelled “{label}”.") from None
        content = export_akn(version)
        problems = schema_errors(content)
        if problems:
            raise CommandError("The export does not validate:\n" + "\n".join(problems))
        output.write_bytes(content)
        self.stdout.write(f"Wrote {output} ({len(content) // 1024} KB), valid Akoma Ntoso 3.0.")
