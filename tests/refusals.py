"""Reading what an action would refuse, for tests that assert the words."""

from meetings.actions import Action


def problems_of(action: Action) -> list[str]:
    """The problems ``action`` would be refused with now (empty if it may go ahead)."""
    refusal = action.refusal()
    return refusal.problems if refusal is not None else []
