"""The code's release: a name that changes whenever what a page looks like may change.

Cached page bodies (``drafting.cached``) are keyed by it, so a new release never serves
markup an older release rendered. It is the ``RELEASE`` environment variable when the
deployment sets one (a git commit, a build number); otherwise the package version plus a
hash of every Python module, template and style sheet of the project, computed once when
the settings load (a few milliseconds).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

PACKAGE = "outcome-drafting"
SOURCES = ("config", "meetings", "drafting", "consultations", "letters", "templates", "static")
SUFFIXES = {".py", ".html", ".css"}


def release(base_dir: Path) -> str:
    """``$RELEASE`` if set, else "<package version>-<hash of the sources>"."""
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"]
    digest = hashlib.sha256()
    for path in sorted(_sources(base_dir)):
        digest.update(str(path.relative_to(base_dir)).encode())
        digest.update(path.read_bytes())
    return f"{_version()}-{digest.hexdigest()[:16]}"


def _sources(base_dir: Path) -> Iterator[Path]:
    for folder in SOURCES:
        for path in (base_dir / folder).rglob("*"):
            if path.suffix in SUFFIXES and "migrations" not in path.parts and path.is_file():
                yield path


def _version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "0"
