"""How a page with a form runs an action: its refusal becomes the form's errors."""

from __future__ import annotations

from typing import Any

from django import forms

from .actions import Action, Forbidden, Refusal


def add_refusal(form: forms.BaseForm, refusal: Refusal) -> None:
    """``refusal``'s problems as errors of the whole form; a ``Forbidden`` is no form's
    business and stays a 403."""
    if isinstance(refusal, Forbidden):
        raise refusal
    for problem in refusal.problems:
        form.add_error(None, problem)


def execute_on_form(action: Action[Any], form: forms.BaseForm) -> bool:
    """Execute ``action`` (its result is then ``action.result``); if it is refused, show why
    on ``form``, keeping what was typed, and return False."""
    try:
        action.execute()
    except Refusal as refusal:
        add_refusal(form, refusal)
        return False
    return True
