"""The outcome document, its versions and the element tree of each version."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.access import WORKING_DRAFT_READERS, Access
from meetings.history import RecordedChange, bulk_attributes
from meetings.models import Meeting

from . import inline
from .limits import MAX_DESIGNATION, MAX_LABEL, MAX_TITLE
from .tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree


class ChangeKind(models.TextChoices):
    """What kind of change a history row records; the editor's sync reads it."""

    TEXT = "text", _("text")
    STRUCTURE = "structure", _("structure")
    FOOTNOTE = "footnote", _("footnote")


class VersionFrozen(ValidationError):
    """Raised on any attempt to change an issued version or its contents."""

    def __init__(self, version: Version | None = None) -> None:
        label = f"“{version.label}”" if version else "An issued version"
        super().__init__(
            _("%(label)s has been issued and can no longer be changed.") % {"label": label},
            code="version_frozen",
        )


class OutcomeDocument(models.Model):
    """The outcome document of one meeting, in all its versions."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="document"
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE, blank=True)

    class Meta:
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")

    def __str__(self) -> str:
        return self.title or f"Outcome document of {self.meeting.code}"

    def working_draft(self) -> Version:
        """The one working version, made on first use as a copy of the latest issued draft.

        The copy keeps every lineage key; with no issued draft yet it starts empty. A
        database constraint keeps it to one working version even when two people open
        the editor at once.
        """
        working = self.versions.working().first()
        if working is not None:
            return working
        latest = self.versions.issued().order_by("-issued_at", "-date", "-id").first()
        tree = latest.tree() if latest else Tree()
        try:
            with transaction.atomic():
                return Version.objects.create_from_tree(
                    tree,
                    document=self,
                    label="Working draft",
                    slug="working",
                    status=Version.Status.WORKING,
                    kind=latest.kind if latest else Version.Kind.ZERO_DRAFT,
                    title=latest.title if latest else "",
                    note=latest.note if latest else "",
                    based_on=latest,
                )
        except IntegrityError:
            return self.versions.working().get()


class VersionQuerySet(models.QuerySet):
    def update(self, **kwargs: object) -> int:
        if self.issued().exists():
            raise VersionFrozen()
        return super().update(**kwargs)

    def delete(self):
        if self.issued().exists():
            raise VersionFrozen()
        return super().delete()

    def issued(self) -> VersionQuerySet:
        return self.filter(status=Version.Status.ISSUED)

    def working(self) -> VersionQuerySet:
        return self.filter(status=Version.Status.WORKING)

    def readable_by(self, user) -> VersionQuerySet:
        """Versions of any meeting that ``user`` may read, by the rules of ``visible_to``:
        every version for the chair's team and the secretariat of its meeting, issued ones
        for its delegations, published ones for everyone."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        readable = models.Q(publication__isnull=False, status=Version.Status.ISSUED)
        if user.is_authenticated:
            members = models.Q(document__meeting__memberships__user=user)
            readers = models.Q(document__meeting__memberships__role__in=WORKING_DRAFT_READERS)
            readable |= members & (models.Q(status=Version.Status.ISSUED) | readers)
        return self.filter(readable).distinct()

    def visible_to(self, access: Access) -> VersionQuerySet:
        """The versions a user with ``access`` to the meeting may read."""
        if access.can_read_working_draft:
            return self.all()
        if access.can_read_issued:
            return self.issued()
        return self.issued().filter(publication__isnull=False)

    @transaction.atomic
    def create_from_tree(self, tree: Tree, **fields: object) -> Version:
        """Create a version holding ``tree``, keeping every lineage key, in one transaction.

        Elements are bulk-inserted one depth at a time, so the number of queries depends
        on the depth of the tree, not on its size.
        """
        version = self.create(**fields)
        # (node, its parent's row, its position among its siblings), one depth at a time.
        level: list[tuple[Node, Element | None, int]] = [
            (node, None, position) for position, node in enumerate(tree.nodes)
        ]
        by_key: dict[str, Element] = {}
        while level:
            rows = [
                Element(
                    version=version,
                    key=node.key,
                    parent=parent,
                    position=position,
                    kind=node.kind,
                    level=node.level,
                    designation=node.designation,
                    text=inline.sanitize(node.text),
                )
                for node, parent, position in level
            ]
            Element.objects.bulk_create(rows)
            next_level: list[tuple[Node, Element | None, int]] = []
            for (node, _parent, _position), row in zip(level, rows, strict=True):
                by_key[node.key] = row
                next_level.extend((child, row, i) for i, child in enumerate(node.children))
            level = next_level
        calls = tree.footnote_callers()
        Footnote.objects.bulk_create(
            Footnote(
                version=version,
                key=key,
                element=by_key[calls[key]],
                text=inline.sanitize(text),
            )
            for key, text in tree.footnotes.items()
            if key in calls
        )
        if version.status == Version.Status.WORKING:
            # The working draft's history starts from the copy, so that an element can be
            # reverted to the text it was copied with.
            reason = f"copied from {version.based_on.label}" if version.based_on else "created"
            recorded = bulk_attributes() | {"default_change_reason": reason}
            recorded.setdefault("custom_historical_attrs", {})["change_kind"] = ChangeKind.STRUCTURE
            Element.history.bulk_history_create(list(version.elements.all()), **recorded)
            Footnote.history.bulk_history_create(list(version.footnotes.all()), **recorded)
        return version


class Version(models.Model):
    """One state of the document: the working draft, or an issued, frozen draft."""

    class Kind(models.TextChoices):
        ZERO_DRAFT = "zero", _("Zero Draft")
        DRAFT = "draft", _("Draft")
        REVISION = "rev", _("Rev.")
        FINAL = "final", _("Final")

    class Status(models.TextChoices):
        WORKING = "working", _("working")
        ISSUED = "issued", _("issued")

    # PROTECT: deleting the document (or its meeting) must not take issued drafts with it.
    document = models.ForeignKey(
        OutcomeDocument,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    label = models.CharField(_("label"), max_length=MAX_LABEL, help_text=_("Such as “Draft 1”."))
    slug = models.SlugField(_("address"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.DRAFT)
    date = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.WORKING)
    title = models.CharField(_("title"), max_length=MAX_TITLE, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Such as “The below is without prejudice to …”.")
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "date", "id"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "slug"], name="version_slug_unique"),
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(status="working"),
                name="one_working_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.meeting.code} {self.label}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk and Version.objects.filter(pk=self.pk, status=self.Status.ISSUED).exists():
            raise VersionFrozen(self)
        if not self.slug:
            self.slug = slugify(self.label)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "version-detail",
            kwargs={"code": self.document.meeting.code, "slug": self.slug},
        )

    def delete(self, *args: object, **kwargs: object):
        if self.is_issued:
            raise VersionFrozen(self)
        return super().delete(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def running_label(self) -> str:
        """The label printed on every page, such as “DRAFT 1, 10 June 2021”."""
        if not self.date:
            return self.label.upper()
        return f"{self.label.upper()}, {self.date.day} {self.date:%B %Y}"

    def tree(self) -> Tree:
        """The element tree of this version, fetched in two queries whatever its size."""
        rows = self.elements.order_by("position", "id")
        nodes = (
            (
                Node(
                    kind=e.kind,
                    text=e.text,
                    designation=e.designation,
                    level=e.level,
                    key=str(e.key),
                    id=e.id,
                ),
                e.parent_id,
            )
            for e in rows
        )
        return Tree.assemble(nodes, {str(f.key): f.text for f in self.footnotes.all()})


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
        return self.kind == self.Kind.PARAGRAPH and not self.text.strip()

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


class Publication(models.Model):
    """An issued version made public: readable without signing in.

    Kept apart from ``Version`` so that publishing never touches the frozen version.
    """

    version = models.OneToOneField(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="publication"
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # A publication withdrawn by mistake is deleted; its history says who withdrew it when.
    history = HistoricalRecords(bases=[RecordedChange])

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"{self.version} (published)"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.version.is_issued:
            raise ValidationError(_("Only an issued draft can be published."))
        super().save(*args, **kwargs)
