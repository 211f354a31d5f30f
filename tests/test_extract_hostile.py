"""Hostile and broken files: each gives one Swedish line naming the problem, never a traceback."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from klarsprak import extract
from klarsprak.extract import UNEXPECTED
from klarsprak.errors import InputError, LimitError
from klarsprak.extract.docx_package import SAFE_PARSER

BAD = Path(__file__).resolve().parents[1] / "corpora" / "fixtures" / "bad"


def error_for(name: str) -> InputError:
    with pytest.raises(InputError) as info:
        extract.read(BAD / name)
    err = info.value
    assert err.path == str(BAD / name)
    assert "\n" not in err.message and err.message
    return err


@pytest.mark.parametrize(
    "name, words",
    [
        ("legacy_doc.docx", "äldre Word-dokument (.doc)"),
        ("odt_renamed.docx", "OpenDocument-dokument (.odt) omdöpt"),
        ("pdf_renamed.docx", "PDF med fel filändelse"),
        ("docx_renamed.pdf", "Word-dokument med fel filändelse"),
        ("not_a_zip.docx", "ren text"),
        ("plain_zip.docx", "zip-arkiv"),
        ("truncated.docx", "skadad"),
        ("missing_document.docx", "word/document.xml saknas"),
        ("bad_xml.docx", "felaktig XML"),
        ("empty.docx", "tom"),
        ("empty.pdf", "tom"),
    ],
)
def test_wrong_and_broken_files_say_what_they_are(name, words):
    assert words in error_for(name).message


def test_zip_bomb_is_stopped_from_the_directory_before_unpacking():
    start = time.perf_counter()
    err = error_for("zip_bomb.docx")
    assert isinstance(err, LimitError)
    assert "max-unzipped-mb" in err.message
    assert time.perf_counter() - start < 5  # nothing was inflated (300 MB would take longer)


def test_xxe_fixture_is_potent_but_never_resolved():
    with zipfile.ZipFile(BAD / "xxe.docx") as zf:
        xml = zf.read("word/document.xml")
    # The fixture really would read a local file with a permissive parser ...
    permissive = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    leaked = "".join(etree.fromstring(xml, permissive).itertext())
    assert "root:" in leaked
    # ... our parser leaves the entity unresolved ...
    safe = "".join(etree.fromstring(xml, SAFE_PARSER).itertext())
    assert "root:" not in safe
    # ... and the reader refuses the file with a clear message.
    assert "DTD" in error_for("xxe.docx").message


def test_entity_expansion_is_refused_quickly():
    start = time.perf_counter()
    assert "DTD" in error_for("billion_laughs.docx").message
    assert time.perf_counter() - start < 5


def test_deeply_nested_tables_are_read():
    doc = extract.read(BAD / "deep_tables.docx")
    assert doc.blocks[-1].text == "Innersta cellen"
    assert doc.blocks[-1].place.table.count(".") == 60 * 3


def test_read_bytes_never_raises_anything_but_input_errors_on_mutations():
    """A small fixed-seed mutation run over every bad and good Word fixture."""
    import random

    rng = random.Random(20240301)
    sources = sorted((BAD.parent / "docx").glob("*.docx"))
    for source in sources:
        data = bytearray(source.read_bytes())
        for _ in range(10):
            mutated = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            try:
                extract.read_bytes(bytes(mutated), "docx", "mutant.docx")
            except InputError as err:
                assert UNEXPECTED not in err.message, err.__cause__


def test_part_with_a_wrong_content_type_is_still_read():
    """Found by fuzzing: python-docx gives a plain Part (no XML tree) for a styles part whose
    content type is damaged; the reader parses it itself."""
    import io

    data = (BAD.parent / "docx" / "template.dotx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"wordprocessingml.styles+xml", b"wordprocessingml.stylez+xml")
            dst.writestr(info.filename, body)
    doc = extract.read_bytes(out.getvalue(), "dotx", "skadad.dotx")
    assert doc.blocks[0].text == "Beslut för «Namn»"


HOSTILE = Path(__file__).resolve().parents[1] / "corpora" / "hostile"
DECISION_PDF = Path(__file__).resolve().parents[1] / "corpora" / "beslut" / "pdf" / "04-avslag-byrakratisk.pdf"


def test_pdf_deflate_bomb_is_stopped_before_pdfminer_inflates_it():
    with pytest.raises(LimitError) as info:
        extract.read(HOSTILE / "deflate_bomb.pdf")
    assert "max-inflated-mb" in info.value.message and "dekomprimeringsbomb" in info.value.message


def test_inflated_size_counts_a_real_pdfs_text_streams_and_honours_the_config():
    from klarsprak.config import Config

    assert extract.read(DECISION_PDF).blocks  # the default leaves a real decision alone
    tiny = Config()
    tiny.limits["max-inflated-mb"] = 0.0005  # 500 bytes: less than one page of text operators
    with pytest.raises(LimitError):
        extract.read(DECISION_PDF, config=tiny)
