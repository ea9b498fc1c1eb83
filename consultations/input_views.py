"""Delegations' written inputs: proposing on a paragraph of an issued draft, working
papers, the compilation per paragraph, and the chair's team's decisions."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import CreateView, FormView, TemplateView

from drafting.models import Element, Version
from meetings.actions import Invalid
from meetings.forms import execute_on_form
from meetings.mixins import MeetingAccessMixin
from meetings.uploads import UploadLimitMixin

from . import inputs
from .forms import MergeForm, ProposalForm, WorkingPaperForm
from .models import CompilationPublication, Proposal, WorkingPaper


class InputsMixin(MeetingAccessMixin):
    required_permission = "can_read_issued"

    def issued_version(self) -> Version:
        versions = Version.objects.issued().filter(document__meeting=self.meeting)
        return get_object_or_404(
            versions.select_related("document__meeting"), slug=self.kwargs["slug"]
        )

    def proposals(self):
        return (
            Proposal.objects.filter(meeting=self.meeting)
            .visible_to(self.access)
            .select_related("state", "version", "element", "decided_by")
        )

    @property
    def is_published(self) -> bool:
        return CompilationPublication.objects.filter(meeting=self.meeting).exists()


class InputsView(InputsMixin, TemplateView):
    """The written inputs the user may see: a delegation its own (with their status), the
    chair's team and the secretariat everyone's; the issued drafts to propose on."""

    template_name = "consultations/inputs.html"

    def get_context_data(self, **kwargs):
        proposals = self.proposals()
        if self.access.can_propose:
            proposals = proposals.filter(state=self.access.state)
        papers = WorkingPaper.objects.filter(meeting=self.meeting).visible_to(self.access)
        issued = (
            Version.objects.issued()
            .filter(document__meeting=self.meeting)
            .select_related("document__meeting")
            .order_by("-date", "-id")
        )
        return super().get_context_data(
            proposals=proposals.order_by("-submitted_at"),
            papers=papers.select_related("state"),
            issued=issued,
            is_published=self.is_published,
            **kwargs,
        )


class ParagraphListView(InputsMixin, TemplateView):
    """The paragraphs of an issued draft, each with a link to propose on it."""

    required_permission = "can_propose"
    template_name = "consultations/propose_choose.html"

    def get_context_data(self, **kwargs):
        version = self.issued_version()
        tree = version.tree()
        own = self.proposals().filter(version=version, state=self.access.state)
        counts: dict[str, int] = {}
        for proposal in own:
            counts[str(proposal.element.key)] = counts.get(str(proposal.element.key), 0) + 1
        rows = [(node, depth, counts.get(node.key, 0)) for node, depth in tree.walk()]
        return super().get_context_data(
            version=version, rows=rows, numbers=tree.footnote_numbers(), **kwargs
        )


class ProposeView(InputsMixin, CreateView):
    """A delegation proposes on one paragraph of an issued draft, in its State's name."""

    required_permission = "can_propose"
    form_class = ProposalForm
    template_name = "consultations/propose.html"

    def get_paragraph(self) -> Element:
        self.version = self.issued_version()
        return get_object_or_404(self.version.elements, key=self.kwargs["key"])

    def get_form_kwargs(self):
        self.paragraph = self.get_paragraph()
        self.numbers = self.version.tree().footnote_numbers()
        open_proposals = self.proposals().filter(
            version=self.version, state=self.access.state, status=Proposal.Status.SUBMITTED
        )
        return super().get_form_kwargs() | {
            "paragraph": self.paragraph.text,
            "numbers": self.numbers,
            "open_proposals": open_proposals.count(),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # makes the form, which finds the paragraph
        return context | {
            "version": self.version,
            "paragraph": self.paragraph,
            "numbers": self.numbers,
        }

    def form_valid(self, form):
        form.instance.meeting = self.meeting
        form.instance.version = self.version
        form.instance.element = self.paragraph
        form.instance.state = self.access.state
        form.instance.author = self.request.user
        messages.success(
            self.request,
            f"Your proposal on {self.version.label} is sent to the chair in the name of {self.access.state}.",
        )
        return super().form_valid(form)

    def get_success_url(self) -> str:
        return reverse(
            "propose-choose", kwargs={"code": self.meeting.code, "slug": self.version.slug}
        ) + (f"#el-{self.paragraph.key}")


class CompilationView(InputsMixin, TemplateView):
    """The proposals on an issued draft, per paragraph in document order, each attributed
    to its State and shown as a word diff against the paragraph.

    The page costs a constant number of queries: the tree in two, the proposals in one.
    """

    template_name = "consultations/compilation.html"

    def get_context_data(self, **kwargs):
        version = self.issued_version()
        tree = version.tree()
        proposals = self.proposals().filter(version=version)
        return super().get_context_data(
            version=version,
            paragraphs=inputs.compilation(tree, proposals),
            numbers=tree.footnote_numbers(),
            is_published=self.is_published,
            **kwargs,
        )


DECISIONS = {"accept": inputs.AcceptProposal, "note": inputs.NoteProposal}


class DecisionMixin(InputsMixin):
    required_permission = "can_decide_inputs"

    def get_proposal(self) -> Proposal:
        return get_object_or_404(
            Proposal.objects.select_related("meeting__document", "version", "element", "state"),
            meeting=self.meeting,
            pk=self.kwargs["pk"],
        )

    def compilation_url(self, proposal: Proposal) -> str:
        url = reverse(
            "compilation", kwargs={"code": self.meeting.code, "slug": proposal.version.slug}
        )
        return f"{url}#proposal-{proposal.pk}"


class DecideView(DecisionMixin, View):
    """Accept or note a proposal; a refusal comes back as a message saying why."""

    def post(self, request, *args, **kwargs):
        if kwargs["decision"] not in DECISIONS:
            raise Http404("No such decision.")
        proposal = self.get_proposal()
        action = DECISIONS[kwargs["decision"]](user=request.user, proposal=proposal)
        try:
            action.execute()
        except Invalid as refused:
            messages.error(request, " ".join(refused.problems))
        else:
            messages.success(
                request,
                f"The proposal by {proposal.state} is {action.proposal.get_status_display()}.",
            )
        return HttpResponseRedirect(self.compilation_url(proposal))


class MergeView(DecisionMixin, FormView):
    """Merge by hand: the working-draft paragraph opens with the proposed text to edit;
    saving records it as merged from the proposal. Nothing typed is lost on a conflict."""

    form_class = MergeForm
    template_name = "consultations/merge.html"

    def setup_action(self):
        self.proposal = self.get_proposal()
        self.action = inputs.MergeProposal(user=self.request.user, proposal=self.proposal)
        self.element = self.action.working_element()
        if self.element is not None:
            self.action.base_revision = self.element.revision
        version = self.element.version if self.element else self.proposal.version
        self.numbers = version.tree().footnote_numbers()

    def get(self, request, *args, **kwargs):
        self.setup_action()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_action()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"numbers": self.numbers}

    def get_initial(self):
        current = self.element.text if self.element else ""
        kind = self.proposal.kind
        proposed = (
            self.proposal.text
            if kind in (Proposal.Kind.REPLACE, Proposal.Kind.ADD_AFTER)
            else current
        )
        return {"text": proposed, "base_revision": self.element.revision if self.element else 0}

    def get_context_data(self, **kwargs):
        current = self.element.text if self.element else ""
        return super().get_context_data(
            proposal=self.proposal,
            element=self.element,
            redline=inputs.redline(self.proposal, self.proposal.element.text, self.numbers),
            problems=getattr(self.action.refusal(), "problems", []),
            current=current,
            numbers=self.numbers,
            **kwargs,
        )

    def form_valid(self, form):
        self.action.text = form.cleaned_data["text"]
        self.action.base_revision = form.cleaned_data["base_revision"]
        if not execute_on_form(self.action, form):
            form.data = form.data.copy()
            if self.element is not None:
                form.data["base_revision"] = str(self.element.revision)
            return self.form_invalid(form)
        messages.success(
            self.request, f"The proposal by {self.proposal.state} is merged into the working draft."
        )
        return HttpResponseRedirect(self.compilation_url(self.proposal))


class PublishCompilationView(InputsMixin, View):
    """Publish the compilation to every delegation, or withdraw it."""

    required_permission = "can_decide_inputs"

    def post(self, request, *args, **kwargs):
        publish = request.POST.get("publish") == "yes"
        inputs.PublishCompilation(
            user=request.user, meeting=self.meeting, publish=publish
        ).execute()
        if publish:
            messages.success(request, "Every delegation can now read every State's written inputs.")
        else:
            messages.success(request, "Delegations now see only their own written inputs again.")
        return HttpResponseRedirect(reverse("inputs", kwargs={"code": self.meeting.code}))


class WorkingPaperCreateView(UploadLimitMixin, InputsMixin, CreateView):
    required_permission = "can_propose"
    upload_limit = inputs.MAX_WORKING_PAPER_BYTES
    form_class = WorkingPaperForm
    template_name = "consultations/working_paper_form.html"

    def form_valid(self, form):
        form.instance.meeting = self.meeting
        form.instance.state = self.access.state
        form.instance.author = self.request.user
        messages.success(
            self.request,
            f"Your working paper is sent to the chair in the name of {self.access.state}.",
        )
        return super().form_valid(form)

    def get_success_url(self) -> str:
        return reverse("inputs", kwargs={"code": self.meeting.code})


class WorkingPaperFileView(InputsMixin, View):
    def get(self, request, *args, **kwargs):
        papers = WorkingPaper.objects.filter(meeting=self.meeting).visible_to(self.access)
        paper = get_object_or_404(papers, pk=kwargs["pk"])
        return FileResponse(
            paper.file.open("rb"), as_attachment=True, filename=paper.file.name.rsplit("/", 1)[-1]
        )
