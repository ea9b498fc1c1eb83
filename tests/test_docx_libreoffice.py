"""LibreOffice as a second real client of the comparison (``make test-libreoffice``).

Accepting every change in LibreOffice gives Draft 2 element for element. Rejecting every
change gives Draft 1 word for word but not its shape: LibreOffice 7.4 does not restore a
list level when it rejects a ``w:pPrChange``, and when it takes away a paragraph that was
inserted before a paragraph of another style, the next paragraph takes the removed one's
style (Word keeps the surviving paragraph mark's). Both are LibreOffice's limitations.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from drafting.diff import compare
from drafting.docx import comparison_docx, read_docx
from tests.test_outline import shape
from tests.word_clients import draft_words
from tests.word_demo_drafts import DRAFT_2, demo, draft_two

SCRIPT = Path(__file__).parent / "libreoffice" / "accept_reject.py"
SYSTEM_PYTHON = "/usr/bin/python3"

pytestmark = pytest.mark.libreoffice


def libreoffice_ready() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    return found.returncode == 0


@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    if not libreoffice_ready():
        pytest.skip("LibreOffice with python3-uno is not installed (apt-get install "
                    "libreoffice-writer-nogui python3-uno)")  # fmt: skip
    folder = tmp_path_factory.mktemp("libreoffice")
    old, _meta = demo("bms7-draft-1.md")
    new = draft_two(old)
    source = folder / "comparison.docx"
    source.write_bytes(comparison_docx(old, new, compare(old, new), DRAFT_2))
    accepted, rejected = folder / "accepted.docx", folder / "rejected.docx"
    subprocess.run(
        [
            SYSTEM_PYTHON,
            str(SCRIPT),
            str(source),
            str(accepted),
            str(rejected),
            str(folder / "profile"),
        ],
        check=True,
        timeout=300,
    )
    return old, new, read_docx(accepted.read_bytes()).tree, read_docx(rejected.read_bytes()).tree


def test_libreoffice_accepting_every_change_gives_draft_two_element_for_element(resolved):
    _old, new, accepted, _rejected = resolved

    assert shape(accepted) == shape(new)


def test_libreoffice_rejecting_every_change_gives_draft_one_word_for_word(resolved):
    old, _new, _accepted, rejected = resolved

    assert draft_words(rejected, DRAFT_2) == draft_words(old, DRAFT_2)
