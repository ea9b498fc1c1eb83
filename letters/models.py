"""The chair's letters with their ordered annexes, and the PDFs of what can no longer change."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting


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
        constraints = [
            # Delegations quote a letter by its reference; a letter may have none.
            models.UniqueConstraint(
                fields=["meeting", "reference"],
                condition=~models.Q(reference=""),
                name="letter_reference_unique_in_meeting",
            ),
        ]

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
    def name(self) -> str:
        """How people name the letter: “letter of 10 June 2021 (KMUN/SEC/6)”."""
        reference = f" ({self.reference})" if self.reference else ""
        return f"letter of {self.date.day} {self.date:%B %Y}{reference}"

    @property
    def title(self) -> str:
        """The title printed in the PDF's metadata, such as “BMS7 – Letter of 10 June 2021”."""
        return f"{self.meeting.code} – {capfirst(self.name)}"

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
        NEGOTIATION = "negotiation", _("negotiation at a glance")

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


# Longer than any rendering takes (see config.services.TASK_TIMEOUT_SECONDS): a PDF still
# queued or rendering after this has lost its worker and may be queued again.
STALLED_AFTER = datetime.timedelta(minutes=15)


class StoredPdf(models.Model):
    """The PDF of a letter, a version or a comparison of two versions, rendered in the
    background: queued, being rendered, stored, or failed with the reason.

    There is one row per thing printed (the constraints say so), so two requests never
    queue it twice. A PDF of something that can no longer change (a sent letter, an issued
    version, a comparison of two issued versions) is rendered once. One that can (an unsent
    letter, the working draft) remembers the ``fingerprint`` of the print page it was made
    from, and is rendered again when that page has changed.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RENDERING = "rendering", _("rendering")
        STORED = "stored", _("stored")
        FAILED = "failed", _("failed")

    letter = models.OneToOneField(
        Letter,
        verbose_name=_("letter"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="stored_pdf",
    )
    version = models.ForeignKey(
        "drafting.Version",
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="stored_pdfs",
        help_text=_("The version printed, or the newer of the two compared."),
    )
    compared_with = models.ForeignKey(
        "drafting.Version",
        verbose_name=_("compared with"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("For a comparison: the older version."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    reason = models.TextField(_("why it failed"), blank=True)
    fingerprint = models.CharField(
        _("fingerprint of the print page"),
        max_length=64,
        blank=True,
        help_text=_("Only for what can still change: the SHA-256 of the page it was made from."),
    )
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    file = models.FileField(_("file"), upload_to="pdf/", blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("stored PDF")
        verbose_name_plural = _("stored PDFs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    letter__isnull=False, version__isnull=True, compared_with__isnull=True
                )
                | models.Q(letter__isnull=True, version__isnull=False),
                name="stored_pdf_of_a_letter_a_version_or_a_comparison",
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=models.Q(compared_with__isnull=True),
                name="one_stored_pdf_per_version",
            ),
            models.UniqueConstraint(
                fields=["version", "compared_with"],
                condition=models.Q(compared_with__isnull=False),
                name="one_stored_pdf_per_comparison",
            ),
            models.CheckConstraint(
                condition=models.Q(status="stored", file__gt="")
                | (~models.Q(status="stored") & models.Q(file="")),
                name="stored_pdf_has_a_file_once_stored",
            ),
        ]

    def __str__(self) -> str:
        if self.letter_id:
            return f"PDF of letter {self.letter_id} ({self.get_status_display()})"
        if self.compared_with_id:
            return (
                f"PDF of the comparison of versions {self.compared_with_id} and "
                f"{self.version_id} ({self.get_status_display()})"
            )
        return f"PDF of version {self.version_id} ({self.get_status_display()})"

    @property
    def is_stored(self) -> bool:
        return self.status == self.Status.STORED

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)

    @property
    def can_retry(self) -> bool:
        """Failed, or waiting so long that its worker must have stopped."""
        if self.status == self.Status.FAILED:
            return True
        return self.is_pending and timezone.now() - self.requested_at > STALLED_AFTER
