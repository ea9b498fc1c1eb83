"""Real clients for the Word tests: pandoc and the openxml-audit validator, and the words a
reader should find in a draft."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafting.docx import DocxMeta
from drafting.inline import plain_text
from drafting.tree import Tree

AUDIT = Path(sys.executable).with_name("openxml-audit")
FOOTNOTE_MARK = re.compile(r"\[\d+\]")


def pandoc(path: Path, *options: str) -> str:
    """What pandoc makes of a .docx (skips the test where pandoc is not installed)."""
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (apt-get install pandoc; .ci/run installs it)")
    done = subprocess.run(
        ["pandoc", "-f", "docx", *options, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def pandoc_json(path: Path) -> dict:
    return json.loads(pandoc(path, "-t", "json"))


def pandoc_words(path: Path, track_changes: str) -> list[str]:
    """Every word pandoc reads, with tracked changes accepted or rejected, without list
    markers and footnote numbers (the body first, then the footnotes)."""
    text = pandoc(path, "-t", "plain", "--wrap=none", f"--track-changes={track_changes}")
    return [word for word in FOOTNOTE_MARK.sub("", text).split() if word != "-"]


def draft_words(tree: Tree, meta: DocxMeta) -> list[str]:
    """The words a reader finds in a draft: note, title, every element with its
    designation in document order, then the footnotes in their numbered order."""
    parts = [meta.note, meta.title]
    parts += [f"{node.designation} {plain_text(node.text)}" for node, _depth in tree.walk()]
    parts += [plain_text(tree.footnotes[key]) for key in tree.footnote_numbers()]
    return " ".join(parts).split()


def audit_errors(path: Path) -> list[str]:
    """openxml-audit's errors for a file (schema, package, Word's own repair rules)."""
    done = subprocess.run(
        [str(AUDIT), "-o", "json", "--max-errors", "0", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    (report,) = json.loads(done.stdout)
    return [f"{e['part_uri']} {e['path']}: {e['description']}" for e in report["errors"]]
