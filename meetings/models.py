"""Meetings, the States that take part in them, and people's roles in a meeting.

The base layer: every other app builds on these and none of them is imported here.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
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
