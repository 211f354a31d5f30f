"""Markdown reader: structure, skipped regions and inline markup removed with exact offsets."""

from __future__ import annotations

from pathlib import Path

from klarsprak import extract
from klarsprak.extract.verify import mismatches
from klarsprak.model import BlockKind

FIX = Path(__file__).resolve().parents[1] / "corpora" / "fixtures"


def test_sample_document_structure():
    doc = extract.read(FIX / "text" / "sample.md")
    got = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert got == [
        (BlockKind.HEADING, 1, "Beslut om ekonomiskt bistånd"),
        (BlockKind.PARAGRAPH, None, "Socialnämnden beviljar dig bistånd enligt 4 kap. 1 § socialtjänstlagen. "
         "Beloppet är 5 000 kr per månad."),
        (BlockKind.HEADING, 2, "Skäl för beslutet"),
        (BlockKind.LIST_ITEM, 0, "Du har inga egna inkomster."),
        (BlockKind.LIST_ITEM, 0, "Du har sökt arbete:"),
        (BlockKind.LIST_ITEM, 1, "hos Arbetsförmedlingen"),
        (BlockKind.LIST_ITEM, 1, "på egen hand"),
        (BlockKind.PARAGRAPH, None, "Citat ur ansökan: jag behöver hjälp med hyran."),
        (BlockKind.TABLE_CELL, None, "Period"),
        (BlockKind.TABLE_CELL, None, "Belopp"),
        (BlockKind.TABLE_CELL, None, "Mars"),
        (BlockKind.TABLE_CELL, None, "5 000 kr"),
        (BlockKind.PARAGRAPH, None, "Kontakta oss på e_post@exempelstad.se eller https://exempelstad.se."),
    ]
    # Front matter, the HTML comment and the code block are gone but still count for line numbers.
    assert doc.blocks[0].place.line == 6
    assert "kod ska inte lintas" not in doc.text and "Intern anteckning" not in doc.text
    assert "title" not in doc.text
    assert (doc.blocks[11].place.row, doc.blocks[11].place.cell) == (1, 1)
    assert mismatches(doc) == []


def test_inline_markup_maps_to_exact_source_columns():
    source = "Nämnden **beviljar** _din_ [ansökan](https://x.se/a_b) och `kod_här` \\*inte\\* kursiv."
    doc = extract.read_text(source, fmt="md")
    block = doc.blocks[0]
    assert block.text == "Nämnden beviljar din ansökan och kod_här *inte* kursiv."
    for word in ("beviljar", "din", "ansökan", "kod_här", "inte"):
        i = block.text.index(word)
        col = block.locate(i).column
        assert source[col - 1 : col - 1 + len(word)] == word
    # Inline code is a span no rule fires on.
    code = block.text.index("kod_här")
    assert block.placeholders == [(code, code + len("kod_här"))]
    assert mismatches(doc) == []


def test_snake_case_and_lone_markers_are_not_markup():
    doc = extract.read_text("Fältet sokande_namn och 2 * 3 = 6 samt a_b_c.", fmt="md")
    assert doc.blocks[0].text == "Fältet sokande_namn och 2 * 3 = 6 samt a_b_c."


def test_skipped_regions_toml_front_matter_indented_code_and_multiline_comment():
    source = (
        "+++\ntitle = 'x'\n+++\n\nStycke ett.\n\n    kod = 1\n    mer_kod()\n\n"
        "<!--\nflerradig\nkommentar\n-->\n\nStycke två.\n\n---\n\nEfter linjen.\n\n~~~\nkod\n~~~\n"
    )
    doc = extract.read_text(source, fmt="md")
    assert [(b.text, b.place.line) for b in doc.blocks] == [
        ("Stycke ett.", 5),
        ("Stycke två.", 15),
        ("Efter linjen.", 19),
    ]


def test_atx_closing_hashes_and_heading_levels():
    doc = extract.read_text("## Rubrik två ##\n\n###### Sex\n\nText\n===\n", fmt="md")
    assert [(b.text, b.level) for b in doc.blocks] == [("Rubrik två", 2), ("Sex", 6), ("Text", 1)]
    assert mismatches(doc) == []


def test_list_continuation_and_task_list():
    doc = extract.read_text("- [ ] ring nämnden\n  och fråga\n- [x] klart\n\n  Fortsättning.\n", fmt="md")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.LIST_ITEM, "ring nämnden och fråga"),
        (BlockKind.LIST_ITEM, "klart"),
        (BlockKind.PARAGRAPH, "Fortsättning."),
    ]
    assert mismatches(doc) == []


def test_placeholders_in_markdown():
    doc = extract.read_text("Hej {{namn}}, ditt dnr är $DNR$.", fmt="md")
    block = doc.blocks[0]
    spans = [block.text[s:e] for s, e in block.placeholders]
    assert spans == ["{{namn}}", "$DNR$"]
