"""What drafting tells the layers above it, without knowing them.

``version_issued`` is sent once an issued version is committed to the database (issued from
the working draft, or imported), with ``version``: the letters layer renders its PDF.
"""

from django.dispatch import Signal

version_issued = Signal()
