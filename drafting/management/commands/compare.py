"""python manage.py compare --meeting CODE --from LABEL --to LABEL --format json|text|html"""

import json

from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from drafting import diff, redline
from drafting.management.versions import version_for


class Command(BaseCommand):
    help = "Print the changes between two versions of a meeting's outcome document."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--meeting", required=True, help="Meeting code, such as BMS7.")
        parser.add_argument(
            "--from", dest="old", required=True, help="Label of the earlier version."
        )
        parser.add_argument("--to", dest="new", required=True, help="Label of the later version.")
        parser.add_argument("--format", choices=["json", "text", "html"], default="text")

    def handle(self, *args, meeting: str, old: str, new: str, format: str, **options) -> None:
        old_version, new_version = version_for(meeting, old), version_for(meeting, new)
        old_tree, new_tree = old_version.tree(), new_version.tree()
        change_set = diff.compare(old_tree, new_tree)
        if format == "json":
            output = json.dumps(
                redline.as_json(old_version, new_version, change_set), indent=2, ensure_ascii=False
            )
        elif format == "text":
            output = redline.as_text(change_set)
        else:
            output = render_to_string(
                "drafting/compare_standalone.html",
                {
                    "old_version": old_version,
                    "new_version": new_version,
                    "change_set": change_set,
                    "summary": change_set.summary,
                    "rows": redline.redline_rows(old_tree, new_tree, change_set),
                    "footnotes": list(redline.footnote_rows(old_tree, new_tree, change_set)),
                    "css": redline.stylesheet(),
                },
            )
        self.stdout.write(output)
