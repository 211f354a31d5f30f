"""KS502 samma sak med olika ord and KS503 typografi."""

from __future__ import annotations

import subprocess

import pytest

from klarsprak import api
from klarsprak.checks.typography import _group
from klarsprak.model import Block, BlockKind, Document, Place, Segment
from conftest import require_soffice


def findings(text: str, rule: str, profile: str = "beslut"):
    result = api.lint_text(text, profile=profile)
    assert not result.errors, result.errors
    return [f for f in result.findings if f.rule == rule]


# --- KS502 ------------------------------------------------------------------------------------


def test_mixed_words_for_e_mail_flag_the_minority_variant_once():
    found = findings(
        "Skicka e-post till oss. Vi svarar på din e-post inom en vecka. Du kan också skicka ett mejl. "
        "Ange diarienumret i ditt mejl.",
        "KS502",
    )
    assert [f.text for f in found] == ["mejl"]
    assert found[0].suggestions == ["e-post"]
    assert found[0].severity.value == "info"


def test_the_verb_mejla_goes_with_the_noun_e_post():
    assert findings("Skicka e-post till oss, eller mejla din handläggare direkt.", "KS502") == []


def test_addresses_and_a_single_variant_are_fine():
    assert findings("Skicka e-post till mail@kommun.se eller besök www.mail.se.", "KS502") == []
    assert findings("Socialnämnden har beslutat. Nämnden har prövat din ansökan.", "KS502") == []


def test_website_group():
    found = findings("Läs mer på vår webbplats. Blanketten finns på hemsidan.", "KS502")
    assert [f.text for f in found] == ["hemsidan"]


# --- KS503 ------------------------------------------------------------------------------------


def ks503_fixes(text: str):
    return [(f.text, f.fix.replacement if f.fix else None, f.fix.safe if f.fix else None) for f in findings(text, "KS503")]


def test_digit_groups():
    assert _group(1200) == "1 200" and _group(1234567) == "1 234 567"


def test_amounts_and_kr():
    assert ks503_fixes("Du får 1200 kr i månaden och 12.500 kronor i juni, alltså 6 200 kr. per månad.") == [
        ("1200", "1 200", True),
        ("12.500", "12 500", True),
        ("kr.", "kr", True),
    ]


def test_kr_at_the_end_of_a_sentence_is_left_alone():
    assert ks503_fixes("Vi beviljar 4 500 kr. Pengarna kommer den 25 mars.") == []


def test_legal_references():
    assert ks503_fixes("Vi har prövat ansökan enligt 4 kap 1§ socialtjänstlagen och 2 kap. 3 § förvaltningslagen.") == [
        ("4 kap", "4 kap.", True),
        ("1§", "1 §", True),
    ]


def test_spaces():
    assert ks503_fixes("Vi har tagit emot din ansökan , och vi  återkommer snart .") == [
        (" ,", ",", True),
        ("  ", " ", True),
        (" .", ".", True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Beloppet är 25 % av inkomsten och 0,5 procent av resten.",
        "Avgiften är 2 000 kr och gäller från 2026.",
        "Se SFS 2001:453 och diarienummer 2026/0042 samt 1 500 kr.",
        "Vi återkommer ... kanske.",
        "Mötet hålls klockan 9.30 i sal 3.",
        "§ 45 Beslut om bistånd",
    ],
)
def test_clean_typography(text):
    assert ks503_fixes(text) == [], text


def test_mixed_date_formats_flag_the_odd_ones_with_a_conversion():
    found = findings(
        "Vi fick din ansökan den 1 mars 2026. Vi beslutade den 15/3 2026 att bevilja den. "
        "Beslutet gäller från den 2026-04-01 och till den 30 september 2026.",
        "KS503",
    )
    assert [(f.text, f.fix.replacement) for f in found] == [("15/3 2026", "15 mars 2026"), ("2026-04-01", "1 april 2026")]


def test_an_iso_date_in_a_label_line_is_no_mix():
    assert findings("Datum\n\n2026-03-01\n\nVi fick din ansökan den 15 februari 2026 och har nu prövat den.", "KS503") == []


def test_double_space_made_by_the_reader_is_not_flagged():
    text = "Vi har prövat din ansökan  och beviljar bistånd till hyran för mars."
    cut = text.index("  ")
    block = Block(
        index=0,
        kind=BlockKind.PARAGRAPH,
        text=text,
        place=Place(page=1, line=1),
        segments=[
            Segment(0, cut, page=1, line=1),
            Segment(cut, cut + 2, page=1, line=1, synthetic=True),  # e.g. a joined PDF line
            Segment(cut + 2, len(text), page=1, line=2),
        ],
    )
    result = api.lint_document(Document(path="x.pdf", format="pdf", blocks=[block]), profile="beslut")
    assert [f for f in result.findings if f.rule == "KS503"] == []


def test_real_docx_and_pdf_tabs_and_joined_lines(tmp_path):
    """A docx made with python-docx, and the same document as PDF made by LibreOffice."""
    from docx import Document as Docx

    doc = Docx()
    doc.add_paragraph(
        "Du har ansökt om bistånd till hyra för mars. Vi har gått igenom dina inkomster och utgifter för de "
        "senaste tre månaderna och bedömer att du har rätt till bistånd. Pengarna betalar vi ut den 25 mars."
    )
    doc.add_paragraph("Belopp:\t4 500 kr")
    doc.add_paragraph("Vi har prövat din ansökan  och beviljar den.")
    path = tmp_path / "beslut.docx"
    doc.save(path)

    docx_found = [f for f in api.lint_file(str(path), profile="beslut").findings if f.rule == "KS503"]
    assert [(f.text, f.location.paragraph) for f in docx_found] == [("  ", 2)]

    soffice = require_soffice()
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=240,
    )
    pdf = api.lint_file(str(tmp_path / "beslut.pdf"), profile="beslut")
    assert not pdf.errors
    joined = [b for b in pdf.document.blocks if any(s.synthetic for s in b.segments)]
    assert joined, "the long paragraph spans several PDF lines, joined by synthetic spaces"
    # the PDF text layer keeps no double spaces, and the joins the reader made are never flagged
    assert [f.text for f in pdf.findings if f.rule == "KS503"] == []
