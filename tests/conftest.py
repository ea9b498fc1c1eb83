"""Shared fixtures: ``factory`` makes test data (see tests/factory.py); ``redis_url`` a
throw-away Redis server."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache

from tests.factory import Factory


@pytest.fixture
def factory(db) -> Factory:
    return Factory()


@pytest.fixture
def redis_url():
    """A throw-away Redis server on a free local port (skipped where Redis is not installed)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids of rolled-back rows come round again."""
    cache.clear()
    yield
    cache.clear()
