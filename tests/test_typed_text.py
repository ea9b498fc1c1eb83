"""The same typed text gives the same stored HTML, or the same refusal, wherever a person
types it: an outline line, a proposal, a merge, a letter paragraph, a footnote, a timetable
cell. The README's table of what you write and what you get holds for every one of them."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from consultations.forms import MergeForm, ProposalForm
from drafting import outline
from drafting.markup import FOOTNOTE_IN_FOOTNOTE, UNMATCHED_STARS
from letters import letter_text

CALL = "[^1]"
ANY_KEY = re.compile(r'data-key="[^"]+"')
LINE_PREFIX = re.compile(r"^[Ll]ine \d+: ")


@dataclass(frozen=True)
class Refused:
    problem: str


def same_keys(stored: str) -> str:
    """Footnote keys differ by entry point (fresh, known or scoped): compare the calls only."""
    return ANY_KEY.sub('data-key="K"', stored)


def first_problem(problems: list[str]) -> Refused:
    return Refused(LINE_PREFIX.sub("", problems[0]).removesuffix("."))


def outline_line(text: str) -> str | Refused:
    definition = f"{CALL}: A note.\n" if CALL in text else ""
    try:
        _meta, tree = outline.parse(f"- {text}\n{definition}")
    except outline.OutlineError as error:
        return Refused(error.message)
    return same_keys(tree.nodes[0].text)


def outline_footnote(text: str) -> str | Refused:
    try:
        _meta, tree = outline.parse(f"- a[^9]\n[^9]: {text}\n")
    except outline.OutlineError as error:
        return Refused(error.message)
    return same_keys(*tree.footnotes.values())


def form_text(form) -> str | Refused:
    if form.is_valid():
        return same_keys(form.cleaned_data["text"])
    return Refused(form.errors["text"][0])


def proposal(text: str) -> str | Refused:
    data = {"kind": "replace", "text": text, "comment": ""}
    return form_text(
        ProposalForm(data, paragraph="The paragraph.", numbers={"key-1": 1}, open_proposals=0)
    )


def merge(text: str) -> str | Refused:
    return form_text(MergeForm({"text": text, "base_revision": 1}, numbers={"key-1": 1}))


def letter_paragraph(text: str) -> str | Refused:
    body = f"{text}\n\n{CALL}: A note." if CALL in text else text
    problems = letter_text.problems(body)
    if problems:
        return first_problem(problems)
    block = letter_text.parse(body, "letter").blocks[0]
    if block.kind == letter_text.HEADING:  # a paragraph wholly bold is a run-in heading
        return same_keys(f"<strong>{block.parts[0]}</strong>")
    return same_keys(block.parts[0])


def letter_footnote(text: str) -> str | Refused:
    body = f"Text.[^9]\n\n[^9]: {text}"
    problems = letter_text.problems(body)
    if problems:
        return first_problem(problems)
    return same_keys(letter_text.parse(body, "letter").footnotes["letter-9"])


def timetable_cell(text: str) -> str | Refused:
    problems = letter_text.table_problems(f"| Monday |\n| {text} |")
    if problems:
        return first_problem(problems)
    return same_keys(letter_text.to_html(text, "annex1"))


ENTRY_POINTS: dict[str, Callable[[str], str | Refused]] = {
    "outline line": outline_line,
    "proposal": proposal,
    "merge": merge,
    "letter paragraph": letter_paragraph,
    "timetable cell": timetable_cell,
}
FOOTNOTE_ENTRY_POINTS: dict[str, Callable[[str], str | Refused]] = {
    "outline footnote": outline_footnote,
    "letter footnote": letter_footnote,
}
EVERY_ENTRY_POINT = ENTRY_POINTS | FOOTNOTE_ENTRY_POINTS

CASES = [
    ("a * b * c", "a * b * c"),
    ("2*3*4", "2<em>3</em>4"),
    ("\\*x\\*", "*x*"),
    ("***both***", "<em><strong>both</strong></em>"),
    ("[shall]", "[shall]"),
    ("[[…]]", "[[…]]"),
    (f"see {CALL}", 'see <fn-ref data-key="K"></fn-ref>'),
    ("<script>alert(1)</script>kept", "kept"),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ("a &lt; b", "a &lt; b"),
    ("H<sub>2</sub>O", "H<sub>2</sub>O"),
    ("[the site](https://un.org)", '<a href="https://un.org">the site</a>'),
    ("**unclosed", Refused(UNMATCHED_STARS)),
]


def expected_at(entry_point: str, text: str, stored: str | Refused) -> str | Refused:
    """A footnote's own text may not call a footnote; everything else reads alike."""
    if entry_point in FOOTNOTE_ENTRY_POINTS and CALL in text:
        return Refused(FOOTNOTE_IN_FOOTNOTE)
    return stored


@pytest.mark.django_db
@pytest.mark.parametrize("entry_point", EVERY_ENTRY_POINT)
@pytest.mark.parametrize("text, stored", CASES)
def test_the_same_typed_text_gives_the_same_result_everywhere(entry_point, text, stored):
    read = EVERY_ENTRY_POINT[entry_point]

    assert read(text) == expected_at(entry_point, text, stored)


# The README's table -------------------------------------------------------------------

# What each example in the "you write" column becomes; the README's "https://…" stands
# for an address, here a real one.
README_EXAMPLES = {
    "*emphasis*": "<em>emphasis</em>",
    "**strong**": "<strong>strong</strong>",
    "***both***": "<em><strong>both</strong></em>",
    "a * b": "a * b",
    "2 ** 3": "2 ** 3",
    "[shall]": "[shall]",
    "[[…]]": "[[…]]",
    CALL: '<fn-ref data-key="K"></fn-ref>',
    "20<sup>th</sup>": "20<sup>th</sup>",
    "H<sub>2</sub>O": "H<sub>2</sub>O",
    '<a href="https://…">text</a>': '<a href="https://meetings.unoda.org/">text</a>',
    "[text](https://…)": '<a href="https://meetings.unoda.org/">text</a>',
    "\\*": "*",
    "\\\\": "\\",
    "\\<": "&lt;",
    "\\[": "[",
    "snake_case": "snake_case",
}
ADDRESS = "https://meetings.unoda.org/"


def readme_examples() -> list[str]:
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    table = re.search(r"### Text inside a line\n.*?\n(\| you write.*?)\n\n", readme, re.S)
    rows = table.group(1).splitlines()[2:]
    return [example for row in rows for example in re.findall(r"`([^`]+)`", row.split(" | ")[0])]


def test_every_example_in_the_readme_table_has_its_expected_result():
    assert readme_examples() == list(README_EXAMPLES)


@pytest.mark.django_db
@pytest.mark.parametrize("entry_point", EVERY_ENTRY_POINT)
@pytest.mark.parametrize("example", README_EXAMPLES)
def test_the_readme_table_holds_everywhere(entry_point, example):
    text = example.replace("https://…", ADDRESS)
    stored = README_EXAMPLES[example]

    assert EVERY_ENTRY_POINT[entry_point](text) == expected_at(entry_point, text, stored)
