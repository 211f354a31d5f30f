"""Word reader on real .docx/.dotx files made by python-docx (+ raw WordprocessingML)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from klarsprak import extract
from klarsprak.config import Config
from klarsprak.errors import LimitError
from klarsprak.extract.docx import W_P, iter_runs, run_text
from klarsprak.extract.verify import mismatches
from klarsprak.model import BlockKind

FIX = Path(__file__).resolve().parents[1] / "corpora" / "fixtures" / "docx"


def read(name: str, config: Config | None = None):
    doc = extract.read(FIX / name, config)
    assert mismatches(doc) == []  # every character maps back to its run exactly
    return doc


def texts(doc, kind=None):
    return [b.text for b in doc.blocks if kind is None or b.kind == kind]


def test_tracked_changes_insertions_are_text_deletions_are_not():
    doc = read("tracked_changes.docx")
    assert texts(doc) == ["Nämnden beviljar din ansökan.", "Kvar. Flyttad mening.", "Stycke tre.", "Sista infogade orden."]
    assert "avslår" not in doc.text
    # The fully deleted paragraph still counts for paragraph indexes.
    assert [b.place.paragraph for b in doc.blocks] == [0, 1, 2, 4]


def test_content_controls_placeholder_text_and_toc_control():
    doc = read("content_controls.docx")
    assert texts(doc) == [
        "Sökande: Anna Andersson.",
        "Beslutet gäller från 1 mars.",
        "Handläggare: Klicka eller tryck här för att ange text.",
        "Efter innehållsförteckningen.",
    ]
    handler = doc.blocks[2]
    (start, end), = handler.placeholders
    assert handler.text[start:end] == "Klicka eller tryck här för att ange text."
    assert doc.blocks[0].placeholders == []


def test_fields_hyperlinks_and_special_characters():
    doc = read("fields.docx")
    assert texts(doc) == [
        "Sida 1 av 3.",
        "Hej «Förnamn»!",
        "Kund: «Kundnamn».",
        "Läs mer: Så överklagar du.",
        "Besök kommunens webbplats.",
        "Vi har prövat hennes ansökan.",
        "Skicka e-post om handläggningen.\tRad ett\nrad två.",
        "Före textrutan. Efter textrutan.",
        "Text i textruta.",
    ]
    assert "MERGEFIELD" not in doc.text and "HYPERLINK" not in doc.text and "«Kön»" not in doc.text
    for block in doc.blocks[1:3]:
        (start, end), = block.placeholders
        assert block.text[start:end] in ("«Förnamn»", "«Kundnamn»")


def test_text_box_is_read_once_not_from_the_fallback_copy():
    doc = read("fields.docx")
    assert texts(doc).count("Text i textruta.") == 1


def test_footnotes_and_endnotes_without_separators():
    doc = read("footnotes.docx")
    assert texts(doc, BlockKind.FOOTNOTE) == ["Enligt 4 kap. 1 § socialtjänstlagen.", "Socialtjänstlagen (2001:453).", "Andra stycket i noten."]
    assert texts(doc, BlockKind.ENDNOTE) == ["Se bilaga 2.", "Slutnotens andra del.", "Andra stycket i noten."]
    assert doc.blocks[0].text == "Du har rätt till bistånd enligt lagen."
    note = next(b for b in doc.blocks if b.kind == BlockKind.FOOTNOTE)
    assert note.place.part == "word/footnotes.xml" and note.place.paragraph == 2


def test_headers_and_footers_per_section_deduplicated():
    doc = read("headers_footers.docx")
    assert [(b.text, b.place.part) for b in doc.blocks if b.kind == BlockKind.HEADER] == [
        ("Socialförvaltningen", "word/header1.xml"),
        ("Exempelstads kommun – första sidan", "word/header2.xml"),
        ("Sidhuvud i avsnitt två", "word/header3.xml"),
    ]
    assert texts(doc, BlockKind.FOOTER) == ["Sidfot i avsnitt ett"]
    assert texts(doc, BlockKind.PARAGRAPH) == ["Text i avsnitt ett.", "Text i avsnitt två.", "Text i avsnitt tre."]


def test_nested_tables_carry_their_path_row_and_cell():
    doc = read("nested_tables.docx")
    cells = [(b.text, b.place.table, b.place.row, b.place.cell) for b in doc.blocks if b.kind == BlockKind.TABLE_CELL]
    assert cells == [
        ("Period", "0", 0, 0),
        ("Belopp", "0", 0, 1),
        ("Mars", "0", 1, 0),
        ("Hyra", "0.1.1.0", 0, 0),
        ("4 500 kr", "0.1.1.0.0.1.0", 0, 0),
        ("Andra tabellen", "1", 0, 0),
    ]


def test_headings_from_styles_outline_levels_and_lists_from_numbering():
    doc = read("headings_lists.docx")
    got = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert got == [
        (BlockKind.HEADING, 1, "Beslut om bistånd"),  # Title
        (BlockKind.HEADING, 1, "Beslut"),  # Heading 1
        (BlockKind.HEADING, 2, "Skäl för beslutet"),  # custom "Rubrik 2"
        (BlockKind.HEADING, 3, "Utredning"),  # outline level in the style
        (BlockKind.HEADING, 4, "Direkt dispositionsnivå"),  # outline level on the paragraph
        (BlockKind.PARAGRAPH, None, "Du behöver skicka in:"),
        (BlockKind.LIST_ITEM, 0, "kontoutdrag"),
        (BlockKind.LIST_ITEM, 1, "hyresavtal"),
        (BlockKind.LIST_ITEM, 1, "punkt med numrering"),  # numPr with ilvl 1
        (BlockKind.LIST_ITEM, 0, "steg ett"),
        (BlockKind.PARAGRAPH, None, "Helt fet rad"),
        (BlockKind.PARAGRAPH, None, "Delvis fet rad."),
    ]
    assert doc.blocks[10].bold and not doc.blocks[11].bold and doc.blocks[2].bold


def test_dotx_template_is_read_in_memory_with_placeholders():
    path = FIX / "template.dotx"
    before = path.read_bytes()
    doc = read("template.dotx")
    assert path.read_bytes() == before  # never touched
    assert doc.format == "dotx"
    marked = [[b.text[s:e] for s, e in b.placeholders] for b in doc.blocks]
    assert marked == [["«Namn»"], ["{{datum}}"], ["[Handläggarens namn]"], ["$DNR$"], [], ["«Adress»"]]


def test_config_placeholder_patterns_are_used():
    cfg = Config(placeholder_patterns=[r"\bXX+\b"])
    doc = extract.read_text("Beslut den XXXX om bistånd.", config=cfg)
    block = doc.blocks[0]
    assert [block.text[s:e] for s, e in block.placeholders] == ["XXXX"]


def test_comments_are_not_text():
    doc = read("comments.docx")
    assert texts(doc) == ["Nämnden beviljar bistånd.", "Andra stycket."]
    assert "HEMLIG" not in doc.text


def _paragraph(path: Path, part: str, index: int):
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read(part))
    return list(root.iter(W_P))[index]


def test_public_run_helpers_locate_a_finding_in_the_xml():
    doc = read("fields.docx")
    block = next(b for b in doc.blocks if b.text.startswith("Vi har prövat"))
    p = _paragraph(FIX / "fields.docx", block.place.part, block.place.paragraph)
    runs = iter_runs(p)
    point = block.locate(block.text.index("hennes"))
    assert run_text(runs[point.run])[point.run_offset :].startswith("hennes")
    # The nested MERGEFIELD lives in the IF instruction: not one of the runs.
    assert all("«Kön»" not in run_text(r) for r in runs)


def test_run_text_special_elements():
    p = _paragraph(FIX / "fields.docx", "word/document.xml", 6)
    assert "".join(run_text(r) for r in iter_runs(p)) == "Skicka e-post om handläggningen.\tRad ett\nrad två."


def test_zip_entry_limit_is_checked_before_reading():
    cfg = Config()
    cfg.limits["max-zip-entries"] = 5
    with pytest.raises(LimitError, match="max-zip-entries"):
        extract.read(FIX / "comments.docx", cfg)


def test_docm_content_type_is_also_accepted(tmp_path):
    data = (FIX / "comments.docx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            dst.writestr(info, body)
    target = tmp_path / "makro.docm"
    target.write_bytes(out.getvalue())
    assert texts(extract.read(target))[0] == "Nämnden beviljar bistånd."


def test_decision_corpus_word_files_when_present():
    root = FIX.parents[1] / "beslut" / "docx"
    files = sorted(root.glob("*.docx")) + sorted(root.glob("*.dotx"))
    if not files:
        pytest.skip("corpora/beslut/docx is not there yet")
    for path in files:
        doc = extract.read(path)
        assert mismatches(doc) == [], path
        assert any(b.kind == BlockKind.HEADING for b in doc.blocks), path
        assert [b.kind for b in doc.blocks].count(BlockKind.HEADER) >= 1, path
    template = next((p for p in files if p.suffix == ".dotx"), None)
    if template is not None:
        assert any(b.placeholders for b in extract.read(template).blocks)
