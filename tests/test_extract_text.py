"""Plain-text reader: encodings, binary refusal, blocks, headings, lists and exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from klarsprak import extract
from klarsprak.config import Config
from klarsprak.errors import InputError, LimitError
from klarsprak.extract.verify import mismatches
from klarsprak.model import BlockKind

FIX = Path(__file__).resolve().parents[1] / "corpora" / "fixtures"
EXPECTED = "Socialnämnden beviljar dig ekonomiskt bistånd – 5 000 kronor. Återbetalning krävs inte."


@pytest.mark.parametrize(
    "name, encoding",
    [
        ("utf8.txt", "UTF-8"),
        ("utf8_bom.txt", "UTF-8 (med BOM)"),
        ("utf16le_bom.txt", "UTF-16 LE (med BOM)"),
        ("utf16be_bom.txt", "UTF-16 BE (med BOM)"),
        ("cp1252.txt", "Windows-1252"),
    ],
)
def test_encodings_are_detected_and_named(name, encoding):
    doc = extract.read(FIX / "text" / name)
    assert doc.encoding == encoding
    assert [b.text for b in doc.blocks] == ["Beslut", EXPECTED]
    assert doc.blocks[0].kind == BlockKind.HEADING
    assert mismatches(doc) == []


def test_latin1_without_c1_bytes_reads_as_its_superset_cp1252():
    doc = extract.read(FIX / "text" / "latin1.txt")
    assert doc.encoding == "Windows-1252"
    assert doc.blocks[1].text == EXPECTED.replace("–", "-")


def test_latin1_with_bytes_cp1252_lacks_is_named_latin1():
    doc = extract.read_bytes("Åsa bor i Umeå.\n".encode("latin-1") + b"\x81\n", "txt", "x.txt")
    assert doc.encoding.startswith("Latin-1")
    assert doc.blocks[0].text.startswith("Åsa bor i Umeå.")


def test_invalid_utf8_is_read_with_a_warning_naming_the_line():
    doc = extract.read(FIX / "text" / "invalid_utf8.txt")
    assert doc.encoding == "UTF-8 (med fel)"
    assert "rad 5" in doc.warnings[0]
    assert doc.blocks[1].text == EXPECTED
    assert doc.blocks[2].text == "Trasig byte: \ufffd\ufffd slut."


def test_utf16_without_bom_is_recognised():
    doc = extract.read_bytes("Beslut om bistånd.\n".encode("utf-16-le"), "txt", "x.txt")
    assert doc.encoding == "UTF-16 LE (utan BOM)"
    assert doc.blocks[0].text == "Beslut om bistånd."


@pytest.mark.parametrize("name", ["binary.txt", "nul.txt"])
def test_binary_data_is_refused(name):
    with pytest.raises(InputError) as err:
        extract.read(FIX / "bad" / name)
    assert "binär" in err.value.message
    assert err.value.path.endswith(name)


def test_empty_file_and_zip_named_txt():
    with pytest.raises(InputError, match="tom"):
        extract.read(FIX / "bad" / "empty.txt")
    with pytest.raises(InputError, match="Word-dokument"):
        extract.read(FIX / "bad" / "zip_named.txt")


def test_missing_file_directory_and_unknown_suffix(tmp_path):
    with pytest.raises(InputError, match="finns inte"):
        extract.read(tmp_path / "saknas.txt")
    folder = tmp_path / "mapp.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="mapp"):
        extract.read(folder)
    other = tmp_path / "bild.png"
    other.write_bytes(b"\x89PNG")
    with pytest.raises(InputError, match="stöds inte"):
        extract.read(other)


def test_size_and_word_limits_from_config(tmp_path):
    big = tmp_path / "stor.txt"
    big.write_text("ord " * 400_000, encoding="utf-8")
    cfg = Config()
    cfg.limits["max-file-mb"] = 1
    with pytest.raises(LimitError, match="max-file-mb"):
        extract.read(big, cfg)
    cfg = Config()
    cfg.limits["max-words"] = 1000
    with pytest.raises(LimitError, match="max-words"):
        extract.read(big, cfg)


def test_one_huge_line_without_breaks_is_one_block():
    text = ("Nämnden beviljar bistånd " * 200_000).encode()  # 5 MB, no line break
    cfg = Config()
    cfg.limits["max-words"] = 1_000_000
    doc = extract.read_bytes(text, "txt", "lang.txt", cfg)
    assert len(doc.blocks) == 1
    assert doc.blocks[0].place.line == 1
    assert doc.blocks[0].segments[-1].end == len(doc.blocks[0].text)


STRUCTURED = """Beslut om ekonomiskt bistånd

Beslut

Socialnämnden beviljar dig ekonomiskt bistånd med 5 000 kronor
    för perioden [Period].

Du behöver:
- skicka in underlag
  senast fredag
• ringa oss
1. första steget
a) punkt a

1.2 Skäl för beslutet

BEDÖMNING

Texten här är en mening.

Med vänliga hälsningar

Anna Andersson
Socialsekreterare
"""


def test_blocks_headings_lists_and_places():
    doc = extract.read_text(STRUCTURED)
    got = [(b.kind.value, b.level, b.text) for b in doc.blocks]
    assert got == [
        ("heading", 1, "Beslut om ekonomiskt bistånd"),
        ("heading", 2, "Beslut"),
        ("paragraph", None, "Socialnämnden beviljar dig ekonomiskt bistånd med 5 000 kronor för perioden [Period]."),
        ("paragraph", None, "Du behöver:"),
        ("list_item", 0, "skicka in underlag senast fredag"),
        ("list_item", 0, "ringa oss"),
        ("list_item", 0, "första steget"),
        ("list_item", 0, "punkt a"),
        ("heading", 2, "1.2 Skäl för beslutet"),
        ("heading", 1, "BEDÖMNING"),
        ("paragraph", None, "Texten här är en mening."),
        ("paragraph", None, "Med vänliga hälsningar"),
        ("paragraph", None, "Anna Andersson"),  # a short line ends its paragraph
        ("paragraph", None, "Socialsekreterare"),
    ]
    para = doc.blocks[2]
    assert (para.place.line, para.place.column) == (5, 1)
    assert para.placeholders == [(para.text.index("[Period]"), para.text.index("[Period]") + 8)]
    # The joining space is synthetic and maps to the end of line 5; "för" starts at line 6, column 5.
    joint = para.text.index(" för")
    assert para.locate(joint).synthetic
    assert (para.locate(joint + 1).line, para.locate(joint + 1).column) == (6, 5)
    assert doc.source_text == STRUCTURED
    assert mismatches(doc) == []


def test_crlf_and_cr_line_breaks_keep_line_numbers():
    doc = extract.read_text("Första stycket.\r\n\r\nAndra stycket börjar på en rad som är lång\rnog att fortsätta.\r\n")
    assert [(b.text, b.place.line) for b in doc.blocks] == [
        ("Första stycket.", 1),
        ("Andra stycket börjar på en rad som är lång nog att fortsätta.", 3),
    ]
    assert mismatches(doc) == []


def test_tab_separated_lines_are_table_cells():
    doc = extract.read_text("Så har vi räknat:\nHyra\t6 150\nEl\t\t290\n")
    cells = [(b.text, b.place.table, b.place.row, b.place.cell, b.place.column) for b in doc.blocks[1:]]
    assert doc.blocks[0].text == "Så har vi räknat:"
    assert cells == [("Hyra", "0", 0, 0, 1), ("6 150", "0", 0, 1, 6), ("El", "0", 1, 0, 1), ("290", "0", 1, 1, 5)]
    assert mismatches(doc) == []


def test_decision_corpus_texts_when_present():
    root = Path(__file__).resolve().parents[1] / "corpora" / "beslut" / "txt"
    files = sorted(root.glob("*.txt"))
    if not files:
        pytest.skip("corpora/beslut/txt is not there yet")
    for path in files:
        doc = extract.read(path)
        assert mismatches(doc) == [], path
        assert sum(b.kind == BlockKind.HEADING for b in doc.blocks) >= 3, path


def test_read_text_refuses_nul_and_stdin_trusts_the_bytes():
    with pytest.raises(InputError):
        extract.read_text("a\x00b")
    doc = extract.read_bytes((FIX / "docx" / "comments.docx").read_bytes(), "txt", "-")
    assert doc.format == "docx"


def test_a_short_input_with_nul_is_binary_not_utf16():
    with pytest.raises(InputError, match="binär"):
        extract.read_bytes(b"Hej\x00", "txt", "-")
