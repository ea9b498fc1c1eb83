"""The outcome document and its versions: the working draft and the issued, frozen drafts,
and their publication."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

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

from .. import inline
from ..limits import MAX_LABEL, MAX_TITLE
from ..tree import PARAGRAPH, Node, Tree, assemble


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

    def footnote_numbers(self) -> dict[int, dict[str, int]]:
        """Footnote numbers of each of these versions (by id), in one query whatever their
        size: every element's place, and the text only of those that call a footnote."""
        from .elements import Element  # the elements module builds on this one

        calls = models.Case(
            models.When(text__contains="<fn-ref", then="text"),
            default=models.Value(""),
            output_field=models.TextField(),
        )
        rows = (
            Element.objects.filter(version__in=self)
            .order_by("position", "id")
            .annotate(calls=calls)
            .values_list("version_id", "parent_id", "id", "calls")
        )
        nodes: dict[int, list[tuple[int | None, Node]]] = defaultdict(list)
        for version, parent, id, text in rows:
            nodes[version].append((parent, Node(PARAGRAPH, text, id=id)))
        return {version: assemble(rows, {}).footnote_numbers() for version, rows in nodes.items()}

    @transaction.atomic
    def create_from_tree(self, tree: Tree, **fields: object) -> Version:
        """Create a version holding ``tree``, keeping every lineage key, in one transaction;
        a working draft's history starts from the copy (see ``store_tree``)."""
        version = self.create(**fields)
        based_on = version.based_on
        self.store_tree(version, tree, f"copied from {based_on.label}" if based_on else "created")
        return version

    def store_tree(self, version: Version, tree: Tree, reason: str | None = None) -> None:
        """Insert ``tree`` into ``version``, which holds no element yet, keeping every
        lineage key. Elements are bulk-inserted one depth at a time, so the number of
        queries depends on the depth of the tree, not on its size. A working draft's
        history records every row stored, with ``reason`` (by default the recording's)."""
        from .elements import Element, Footnote  # the elements module builds on this one

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
            # The working draft's history starts from what is stored, so that an element
            # can be reverted to the text it was stored with.
            recorded = bulk_attributes()
            if reason is not None:
                recorded["default_change_reason"] = reason
            recorded.setdefault("custom_historical_attrs", {})["change_kind"] = ChangeKind.STRUCTURE
            Element.history.bulk_history_create(list(version.elements.all()), **recorded)
            Footnote.history.bulk_history_create(list(version.footnotes.all()), **recorded)


def trees_of(version_ids: Iterable[int]) -> dict[int, Tree]:
    """The element tree of each version (by id), in two queries whatever their number and
    size: the elements of them all in one, their footnotes in the other."""
    from .elements import Element, Footnote  # the elements module builds on this one

    ids = list(dict.fromkeys(version_ids))
    # Plain values, not model instances: a tree of 1,500 elements loads twice as fast.
    rows = (
        Element.objects.filter(version_id__in=ids)
        .order_by("position", "id")
        .values_list("version_id", "parent_id", "kind", "text", "designation", "level", "key", "id")
    )
    nodes: dict[int, list[tuple[int | None, Node]]] = {pk: [] for pk in ids}
    for version, parent, kind, text, designation, level, key, id in rows:
        nodes[version].append((parent, Node(kind, text, designation, level, str(key), id=id)))
    footnotes: dict[int, dict[str, str]] = {pk: {} for pk in ids}
    notes = Footnote.objects.filter(version_id__in=ids).values_list("version_id", "key", "text")
    for version, key, text in notes:
        footnotes[version][str(key)] = text
    return {pk: assemble(nodes[pk], footnotes[pk]) for pk in ids}


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
        return trees_of([self.pk])[self.pk]


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
