"""The compare engine: two element trees in, one change set out. No ORM, no views.

``compare(old, new)`` returns a ``ChangeSet``; every page and exporter (inline redline,
side by side, PDF redline, Word tracked changes, JSON) renders that one structure, and
``apply(old, change_set)`` rebuilds the new tree from the old one and the change set;
``snapshots(tree)`` describes each element of one tree the way a change does;
``adopt_keys(old, new)`` gives an imported draft the lineage keys of the elements it pairs
with.

How elements are paired
    1. by lineage key (same key, same kind);
    2. the rest (imported drafts share no keys) by text: identical text first, then set
       similarity of lower-cased words (Dice ≥ ``SIMILARITY``, same kind only, best pairs
       first, ties to the pair under matched parents, then the nearer one). Candidates come
       from a prefix filter on the rarest words, so no all-pairs loop;
    3. what is left pairs in place, top down under each matched pair of parents: empty
       placeholder bullets in order; then, as Word's compare does, a rewording in the same
       place. A gap is the unmatched children standing between the same two siblings
       matched to each other (or an end of the list) in both versions; of one kind, one
       old and one new element alone in a gap pair if they share a word, and of several
       the best pairs with Dice ≥ ``GAP_SIMILARITY`` that keep their order (the rest, and
       gaps of more than ``MAX_GAP_PAIRS`` old × new elements, stay deleted and added).
    Footnotes pair by key, then by text similarity, preferring footnotes called from a
    matched pair of elements.

The contract (all frozen dataclasses)
    ``ChangeSet``
        ``changes``: tuple of ``Change`` in document order (the merged document: new order,
        deleted elements where they stood, footnote changes last in footnote order) — the
        list for next/previous navigation; ``Change.number`` is the 1-based position in it.
        ``rows``: the merged document, one ``Row`` per element of either version, in reading
        order, each with its depth and its change (None if unchanged); rows with a
        ``new_key`` are exactly the new tree, in order. ``footnote_rows`` likewise for
        footnotes. ``summary``: a ``Summary``. ``old_numbers`` / ``new_numbers``: footnote
        key → number in each version, for rendering footnote calls in fragments.
        ``coarse_changes``: the changes whose ``coarse`` is true, in document order.
    ``Change``
        ``kind``: "added" | "deleted" | "modified" | "moved"; ``element``: "agenda_item" |
        "heading" | "paragraph" | "footnote"; ``old`` / ``new``: a ``Snapshot`` of the
        element in each version (None where absent); ``text_changed``; ``fragments``: the
        word diff; ``agenda_item``: an ``AgendaItemRef`` (key None, label "Chapeau" for
        elements outside any agenda item); ``number``; ``coarse``: true when the two texts
        were beyond the word diff's budget (see Word diff), so ``fragments`` are the whole
        old text deleted and the whole new text inserted: a page says "shown as replaced
        whole: too long to compare word by word". Shortcuts: ``old_key``, ``new_key``,
        ``old_path``, ``new_path``, ``old_location``, ``new_location``, ``old_text``,
        ``new_text``, ``anchor``.
        "moved" means matched but under another (matched) parent, or outside the longest
        common subsequence of its siblings; a moved element appears once, at its new place,
        with ``old`` telling where it came from; it may also have ``text_changed``.
        "modified" means matched in place with a changed text, designation or heading level.
        Footnotes are only added, deleted or modified: a footnote whose number changes
        because another was added before it is not a change.
    ``Snapshot``
        ``key``, ``kind``, ``designation``, ``level``, ``html`` (the sanitised source),
        ``text`` (plain text with the designation, footnote calls as that version's
        numbers), ``path`` (0-based indices among siblings from the top level) and
        ``location`` (for people: "A > 1. Effective national controls > 3", headings being
        the preceding heading siblings and bullets numbered since the last heading). For a
        footnote: ``designation`` is its number, ``text`` its plain text without the number,
        ``path`` is () and ``location`` "Footnote 3".
    ``Fragment``
        ``(op, html)`` with op "equal" | "insert" | "delete"; the fragments of a change
        cover its whole text (all "insert" when added, "delete" when deleted, one "equal"
        when unchanged). ``html`` is sanitised source HTML, balanced on its own (formatting
        tags are closed and reopened at fragment edges), so a renderer wraps it in
        ``<ins>``/``<del>`` without escaping anything more. Footnote calls stay
        ``<fn-ref>`` elements: render "delete" fragments with ``old_numbers`` and the
        others with ``new_numbers``.
    ``Summary``
        ``total`` and per agenda item (``items``, in document order) ``Counts`` of added,
        deleted, modified and moved changes (footnote changes count in the item of the
        element that calls them); ``old_brackets`` / ``new_brackets``: ``Brackets``.

Word diff
    Each text is cut into tokens: words, single punctuation marks, whitespace runs, HTML
    entities, and each footnote call as one token; formatting tags are not tokens but the
    context of the tokens they enclose (so "word" → "<em>word</em>" is a change). Tokens
    become one character each, diff-match-patch diffs those strings, and the result maps
    back to tokens. A footnote call compares by footnote identity (matched footnotes are
    the same), never by number.
    The work is bounded, by counts rather than a clock so that a comparison always gives
    the same result: a text over ``MAX_TEXT_CHARS`` characters is not cut into tokens
    (it is unchanged only if equal as a string, footnote calls by identity), and the
    search is not started when the tokens left on each side, once the common start and
    end are set aside, multiply to more than ``MAX_DIFF_CELLS``. Past either bound the
    diff is coarse: one "delete" fragment with the whole old text and one "insert"
    fragment with the whole new text, each the sanitised source (an empty side has no
    fragment, and nothing is coarse then). ``diff_texts`` returns the fragments with
    ``changed`` and ``coarse``; ``word_diff`` the fragments alone.

Brackets
    The body (all elements in document order, one stream, so a passage may span
    paragraphs) and each footnote are scanned for "[" and "]". A passage is a balanced
    top-level "[ … ]" (nested brackets belong to their outer passage). A "]" with no open
    bracket counts in ``unmatched_close`` and ends nothing ("recipients.]]" after a single
    "[" is one passage and one unmatched close); brackets still open at the end of a
    stream count in ``unmatched_open``.
"""

from __future__ import annotations

from .brackets import count_brackets
from .comparison import compare
from .lineage import adopt_keys
from .matching import GAP_SIMILARITY, MAX_GAP_PAIRS, SIMILARITY
from .model import (
    ADDED,
    CHAPEAU,
    DELETE,
    DELETED,
    EQUAL,
    FOOTNOTE,
    INSERT,
    MODIFIED,
    MOVED,
    AgendaItemRef,
    Brackets,
    Change,
    ChangeKind,
    ChangeSet,
    Counts,
    Fragment,
    ItemSummary,
    Op,
    Row,
    Snapshot,
    Summary,
)
from .rebuild import apply
from .version import snapshots
from .words import MAX_DIFF_CELLS, MAX_TEXT_CHARS, TextDiff, diff_texts, word_diff

__all__ = [
    "ADDED",
    "CHAPEAU",
    "DELETE",
    "DELETED",
    "EQUAL",
    "FOOTNOTE",
    "GAP_SIMILARITY",
    "INSERT",
    "MAX_DIFF_CELLS",
    "MAX_GAP_PAIRS",
    "MAX_TEXT_CHARS",
    "MODIFIED",
    "MOVED",
    "SIMILARITY",
    "AgendaItemRef",
    "Brackets",
    "Change",
    "ChangeKind",
    "ChangeSet",
    "Counts",
    "Fragment",
    "ItemSummary",
    "Op",
    "Row",
    "Snapshot",
    "Summary",
    "TextDiff",
    "adopt_keys",
    "apply",
    "snapshots",
    "compare",
    "count_brackets",
    "diff_texts",
    "word_diff",
]
