"""What an Akoma Ntoso export says about its version, and the AKN4UN names built from it.

The names follow the UN System guidelines for Akoma Ntoso (AKN4UN, Part 1, "AKN4UN Naming
convention" and "AKN4UN Metadata"), which refine the OASIS Akoma Ntoso Naming Convention:

- Work: ``/akn/{jurisdiction}/{docType}/{subType}/{actor}/{date}/{docNumber}``. An outcome
  document is a deliberative document, so ``statement`` with the prescribed subtype
  ``deliberation``; the jurisdiction is ``un``; the actor is the meeting as a UN body,
  ``un-`` and its code (``un-bms7``); the date is the meeting's first day, the same for
  every version; the number is ``outcome``, the number "decided by the implementor" that
  AKN4UN asks for when a document has none (a meeting has one outcome document).
- Expression: the Work, then ``/eng@`` and the version's date; a version without a date
  (the working draft) uses its version number instead, the slug, as AKN4UN prescribes,
  with ``FRBRdate`` set to 1900-01-01 "since it is mandatory".
- Manifestation: the Expression and ``.xml``, AKN4UN's format for one XML file
  (``.akn`` is reserved for a package of several files).
- ``FRBRthis`` adds the component, ``/!main`` (``/!main.xml`` for the Manifestation);
  ``FRBRuri`` names the whole document at each level.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.text import slugify

JURISDICTION = "un"
DOCUMENT_TYPE = "statement"
SUBTYPE = "deliberation"
DOCUMENT_NAME = "outcomeDocument"
NUMBER = "outcome"
LANGUAGE = "eng"
FORMAT = "xml"
MAIN = "!main"
UNDATED = datetime.date(1900, 1, 1)


@dataclass(frozen=True)
class AknMeta:
    """The facts about one version that an export carries besides its tree.

    ``kind`` and ``status`` are ``Version.Kind`` and ``Version.Status`` values;
    ``meeting_date`` (the meeting's first day) dates the Work, ``date`` the version.
    """

    meeting_code: str
    meeting_title: str
    label: str
    slug: str
    kind: str
    status: str
    title: str = ""
    note: str = ""
    date: datetime.date | None = None
    meeting_date: datetime.date | None = None

    @property
    def actor(self) -> str:
        """The meeting as the authoring body, as AKN4UN spells actors: ``un-bms7``."""
        return f"{JURISDICTION}-{slugify(self.meeting_code)}"

    @property
    def work_uri(self) -> str:
        date = (self.meeting_date or UNDATED).isoformat()
        return f"/akn/{JURISDICTION}/{DOCUMENT_TYPE}/{SUBTYPE}/{self.actor}/{date}/{NUMBER}"

    @property
    def expression_uri(self) -> str:
        version = self.date.isoformat() if self.date else self.slug
        return f"{self.work_uri}/{LANGUAGE}@{version}"

    @property
    def manifestation_uri(self) -> str:
        return f"{self.expression_uri}.{FORMAT}"
