"""Reading 1 MB of pathological typed text with the one inline grammar (``drafting.markup``).

Each input is read as every form and the outline import read it (``inline_html``: stored
HTML, or refused at the first certain problem; the unit says which). The same input at a
quarter of the size shows that the time is linear in the length (``ratio`` near 4, on a
quiet machine); the emphasis parser this replaced was quadratic (60 KB of "a* ": 30 s).
Run with ``python bench/run.py bench_markup`` (or ``make bench``).

A request never reads that much: the forms refuse a text over its limit before reading it
(``drafting.limits``). ``form_ms_1mb_*`` times the proposal form given each 1 MB input (the
request a delegation could send), and ``form_ms_at_limit_*`` the slowest texts a form does
read: a proposal of ``MAX_PROPOSAL_TEXT`` and a letter of ``MAX_LETTER_TEXT`` characters of
the densest markup above.
"""

from __future__ import annotations

from collections.abc import Callable

from bench.harness import median_ms
from drafting.markup import MarkupError, inline_html

SIZE = 1_000_000
REPEAT = 3
PATHOLOGICAL = {
    "a_star_space": "a* ",
    "star_a_space": "*a ",
    "star_star_a": "**a",
    "star_underscore": "*_",
    "em_pairs": "*a* ",
    "open_bracket": "[",
    "open_call": "[^",
    "footnote_calls": "[^1]",
    "backslash": "\\",
    "sup_tag": "<sup>",
    "comment_opener": "<!--",
    "entity": "&amp;",
    "link_opener": "[a](https:",
    "links": "[a](https://un.org) ",
    "plain_words": "States shall ",
}


def nested(size: int) -> str:
    half = size // 2
    return "*" * half + "a" + "*" * half


def _inputs(size: int) -> dict[str, str]:
    texts = {name: unit * (size // len(unit)) for name, unit in PATHOLOGICAL.items()}
    return texts | {"nested_stars": nested(size)}


def _outcome(text: str) -> str:
    try:
        inline_html(text, str)
    except MarkupError:
        return "refused"
    return "read"


def _read(text: str) -> Callable[[], object]:
    def read() -> object:
        try:
            return inline_html(text, str)
        except MarkupError as error:
            return error

    return read


def _proposal(text: str) -> Callable[[], object]:
    from consultations.forms import ProposalForm

    def send() -> object:
        form = ProposalForm(
            {"kind": "replace", "text": text, "comment": ""},
            paragraph="The paragraph.",
            numbers={},
            open_proposals=0,
        )
        return form.is_valid()

    return send


def _letter_body(text: str) -> Callable[[], object]:
    from letters import letter_text

    return lambda: letter_text.problems(text)


def _forms() -> list[tuple[str, float, str]]:
    from drafting.limits import MAX_LETTER_TEXT, MAX_PROPOSAL_TEXT

    rows = []
    for name, text in _inputs(SIZE).items():
        rows.append((f"form_ms_1mb_{name}", median_ms(_proposal(text), REPEAT), "ms (refused)"))
    densest = PATHOLOGICAL["em_pairs"]
    proposal = densest * (MAX_PROPOSAL_TEXT // len(densest))
    letter = densest * (MAX_LETTER_TEXT // len(densest))
    rows += [
        ("form_ms_at_limit_proposal_em_pairs", median_ms(_proposal(proposal), REPEAT), "ms"),
        ("form_ms_at_limit_letter_em_pairs", median_ms(_letter_body(letter), REPEAT), "ms"),
    ]
    return rows


def run() -> list[tuple[str, float, str]]:
    rows = _forms()
    quarter = _inputs(SIZE // 4)
    for name, text in _inputs(SIZE).items():
        full_ms = median_ms(_read(text), REPEAT)
        quarter_ms = median_ms(_read(quarter[name]), REPEAT)
        rows += [
            (f"markup_ms_1mb_{name}", full_ms, f"ms ({_outcome(text)})"),
            (f"markup_ratio_1mb_to_250kb_{name}", full_ms / max(quarter_ms, 0.01), "x"),
        ]
    return rows
