"""import_docx and export_docx: Word files in and out of stored versions."""

import datetime
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx.oxml.ns import qn

from drafting.diff import compare
from drafting.docx import DocxMeta, comparison_docx, read_docx, version_docx
from drafting.models import Version
from tests.test_outline import shape, stored_rows
from tests.word_demo_drafts import demo, draft_two


def word_file(tmp_path: Path, data: bytes, name: str = "draft.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.django_db
def test_import_docx_adds_an_issued_version_and_makes_the_meeting(tmp_path):
    tree, meta = demo("bms7-draft-1.md")
    path = word_file(tmp_path, version_docx(tree, meta))
    out = StringIO()

    call_command("import_docx", str(path), "--meeting", "BMS7", stdout=out)

    version = Version.objects.select_related("document__meeting").get()
    assert version.is_issued
    assert (version.label, version.date, version.kind) == (
        "Draft 1",
        datetime.date(2021, 6, 10),
        "draft",
    )
    assert (version.title, version.note) == (meta.title, meta.note)
    assert version.document.meeting.code == "BMS7"
    assert shape(version.tree()) == shape(tree)
    assert "Imported “Draft 1” into BMS7: 145 elements, 5 footnotes." in out.getvalue()


@pytest.mark.django_db
def test_import_docx_options_override_the_files_label_and_date(tmp_path):
    tree, meta = demo("bms6-draft-1.md")
    path = word_file(tmp_path, version_docx(tree, meta))

    call_command(
        "import_docx", str(path), "--meeting", "BMS6", "--label", "Rev.1", "--date", "2016-05-02",
        stdout=StringIO(),
    )  # fmt: skip

    version = Version.objects.get()
    assert (version.label, version.kind, version.date) == (
        "Rev.1",
        "rev",
        datetime.date(2016, 5, 2),
    )


@pytest.mark.django_db
def test_import_docx_of_a_bad_file_says_why_and_stores_nothing(tmp_path):
    path = word_file(tmp_path, b"%PDF-1.7", "draft.pdf")

    with pytest.raises(CommandError, match=r"draft\.pdf: This file is not a Word document"):
        call_command("import_docx", str(path), "--meeting", "BMS9")

    assert stored_rows() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_import_docx_without_a_label_is_refused(tmp_path):
    tree, _meta = demo("bms7-draft-1.md")
    path = word_file(tmp_path, version_docx(tree, DocxMeta()))

    with pytest.raises(CommandError, match="Give the version a label"):
        call_command("import_docx", str(path), "--meeting", "BMS9")

    assert stored_rows() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_import_docx_notes_how_tracked_changes_were_read(tmp_path):
    old, meta = demo("bms7-draft-1.md")
    new = draft_two(old)
    path = word_file(tmp_path, comparison_docx(old, new, compare(old, new), meta))
    err = StringIO()

    call_command(
        "import_docx",
        str(path),
        "--meeting",
        "BMS7",
        "--label",
        "Draft 2",
        stdout=StringIO(),
        stderr=err,
    )

    assert "read as if every change were accepted" in err.getvalue()
    assert shape(Version.objects.get().tree()) == shape(new)


@pytest.mark.django_db
def test_export_docx_writes_a_version_with_the_meetings_particulars(factory, tmp_path):
    tree, _meta = demo("bms7-draft-1.md")
    meeting = factory.make_meeting("BMS7", paper_size="A4")
    version = factory.make_version(
        factory.make_document(meeting),
        tree,
        label="Draft 1",
        note="Without prejudice.",
        title="Outcome",
    )
    path = tmp_path / "out.docx"

    call_command(
        "export_docx", "--meeting", "BMS7", "--label", "draft 1", "-o", str(path), stdout=StringIO()
    )

    imported = read_docx(path.read_bytes())
    assert shape(imported.tree) == shape(version.tree())
    assert imported.meta == DocxMeta(
        title="Outcome",
        label="Draft 1",
        running_label="DRAFT 1, 10 June 2021",
        note="Without prejudice.",
        date=datetime.date(2021, 6, 10),
        paper_size="A4",
        author="Chair of BMS7",
    )


@pytest.mark.django_db
def test_export_docx_from_to_writes_the_later_draft_with_tracked_changes(factory, tmp_path):
    old, _meta = demo("bms7-draft-1.md")
    document = factory.make_document(factory.make_meeting("BMS7"))
    factory.make_version(document, old, label="Draft 1")
    factory.make_version(document, draft_two(old), label="Draft 2", date=datetime.date(2021, 6, 24))
    path = tmp_path / "compare.docx"

    call_command(
        "export_docx", "--meeting", "BMS7", "--from", "Draft 1", "--to", "Draft 2", "-o", str(path),
        stdout=StringIO(),
    )  # fmt: skip

    later = Version.objects.get(label="Draft 2").tree()
    imported = read_docx(path.read_bytes())
    assert shape(imported.tree) == shape(later)
    assert imported.meta.running_label == "DRAFT 2, 24 June 2021"
    marks = list(docx.Document(path).element.body.iter(qn("w:ins"), qn("w:del")))
    assert marks
    assert {mark.get(qn("w:author")) for mark in marks} == {"Chair of BMS7"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options",
    [["--label", "Draft 1", "--from", "Draft 1", "--to", "Draft 1"], ["--from", "Draft 1"], []],
)
def test_export_docx_needs_a_label_or_both_ends_of_a_comparison(tmp_path, options):
    with pytest.raises(CommandError, match="Give either --label, or both --from and --to"):
        call_command("export_docx", "--meeting", "BMS7", *options, "-o", str(tmp_path / "x.docx"))


@pytest.mark.django_db
def test_export_docx_names_the_versions_there_are_when_a_label_is_unknown(factory, tmp_path):
    factory.make_version(factory.make_document(factory.make_meeting("BMS7")), label="Draft 1")

    with pytest.raises(
        CommandError, match=r"BMS7 has no version labelled “Draft 9” \(versions: Draft 1\)"
    ):
        call_command(
            "export_docx", "--meeting", "BMS7", "--label", "Draft 9", "-o", str(tmp_path / "x.docx")
        )
