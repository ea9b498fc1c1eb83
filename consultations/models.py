"""Informal consultations, the Bureau, and delegations' written inputs."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, RegionalGroup, State


def valid_time_zone(name: str) -> None:
    """Refuses a time zone name the IANA database does not know, such as “New York”."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(name)s” is not a time zone name; use one such as “America/New_York”."),
            params={"name": name},
            code="time_zone",
        ) from None


def clock(time: datetime.time) -> str:
    """“9am”, “10.30am”, “12pm”, “1pm”."""
    hour = time.hour % 12 or 12
    minutes = f".{time.minute:02d}" if time.minute else ""
    return f"{hour}{minutes}{'am' if time.hour < 12 else 'pm'}"


class Consultation(models.Model):
    """One informal consultation session of a meeting, on its own local date and times."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        VIRTUAL = "virtual", _("virtual only")
        HYBRID = "hybrid", _("hybrid")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="consultations"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        validators=[valid_time_zone],
        help_text=_("Where the times are read, such as “America/New_York”."),
    )
    format = models.CharField(
        _("format"),
        max_length=10,
        choices=Format,
        blank=True,
        help_text=_("Empty until announced."),
    )
    rooms = models.CharField(
        _("rooms"), max_length=200, blank=True, help_text=_("Such as “CR 1, 2, 3”.")
    )
    platform = models.CharField(
        _("platform"),
        max_length=100,
        blank=True,
        help_text=_("Such as “MS Teams” or “Interprefy”."),
    )
    topic = models.CharField(
        _("topic"), max_length=500, blank=True, help_text=_("Empty for a plenary session.")
    )
    version = models.ForeignKey(
        "drafting.Version",
        verbose_name=_("draft discussed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    facilitator = models.ForeignKey(
        State,
        verbose_name=_("facilitated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_consultations",
    )
    uid = models.UUIDField(
        _("calendar identifier"), default=uuid.uuid4, unique=True, editable=False
    )

    class Meta:
        ordering = ["meeting", "date", "start_time", "id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="consultation_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.meeting.code} {self.date:%d %b %Y} {self.start_time:%H:%M} – {self.topic[:60]}"
        )

    def clean(self) -> None:
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The session must end after it starts.")})
        if self.version_id and self.version.document.meeting_id != self.meeting_id:
            raise ValidationError({"version": _("Choose a draft of this meeting.")})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.start_time, self.zone)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.end_time, self.zone)

    @property
    def hours(self) -> str:
        """The times as the chair's letters write them: “9.30am to 11.30am”, “3pm to 5pm”."""
        return f"{clock(self.start_time)} to {clock(self.end_time)}"

    @property
    def where(self) -> str:
        """How to attend, as the letters put it: “Hybrid (in-person in CR 1, 2, 3 and Interprefy)”."""
        if self.format == self.Format.VIRTUAL:
            return f"Virtual only{f' via {self.platform}' if self.platform else ''}"
        places = " and ".join(
            p for p in [self.rooms and f"in-person in {self.rooms}", self.platform] if p
        )
        label = self.get_format_display().capitalize() or _("Format to be announced")
        return f"{label} ({places})" if places else str(label)


class BureauSeats(models.Model):
    """How many Bureau members one regional group nominates for one meeting.

    Without a row the customary number applies (see ``Meeting.bureau``).
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="bureau_seats"
    )
    regional_group = models.ForeignKey(
        RegionalGroup, verbose_name=_("regional group"), on_delete=models.CASCADE, related_name="+"
    )
    seats = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        verbose_name = _("Bureau seats")
        verbose_name_plural = _("Bureau seats")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "regional_group"], name="bureau_seats_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.code}: {self.seats} for {self.regional_group}"


class BureauNomination(models.Model):
    """A State nominated to the Bureau of a meeting by its regional group."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="bureau_nominations",
    )
    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.PROTECT, related_name="bureau_nominations"
    )
    regional_group = models.ForeignKey(
        RegionalGroup, verbose_name=_("regional group"), on_delete=models.PROTECT, related_name="+"
    )
    nominated_on = models.DateField(_("nominated on"))

    class Meta:
        ordering = ["meeting", "regional_group", "nominated_on", "state__name"]
        verbose_name = _("Bureau nomination")
        verbose_name_plural = _("Bureau nominations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "state"], name="nominated_once"),
        ]

    def __str__(self) -> str:
        return f"{self.state} ({self.regional_group}) – {self.meeting.code}"


class WrittenInputQuerySet(models.QuerySet):
    """Proposals and working papers: who may read which."""

    def visible_to(self, access) -> WrittenInputQuerySet:
        """What ``access`` may read: the chair's team and the secretariat everything; a
        delegation its own State's inputs, and every State's once the compilation of the
        meeting is published."""
        if access.can_read_all_inputs:
            return self.all()
        if access.state is None:
            return self.none()
        own = models.Q(state=access.state)
        published = models.Q(meeting__compilation_publication__isnull=False)
        return self.filter(own | published)


class Proposal(models.Model):
    """A delegation's written input on one paragraph of an issued draft.

    ``element`` is the paragraph as issued; the working draft holds the same paragraph
    under the same lineage key, which is how an accepted proposal finds where to go.
    """

    class Kind(models.TextChoices):
        REPLACE = "replace", _("new wording")
        ADD_AFTER = "add_after", _("a new paragraph after it")
        DELETE = "delete", _("its deletion")
        COMMENT = "comment", _("a comment")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        MERGED = "merged", _("merged")
        NOTED = "noted", _("noted")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="proposals"
    )
    version = models.ForeignKey(
        "drafting.Version", verbose_name=_("draft"), on_delete=models.PROTECT, related_name="+"
    )
    element = models.ForeignKey(
        "drafting.Element",
        verbose_name=_("paragraph"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.PROTECT, related_name="proposals"
    )
    author = models.ForeignKey(
        "auth.User",
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("proposes"), max_length=10, choices=Kind, default=Kind.REPLACE)
    text = models.TextField(_("proposed text"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SUBMITTED)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = WrittenInputQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "submitted_at", "id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return f"{self.state} on {self.version.label}: {self.get_kind_display()}"

    @property
    def source(self) -> str:
        """How the working draft's history names this proposal."""
        return f"proposal by {self.state} on {self.version.label}"

    def decide(self, status: str, user) -> None:
        self.status = status
        self.decided_by = user
        self.decided_at = timezone.now()
        self.save(update_fields=["status", "decided_by", "decided_at"])


class CompilationPublication(models.Model):
    """The chair has made the compilation of written inputs readable by every delegation."""

    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="compilation_publication",
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("published compilation")
        verbose_name_plural = _("published compilations")

    def __str__(self) -> str:
        return f"Compilation of {self.meeting.code} (published)"


class WorkingPaper(models.Model):
    """A working paper (PDF or Word document) a delegation submits to the chair."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="working_papers"
    )
    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.PROTECT, related_name="working_papers"
    )
    author = models.ForeignKey(
        "auth.User",
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="working-papers/")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    objects = WrittenInputQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "submitted_at", "id"]
        verbose_name = _("working paper")
        verbose_name_plural = _("working papers")

    def __str__(self) -> str:
        return self.title
