"""Forms of the drafting app, and the length check every form of typed text shares."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting

from .docx import MAX_BYTES, MEDIA_TYPE, DocxError, read_docx
from .limits import MAX_LABEL
from .models import Version


@dataclass(frozen=True)
class MaxCharacters:
    """A field validator: at most ``limit`` characters, refused in plain words naming
    ``what`` ("A proposal can be at most 20,000 characters; this one has 25,310.").

    Field validators run before a form's ``clean_<field>`` and ``clean``, so text over the
    limit is refused before anything parses it. It sets no ``maxlength`` on the widget: a
    browser would cut a pasted text short without saying so.
    """

    limit: int
    what: str

    def __call__(self, value: str) -> None:
        if len(value) > self.limit:
            raise ValidationError(
                _("%(what)s can be at most %(limit)s characters; this one has %(length)s."),
                code="max_characters",
                params={"what": self.what, "limit": f"{self.limit:,}", "length": f"{len(value):,}"},
            )


class IssueDraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Version.Kind.choices)
    label = forms.CharField(
        label=_("Label"),
        max_length=100,
        required=False,
        help_text=_("Leave empty for the customary label, such as “Draft 2” or “Rev.1”."),
    )
    # Date inputs read ISO dates (2026-11-23) whatever the language.
    date = forms.DateField(
        label=_("Date of issue"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note printed above the title"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Such as “The below is without prejudice to …”."),
    )
    # The last issued version when the form was shown ("" for none): a second submission
    # of the same form (back button, double click, another tab) issues nothing.
    after = forms.CharField(required=False, widget=forms.HiddenInput)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def after_id(self) -> int | None:
        value = self.cleaned_data.get("after") or ""
        return int(value) if value.isdigit() else None


class StartFromEarlierForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Start from"),
        queryset=Version.objects.none(),
        empty_label=None,
        help_text=_("The new working draft is a copy; its paragraphs keep their lineage."),
    )

    def __init__(self, *args, meeting: Meeting, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = (
            Version.objects.issued()
            .readable_by(user)
            .exclude(document__meeting=meeting)
            .select_related("document__meeting")
            .order_by("-date")
        )
        self.fields["source"].label_from_instance = lambda v: (
            f"{v.document.meeting.code} – {v.label}" + (f", {v.date:%d %B %Y}" if v.date else "")
        )


class WordUploadForm(forms.Form):
    """A Word file to read as a draft: refused, in words, when it is too large or the
    reader cannot take it. Once valid, ``content`` holds its bytes."""

    file = forms.FileField(
        label=_("Word file (.docx)"),
        help_text=_("At most 10 MB. Tracked changes in it are read as accepted."),
        widget=forms.ClearableFileInput(attrs={"accept": f".docx,{MEDIA_TYPE}"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                _("This file is %(size).1f MB; a Word file to read can be at most %(limit)s MB."),
                code="too_large",
                params={"size": upload.size / 2**20, "limit": MAX_BYTES // 2**20},
            )
        content = upload.read()
        try:
            read_docx(content)
        except DocxError as error:
            raise ValidationError(str(error), code="unreadable") from error
        self.content = content
        return upload


class WordIssueForm(forms.Form):
    """Issue a Word file as a version: the label and date delegations will quote it by."""

    label = forms.CharField(
        label=_("Label"),
        max_length=MAX_LABEL,
        help_text=_("Such as “Zero Draft” or “Draft 2”: delegations quote the draft by it."),
    )
    date = forms.DateField(
        label=_("Date of issue"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class WordWorkingDraftForm(forms.Form):
    """Make a Word file the working draft, replacing what it holds once confirmed."""

    replace = forms.BooleanField(label=_("Replace the working draft"), required=False)
