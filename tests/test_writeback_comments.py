"""Word comments on real .docx files: anchored on exactly the flagged words, formatting kept,
header/footer findings gathered at the start, readable by python-docx and by LibreOffice."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from conftest import require_soffice
from findings_helpers import comments_with_anchors, finding_on, make_decision_docx, read, whole_document_finding
from klarsprak.cli import main
from klarsprak.writeback.comments import AUTHOR, annotate


@pytest.fixture()
def decision(tmp_path: Path) -> Path:
    return make_decision_docx(tmp_path / "beslut.docx")


def _annotated(decision: Path, findings_for):
    data = decision.read_bytes()
    document = read(decision)
    findings = findings_for(document)
    return document, findings, annotate(data, document, findings)


def test_each_comment_is_anchored_on_exactly_the_flagged_words(decision):
    def findings(doc):
        return [
            finding_on(doc, "erhållits", replacement="fått"),  # the start of a bold run
            finding_on(doc, "tillställt", rule="KS102"),  # a whole italic run
            finding_on(doc, "har erhållits av nämnden", rule="KS201", name="lang-mening"),  # across three runs
            finding_on(doc, "erhåller frågor", rule="KS103"),  # inside a hyperlink
            finding_on(doc, "Erhållet", replacement="Beviljat"),  # a table cell
        ]

    document, found, out = _annotated(decision, findings)
    assert len(out.anchored) == 5 and out.gathered == []
    anchors = sorted(comments_with_anchors(out.data).values(), key=lambda c: c[1])
    assert [a for _, a in anchors] == sorted(f.text for f in found)
    text, anchored = next(c for c in anchors if c[1] == "erhållits")
    assert text.splitlines() == ['Ordet "erhållits" är ålderdomligt.', "Förslag: fått", "KS101 gammalt-ord"]


def test_splitting_runs_keeps_their_formatting_and_the_text(decision):
    data = decision.read_bytes()
    document = read(decision)
    out = annotate(data, document, [finding_on(document, "erhållits"), finding_on(document, "webbplats")])
    copy = docx.Document(__import__("io").BytesIO(out.data))
    paragraph = copy.paragraphs[1]
    assert paragraph.text == "Din ansökan har erhållits av nämnden. Vi har tillställt dig beslutet."
    bold = [r.text for r in paragraph.runs if r.bold]
    assert bold == ["erhållits", " av"]  # the bold run was split at the finding's end, both halves bold
    # the hyperlink survives, its run split inside it, underline kept on both pieces
    again = read_bytes_document(out.data, decision)
    assert any(b.text == "Läs mer på vår webbplats som erhåller frågor om du vill." for b in again.blocks)
    with zipfile.ZipFile(__import__("io").BytesIO(out.data)) as zf:
        xml = zf.read("word/document.xml").decode()
    link = xml[xml.index("<w:hyperlink"):xml.index("</w:hyperlink>")]
    assert link.count('<w:u w:val="single"/>') == 3 and "commentRangeStart" in link


def read_bytes_document(data: bytes, like: Path):
    from klarsprak import extract

    return extract.read_bytes(data, "docx", str(like))


def test_header_footer_and_whole_document_findings_are_gathered_in_one_comment_at_the_start(decision):
    def findings(doc):
        return [finding_on(doc, "erhåller ansökan"), finding_on(doc, "tillställes"), whole_document_finding(doc),
                finding_on(doc, "erhållits")]

    document, _, out = _annotated(decision, findings)
    assert len(out.anchored) == 1 and len(out.gathered) == 3
    comments = comments_with_anchors(out.data)
    assert len(comments) == 2
    gathered = next(text for text, _ in comments.values() if text.startswith("Klarspråk: fynd"))
    assert "sidhuvud" in gathered and "sidfot" in gathered and "hela dokumentet" in gathered and "KS701" in gathered
    anchored_on = next(anchor for text, anchor in comments.values() if text.startswith("Klarspråk: fynd"))
    assert anchored_on == "Beslut om ekonomiskt bistånd"  # the first run of text in the body


def test_python_docx_reads_the_comments_back_with_author(decision):
    document, _, out = _annotated(decision, lambda doc: [finding_on(doc, "erhållits", replacement="fått")])
    copy = docx.Document(__import__("io").BytesIO(out.data))
    comments = list(copy.comments)
    assert len(comments) == 1
    assert comments[0].author == AUTHOR == "Klarspråk"
    assert "KS101" in comments[0].text and "Förslag: fått" in comments[0].text


def test_the_copy_converts_with_libreoffice_and_keeps_the_comments(decision, tmp_path):
    soffice = require_soffice()
    document, found, out = _annotated(decision, lambda doc: [finding_on(doc, "erhållits"), finding_on(doc, "tillställes"),
                                                             finding_on(doc, "erhåller frågor")])
    copy = tmp_path / "beslut.granskad.docx"
    copy.write_bytes(out.data)
    outdir = tmp_path / "lo"
    for target in ("pdf", "odt"):
        done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                               "--convert-to", target, "--outdir", str(outdir), str(copy)],
                              capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        assert (outdir / f"beslut.granskad.{target}").stat().st_size > 1000
    # LibreOffice parsed our anchors: its own file holds each comment with the text it covers.
    with zipfile.ZipFile(outdir / "beslut.granskad.odt") as zf:
        content = zf.read("content.xml").decode()
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == 3
    assert "Klarspråk" in content


def test_cli_annotate_writes_a_copy_and_never_touches_the_input(decision, tmp_path):
    before = decision.read_bytes()
    out = tmp_path / "beslut.granskad.docx"
    runner = CliRunner()
    result = runner.invoke(main, ["annotate", str(decision), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert decision.read_bytes() == before
    comments = comments_with_anchors(out.read_bytes())
    assert any(anchor == "erhållits" and "KS10" in text for text, anchor in comments.values())
    again = runner.invoke(main, ["annotate", str(decision), "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    same = runner.invoke(main, ["annotate", str(decision), "-o", str(decision), "--force"])
    assert same.exit_code == 2 and "samma fil" in same.output
    assert decision.read_bytes() == before


def test_a_document_that_already_has_comments_keeps_them_and_ids_stay_unique(decision, tmp_path):
    document, _, first = _annotated(decision, lambda doc: [finding_on(doc, "erhållits")])
    reviewed = tmp_path / "granskad.docx"
    reviewed.write_bytes(first.data)
    again_doc = read(reviewed)
    second = annotate(first.data, again_doc, [finding_on(again_doc, "tillställt"), finding_on(again_doc, "erhållits")])
    comments = comments_with_anchors(second.data)
    assert len(comments) == 3  # ids are the dict keys: three distinct
    assert sorted(a for _, a in comments.values()) == ["erhållits", "erhållits", "tillställt"]
