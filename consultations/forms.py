"""Forms of the schedule, the Bureau and delegations' written inputs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from drafting import inline
from drafting.forms import MaxCharacters
from drafting.limits import MAX_OPEN_PROPOSALS_PER_DRAFT, MAX_PROPOSAL_TEXT
from drafting.markup import MarkupError, inline_html, known_footnotes, typed
from drafting.models import Version
from meetings.models import Meeting, RegionalGroup, State

from . import inputs
from .models import Consultation, Proposal, WorkingPaper


class ConsultationForm(forms.ModelForm):
    """One consultation session; the draft discussed is one of the meeting's issued drafts."""

    class Meta:
        model = Consultation
        fields = [
            "date",
            "start_time",
            "end_time",
            "time_zone",
            "format",
            "rooms",
            "platform",
            "topic",
            "version",
            "facilitator",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "topic": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["version"].queryset = Version.objects.issued().filter(document__meeting=meeting)
        self.fields["format"].choices = [("", "To be announced"), *Consultation.Format.choices]


class BureauSeatsForm(forms.Form):
    """One number of seats per regional group."""

    def __init__(self, *args, bureau, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {}
        for part in bureau.groups:
            name = f"seats_{part.group.short_name}"
            self.groups[name] = part.group
            self.fields[name] = forms.IntegerField(
                label=part.group.name, min_value=0, max_value=20, initial=part.seats
            )

    def seats(self) -> dict:
        return {group: self.cleaned_data[name] for name, group in self.groups.items()}


class StateChoiceField(forms.ModelChoiceField):
    """Each State with its regional group, so that the right group is chosen with it."""

    def label_from_instance(self, state: State) -> str:
        return (
            f"{state} ({state.regional_group.short_name})"
            if state.regional_group_id
            else f"{state} (no group)"
        )


class NominationForm(forms.Form):
    state = StateChoiceField(
        label=_("State"),
        queryset=State.objects.filter(status=State.Status.MEMBER).select_related("regional_group"),
    )
    regional_group = forms.ModelChoiceField(
        label=_("Nominated by the regional group"), queryset=RegionalGroup.objects.all()
    )
    nominated_on = forms.DateField(
        label=_("Date of the nomination"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


TYPED_HELP = _(
    "Square brackets are kept as typed. *Italic* and **bold** as shown; [^8] keeps footnote 8 "
    "where it stands."
)


def _stored_or_error(
    form: forms.BaseForm, text: str, numbers: dict[str, int], field: str | None = "text"
) -> str:
    """Typed text as stored inline HTML, read by the one inline grammar; a problem in it
    (a footnote mark that names no footnote, an asterisk that pairs with nothing) is an
    error on the form (raised for ``clean_<field>``, added to ``field`` otherwise)."""
    try:
        return inline_html(text, known_footnotes(numbers))
    except MarkupError as error:
        if field is None:
            raise forms.ValidationError(error.message) from error
        form.add_error(field, error.message)
        return ""


class ProposalForm(forms.ModelForm):
    """A delegation's proposal on one paragraph: new wording, a new paragraph after it, its
    deletion, or a comment. ``paragraph`` is the paragraph's text as issued."""

    class Meta:
        model = Proposal
        fields = ["kind", "text", "comment"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 6}),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "text": _(
                "For new wording, edit the paragraph as it should read. For a new paragraph, "
                "its text."
            ),
            "comment": _("Why, or anything the chair should know. Required for a comment."),
        }

    def __init__(
        self, *args, paragraph: str, numbers: dict[str, int], open_proposals: int, **kwargs
    ) -> None:
        """``open_proposals``: how many of the delegation's proposals on this draft await
        the chair's decision."""
        super().__init__(*args, **kwargs)
        self.paragraph = paragraph
        self.numbers = numbers
        self.open_proposals = open_proposals
        self.fields["kind"].label = _("You propose")
        self.fields["text"].help_text = f"{self.fields['text'].help_text} {TYPED_HELP}"
        self.fields["text"].validators.append(MaxCharacters(MAX_PROPOSAL_TEXT, _("A proposal")))
        self.fields["comment"].validators.append(MaxCharacters(MAX_PROPOSAL_TEXT, _("A comment")))
        self.initial.setdefault("text", typed(paragraph, numbers))

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.open_proposals >= MAX_OPEN_PROPOSALS_PER_DRAFT:
            raise forms.ValidationError(
                _(
                    "Your delegation has %(count)s proposals on this draft awaiting the "
                    "chair's decision, the most it can have at once. Send this one once the "
                    "chair has decided on some of them."
                ),
                params={"count": f"{self.open_proposals:,}"},
            )
        kind = cleaned.get("kind")
        keeps_text = kind in (Proposal.Kind.REPLACE, Proposal.Kind.ADD_AFTER)
        text = _stored_or_error(self, cleaned.get("text", ""), self.numbers) if keeps_text else ""
        if kind == Proposal.Kind.REPLACE and text and text == inline.sanitize(self.paragraph):
            self.add_error(
                "text",
                _("The wording is the same as the paragraph's; change it, or send a comment."),
            )
        if keeps_text and not text and not self.has_error("text"):
            self.add_error("text", _("Type the text you propose."))
        if kind == Proposal.Kind.COMMENT and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Type your comment."))
        cleaned["text"] = text
        return cleaned


class WorkingPaperForm(forms.ModelForm):
    class Meta:
        model = WorkingPaper
        fields = ["title", "file"]
        help_texts = {"file": _("A PDF or a Word document (.docx), at most 10 MB.")}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        problem = inputs.working_paper_problem(upload.name, upload.size, upload)
        if problem:
            raise forms.ValidationError(f"{problem} Choose the file again.")
        return upload


class MergeForm(forms.Form):
    text = forms.CharField(
        label=_("Text for the working draft"),
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[MaxCharacters(MAX_PROPOSAL_TEXT, _("A merged text"))],
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, numbers: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.numbers = numbers
        if "text" in self.initial:
            self.initial["text"] = typed(self.initial["text"], numbers)
        self.fields["text"].help_text = TYPED_HELP

    def clean_text(self) -> str:
        return _stored_or_error(self, self.cleaned_data["text"], self.numbers, field=None)
