"""Property-based tests of the text pipeline (hypothesis, derandomized so CI runs the same cases):
any Unicode string gives a report or a clean one-line error, and every finding points inside the
text of its block."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klarsprak import api, extract, language, redact
from klarsprak.errors import InputError
from klarsprak.extract import UNEXPECTED as READER_BUG
from klarsprak.findings import DocumentResult

SETTINGS = settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

# Words and marks that lead the rules somewhere: bureaucratic words, passives, numbers, names, lists.
VOCABULARY = (
    "Nämnden har beslutat att avslå din ansökan om ekonomiskt bistånd enligt 4 kap. 1 § SoL . , ; : ! ? "
    "Du erhåller icke ersättning då beslutet fattades av handläggaren . Beslutet kan överklagas inom tre veckor "
    "Sökanden skall inkomma med erforderliga underlag avseende hyran 2025-03-12 12 500 kr Amina Haddad "
    "19870412-1115 08-465 004 12 Storgatan 14 731 91 Norrvik Med vänlig hälsning Handläggare - • 1. a) "
    "«Namn» [Datum] {{fält}} ÄRENDE Beslut Bakgrund Skäl för beslutet Hur man överklagar the and of"
).split()
ODD = ["\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200b", "\u202e", "\ufeff", "\u0301", "🙂", "𝔟", "\x0b", "\x0c", "\u2028", "—", "’", "\ufffd"]

swedish_like = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(ODD)), max_size=120).map(" ".join)
# Lone surrogates cannot come from a file but do come from JSON ("\ud800") through the web API and
# the language server.
surrogates = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)), max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=300), swedish_like, st.text(alphabet=string.printable, max_size=300), surrogates)


def check_result(result: DocumentResult) -> None:
    assert isinstance(result, DocumentResult)
    for message in (*result.errors, *result.warnings):
        assert isinstance(message, str) and message and "\n" not in message
        assert READER_BUG not in message and "oväntat fel" not in message
    if result.errors:
        assert not result.findings
        return
    blocks = result.document.blocks
    for finding in result.findings:
        loc = finding.location
        if loc.block == -1:
            continue
        assert 0 <= loc.block < len(blocks), finding
        text = blocks[loc.block].text
        assert 0 <= loc.start <= loc.end <= len(text), (finding, len(text))
        assert finding.message and "\n" not in finding.message


@SETTINGS
@given(text=any_text, fmt=st.sampled_from(["txt", "md"]))
def test_any_text_gives_a_report_or_a_clean_error(text, fmt):
    check_result(api.lint_text(text, fmt=fmt))


@SETTINGS
@given(data=st.one_of(st.binary(max_size=400), swedish_like.map(lambda t: t.encode("utf-8")), st.text(max_size=200).map(lambda t: t.encode("utf-16"))))
def test_any_bytes_read_as_text_give_a_document_or_an_input_error(data):
    try:
        document = extract.read_bytes(data, "txt", "fuzz.txt")
    except InputError as err:
        assert READER_BUG not in err.message and "\n" not in err.message
        return
    for block in document.blocks:
        for seg in block.segments:
            assert 0 <= seg.start <= seg.end <= len(block.text)


@SETTINGS
@given(text=any_text)
def test_language_guess_and_redaction_never_fail_and_keep_the_length(text):
    language.guess(text)
    masked = redact.Redactor(["Amina Haddad"]).mask(text)
    assert len(masked) == len(text)
    assert all(a == b or b == redact.MASK for a, b in zip(text, masked))
