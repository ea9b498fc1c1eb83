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


# The fields each kind of annex is made of, besides its kind, position and title.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    Annex.Kind.AGENDA: ("text",),
    Annex.Kind.TIMETABLE: ("timetable",),
    Annex.Kind.VERSION: ("version",),
    Annex.Kind.COMPARISON: ("compared_with", "version"),
    Annex.Kind.TEXT: ("text",),
    Annex.Kind.NEGOTIATION: (),
}
# What each of those fields keeps on the annex, and its value when the kind does not use it.
STORED_AS = {
    "text": "text",
    "timetable": "table",
    "version": "version",
    "compared_with": "compared_with",
}
EMPTY: dict[str, object] = {"text": "", "table": {}, "version": None, "compared_with": None}

KIND_HELP = {
    Annex.Kind.AGENDA: _("The agenda items, one per line, each with its designation."),
    Annex.Kind.TIMETABLE: _("A table of days and time slots, such as the week of the meeting."),
    Annex.Kind.VERSION: _("An issued draft of the outcome document, printed whole."),
    Annex.Kind.COMPARISON: _("The changes from one issued draft to another, as a redline."),
    Annex.Kind.TEXT: _("Any text, written as the letter's body."),
    Annex.Kind.NEGOTIATION: _(
        "The bracketed passages per agenda item in each issued draft, as a plot and its "
        "table: how the negotiation has moved."
    ),
}


class AnnexForm(forms.ModelForm):
    """One annex of the ``kind`` chosen first: the form has only the fields that kind uses
    (``KIND_FIELDS``), and saving empties what another kind used. Without a kind, the form
    is the choice of the kind. A timetable is typed as ``| a | b |`` lines, the first being
    the header."""

    timetable = forms.CharField(
        label=_("Timetable"),
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
        fields = ["kind", "position", "title", "text", "version", "compared_with"]
        widgets = {"text": forms.Textarea(attrs={"rows": 14})}
        help_texts = {"text": _("As in the letter's body: paragraphs, headings, lists, footnotes.")}

    def __init__(self, *args, meeting: Meeting, kind: str | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind is None:
            self.fields = {"kind": self.fields["kind"]}
            self.fields["kind"].widget = forms.RadioSelect(choices=Annex.Kind.choices)
            return
        self.fields["kind"].widget = forms.HiddenInput()
        self.initial["kind"] = kind
        uses = KIND_FIELDS[kind]
        for name in STORED_AS:
            if name not in uses:
                del self.fields[name]
        if "text" in uses:
            self.fields["text"].validators.append(MaxCharacters(MAX_LETTER_TEXT, _("An annex")))
        if kind == Annex.Kind.AGENDA:
            self.fields["text"].label = _("Agenda items")
            self.fields["text"].help_text = _(
                "One item per line, starting with its designation (“A. …”); footnotes as in "
                "the letter's body."
            )
        issued = Version.objects.issued().filter(document__meeting=meeting)
        for name in ("version", "compared_with"):
            if name in uses:
                self.fields[name].queryset = issued
                self.fields[name].required = True
        if kind == Annex.Kind.VERSION:
            self.fields["version"].help_text = _("An issued version of this meeting's document.")
        if kind == Annex.Kind.COMPARISON:
            self.fields["compared_with"].label = _("From (the older version)")
            self.fields["version"].label = _("To (the newer version)")
            self.fields["compared_with"].help_text = self.fields["version"].help_text = ""
            self.order_fields(["kind", "position", "title", "compared_with", "version"])
        if "timetable" in uses and self.instance.table:
            self.initial.setdefault("timetable", letter_text.table_to_text(self.instance.table))

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.kind is None:
            return cleaned
        uses = [STORED_AS[name] for name in KIND_FIELDS[self.kind]]
        for name, empty in EMPTY.items():
            if name not in uses:
                setattr(self.instance, name, empty)
        # A text over its length limit is already refused: it is not read any further.
        if "timetable" in self.fields and not self.has_error("timetable"):
            self._clean_timetable(cleaned.get("timetable", ""))
        if "text" in self.fields and not self.has_error("text"):
            self._clean_text(cleaned.get("text", ""))
        return cleaned

    def _clean_timetable(self, timetable: str) -> None:
        table = letter_text.table_from_text(timetable)
        if not table["header"]:
            self.add_error("timetable", _("Type at least the header row of the timetable."))
        for problem in letter_text.table_problems(timetable):
            self.add_error("timetable", problem)
        self.instance.table = table

    def _clean_text(self, text: str) -> None:
        if not text.strip():
            self.add_error("text", _("Type the text of this annex."))
        for problem in letter_text.problems(text, agenda=self.kind == Annex.Kind.AGENDA):
            self.add_error("text", problem)
