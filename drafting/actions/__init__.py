"""Every change a person makes to an outcome document, as actions of one shape (see
``meetings.actions``): issuing, publishing and beginning drafts, importing them, and each
edit of the working draft, undo and revert."""

from meetings.actions import Conflict, Forbidden, Invalid, Refusal

from .edits import (
    AddAgendaItem,
    AddParagraph,
    Bracket,
    Delete,
    ElementEdit,
    JoinWithAbove,
    SaveText,
    Together,
    next_designation,
)
from .footnotes import AddFootnote, EditFootnote
from .importing import ImportOutline, ImportVersion, ReplaceWorkingDraft, tree_problems
from .issuing import (
    IssueDraft,
    PublishVersion,
    StartFromEarlier,
    WithdrawPublication,
    default_label,
    kind_for_label,
    last_issued,
)
from .moves import ChangeLevel, Indent, MoveBy, MoveTo, Outdent, ToggleHeading, indent, outdent
from .pasting import PasteParagraphs
from .undo import Revert, Undo
from .working import Outcome, WorkingDraftAction, missing_element

__all__ = [
    "AddAgendaItem",
    "AddFootnote",
    "AddParagraph",
    "Bracket",
    "ChangeLevel",
    "Conflict",
    "Delete",
    "EditFootnote",
    "ElementEdit",
    "Forbidden",
    "ImportOutline",
    "ImportVersion",
    "Indent",
    "Invalid",
    "IssueDraft",
    "JoinWithAbove",
    "MoveBy",
    "MoveTo",
    "Outcome",
    "Outdent",
    "PasteParagraphs",
    "PublishVersion",
    "Refusal",
    "ReplaceWorkingDraft",
    "Revert",
    "SaveText",
    "StartFromEarlier",
    "Together",
    "ToggleHeading",
    "Undo",
    "WorkingDraftAction",
    "WithdrawPublication",
    "default_label",
    "indent",
    "kind_for_label",
    "last_issued",
    "missing_element",
    "next_designation",
    "outdent",
    "tree_problems",
]
