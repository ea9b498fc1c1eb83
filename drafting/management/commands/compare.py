"""python manage.py compare --meeting CODE --from LABEL --to LABEL --format json|text|html"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from drafting import diff, redline
from drafting.models import Version


class Command(BaseCommand):
    help = "Print the changes between two versions of a meeting's outcome document."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--meeting", required=True, help="Meeting code, such as BMS7.")
        parser.add_argument(
            "--from", dest="old", required=True, help="Label of the earlier version."
        )
        parser.add_argument("--to", dest="new", required=True, help="Label of the later version.")
        parser.add_argument("--format", choices=["json", "text", "html"], default="text")

    def _version(self, meeting: str, label: str) -> Version:
        versions = Version.objects.filter(document__meeting__code=meeting).select_related(
            "document__meeting"
        )
        version = (
            versions.filter(label__iexact=label).first() or versions.filter(slug=label).first()
        )
        if version is None:
            known = ", ".join(versions.values_list("label", flat=True)) or "none"
            raise CommandError(f"{meeting} has no version labelled “{label}” (versions: {known}).")
        return version

    def handle(self, *args, meeting: str, old: str, new: str, format: str, **options) -> None:
        old_version, new_version = self._version(meeting, old), self._version(meeting, new)
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
