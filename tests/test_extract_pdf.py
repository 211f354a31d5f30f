"""PDF reader on PDFs made by LibreOffice from .docx (see corpora/fixtures/make_fixtures.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from klarsprak import extract
from klarsprak.config import Config
from klarsprak.errors import InputError, LimitError
from klarsprak.extract import UNEXPECTED
from klarsprak.extract.pdf_layout import _join
from klarsprak.extract.verify import mismatches
from klarsprak.model import BlockKind

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "corpora" / "fixtures"
LAYOUT = FIX / "pdf" / "beslut_layout.pdf"


@pytest.fixture(scope="module")
def layout():
    return extract.read(LAYOUT)


def test_offsets_map_back_to_the_pdf_lines(layout):
    assert layout.pages == 3
    assert mismatches(layout) == []


def test_headings_from_font_size_and_weight(layout):
    headings = [(b.level, b.text) for b in layout.blocks if b.kind == BlockKind.HEADING]
    assert headings == [
        (1, "Beslut om ekonomiskt bistånd"),  # 26 pt title
        (2, "Beslut"),  # 14 pt bold
        (2, "Skäl för beslutet"),
        (3, "Bedömning"),  # 13 pt bold
        (2, "Hur du överklagar"),
    ]
    assert all(b.bold for b in layout.blocks if b.kind == BlockKind.HEADING and b.level > 1)


def test_running_header_once_and_page_numbers_gone(layout):
    headers = [b.text for b in layout.blocks if b.kind == BlockKind.HEADER]
    assert headers == ["Exempelstads kommun – Socialförvaltningen"]
    body = " ".join(b.text for b in layout.blocks if b.kind != BlockKind.HEADER)
    assert "Socialförvaltningen" not in body
    assert "Sida" not in body


def test_table_of_contents_is_skipped(layout):
    assert "...." not in layout.text
    assert "Innehåll" not in [b.text for b in layout.blocks]
    assert [b.text for b in layout.blocks].count("Beslut") == 1


def test_hyphenation_repaired_but_real_hyphens_kept(layout):
    forced = next(b for b in layout.blocks if b.text.startswith("Nämnden har avslutat"))
    assert forced.text == (
        "Nämnden har avslutat handläggningen av ditt ärende. Vänte- och handläggningstider anges på "
        "webben. Skicka e-post eller ansök om LSS-insats hos nämnden."
    )
    # Soft hyphens broken by LibreOffice's own line breaking.
    automatic = next(b for b in layout.blocks if b.text.startswith("Förvaltningsrättens"))
    assert "handläggningsrutiner" in automatic.text and "-" not in automatic.text
    # The removed hyphen is not in the text; the letters on both sides map to consecutive lines.
    i = forced.text.index("handläggningen")
    assert forced.locate(i + 7).line + 1 == forced.locate(i + 8).line


@pytest.mark.parametrize(
    "line, following, joined",
    [
        ("handlägg-", "ningen av", "handläggningen"),
        ("vänte-", "och handläggningstider", "vänte- och"),
        ("skicka e-", "post", "e-post"),
        ("om LSS-", "insats", "LSS-insats"),
        ("år 2024-", "2025", "2024-2025"),
        ("Skåne-", "Blekinge", "Skåne-Blekinge"),
        ("Förvaltnings-", "rätten", "Förvaltningsrätten"),
        ("bistånd -", "och", "bistånd - och"),
        ("social\u00ad", "tjänsten", "socialtjänsten"),
    ],
)
def test_line_end_hyphen_rules(line, following, joined):
    end, separator = _join(line, following)
    assert joined in line[:end] + separator + following


def test_bullets_become_list_items(layout):
    items = [b.text for b in layout.blocks if b.kind == BlockKind.LIST_ITEM]
    assert items == ["kontoutdrag för de senaste tre månaderna", "ditt hyresavtal", "beslut från Försäkringskassan"]


def test_paragraphs_from_line_spacing(layout):
    paragraphs = [b for b in layout.blocks if b.kind == BlockKind.PARAGRAPH]
    first = next(b for b in paragraphs if b.text.startswith("Socialnämnden har prövat"))
    assert first.text.endswith("Försäkringskassan och Arbetsförmedlingen.")
    assert (first.place.page, first.place.line) == (2, 3)


@pytest.mark.parametrize(
    "name, words",
    [
        ("encrypted.pdf", "krypterad"),
        ("image_only.pdf", "OCR"),
        ("truncated.pdf", "ofullständig"),
        ("corrupt.pdf", "skadad"),
        ("no_unicode_map.pdf", "Unicode-tabell"),
        ("empty.pdf", "tom"),
    ],
)
def test_unreadable_pdfs_give_one_clear_line(name, words):
    with pytest.raises(InputError) as info:
        extract.read(FIX / "bad" / name)
    assert words in info.value.message
    assert "\n" not in info.value.message


def test_page_limit():
    cfg = Config()
    cfg.limits["max-pages"] = 2
    with pytest.raises(LimitError, match="3 sidor"):
        extract.read(LAYOUT, cfg)


def test_mutated_pdfs_give_a_document_or_a_clean_error():
    rng = random.Random(7)
    data = LAYOUT.read_bytes()
    for _ in range(6):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        try:
            extract.read_bytes(bytes(mutated), "pdf", "mutant.pdf")
        except InputError as err:
            assert UNEXPECTED not in err.message, err.__cause__


def test_decision_corpus_pdfs_when_present():
    pdfs = sorted((ROOT / "corpora" / "beslut" / "pdf").glob("*.pdf"))[::4]  # a sample: pdfminer is slow
    if not pdfs:
        pytest.skip("corpora/beslut/pdf is not there yet")
    for path in pdfs:
        doc = extract.read(path)
        assert mismatches(doc) == [], path
        assert any(b.kind == BlockKind.HEADING for b in doc.blocks), path
        assert not any("Sida" in b.text for b in doc.blocks if b.kind == BlockKind.PARAGRAPH), path


def test_two_columns_are_read_left_column_first():
    doc = extract.read(FIX / "pdf" / "two_columns.pdf")
    assert mismatches(doc) == []
    assert doc.blocks[0].kind == BlockKind.HEADING and doc.blocks[0].text == "Information om hemtjänst"
    starts = [b.text.split(".")[0] for b in doc.blocks[1:]]
    assert starts == [f"Stycke {i}" for i in range(1, 7)]
    # A paragraph that flows from the foot of the left column to the top of the right one stays whole.
    assert all(b.text.endswith(".") for b in doc.blocks[1:])


def test_thousands_of_pages_stop_at_the_default_limit():
    with pytest.raises(LimitError, match="600 sidor"):
        extract.read(FIX / "bad" / "many_pages.pdf")


def test_table_rows_with_wide_gaps_become_cells(layout):
    cells = [(b.text, b.place.table, b.place.row, b.place.cell) for b in layout.blocks if b.kind == BlockKind.TABLE_CELL]
    assert cells == [
        ("Hyra", "0", 0, 0),
        ("6 150", "0", 0, 1),
        ("El", "0", 1, 0),
        ("290", "0", 1, 1),
        ("Summa kostnader", "0", 2, 0),
        ("6 440", "0", 2, 1),
    ]
