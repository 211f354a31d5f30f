"""Reports on real extracted documents (a corpus .txt, a python-docx .docx), with messages full of
what formatters must escape: Swedish letters, quotes, %, colons, commas and newlines."""

from __future__ import annotations

from pathlib import Path

from findings_helpers import finding_on, make_decision_docx, read, report_of, result_for, whole_document_finding
from klarsprak.findings import Category, DocumentResult, Severity

ROOT = Path(__file__).resolve().parents[1]
TRICKY = 'Ordet "uppbär" är 100 % byråkratiskt: skriv "får",\neller "har"'


def corpus_txt() -> Path:
    return ROOT / "corpora" / "beslut" / "txt" / "02-beviljas-byrakratisk.txt"


def txt_result():
    document = read(corpus_txt())
    findings = [
        finding_on(document, "uppbär", rule="KS101", replacement="får", message=TRICKY),
        finding_on(document, "inkommit", rule="KS102", name="krangligt-ord", replacement="kommit in",
                   severity=Severity.ERROR, message="Skriv hellre 'kommit in' än 'inkommit'."),
        finding_on(document, "icke", rule="KS103", name="formellt-ord", severity=Severity.INFO,
                   category=Category.BEGRIPLIGT, replacement="inte"),
        whole_document_finding(document),
    ]
    return result_for(document, findings)


def emoji_txt_result(tmp_path: Path):
    """A line with a character outside the BMP before the finding: UTF-16 columns differ."""
    path = tmp_path / "emoji.txt"
    path.write_text("Hej 😀 Ni har erhållit beslutet.\n", encoding="utf-8")
    document = read(path)
    return result_for(document, [finding_on(document, "erhållit", replacement="fått")])


def docx_result(tmp_path: Path):
    document = read(make_decision_docx(tmp_path / "beslut.docx"))
    findings = [finding_on(document, "erhållits", replacement="fått", message=TRICKY),
                finding_on(document, "erhåller ansökan")]
    return result_for(document, findings)


def unreadable_result() -> DocumentResult:
    return DocumentResult(path="skannad, 2024:1.pdf", format="pdf",
                          errors=["PDF-filen saknar textlager; den behöver tolkas med OCR först"])


def mixed_report(tmp_path: Path):
    return report_of(txt_result(), docx_result(tmp_path), unreadable_result())


__all__ = ["mixed_report", "txt_result", "docx_result", "emoji_txt_result", "unreadable_result", "TRICKY"]
