"""python manage.py compare --meeting CODE --from LABEL --to LABEL --format json|text|html"""

import json

from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from drafting import diff
from drafting.management.versions import version_for
from drafting.models import Version
from drafting.rendering import redline_html, report
from drafting.rendering.redline import Redline


def _version_json(version: Version) -> dict[str, object]:
    return {
        "meeting": version.document.meeting.code,
        "label": version.label,
        "slug": version.slug,
        "kind": version.kind,
        "status": version.status,
        "date": version.date.isoformat() if version.date else None,
    }


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
            data = report.as_json(
                change_set, _version_json(old_version), _version_json(new_version)
            )
            output = json.dumps(data, indent=2, ensure_ascii=False)
        elif format == "text":
            output = report.as_text(change_set)
        else:
            redline = Redline(old_tree, new_tree, change_set)
            links = redline_html.Links(
                old_version.label, new_version.label, total=len(change_set.changes)
            )
            output = render_to_string(
                "drafting/compare_standalone.html",
                {
                    "old_version": old_version,
                    "new_version": new_version,
                    "summary": change_set.summary,
                    "body": redline_html.inline_html(redline, redline.rows, links),
                    "footnotes": redline_html.footnotes_html(redline.footnotes, links),
                    "css": report.stylesheet(),
                },
            )
        self.stdout.write(output)
