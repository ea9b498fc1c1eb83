"""Mutated outlines are parsed or refused in words, never with another exception, and
quickly. ``make bench`` runs the same fuzzing with 10,000 outlines."""

from bench.outline_fuzz import fuzz


def test_mutated_outlines_raise_only_outline_errors_and_parse_within_a_second():
    result = fuzz(count=300, seed=20210610)

    assert result.count == 300
    assert [trace for trace, _text in result.unexpected] == []
    assert result.slowest_ms < 1000
