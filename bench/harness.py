"""What the benchmarks share: a throw-away test database and a timer."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def database() -> Iterator[None]:
    """A fresh, migrated test database (as the test suite makes), emptied afterwards."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        # Django keeps an in-memory SQLite database open across "destroy", so the next
        # benchmark would find this one's rows: empty it first.
        call_command("flush", interactive=False, verbosity=0)
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def median_ms(work: Callable[[], object], repeat: int = 5) -> float:
    """The median wall time of ``work()`` over ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
