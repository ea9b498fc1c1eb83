"""The one action shape: what it refuses and how, and what it does when the database asks
for the transaction to be tried again."""

from dataclasses import dataclass

import pytest
from django.db import OperationalError

from meetings.actions import Action, Conflict, Forbidden, Invalid


class Deadlock(Exception):
    """What psycopg raises for a deadlock: an error carrying PostgreSQL's code."""

    sqlstate = "40P01"


def database_error(code_error: Exception) -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = code_error
    return error


@dataclass(kw_only=True)
class Counting(Action[str]):
    failures: int = 0
    attempts: int = 0

    def perform(self) -> str:
        self.attempts += 1
        if self.attempts <= self.failures:
            raise database_error(Deadlock())
        return "done"


def test_a_deadlock_is_tried_again_once(db):
    action = Counting(user=None, failures=1)
    assert action.execute() == "done" and action.attempts == 2


def test_a_second_deadlock_is_a_conflict_in_words_not_a_server_error(db):
    action = Counting(user=None, failures=2)
    with pytest.raises(Conflict) as refused:
        action.execute()
    assert refused.value.status == 409
    assert "try again" in refused.value.problems[0]


def test_other_database_errors_are_not_hidden(db):
    @dataclass(kw_only=True)
    class Broken(Action[None]):
        def perform(self) -> None:
            raise OperationalError("disk I/O error")

    with pytest.raises(OperationalError):
        Broken(user=None).execute()


def test_check_says_may_not_before_cannot():
    @dataclass(kw_only=True)
    class Both(Action[None]):
        def forbidden(self) -> str | None:
            return "Only the chair's team can do this."

        def problems(self) -> list[str]:
            return ["This is not valid."]

    with pytest.raises(Forbidden) as refused:
        Both(user=None).check()
    assert refused.value.status == 403 and not isinstance(refused.value, Invalid)
