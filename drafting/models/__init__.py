"""The records of the outcome document: ``versions`` (the document, its versions and their
publication) and ``elements`` (each version's tree and footnotes)."""

from .elements import Element, Footnote, FrozenGuardMixin, FrozenGuardQuerySet
from .versions import (
    ChangeKind,
    OutcomeDocument,
    Publication,
    Version,
    VersionFrozen,
    VersionQuerySet,
    trees_of,
)

__all__ = [
    "ChangeKind",
    "Element",
    "Footnote",
    "FrozenGuardMixin",
    "FrozenGuardQuerySet",
    "OutcomeDocument",
    "Publication",
    "Version",
    "VersionFrozen",
    "VersionQuerySet",
    "trees_of",
]
