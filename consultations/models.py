"""Meetings, the States that take part in them, and people's roles in a meeting."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegionalGroup(models.Model):
    """One of the five UN regional groups."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regional group")
        verbose_name_plural = _("regional groups")

    def __str__(self) -> str:
        return self.name


class State(models.Model):
    """A Member State or an observer State."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member State")
        OBSERVER = "observer", _("Observer State")

    name = models.CharField(_("name"), max_length=100, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.MEMBER)
    regional_group = models.ForeignKey(
        RegionalGroup,
        verbose_name=_("regional group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="states",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("State")
        verbose_name_plural = _("States")

    def __str__(self) -> str:
        return self.name


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingQuerySet:
        """Meetings the user belongs to, plus every meeting with a published draft."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        published = models.Q(document__versions__publication__isnull=False)
        if user.is_authenticated:
            published |= models.Q(memberships__user=user)
        return self.filter(published).distinct()


class Meeting(models.Model):
    """An intergovernmental meeting, such as the Seventh Biennial Meeting of States (BMS7)."""

    class PaperSize(models.TextChoices):
        A4 = "A4", _("A4")
        LETTER = "letter", _("US Letter")

    code = models.CharField(
        _("code"), max_length=20, unique=True, help_text=_("Short code such as BMS7.")
    )
    title = models.CharField(_("full title"), max_length=500)
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    chair_name = models.CharField(_("chair"), max_length=200, blank=True)
    chair_title = models.CharField(_("chair's title"), max_length=300, blank=True)
    chair_state = models.ForeignKey(
        State,
        verbose_name=_("chair's State"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_meetings",
    )
    paper_size = models.CharField(
        _("paper size"), max_length=10, choices=PaperSize, default=PaperSize.LETTER
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "code"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("meeting-detail", kwargs={"code": self.code})


class Membership(models.Model):
    """A person's role in one meeting. Rules that follow from roles live in ``access.py``."""

    class Role(models.TextChoices):
        CHAIR_TEAM = "chair_team", _("chair's team")
        SECRETARIAT = "secretariat", _("secretariat")
        DELEGATION = "delegation", _("delegation")

    user = models.ForeignKey(
        "auth.User", verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    state = models.ForeignKey(
        State,
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text=_("The State a delegation member speaks for."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "meeting"], name="one_role_per_meeting"),
            models.CheckConstraint(
                condition=~models.Q(role="delegation") | models.Q(state__isnull=False),
                name="delegation_has_state",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.meeting}"


class Letterhead(models.Model):
    """The letterhead of the chair's Permanent Mission, printed at the top of a letter."""

    class Layout(models.TextChoices):
        CENTRED = "centred", _("centred block (mission, address, telephone, fax)")
        CONTACTS_LEFT = "contacts_left", _("contacts on the left, mission and address on the right")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="letterheads"
    )
    mission = models.TextField(
        _("mission"),
        help_text=_("As printed, one line per line, such as “PERMANENT MISSION OF JAMAICA”."),
    )
    address = models.TextField(_("address"), blank=True, help_text=_("One line per line."))
    telephone = models.CharField(_("telephone"), max_length=100, blank=True)
    fax = models.CharField(_("fax"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    layout = models.CharField(_("layout"), max_length=20, choices=Layout, default=Layout.CENTRED)

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return " ".join(self.mission.split())


class LetterQuerySet(models.QuerySet):
    def sent(self) -> LetterQuerySet:
        return self.filter(sent_at__isnull=False)


class Letter(models.Model):
    """A letter of the chair to all Permanent Representatives, with its ordered annexes.

    ``body`` is a small Markdown-like text (see ``consultations.letter_text``). Once sent
    (``sent_at`` set) a letter, its letterhead use and its annexes can no longer change.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="letters"
    )
    letterhead = models.ForeignKey(
        Letterhead, verbose_name=_("letterhead"), on_delete=models.PROTECT, related_name="letters"
    )
    reference = models.CharField(
        _("reference number"), max_length=100, blank=True, help_text=_("Such as “KMUN/SEC/6”.")
    )
    date = models.DateField(_("date"))
    printed_date = models.CharField(
        _("date as printed"),
        max_length=100,
        blank=True,
        help_text=_("Only if not printed as “10 June 2021”, such as “20<sup>th</sup> April 2016”."),
    )
    salutation = models.CharField(_("salutation"), max_length=200, default="Excellency,")
    body = models.TextField(
        _("body"),
        help_text=_(
            "Paragraphs separated by a blank line; a line in **double asterisks** is a "
            "heading; lines starting “- ” make a list; lines starting “| ” a table; "
            "[^1] calls a footnote defined on its own line as “[^1]: text”."
        ),
    )
    closing = models.TextField(
        _("closing formula"),
        default="Please accept, Excellency, the renewed assurances of my highest consideration.",
    )
    signatory_name = models.CharField(_("signatory"), max_length=200)
    signatory_title = models.TextField(_("signatory's title"), help_text=_("One line per line."))
    signature = models.ImageField(_("signature image"), upload_to="signatures/", blank=True)
    addressees = models.TextField(
        _("addressees"),
        default="To: All Permanent Representatives\nand Permanent Observers to the United Nations\nNew York",
        help_text=_("One line per line."),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "date", "id"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk and Letter.objects.sent().filter(pk=self.pk).exists():
            raise LetterSent(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("letter-detail", kwargs={"code": self.meeting.code, "pk": self.pk})

    def delete(self, *args: object, **kwargs: object):
        if self.is_sent:
            raise LetterSent(self)
        return super().delete(*args, **kwargs)

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    @property
    def title(self) -> str:
        """The title printed in the PDF's metadata, such as “BMS7 – Letter of 10 June 2021”."""
        reference = f" ({self.reference})" if self.reference else ""
        return f"{self.meeting.code} – Letter of {self.date.day} {self.date:%B %Y}{reference}"

    def mark_sent(self, user) -> None:
        """Freeze the letter: from now on it is only ever printed from its stored PDF."""
        if self.is_sent:
            raise LetterSent(self)
        Letter.objects.filter(pk=self.pk).update(sent_at=timezone.now(), sent_by=user)
        self.refresh_from_db(fields=["sent_at", "sent_by"])


class LetterSent(ValidationError):
    """Raised on any attempt to change a letter that has been sent."""

    def __init__(self, letter: Letter) -> None:
        super().__init__(
            _("The letter of %(date)s has been sent and can no longer be changed.")
            % {"date": f"{letter.date.day} {letter.date:%B %Y}"},
            code="letter_sent",
        )


class Annex(models.Model):
    """One annex of a letter, printed from a new page under its title."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("draft agenda")
        TIMETABLE = "timetable", _("tentative timetable")
        VERSION = "version", _("issued version of the outcome document")
        COMPARISON = "comparison", _("comparison of two versions")
        TEXT = "text", _("free text")

    letter = models.ForeignKey(
        Letter, verbose_name=_("letter"), on_delete=models.CASCADE, related_name="annexes"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.TEXT)
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("Such as “Annex 1 – Draft Agenda BMS7”; may be left empty."),
    )
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Draft agenda: one item per line, starting with its designation (“A. …”). "
            "Free text: as in the letter's body. Footnotes as in the letter's body."
        ),
    )
    table = models.JSONField(
        _("table"),
        default=dict,
        blank=True,
        help_text=_("Tentative timetable: {“header”: [cells], “rows”: [[cells], …]}."),
    )
    version = models.ForeignKey(
        "drafting.Version",
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The issued version printed, or the newer of the two compared."),
    )
    compared_with = models.ForeignKey(
        "drafting.Version",
        verbose_name=_("compared with"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a comparison: the older version."),
    )

    class Meta:
        ordering = ["letter", "position", "id"]
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self._refuse_if_sent()
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object):
        self._refuse_if_sent()
        return super().delete(*args, **kwargs)

    def _refuse_if_sent(self) -> None:
        letter = Letter.objects.only("sent_at", "date").get(pk=self.letter_id)
        if letter.is_sent:
            raise LetterSent(letter)

    def clean(self) -> None:
        needs = {
            self.Kind.VERSION: ["version"],
            self.Kind.COMPARISON: ["version", "compared_with"],
        }.get(self.kind, [])
        errors = {
            name: _("Choose an issued version for this kind of annex.")
            for name in needs
            if getattr(self, f"{name}_id") is None
        }
        for name in needs:
            version = getattr(self, name) if name not in errors else None
            if version is not None and not version.is_issued:
                errors[name] = _("Only an issued version can be annexed to a letter.")
        if errors:
            raise ValidationError(errors)


class StoredPdf(models.Model):
    """The PDF of something that can no longer change, rendered once and served again."""

    letter = models.OneToOneField(
        Letter,
        verbose_name=_("letter"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="stored_pdf",
    )
    version = models.OneToOneField(
        "drafting.Version",
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="stored_pdf",
    )
    file = models.FileField(_("file"), upload_to="pdf/")
    rendered_at = models.DateTimeField(_("rendered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stored PDF")
        verbose_name_plural = _("stored PDFs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(letter__isnull=True) ^ models.Q(version__isnull=True),
                name="stored_pdf_of_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return self.file.name


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
