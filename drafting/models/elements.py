"""The element tree of one version (agenda items, headings, paragraphs) and its footnotes;
those of an issued version never change."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.history import RecordedChange

from .. import inline
from ..limits import MAX_DESIGNATION
from ..tree import AGENDA_ITEM, HEADING, PARAGRAPH, is_placeholder
from .versions import ChangeKind, Version, VersionFrozen


class FrozenGuardQuerySet(models.QuerySet):
    """Refuses bulk updates and deletes that would touch an issued version."""

    def _touches_issued(self) -> bool:
        return self.filter(version__status=Version.Status.ISSUED).exists()

    def update(self, **kwargs: object) -> int:
        if self._touches_issued():
            raise VersionFrozen()
        return super().update(**kwargs)

    def delete(self):
        if self._touches_issued():
            raise VersionFrozen()
        return super().delete()


class FrozenGuardMixin(models.Model):
    """Elements and footnotes of an issued version are never saved or deleted one by one;
    only ``Version.objects.create_from_tree`` writes them, in bulk, when the version is made."""

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        self._guard()
        self.text = inline.sanitize(self.text)
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object):
        self._guard()
        return super().delete(*args, **kwargs)

    def _guard(self) -> None:
        # A version's status is fixed when it is made (issuing makes a new version), so
        # the version already loaded with this row is as good as a fresh read.
        version = self.version
        if version.is_issued:
            raise VersionFrozen(version)

    def record(self, user, reason: str = "", **changes: object) -> None:
        """Apply ``changes``, save only those fields (never a stale copy of the others), and
        record who made them, why and what kind of change it is in the history."""
        for name, value in changes.items():
            setattr(self, name, value)
        self._history_user = user
        self._change_reason = reason or None
        self._change_kind = self.change_kind(set(changes))
        if self.pk is None or self._state.adding:
            self.save()
        else:
            self.save(update_fields=list(changes))

    def change_kind(self, fields: set[str]) -> str:
        """The kind of change that changing ``fields`` is."""
        raise NotImplementedError


class Element(FrozenGuardMixin):
    """An agenda item, a heading or a paragraph (bullet) in one version's tree."""

    class Kind(models.TextChoices):
        AGENDA_ITEM = AGENDA_ITEM, _("agenda item")
        HEADING = HEADING, _("heading")
        PARAGRAPH = PARAGRAPH, _("paragraph")

    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="elements"
    )
    key = models.UUIDField(
        _("lineage key"),
        default=uuid.uuid4,
        help_text=_("Kept by the same paragraph across versions."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position among siblings"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PARAGRAPH)
    level = models.PositiveSmallIntegerField(
        _("heading level"), default=0, help_text=_("1–3 for headings, 0 otherwise.")
    )
    designation = models.CharField(
        _("designation"),
        max_length=MAX_DESIGNATION,
        blank=True,
        help_text=_("Such as “A.”, “IV.” or “1.”."),
    )
    text = models.TextField(_("text"), blank=True)
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        help_text=_("Counts changes to the text; a save based on an older revision is a conflict."),
    )

    objects = FrozenGuardQuerySet.as_manager()
    history = HistoricalRecords(bases=[RecordedChange])

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("element")
        verbose_name_plural = _("elements")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="element_key_unique"),
            # Siblings hold positions 0, 1, 2 … once each. Checked at commit, so that a
            # renumbering may pass through duplicates; top-level elements (no parent) count
            # as siblings too. PostgreSQL only: SQLite has no deferred unique constraints.
            models.UniqueConstraint(
                fields=["version", "parent", "position"],
                name="element_position_unique",
                deferrable=models.Deferrable.DEFERRED,
                nulls_distinct=False,
            ),
        ]
        indexes = [models.Index(fields=["key"])]

    def __str__(self) -> str:
        text = inline.plain_text(self.text)
        return f"{self.designation} {text[:60]}".strip() or "–"

    @property
    def is_placeholder(self) -> bool:
        return is_placeholder(self.kind, self.text)

    def record(self, user, reason: str = "", **changes: object) -> None:
        """As ``FrozenGuardMixin.record``; a change of text also moves ``revision`` on."""
        if "text" in changes and inline.sanitize(str(changes["text"])) != self.text:
            changes["revision"] = self.revision + 1
        super().record(user, reason, **changes)

    def change_kind(self, fields: set[str]) -> str:
        return ChangeKind.TEXT if fields <= {"text", "revision"} else ChangeKind.STRUCTURE


class Footnote(FrozenGuardMixin):
    """A footnote, called from a point in one element's text; numbered at render time."""

    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="footnotes"
    )
    key = models.UUIDField(_("lineage key"), default=uuid.uuid4)
    element = models.ForeignKey(
        Element,
        verbose_name=_("called from"),
        on_delete=models.CASCADE,
        related_name="footnotes",
    )
    text = models.TextField(_("text"))

    objects = FrozenGuardQuerySet.as_manager()
    history = HistoricalRecords(bases=[RecordedChange])

    class Meta:
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="footnote_key_unique"),
        ]

    def __str__(self) -> str:
        return inline.plain_text(self.text)[:60]

    def change_kind(self, fields: set[str]) -> str:
        return ChangeKind.FOOTNOTE
