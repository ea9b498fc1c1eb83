"""Forms of the chair's letters: the letterhead, the letter and its annexes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from drafting.forms import MaxCharacters
from drafting.limits import MAX_LETTER_TEXT
from drafting.models import Version
from meetings.models import Meeting

from . import letter_text
from .models import Annex, Letter, Letterhead


class LetterheadForm(forms.ModelForm):
    class Meta:
        model = Letterhead
        fields = ["layout", "mission", "address", "telephone", "fax", "email", "website"]
        widgets = {
            "mission": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 3}),
        }


def _refused(problems: list[str], text: str) -> str:
    """``text`` itself, unless a person must fix something in it."""
    if problems:
        raise forms.ValidationError(problems)
    return text


def reference_taken(meeting: Meeting, reference: str, letter: Letter) -> str:
    """Why ``letter`` cannot have ``reference`` in ``meeting``: another of its letters has it
    (an empty reference is never taken); "" when it can."""
    if not reference:
        return ""
    other = meeting.letters.filter(reference=reference).exclude(pk=letter.pk).first()
    if other is None:
        return ""
    return (
        f"The letter of {other.date.day} {other.date:%B %Y} already has the reference "
        f"{reference}: give this letter its own reference, or none."
    )


class LetterForm(forms.ModelForm):
    class Meta:
        model = Letter
        fields = [
            "letterhead",
            "reference",
            "date",
            "printed_date",
            "salutation",
            "body",
            "closing",
            "signatory_name",
            "signatory_title",
            "signature",
            "addressees",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "body": forms.Textarea(attrs={"rows": 24}),
            "closing": forms.Textarea(attrs={"rows": 2}),
            "signatory_title": forms.Textarea(attrs={"rows": 3}),
            "addressees": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["body"].validators.append(MaxCharacters(MAX_LETTER_TEXT, _("A letter")))
        self.fields["letterhead"].queryset = meeting.letterheads.all()
        self.fields["letterhead"].empty_label = None

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"]
        problem = reference_taken(self.meeting, reference, self.instance)
        if problem:
            raise forms.ValidationError(problem)
        return reference

    def clean_printed_date(self) -> str:
        printed_date = self.cleaned_data["printed_date"]
        return _refused(letter_text.line_problems(printed_date), printed_date)

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        return _refused(letter_text.problems(body), body)


class AnnexForm(forms.ModelForm):
    """One annex; a timetable is typed as ``| a | b |`` lines, the first being the header."""

    timetable = forms.CharField(
        label=_("timetable"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        validators=[MaxCharacters(MAX_LETTER_TEXT, _("A timetable"))],
        help_text=_(
            "One row per line, cells separated by “|”; the first line is the header row. "
            "*Break* prints in italics."
        ),
    )

    class Meta:
        model = Annex
        fields = ["position", "kind", "title", "text", "version", "compared_with"]
        widgets = {"text": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].validators.append(MaxCharacters(MAX_LETTER_TEXT, _("An annex")))
        issued = Version.objects.issued().filter(document__meeting=meeting)
        self.fields["version"].queryset = issued
        self.fields["compared_with"].queryset = issued
        if self.instance.table:
            self.initial.setdefault("timetable", letter_text.table_to_text(self.instance.table))

    def clean(self) -> dict:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        # A text over its length limit is already refused: it is not read any further.
        if kind == Annex.Kind.TIMETABLE and not self.has_error("timetable"):
            timetable = cleaned.get("timetable", "")
            table = letter_text.table_from_text(timetable)
            if not table["header"]:
                self.add_error("timetable", _("Type at least the header row of the timetable."))
            for problem in letter_text.table_problems(timetable):
                self.add_error("timetable", problem)
            self.instance.table = table
        if self.has_error("text"):
            return cleaned
        text = cleaned.get("text", "")
        if kind in (Annex.Kind.AGENDA, Annex.Kind.TEXT) and not text.strip():
            self.add_error("text", _("Type the text of this annex."))
        for problem in letter_text.problems(text, agenda=kind == Annex.Kind.AGENDA):
            self.add_error("text", problem)
        return cleaned
