"""Helpers for the report/write-back tests: real Word files made with python-docx, findings placed
on real extracted documents with the engine's own ``locate``, and comment anchors read back."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.parser import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from klarsprak import extract
from klarsprak.checks.base import locate
from klarsprak.findings import Category, DocumentResult, Finding, Fix, Report, Severity
from klarsprak.model import Document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_decision_docx(path: Path) -> Path:
    """A decision with formatted runs, a hyperlink, a table, a header and a footer."""
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Socialnämnden erhåller ansökan"
    section.footer.paragraphs[0].text = "Sida 1 – tillställes sökanden"
    d.add_heading("Beslut om ekonomiskt bistånd", 1)
    p = d.add_paragraph("Din ansökan har ")
    bold = p.add_run("erhållits av")
    bold.bold = True
    p.add_run(" nämnden. Vi har ")
    italic = p.add_run("tillställt")
    italic.italic = True
    p.add_run(" dig beslutet.")
    link_p = d.add_paragraph("Läs mer på ")
    _add_hyperlink(link_p, "https://example.se", "vår webbplats som erhåller frågor")
    link_p.add_run(" om du vill.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Belopp"
    table.cell(0, 1).text = "Erhållet bistånd 500 kr"
    d.save(path)
    return path


def _add_hyperlink(paragraph, url: str, text: str) -> None:
    rid = paragraph.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True)
    link = OxmlElement("w:hyperlink", attrs={qn("r:id"): rid})
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:u", attrs={qn("w:val"): "single"}))
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def read(path: Path) -> Document:
    return extract.read(str(path))


def block_with(document: Document, word: str) -> int:
    return next(b.index for b in document.blocks if word in b.text)


def finding_on(document: Document, word: str, rule: str = "KS101", name: str = "gammalt-ord",
               replacement: str | None = None, safe: bool = True, severity: Severity = Severity.WARNING,
               category: Category = Category.VARDAT, message: str | None = None, block: int | None = None) -> Finding:
    """A finding on the first occurrence of ``word``, located exactly as the engine locates findings."""
    index = block_with(document, word) if block is None else block
    text = document.blocks[index].text
    start = text.index(word)
    end = start + len(word)
    return Finding(
        rule=rule, name=name, category=category, severity=severity,
        message=message or f"Ordet \"{word}\" är ålderdomligt.",
        text=word, location=locate(document, index, start, end),
        suggestions=[replacement] if replacement else [],
        fix=Fix(replacement, safe) if replacement is not None else None,
        sentence=text,
    )


def whole_document_finding(document: Document, rule: str = "KS701", message: str = "LIX är 58 (mycket svår).") -> Finding:
    return Finding(rule=rule, name="lix", category=Category.ENKELT, severity=Severity.INFO, message=message,
                   text="", location=locate(document, -1, 0, 0))


def result_for(document: Document, findings: list[Finding], **kw) -> DocumentResult:
    return DocumentResult(path=document.path, format=document.format, profile="beslut", encoding=document.encoding,
                          metrics=kw.pop("metrics", {"words": 40, "sentences": 4, "mean_sentence_length": 10.0, "lix": 38.5, "lix_band": "medelsvår"}),
                          findings=findings, document=document, **kw)


def report_of(*results: DocumentResult) -> Report:
    return Report(documents=list(results))


def comments_with_anchors(data: bytes) -> dict[str, tuple[str, str]]:
    """comment id -> (comment text, the body text its range covers), read from the saved XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
        comments = etree.fromstring(zf.read("word/comments.xml"))
    texts = {c.get(W + "id"): "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p"))
             for c in comments.iter(W + "comment")}
    open_ids: set[str] = set()
    anchored: dict[str, list[str]] = {cid: [] for cid in texts}
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag == W + "t":
            for cid in open_ids:
                anchored.setdefault(cid, []).append(el.text or "")
    return {cid: (texts[cid], "".join(anchored.get(cid, []))) for cid in texts}
