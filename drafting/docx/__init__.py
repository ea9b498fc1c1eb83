"""Word in and Word out: drafts read from .docx, drafts and comparisons written as .docx.

``read_docx(data)`` reads an uploaded file into a ``DocxImport`` (particulars, tree,
warnings) or raises ``DocxError`` with a plain message. ``version_docx(tree, meta)`` writes
a draft; ``comparison_docx(old, new, changes, meta)`` writes the later draft with the
differences from the earlier one as Word revision marks, from the compare engine's change
set. Pure functions over ``drafting.tree`` and ``drafting.diff``: no ORM in this package.
"""

from .comparison import comparison_docx
from .model import MAX_BYTES, MAX_DEPTH, MEDIA_TYPE, DocxError, DocxImport, DocxMeta
from .reader import read_docx
from .writer import version_docx

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MEDIA_TYPE",
    "DocxError",
    "DocxImport",
    "DocxMeta",
    "comparison_docx",
    "read_docx",
    "version_docx",
]
