"""The one rendering layer: a ``Tree`` or a ``ChangeSet`` turned into what pages, print and
exporters show. Pure functions over the plain tree and the compare engine's change set: no
ORM, no URL configuration, no templates.

- ``blocks``: a tree as flat rows in document order (depth, kind, level, designation,
  placeholder, list open/close markers, footnote keys, a location for people). Exporters
  (Word, Akoma Ntoso) read these rows; the docstring of ``blocks`` says what they may rely on.
- ``markup``: the one place that makes HTML safe: inline text, footnote calls numbered by a
  ``Numbering`` the caller passes (one document, or a whole letter package), word diffs.
- ``document``: a version as the reading page's HTML and as printed HTML.
- ``redline``: a change set as rows (inline, side by side, footnotes, agenda items to filter
  by); ``redline_html`` writes them for the compare page and for print; ``report`` as plain
  text and JSON.
"""
