"""How much a person may type or nest: limits a real negotiation never reaches, so that no
one request can hold a worker for long. Every check and every refusal names these numbers."""

# Characters of an element's text (an agenda item, heading or paragraph) as stored.
MAX_ELEMENT_TEXT = 20_000
# Characters of a footnote's text.
MAX_FOOTNOTE_TEXT = 5_000
# Characters of a delegation's proposed text and of the text the chair's team merges.
MAX_PROPOSAL_TEXT = 20_000
# Characters of a letter's body, and of an annex's text.
MAX_LETTER_TEXT = 100_000
# Proposals one delegation may have waiting for a decision on one draft.
MAX_OPEN_PROPOSALS_PER_DRAFT = 300
# Levels of paragraphs under an agenda item (or under the top of the document): a bullet,
# its sub-bullet, and so on. Real drafts use three or four.
MAX_DEPTH = 6

# Characters of the fields a version, its document and its elements keep in short columns
# (the models' max_length): a title, a version's label, an element's designation.
MAX_TITLE = 500
MAX_LABEL = 100
MAX_DESIGNATION = 20
# Bytes of a clipboard pasted into the editor (its HTML and its text together).
MAX_CLIPBOARD_BYTES = 1_000_000
# Paragraphs one paste may add.
MAX_PASTED_PARAGRAPHS = 1_000
