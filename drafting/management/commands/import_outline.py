"""python manage.py import_outline FILE --meeting CODE [--label L] [--date YYYY-MM-DD]"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from drafting.actions import ImportOutline, Refusal
from drafting.outline import OutlineError


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date written YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Add an outline file (see the README) as an issued version of a "
        "meeting's outcome document, all or nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="the outline file (UTF-8 Markdown)")
        parser.add_argument("--meeting", required=True, help="meeting code, such as BMS7")
        parser.add_argument("--label", help="version label; overrides the file's 'label'")
        parser.add_argument("--date", type=iso_date, help="issue date; overrides the file's")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        action = ImportOutline(
            text=text, meeting_code=options["meeting"], label=options["label"], date=options["date"]
        )
        try:
            version = action.execute()
        except OutlineError as error:
            raise CommandError(f"{path}, {error}") from error
        except Refusal as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Imported “{version.label}” into {options['meeting']}: "
            f"{len(action.tree)} elements, {len(action.tree.footnotes)} footnotes."
        )
