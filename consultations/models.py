"""Meetings, the States that take part in them, and people's roles in a meeting."""
from __future__ import annotations

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
    signature = models.ImageField(
        _("signature image"), upload_to="signatures/", blank=True
    )
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

    def delete(self, *args: object, **kwargs: object):
        if self.is_sent:
            raise LetterSent(self)
        return super().delete(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("letter-detail", kwargs={"code": self.meeting.code, "pk": self.pk})

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
