"""python manage.py import_outline FILE --meeting CODE [--label L] [--date YYYY-MM-DD]"""

import datetime
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from drafting.actions import ImportOutline, Refusal
from drafting.limits import MAX_LABEL
from drafting.outline import OutlineError
from meetings.models import Meeting

# A meeting code goes into every address of the meeting (/meetings/BMS7/…).
MEETING_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def iso_date(value: str | None) -> datetime.date | None:
    """The ``--date`` option as a date; refused in words unless it is YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--date {value!r} is not a date written YYYY-MM-DD on a day that exists, "
            "such as 2021-06-10"
        ) from None


def meeting_code(value: str) -> str:
    """The ``--meeting`` option, refused in words unless it can be a meeting's code."""
    longest = Meeting._meta.get_field("code").max_length
    if len(value) > longest:
        raise CommandError(
            f"--meeting: a meeting code (such as BMS7) can be at most {longest} characters; "
            f"this one has {len(value)}"
        )
    if not MEETING_CODE.fullmatch(value):
        raise CommandError(
            f"--meeting {value!r} is not a meeting code: use letters, digits, '.', '-' "
            "or '_', starting with a letter or digit, such as BMS7"
        )
    return value


def label(value: str | None) -> str | None:
    """The ``--label`` option, refused in words when it is too long to store."""
    if value is not None and len(value) > MAX_LABEL:
        raise CommandError(
            f"--label: a label can be at most {MAX_LABEL} characters; this one has {len(value)}"
        )
    return value


class Command(BaseCommand):
    help = (
        "Add an outline file (see the README) as an issued version of a "
        "meeting's outcome document, all or nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="the outline file (UTF-8 Markdown)")
        parser.add_argument("--meeting", required=True, help="meeting code, such as BMS7")
        parser.add_argument("--label", help="version label; overrides the file's 'label'")
        parser.add_argument("--date", help="issue date, YYYY-MM-DD; overrides the file's")

    def handle(self, *args, **options) -> None:
        # Checked here rather than as argparse types: call_command() hands keyword options
        # over unconverted, and a type's CommandError escapes run_from_argv as a traceback.
        code = meeting_code(options["meeting"])
        action = ImportOutline(
            text=self.read(options["file"]),
            meeting_code=code,
            label=label(options["label"]),
            date=iso_date(options["date"]),
        )
        try:
            version = action.execute()
        except OutlineError as error:
            raise CommandError(f"{options['file']}, {error}") from error
        except Refusal as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Imported “{version.label}” into {code}: "
            f"{len(action.tree)} elements, {len(action.tree.footnotes)} footnotes."
        )

    def read(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {path}: {error}") from error
