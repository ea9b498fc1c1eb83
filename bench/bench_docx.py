"""Word files of 1,500-paragraph drafts: writing a version, writing a comparison with
tracked changes, and reading a version back. Pure functions, no database.

Run with ``python bench/run.py bench_docx`` (or ``make bench``). The comparison figure
times ``comparison_docx`` alone; the change set it renders is ``compare_ms_1500``'s.
"""

from __future__ import annotations

import datetime

from bench.generate import make_tree, mutate
from bench.harness import median_ms
from drafting.diff import compare
from drafting.docx import DocxMeta, comparison_docx, read_docx, version_docx

REPEAT = 5
META = DocxMeta(
    title="Outcome of the Benchmark Meeting of States",
    label="Draft 2",
    running_label="DRAFT 2, 24 June 2021",
    note="The below is without prejudice to the agreement of the agenda items.",
    date=datetime.date(2021, 6, 24),
    author="Chair of BENCH",
)


def run() -> list[tuple[str, float, str]]:
    old = make_tree()
    new = mutate(old)
    changes = compare(old, new)
    written = version_docx(old, META)
    return [
        ("docx_export_ms_1500", median_ms(lambda: version_docx(old, META), REPEAT), "ms"),
        (
            "docx_compare_export_ms_1500",
            median_ms(lambda: comparison_docx(old, new, changes, META), REPEAT),
            "ms",
        ),
        ("docx_import_ms_1500", median_ms(lambda: read_docx(written), REPEAT), "ms"),
        ("docx_size_kb_1500", len(written) / 1024, "KB"),
    ]
