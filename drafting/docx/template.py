"""The Word template every export starts from, and how it is made.

``template.docx`` is the parts under ``template/`` zipped in a fixed order with a fixed
timestamp: the app's own styles (no theme fonts, so Liberation Serif — metric-compatible
with Times New Roman, which Word substitutes where it is missing — holds everywhere), the
bullet and designated-paragraph lists in ``numbering.xml``, a header for the running
label, a "page N of M" footer and empty footnote separators. Edit the XML, then run
``python -m drafting.docx.template`` to write ``template.docx`` again.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .writer import TEMPLATE

PARTS = Path(__file__).resolve().parent / "template"
_TIMESTAMP = (2021, 6, 10, 0, 0, 0)
_FIRST = ("[Content_Types].xml", "_rels/.rels")


def build_template() -> bytes:
    """The template package, byte for byte the same on every run."""
    names = sorted(
        path.relative_to(PARTS).as_posix() for path in PARTS.rglob("*") if path.is_file()
    )
    ordered = [name for name in _FIRST if name in names] + [n for n in names if n not in _FIRST]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, (PARTS / name).read_bytes())
    return buffer.getvalue()


if __name__ == "__main__":
    TEMPLATE.write_bytes(build_template())
    print(f"Wrote {TEMPLATE}")
