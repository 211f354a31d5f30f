"""Word comments: one per finding, anchored on exactly the flagged words (``klarsprak annotate``).

Runs are split at the finding's boundaries (formatting kept), then ``w:commentRangeStart`` /
``w:commentRangeEnd`` go around the flagged runs and a reference run after them. Word allows
comments only in the main document, so findings in headers, footers, footnotes and on the whole
document are gathered in one comment at the start."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.parser import OxmlElement

from klarsprak.extract.docx import W_P, iter_runs, run_text
from klarsprak.findings import Finding
from klarsprak.model import Document
from klarsprak.writeback.docx_runs import WordCopy, run_ranges, w

AUTHOR = "Klarspråk"
INITIALS = "KS"


@dataclass
class Annotated:
    data: bytes
    anchored: list[Finding] = field(default_factory=list)
    gathered: list[Finding] = field(default_factory=list)


def comment_text(finding: Finding) -> str:
    """Message, suggestion and rule id; one paragraph each in the comment."""
    lines = [" ".join(finding.message.split())]
    if finding.suggestions:
        lines.append("Förslag: " + ", ".join(finding.suggestions))
    lines.append(f"{finding.rule} {finding.name}")
    return "\n".join(lines)


def gathered_text(findings: list[Finding], document: Document) -> str:
    from klarsprak.report.text import location_label

    lines = ["Klarspråk: fynd som inte kan kommenteras där de står (sidhuvud, sidfot, fotnoter, hela dokumentet):"]
    for f in findings:
        hint = f" Förslag: {', '.join(f.suggestions)}." if f.suggestions else ""
        lines.append(f"• {location_label(f, document)}: {' '.join(f.message.split())}{hint} ({f.rule})")
    return "\n".join(lines)


def annotate(data: bytes, document: Document, findings: list[Finding], config=None) -> Annotated:
    """A copy of the Word file in ``data`` with one comment per finding."""
    copy = WordCopy(data, config)
    main = str(copy.docx.part.partname).lstrip("/")
    out = Annotated(data=b"")
    plan = []
    for finding in sorted(findings, key=Finding.sort_key):
        loc = finding.location
        block = document.blocks[loc.block] if 0 <= loc.block < len(document.blocks) else None
        if block is None or block.place.part != main or block.kind.is_page_furniture:
            out.gathered.append(finding)
            continue
        splitter = copy.runs_of(block)
        ranges = run_ranges(block, loc.start, loc.end) if loc.end > loc.start else []
        if not ranges:  # a finding about the paragraph itself (or on text the reader made up)
            ranges = run_ranges(block, 0, len(block.text))
        if splitter is None or not ranges:
            out.gathered.append(finding)
            continue
        for run, a, b in ranges:
            splitter.cut(run, a)
            splitter.cut(run, b)
        plan.append((finding, splitter, ranges))
    for splitter in {id(s): s for _, s, _ in plan}.values():
        splitter.split()
    for finding, splitter, ranges in plan:
        elements = splitter.elements(ranges)
        if not elements:
            out.gathered.append(finding)
            continue
        comment = copy.docx.comments.add_comment(text=comment_text(finding), author=AUTHOR, initials=INITIALS)
        mark(elements[0], elements[-1], comment.comment_id)
        out.anchored.append(finding)
    if out.gathered:
        first = _first_run(copy)
        comment = copy.docx.comments.add_comment(text=gathered_text(out.gathered, document), author=AUTHOR, initials=INITIALS)
        mark(first, first, comment.comment_id)
    out.data = copy.save()
    return out


def mark(first, last, comment_id: int) -> None:
    """Put the comment range around ``first``..``last`` and the reference run after it."""
    first.addprevious(OxmlElement("w:commentRangeStart", attrs={w("id"): str(comment_id)}))
    end = OxmlElement("w:commentRangeEnd", attrs={w("id"): str(comment_id)})
    last.addnext(end)
    # The reference run sits directly in the paragraph, not inside a hyperlink or a tracked insertion.
    container = end
    while container.getparent() is not None and container.getparent().tag != W_P:
        container = container.getparent()
    container.addnext(_reference_run(comment_id))


def _reference_run(comment_id: int):
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={w("val"): "CommentReference"}))
    run.append(rpr)
    run.append(OxmlElement("w:commentReference", attrs={w("id"): str(comment_id)}))
    return run


def _first_run(copy: WordCopy):
    """The first run with text in the body; an empty run in the first paragraph if there is none."""
    body = copy.docx.element.body
    for p in body.iter(W_P):
        for run in iter_runs(p):
            if run_text(run).strip():
                return run
    p = body.find(W_P)
    if p is None:
        p = OxmlElement("w:p")
        body.insert(0, p)
    run = OxmlElement("w:r")
    p.append(run)
    return run
