"""Who may do what in a meeting. Every view asks ``Access.of(user, meeting)``.

- chair's team: reads and edits the working draft, issues drafts;
- secretariat: reads the working draft and every issued draft; prepares letters and PDFs;
  schedules consultations and keeps the Bureau list (as does the chair's team);
- delegation: reads issued drafts only, never the working draft; sends written inputs
  and sees its own (every State's once the chair publishes the compilation);
- anyone else, signed in or not: reads published drafts only, and sees nothing of a
  meeting until one of its drafts is published.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Meeting, Membership, State

Role = Membership.Role
# The roles that read the working draft (and so every version) of their meeting.
WORKING_DRAFT_READERS = (Role.CHAIR_TEAM, Role.SECRETARIAT)


@dataclass(frozen=True)
class Access:
    """What one user may do in one meeting."""

    role: str | None
    state: State | None = None
    is_admin: bool = False

    @classmethod
    def of(cls, user, meeting: Meeting | int) -> Access:
        """The user's access to ``meeting`` (or the meeting of that id), read in one query.

        Kept on the user object, which lives as long as its request, so that the view and
        the action it runs ask the database once.
        """
        if not user.is_authenticated:
            return cls(role=None)
        if user.is_superuser:
            return cls(role=Role.CHAIR_TEAM, is_admin=True)
        meeting_id = getattr(meeting, "pk", meeting)
        known: dict[int, Access] = user.__dict__.setdefault("_meeting_access", {})
        if meeting_id not in known:
            membership = (
                Membership.objects.filter(user=user, meeting_id=meeting_id)
                .select_related("state")
                .first()
            )
            known[meeting_id] = (
                cls(role=membership.role, state=membership.state) if membership else cls(role=None)
            )
        return known[meeting_id]

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def can_edit_working_draft(self) -> bool:
        return self.role == Role.CHAIR_TEAM

    @property
    def can_issue(self) -> bool:
        return self.role == Role.CHAIR_TEAM

    @property
    def can_read_working_draft(self) -> bool:
        return self.role in WORKING_DRAFT_READERS

    @property
    def can_read_issued(self) -> bool:
        """Issued but unpublished drafts: every member of the meeting."""
        return self.is_member

    @property
    def can_prepare_letters(self) -> bool:
        return self.role in (Role.CHAIR_TEAM, Role.SECRETARIAT)

    @property
    def can_schedule(self) -> bool:
        """Add, change and remove consultation sessions."""
        return self.role in (Role.CHAIR_TEAM, Role.SECRETARIAT)

    @property
    def can_keep_bureau(self) -> bool:
        """Set the Bureau seats and record nominations."""
        return self.role in (Role.CHAIR_TEAM, Role.SECRETARIAT)

    @property
    def can_propose(self) -> bool:
        """Send written inputs: only a delegation, in the name of its State."""
        return self.role == Role.DELEGATION and self.state is not None

    @property
    def can_read_all_inputs(self) -> bool:
        """Every State's written inputs, whether or not the compilation is published."""
        return self.role in (Role.CHAIR_TEAM, Role.SECRETARIAT)

    @property
    def can_decide_inputs(self) -> bool:
        """Accept, merge or note proposals, and publish the compilation."""
        return self.role == Role.CHAIR_TEAM
