"""Shared fixtures: ``factory`` makes test data (see tests/factory.py)."""

import pytest

from tests.factory import Factory


@pytest.fixture
def factory(db) -> Factory:
    return Factory()
