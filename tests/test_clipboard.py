"""Reading what is pasted into the editor: Word's clipboard HTML, other HTML, plain text."""

import itertools
from pathlib import Path

import pytest

from drafting.clipboard import ClipboardTooLarge, Pasted, read_clipboard
from drafting.limits import MAX_CLIPBOARD_BYTES

WORD = (Path(__file__).parent / "fixtures" / "word-clipboard.html").read_text(encoding="utf-8")


def _keys():
    counter = itertools.count(1)
    return lambda: f"00000000-0000-4000-8000-{next(counter):012d}"


def _fn(n: int) -> str:
    return f'<fn-ref data-key="00000000-0000-4000-8000-{n:012d}"></fn-ref>'


def test_word_clipboard_gives_one_paragraph_per_paragraph_with_its_list_level():
    clipping = read_clipboard(WORD, key=_keys())

    assert [(p.level, p.text) for p in clipping.paragraphs] == [
        (
            1,
            "States recognized the <em>importance</em> of effective national controls over "
            "the <strong>entire life cycle</strong> of small arms and light weapons." + _fn(1),
        ),
        (
            1,
            "Export, import, transit and trans-shipment controls, including [end-user certificates]",
        ),
        (2, "Post-shipment <em>on-site</em> verifications" + _fn(2)),
        (3, "Exchange of information on <strong><em>diverted</em></strong> weapons"),
        (1, "Marking and record-keeping &amp; tracing &lt;as agreed&gt;"),
    ]


def test_word_footnotes_become_footnotes_with_their_formatting():
    clipping = read_clipboard(WORD, key=_keys())

    assert clipping.footnotes == {
        "00000000-0000-4000-8000-000000000001": (
            "See the <em>International Tracing Instrument</em>, A/60/88, annex."
        ),
        "00000000-0000-4000-8000-000000000002": (
            "As proposed by the <strong>Group of Governmental Experts</strong>."
        ),
    }
    assert not clipping.is_inline


def test_word_bullet_glyphs_numbers_and_empty_paragraphs_are_not_text():
    texts = [p.text for p in read_clipboard(WORD).paragraphs]

    assert not any(t.startswith(("·", "o", "§")) for t in texts)
    assert not any("[1]" in t or "[2]" in t for t in texts)
    assert all(t.strip() for t in texts)


def test_a_word_list_copied_from_its_middle_starts_at_the_level_pasted_at():
    html = "".join(
        f"<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level{level} lfo1'>"
        f"<![if !supportLists]><span style='mso-list:Ignore'>o<span>&nbsp;</span></span>"
        f"<![endif]>Item {n}</p>"
        for n, level in enumerate([2, 4, 3, 1, 2])
    )

    levels = [p.level for p in read_clipboard(html).paragraphs]

    # Relative to the first; one deeper at most than the one before; never above the first.
    assert levels == [1, 2, 2, 1, 1]


def test_html_lists_give_their_levels_by_nesting():
    html = (
        "<ul><li>One<ul><li><p>One, first</p></li><li>One, second</li></ul></li><li>Two</li></ul>"
    )

    clipping = read_clipboard(html)

    assert [(p.level, p.text) for p in clipping.paragraphs] == [
        (1, "One"),
        (2, "One, first"),
        (2, "One, second"),
        (1, "Two"),
    ]


def test_css_bold_and_italic_count_and_a_normal_weight_b_does_not():
    html = (
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><p>'
        '<span style="font-weight:700">Strong</span> and '
        '<span style="font-style:italic">slanted</span> text</p></b>'
    )

    assert read_clipboard(html).paragraphs == (
        Pasted("<strong>Strong</strong> and <em>slanted</em> text"),
    )


def test_only_the_inline_html_of_the_draft_survives():
    html = (
        "<p onclick='x()'>A <a href='https://un.org'>link</a>, "
        "<a href='javascript:alert(1)'>no link</a>, H<sub>2</sub>O, 20<sup>th</sup>"
        "<script>alert(1)</script><style>p{}</style><img src=x onerror=y></p>"
    )

    (paragraph,) = read_clipboard(html).paragraphs

    assert paragraph.text == (
        'A <a href="https://un.org">link</a>, no link, H<sub>2</sub>O, 20<sup>th</sup>'
    )


def test_a_footnote_call_without_a_text_is_dropped():
    html = (
        '<p>Text<a href="#_ftn1" name="_ftnref1">[1]</a></p>'
        '<div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> </p></div>'
    )

    clipping = read_clipboard(html)

    assert clipping.paragraphs == (Pasted("Text"),) and clipping.footnotes == {}


def test_footnotes_linked_both_ways_are_read_whatever_wrote_them():
    # Google Docs' shape: the call and the note link to each other.
    html = (
        '<p>Agreed<sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup> text</p>'
        '<hr><div><p><a href="#ftnt_ref1" id="ftnt1">[1]</a>&nbsp;A <i>note</i>.</p></div>'
    )

    clipping = read_clipboard(html, key=_keys())

    assert clipping.paragraphs == (Pasted(f"Agreed{_fn(1)} text"),)
    assert clipping.footnotes == {"00000000-0000-4000-8000-000000000001": "A <em>note</em>."}


def test_plain_text_gives_a_paragraph_per_line_escaped_with_bullets_dropped():
    text = "First line\r\n\n•\tSecond <b>line</b>\n- [Third] line\n"

    clipping = read_clipboard("", text)

    assert [p.text for p in clipping.paragraphs] == [
        "First line",
        "Second &lt;b&gt;line&lt;/b&gt;",
        "[Third] line",
    ]


def test_a_piece_of_one_paragraph_goes_in_at_the_cursor_with_its_spaces():
    clipping = read_clipboard("<span style='color:red'> the <i>entire</i> life cycle </span>")

    assert clipping.is_inline and clipping.piece == " the <em>entire</em> life cycle "
    assert clipping.paragraphs == (Pasted("the <em>entire</em> life cycle"),)


def test_html_without_text_falls_back_to_the_plain_text():
    assert read_clipboard("<p> </p>", "plain").paragraphs == (Pasted("plain"),)


def test_more_than_the_limit_is_refused_in_words():
    with pytest.raises(ClipboardTooLarge, match="too large .* at most 1 MB"):
        read_clipboard("<p>" + "x" * MAX_CLIPBOARD_BYTES + "</p>")


def test_very_deep_html_is_read_without_recursion():
    # Deeper than Python's recursion limit, and than libxml2's default depth.
    html = "<div><span>" * 750 + "deep" + "</span></div>" * 750

    assert [p.text for p in read_clipboard(html).paragraphs] == ["deep"]


def test_a_large_clipboard_is_read_in_one_pass():
    # 4,000 Word list paragraphs (about 0.9 MB) are read in well under the time a person
    # waits for a paste; a quadratic reader would take minutes.
    paragraph = (
        "<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
        "<span style='mso-list:Ignore'>·<span>&nbsp;</span></span><![endif]>States "
        "<i>reaffirmed</i> the <b>Programme</b> of Action, paragraph {n}.</p>\n"
    )
    html = "".join(paragraph.format(n=n) for n in range(4_000))
    assert len(html.encode()) < MAX_CLIPBOARD_BYTES

    clipping = read_clipboard(html)

    assert len(clipping.paragraphs) == 4_000
    assert clipping.paragraphs[-1].text.endswith("paragraph 3999.")
