"""What the version commands share: finding a version by the label a person types."""

from __future__ import annotations

from django.core.management.base import CommandError

from drafting.models import Version


def version_for(meeting: str, label: str) -> Version:
    """The version of ``meeting`` labelled ``label`` (any case) or with that address;
    ``CommandError`` naming the versions there are otherwise."""
    versions = Version.objects.filter(document__meeting__code=meeting).select_related(
        "document__meeting"
    )
    version = versions.filter(label__iexact=label).first() or versions.filter(slug=label).first()
    if version is None:
        known = ", ".join(versions.values_list("label", flat=True)) or "none"
        raise CommandError(f"{meeting} has no version labelled “{label}” (versions: {known}).")
    return version
