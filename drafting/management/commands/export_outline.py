"""python manage.py export_outline --meeting CODE --label L"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from drafting.models import Version
from drafting.outline_versions import export_outline


class Command(BaseCommand):
    help = "Print a stored version of a meeting's outcome document as an outline file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--meeting", required=True, help="meeting code, such as BMS7")
        parser.add_argument("--label", required=True, help="version label, such as 'Draft 1'")

    def handle(self, *args, **options) -> None:
        version = (
            Version.objects.filter(
                document__meeting__code=options["meeting"], slug=slugify(options["label"])
            )
            .select_related("document__meeting")
            .first()
        )
        if version is None:
            raise CommandError(
                f"{options['meeting']} has no version labelled “{options['label']}”."
            )
        self.stdout.write(export_outline(version), ending="")
