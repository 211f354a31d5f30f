"""Property tests: for any text, the txt and md readers give blocks whose every character maps back
exactly to the source (or a clean InputError), and placeholder spans stay inside the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klarsprak import extract
from klarsprak.errors import InputError
from klarsprak.extract.verify import mismatches

# Markdown and text punctuation, Swedish letters, line breaks of all kinds, and anything else.
PIECES = st.sampled_from(
    ["\n", "\r\n", "\r", "\n\n", " ", "\t", "#", "## ", "- ", "* ", "1. ", "> ", "`", "```", "**", "_", "[", "]",
     "(", ")", "<!--", "-->", "---", "===", "|", "«", "»", "{{", "}}", "$", "\\", "å", "Ä", "ö", "é", "Beslut",
     "nämnden", "e-post", "–", "\u00ad", "\u2028", "\x0c"]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


def check(text: str, fmt: str) -> None:
    try:
        doc = extract.read_text(text, fmt=fmt)
    except InputError:
        assert "\x00" in text
        return
    assert mismatches(doc, limit=3) == []
    for block in doc.blocks:
        assert block.text and block.text == block.text.strip()
        assert block.segments[0].start == 0 and block.segments[-1].end == len(block.text)
        assert all(a.end == b.start for a, b in zip(block.segments, block.segments[1:]))
        for (s, e) in block.placeholders:
            assert 0 <= s < e <= len(block.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_txt_offsets_always_exact(text):
    check(text, "txt")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_md_offsets_always_exact(text):
    check(text, "md")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_as_txt_give_a_document_or_a_clean_error(data):
    try:
        doc = extract.read_bytes(data, "txt", "x.txt")
    except InputError as err:
        assert err.message and "\n" not in err.message
        return
    assert mismatches(doc, limit=3) == []
