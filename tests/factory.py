"""Plain test-data factory: one ``make_*`` method per thing a test needs."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from consultations.models import Consultation, Proposal, WorkingPaper
from drafting.models import OutcomeDocument, Version
from drafting.tree import AGENDA_ITEM, HEADING, PARAGRAPH, Node, Tree
from meetings.models import Meeting, Membership, RegionalGroup, State


class Factory:
    def __init__(self) -> None:
        self._serial = 0

    def _next(self) -> int:
        self._serial += 1
        return self._serial

    def make_user(self, username: str | None = None, **fields: object):
        username = username or f"user{self._next()}"
        return get_user_model().objects.create_user(
            username=username, password="pass-for-tests", **fields
        )

    def make_meeting(self, code: str | None = None, **fields: object) -> Meeting:
        fields.setdefault("title", "Test Meeting of States")
        fields.setdefault("start_date", datetime.date(2021, 7, 26))
        return Meeting.objects.create(code=code or f"TM{self._next()}", **fields)

    def make_state(self, name: str | None = None, **fields: object) -> State:
        return State.objects.create(name=name or f"State {self._next()}", **fields)

    def make_member(self, meeting: Meeting, role: str, username: str | None = None, **fields):
        """A user holding ``role`` (a ``Membership.Role``) in ``meeting``."""
        user = self.make_user(username)
        state = self.make_state() if role == Membership.Role.DELEGATION else None
        Membership.objects.create(user=user, meeting=meeting, role=role, state=state, **fields)
        return user

    def make_document(self, meeting: Meeting | None = None) -> OutcomeDocument:
        return OutcomeDocument.objects.create(meeting=meeting or self.make_meeting())

    def make_tree(self, paragraphs: int = 10, items: int = 2, footnotes: int = 0) -> Tree:
        """A document of ``items`` agenda items sharing ``paragraphs`` bullets, some nested."""
        tree = Tree()
        for i in range(items):
            tree.nodes.append(
                Node(kind=AGENDA_ITEM, designation=f"{chr(65 + i)}.", text=f"[Agenda item {i}]")
            )
        tree.nodes[0].children.append(Node(kind=HEADING, level=1, text="<em>Heading</em>"))
        for p in range(paragraphs):
            item = tree.nodes[p % items]
            node = Node(kind=PARAGRAPH, text=f"Paragraph {p} on <strong>stockpiles</strong>")
            if p < footnotes:
                fn = Node(kind=PARAGRAPH).key
                tree.footnotes[fn] = f"Footnote {p}"
                node.text += f'<fn-ref data-key="{fn}"></fn-ref>'
            last = item.children[-1] if item.children else None
            if p % 3 == 2 and last is not None and last.kind == PARAGRAPH:
                last.children.append(node)
            else:
                item.children.append(node)
        return tree

    def make_version(
        self, document: OutcomeDocument | None = None, tree: Tree | None = None, **fields: object
    ) -> Version:
        document = document or self.make_document()
        fields.setdefault("label", f"Draft {self._next()}")
        fields.setdefault("status", Version.Status.ISSUED)
        fields.setdefault("date", datetime.date(2021, 6, 10))
        return Version.objects.create_from_tree(
            tree if tree is not None else self.make_tree(), document=document, **fields
        )

    def make_group(self, short_name: str = "WEOG", name: str | None = None) -> RegionalGroup:
        group, _created = RegionalGroup.objects.get_or_create(
            short_name=short_name, defaults={"name": name or f"{short_name} group"}
        )
        return group

    def make_consultation(self, meeting: Meeting, **fields: object) -> Consultation:
        fields.setdefault("date", datetime.date(2021, 6, 17))
        fields.setdefault("start_time", datetime.time(8, 45))
        fields.setdefault("end_time", datetime.time(10, 45))
        fields.setdefault("topic", "Informal consultations on Draft 1")
        fields.setdefault("format", Consultation.Format.VIRTUAL)
        return Consultation.objects.create(meeting=meeting, **fields)

    def make_proposal(self, version: Version, user, element=None, **fields: object) -> Proposal:
        """A proposal by ``user``'s delegation on ``element`` (by default the first paragraph)."""
        meeting = version.document.meeting
        membership = Membership.objects.get(user=user, meeting=meeting)
        element = (
            element
            or version.elements.filter(kind="paragraph").order_by("parent", "position").first()
        )
        fields.setdefault("kind", Proposal.Kind.REPLACE)
        fields.setdefault("text", f"{element.text} and its review")
        return Proposal.objects.create(
            meeting=meeting,
            version=version,
            element=element,
            state=membership.state,
            author=user,
            **fields,
        )

    def make_working_paper(self, meeting: Meeting, user, **fields: object) -> WorkingPaper:
        membership = Membership.objects.get(user=user, meeting=meeting)
        paper = WorkingPaper(
            meeting=meeting, state=membership.state, author=user, title="Working paper", **fields
        )
        paper.file.save("paper.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
        return paper
