"""python manage.py export_docx --meeting CODE (--label L | --from L1 --to L2) -o FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from drafting.diff import compare
from drafting.docx import comparison_docx, version_docx
from drafting.docx_versions import docx_meta
from drafting.management.versions import version_for


class Command(BaseCommand):
    help = (
        "Write a version (--label) as a Word file, or the later of two versions (--from, "
        "--to) with the differences from the earlier one as tracked changes."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--meeting", required=True, help="meeting code, such as BMS7")
        parser.add_argument("--label", help="the version to write, such as 'Draft 1'")
        parser.add_argument("--from", dest="old", help="the earlier version of a comparison")
        parser.add_argument("--to", dest="new", help="the later version of a comparison")
        parser.add_argument("-o", "--output", required=True, type=Path, help=".docx file to write")

    def handle(
        self, *args, meeting: str, label: str | None, old: str | None, new: str | None,
        output: Path, **options,
    ) -> None:  # fmt: skip
        if label and not (old or new):
            version = version_for(meeting, label)
            content = version_docx(version.tree(), docx_meta(version))
        elif old and new and not label:
            earlier, later = version_for(meeting, old), version_for(meeting, new)
            old_tree, new_tree = earlier.tree(), later.tree()
            changes = compare(old_tree, new_tree)
            content = comparison_docx(old_tree, new_tree, changes, docx_meta(later))
        else:
            raise CommandError("Give either --label, or both --from and --to.")
        output.write_bytes(content)
        self.stdout.write(f"Wrote {output} ({len(content) // 1024} KB).")
