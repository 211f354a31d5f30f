"""The project's own decision corpus (corpora/beslut/): files, manifest and that the generated
.docx/.pdf hold the text of their .txt source. The .docx/.pdf are committed, so these tests need
neither LibreOffice nor a build step."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
import yaml

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "beslut"
TXT = sorted((CORPUS / "txt").glob("*.txt"))
IDS = [p.stem for p in TXT]

TYPES = {"beviljas", "avslag", "delvis-avslag", "aterkrav", "tillfalligt-boende", "avvisning",
         "informationsbrev", "lvu-information", "mall"}
RULE_ID = re.compile(r"^KS[1-7]\d\d$")
STRUCTURE_RULES = {f"KS40{i}" for i in range(1, 10)}
REQUIRED_PAIRS = {"beviljas", "avslag", "delvis-avslag", "aterkrav", "tillfalligt-boende",
                  "informationsbrev"}


def _load_build():
    spec = importlib.util.spec_from_file_location("corpora_build", CORPUS.parent / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


BUILD = _load_build()
MANIFEST = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
DOCS = {d["id"]: d for d in MANIFEST["documents"]}


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def test_corpus_has_at_least_twelve_documents_with_both_variants_of_each_required_type():
    assert len(TXT) >= 12
    for kind in REQUIRED_PAIRS:
        variants = {d["variant"] for d in DOCS.values() if d["type"] == kind}
        assert variants == {"klarsprak", "byrakratisk"}, kind


def test_manifest_lists_exactly_the_txt_files():
    assert sorted(DOCS) == IDS
    assert len(DOCS) == len(MANIFEST["documents"]), "duplicate ids in manifest"


@pytest.mark.parametrize("doc_id", IDS)
def test_manifest_entry_is_valid(doc_id):
    d = DOCS[doc_id]
    assert d["type"] in TYPES
    assert d["variant"] in {"klarsprak", "byrakratisk"}
    assert d["profile"] in {"beslut", "brev", "mall"}
    assert isinstance(d["adverse"], bool)
    assert d["title"]
    faults = d["faults"]
    assert all(RULE_ID.match(r) for r in faults) and len(set(faults)) == len(faults)
    assert not set(d.get("optional", [])) & set(faults)
    assert not set(faults) & set(MANIFEST["not_annotated"])
    if d["variant"] == "klarsprak":
        assert faults == [], "a plain-language document carries no faults"
    else:
        assert len(faults) >= 8
    if d["profile"] == "brev":
        assert not set(faults) & (STRUCTURE_RULES - {"KS408", "KS409"}), "decision rules on a letter"
    if "KS601" in faults or "KS602" in faults:
        assert ("KS601" in faults) == (d["profile"] == "mall"), "KS601 in templates, KS602 in finished ones"
    if not d["adverse"]:
        assert "KS406" not in faults


@pytest.mark.parametrize("doc_id", IDS)
def test_evidence_quotes_occur_in_the_text(doc_id):
    d = DOCS[doc_id]
    text = (CORPUS / "txt" / f"{doc_id}.txt").read_text(encoding="utf-8")
    evidence = d.get("evidence") or {}
    assert set(evidence) == set(d["faults"])
    for rule, quotes in evidence.items():
        for quote in quotes:
            assert quote in text, f"{rule}: {quote!r}"
    for quote in evidence.get("KS201", []):
        sentence = next(s for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")) if quote in s)
        assert words(sentence) > 25, sentence


@pytest.mark.parametrize("doc_id", IDS)
def test_txt_is_a_one_to_two_page_document(doc_id):
    text = (CORPUS / "txt" / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert 290 <= words(text) <= 700
    assert "\r" not in text and text.endswith("\n")


@pytest.mark.parametrize("doc_id", [i for i in IDS if DOCS[i]["variant"] == "klarsprak"])
def test_plain_variants_keep_sentences_short_and_typography_clean(doc_id):
    text = (CORPUS / "txt" / f"{doc_id}.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            assert words(sentence) <= 25, sentence
    assert "  " not in text
    assert not re.search(r"\d§|kap \d|\b\d{4,} kr", text)
    assert not re.search(r"\b(sökanden|den enskilde|skall|icke|erhålla|inkomma)\b", text, re.I)


@pytest.mark.parametrize("doc_id", [i for i in IDS if DOCS[i]["variant"] == "klarsprak"
                                    and DOCS[i]["profile"] == "beslut"])
def test_plain_decisions_come_first_and_carry_full_appeal_information(doc_id):
    text = (CORPUS / "txt" / f"{doc_id}.txt").read_text(encoding="utf-8")
    lines = BUILD.parse(text)
    headings = [l.text for l in lines if l.kind.startswith("heading")]
    assert headings[1] == "Beslut"
    first_sentence = next(l.text for l in lines if l.kind == "para" and l.text.startswith("Socialnämnden"))
    assert re.match(r"Socialnämnden (beviljar|avslår|avvisar|beslutar)", first_sentence)
    for needed in ("förvaltningsrätten", "skriftligt", "tre veckor från den dag du fick",
                   "skicka det till socialnämnden", "har beslutat detta", "Telefon:"):
        assert needed in text, needed


def test_personnummer_are_checksum_invalid_except_in_the_template_with_personal_data():
    def luhn_ok(number: str) -> bool:
        digits = [int(c) for c in number.replace("-", "")[-10:]]
        total = sum(sum(divmod(d * (2 - i % 2), 10)) for i, d in enumerate(digits[:9]))
        return (10 - total % 10) % 10 == digits[9]

    for path in TXT:
        for number in re.findall(r"\b\d{8}-\d{4}\b", path.read_text(encoding="utf-8")):
            assert luhn_ok(number) == ("KS601" in DOCS[path.stem]["faults"]), (path.name, number)


@pytest.mark.parametrize("doc_id", IDS)
def test_docx_holds_the_same_paragraphs_as_the_txt(doc_id):
    path = CORPUS / "docx" / f"{doc_id}.docx"
    document = docx.Document(str(path))
    found = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            found += ["\t".join(c.text for c in row.cells) for row in item.rows]
        elif item.text:
            found.append(item.text)
    expected = BUILD.expected_paragraphs((CORPUS / "txt" / f"{doc_id}.txt").read_text(encoding="utf-8"))
    assert found == expected


@pytest.mark.parametrize("doc_id", IDS)
def test_docx_has_heading_styles_header_footer_and_fixed_properties(doc_id):
    document = docx.Document(str(CORPUS / "docx" / f"{doc_id}.docx"))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("Heading 1") == 1 and "Heading 2" in styles
    section = document.sections[0]
    assert "Norrviks kommun" in section.header.paragraphs[0].text
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "Box 500" in section.footer.paragraphs[0].text
    assert document.core_properties.title == DOCS[doc_id]["title"]
    assert document.core_properties.created.year == 2025
    text = (CORPUS / "txt" / f"{doc_id}.txt").read_text(encoding="utf-8")
    if "\n- " in text:
        assert "List Bullet" in styles
    if "\t" in text:
        assert document.tables


def test_mall_documents_have_mergefields_and_a_word_template():
    for doc_id, d in DOCS.items():
        if d["profile"] != "mall":
            continue
        path = CORPUS / "docx" / f"{doc_id}.docx"
        with zipfile.ZipFile(path) as z:
            assert "MERGEFIELD" in z.read("word/document.xml").decode()
        with zipfile.ZipFile(path.with_suffix(".dotx")) as z:
            assert b"template.main+xml" in z.read("[Content_Types].xml")


@pytest.mark.parametrize("doc_id", IDS)
def test_committed_docx_is_a_deterministic_build_of_the_txt(doc_id):
    text = (CORPUS / "txt" / f"{doc_id}.txt").read_text(encoding="utf-8")
    first = BUILD.docx_bytes(BUILD.build_document(text, DOCS[doc_id]))
    second = BUILD.docx_bytes(BUILD.build_document(text, DOCS[doc_id]))
    assert first == second == (CORPUS / "docx" / f"{doc_id}.docx").read_bytes()


@pytest.mark.parametrize("doc_id", IDS)
def test_pdf_opens_and_holds_the_text(doc_id):
    with pdfplumber.open(CORPUS / "pdf" / f"{doc_id}.pdf") as pdf:
        assert 1 <= len(pdf.pages) <= 3
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    flat = " ".join(text.split())
    lines = BUILD.parse((CORPUS / "txt" / f"{doc_id}.txt").read_text(encoding="utf-8"))
    assert "Norrviks kommun" in flat and "Sida 1 av" in flat
    for line in lines:  # a stale PDF (txt edited, PDF not rebuilt) misses some paragraph
        if line.kind in ("heading1", "heading2", "para", "list"):
            assert " ".join(line.text.split()[:6]) in flat, line.text
