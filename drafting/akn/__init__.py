"""Akoma Ntoso 3.0 for outcome documents, following the UN's AKN4UN guidelines.

``version_akn(tree, meta)`` writes a version as a ``statement``; ``read_akn(data)`` reads
such a file back into its ``AknMeta`` and ``Tree``; ``schema_errors(data)`` checks any
file against the OASIS schema. No ORM in here: the caller builds ``AknMeta`` from a
Version.
"""

from .meta import AknMeta
from .read import read_akn
from .validation import AknError, schema_errors
from .write import version_akn

__all__ = ["AknError", "AknMeta", "read_akn", "schema_errors", "version_akn"]
