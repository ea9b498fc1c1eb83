"""python manage.py import_docx FILE --meeting CODE [--label L] [--date YYYY-MM-DD]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from drafting.actions import Refusal
from drafting.docx import DocxError
from drafting.docx_versions import ImportDocx
from drafting.management.commands.import_outline import iso_date, label, meeting_code


class Command(BaseCommand):
    help = (
        "Add a Word file (.docx) as an issued version of a meeting's outcome document, all "
        "or nothing; tracked changes in it are read as accepted (see the README)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="the Word file (.docx)")
        parser.add_argument("--meeting", required=True, help="meeting code, such as BMS7")
        parser.add_argument("--label", help="version label; overrides the file's")
        parser.add_argument("--date", help="issue date, YYYY-MM-DD; overrides the file's")

    def handle(self, *args, **options) -> None:
        # Checked here rather than as argparse types, as import_outline does.
        code = meeting_code(options["meeting"])
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        action = ImportDocx(
            data=data,
            meeting_code=code,
            label=label(options["label"]),
            date=iso_date(options["date"]),
        )
        try:
            version = action.execute()
        except DocxError as error:
            raise CommandError(f"{path}: {error}") from error
        except Refusal as error:
            raise CommandError(str(error)) from error
        for warning in action.warnings:
            self.stderr.write(f"Note: {warning}")
        self.stdout.write(
            f"Imported “{version.label}” into {code}: "
            f"{len(action.tree)} elements, {len(action.tree.footnotes)} footnotes."
        )
