"""Outlines that used to reach a server error or a database error are refused in words,
naming the line or the option; nesting and text lengths have limits."""

import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from drafting.limits import (
    MAX_DEPTH,
    MAX_DESIGNATION,
    MAX_ELEMENT_TEXT,
    MAX_FOOTNOTE_TEXT,
    MAX_LABEL,
    MAX_TITLE,
)
from drafting.management.commands import import_outline
from drafting.models import Version
from drafting.outline import OutlineError, parse
from meetings.models import Meeting


def refusal(text: str) -> str:
    with pytest.raises(OutlineError) as refused:
        parse(text)
    return str(refused.value)


def outline_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outline.md"
    path.write_text(text, encoding="utf-8")
    return path


# Front matter ---------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["2021-02-30", "2021-13-01", "2021-00-10"])
def test_a_front_matter_date_that_does_not_exist_is_refused_with_its_line(date):
    message = refusal(f"---\nlabel: Draft 1\ndate: {date}\n---\n- a\n")

    assert message.startswith(f"line 3: the date '{date}' is not a date written YYYY-MM-DD")


@pytest.mark.parametrize("value", ["[" * 500, "- " * 500, "{a: " * 500])
def test_front_matter_nested_too_deeply_is_refused_in_words(value):
    message = refusal(f"---\ntitle: {value}\n---\n- a\n")

    assert message.startswith("line 2: the front matter")


@pytest.mark.parametrize("value", ["[Draft 1]", "{a: b}", "\n  - Draft\n  - 1"])
def test_a_front_matter_field_that_is_not_text_is_refused(value):
    assert refusal(f"---\nlabel: {value}\n---\n- a\n").startswith(
        "line 2: the label must be text, not a list or fields"
    )


def test_yaml_aliases_cannot_make_a_front_matter_field_grow():
    laughs = "".join(f"l{i}: &l{i + 1} [*l{i}, *l{i}, *l{i}, *l{i}]\n" for i in range(1, 12))
    start = time.perf_counter()

    message = refusal(f"---\nl0: &l1 lol\n{laughs}title: *l12\n---\n- a\n")

    assert "is not a front-matter field" in message
    assert time.perf_counter() - start < 1


def test_front_matter_values_are_text_as_written():
    meta, _tree = parse("---\nlabel: yes\ntitle: 010\nnote: ~\ndate: 2021-06-10\n---\n- a\n")

    assert meta["label"] == "yes"
    assert meta["title"] == "010"
    assert meta["note"] == "~"


@pytest.mark.parametrize(("name", "longest"), [("title", MAX_TITLE), ("label", MAX_LABEL)])
def test_a_front_matter_title_or_label_too_long_to_store_is_refused(name, longest):
    message = refusal(f"---\nnote: n\n{name}: {'x' * (longest + 1)}\n---\n- a\n")

    assert message == (
        f"line 3: the {name} can be at most {longest:,} characters; this one has {longest + 1:,}"
    )


def test_a_title_and_label_at_their_limits_are_accepted():
    meta, _tree = parse(f"---\ntitle: {'t' * MAX_TITLE}\nlabel: {'l' * MAX_LABEL}\n---\n- a\n")

    assert len(meta["title"]) == MAX_TITLE
    assert len(meta["label"]) == MAX_LABEL


# Lines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", [f"{'1' * MAX_DESIGNATION}. too long", f"# {'I' * MAX_DESIGNATION}. Title"]
)
def test_a_designation_too_long_to_store_is_refused_with_its_line(line):
    message = refusal(f"- a\n{line}\n")

    assert message.startswith("line 2: the designation")
    assert f"can be at most {MAX_DESIGNATION}" in message


def test_bullets_nest_down_to_the_depth_limit_under_an_agenda_item_and_no_further():
    bullets = "".join(f"{'  ' * depth}- level {depth + 1}\n" for depth in range(MAX_DEPTH))
    _meta, tree = parse(f"# A. Item\n{bullets}")
    deepest = max(depth for _node, depth in tree.walk())

    assert deepest == MAX_DEPTH  # the agenda item is at depth 0
    message = refusal(f"# A. Item\n{bullets}{'  ' * MAX_DEPTH}- one level more\n")
    assert message == (
        f"line {MAX_DEPTH + 2}: this bullet is {MAX_DEPTH + 1} levels deep; bullets go at most "
        f"{MAX_DEPTH} levels deep below an agenda item or at the top of the document"
    )


def test_a_hundred_and_twenty_indents_are_refused_at_the_first_bullet_too_deep():
    bullets = "".join(f"{'  ' * depth}- level {depth + 1}\n" for depth in range(120))

    assert refusal(bullets).startswith(f"line {MAX_DEPTH + 1}: this bullet is")


def test_a_paragraph_over_the_limit_is_refused_before_its_text_is_parsed():
    # Pathological for an emphasis parser that scans back from every asterisk.
    text = "a* " * (MAX_ELEMENT_TEXT // 3 + 1) + "a"
    start = time.perf_counter()

    message = refusal(f"# A. Item\n- {text}\n")

    assert message == (
        f"line 2: a paragraph can be at most {MAX_ELEMENT_TEXT:,} characters; "
        f"this one has {len(text):,}"
    )
    assert time.perf_counter() - start < 1


def test_a_paragraph_longer_than_the_limit_once_stored_is_refused():
    calls = "[^1]" * (MAX_ELEMENT_TEXT // 8)

    message = refusal(f"- {calls}\n[^1]: Note.\n")

    assert message.startswith(f"line 1: a paragraph can be at most {MAX_ELEMENT_TEXT:,}")
    assert message.endswith("once stored with its markup")


def test_an_agenda_item_title_over_the_limit_is_refused():
    message = refusal(f"# A. {'x' * (MAX_ELEMENT_TEXT + 1)}\n")

    assert message.startswith(f"line 1: an agenda item can be at most {MAX_ELEMENT_TEXT:,}")


def test_a_footnote_over_its_limit_is_refused_and_one_at_the_limit_accepted():
    at_limit = "f" * MAX_FOOTNOTE_TEXT
    _meta, tree = parse(f"- a[^1]\n[^1]: {at_limit}\n")

    assert list(tree.footnotes.values()) == [at_limit]
    assert refusal(f"- a[^1]\n[^1]: {at_limit}f\n") == (
        f"line 2: a footnote can be at most {MAX_FOOTNOTE_TEXT:,} characters; "
        f"this one has {MAX_FOOTNOTE_TEXT + 1:,}"
    )


# The import command ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("date", ["2021-02-30", "10 June 2021", ""])
def test_import_refuses_a_date_option_that_is_not_a_date(tmp_path, date):
    path = outline_file(tmp_path, "---\nlabel: Draft 1\n---\n- a\n")

    with pytest.raises(CommandError, match=f"--date '{date}' is not a date written YYYY-MM-DD"):
        call_command("import_outline", str(path), "--meeting", "BMS9", "--date", date)
    assert not Version.objects.exists()


@pytest.mark.django_db
def test_import_from_the_command_line_says_a_bad_date_in_words_without_a_traceback(
    tmp_path, capsys
):
    path = outline_file(tmp_path, "---\nlabel: Draft 1\n---\n- a\n")
    command = import_outline.Command()

    with pytest.raises(SystemExit):
        command.run_from_argv(
            ["manage.py", "import_outline", str(path), "--meeting", "BMS9", "--date", "2021-02-30"]
        )

    assert "CommandError: --date '2021-02-30' is not a date" in capsys.readouterr().err


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "problem"),
    [("B" * 21, "can be at most 20 characters; this one has 21"), ("BMS/7", "not a meeting code")],
)
def test_import_refuses_a_meeting_code_that_cannot_be_stored_or_addressed(tmp_path, code, problem):
    path = outline_file(tmp_path, "---\nlabel: Draft 1\n---\n- a\n")

    with pytest.raises(CommandError, match=problem):
        call_command("import_outline", str(path), "--meeting", code)
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_import_refuses_a_label_option_too_long_to_store(tmp_path):
    path = outline_file(tmp_path, "- a\n")

    with pytest.raises(CommandError, match=f"a label can be at most {MAX_LABEL} characters"):
        call_command("import_outline", str(path), "--meeting", "BMS9", "--label", "L" * 101)
    assert not Version.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("front_matter", "problem"),
    [
        (f"label: {'L' * (MAX_LABEL + 1)}", "line 2: the label can be at most"),
        (f"label: Draft 1\ntitle: {'T' * (MAX_TITLE + 1)}", "line 3: the title can be at most"),
    ],
)
def test_import_refuses_a_file_whose_label_or_title_is_too_long(tmp_path, front_matter, problem):
    path = outline_file(tmp_path, f"---\n{front_matter}\n---\n- a\n")

    with pytest.raises(CommandError, match=problem):
        call_command("import_outline", str(path), "--meeting", "BMS9")
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_import_refuses_a_designation_too_long_and_stores_nothing(tmp_path):
    path = outline_file(tmp_path, f"---\nlabel: Draft 1\n---\n# {'X' * 25}. Title\n")

    with pytest.raises(CommandError, match="line 4: the designation"):
        call_command("import_outline", str(path), "--meeting", "BMS9", stdout=StringIO())
    assert not Meeting.objects.exists()
