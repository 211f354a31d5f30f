"""Suggested fixes as tracked changes (``klarsprak fix beslut.docx -o beslut.forslag.docx``).

Each safe fix becomes ``w:del`` around the flagged runs and ``w:ins`` with the replacement, with
author and date, so the caseworker accepts or rejects it in Word. A fix is skipped (and said so)
when its text is not plainly in the runs: inside someone else's tracked change, in a footnote
(a part python-docx does not edit), across text the reader made up, or overlapping another fix."""

from __future__ import annotations

import copy as _copy
from dataclasses import dataclass, field
from datetime import datetime, timezone

from docx.oxml.parser import OxmlElement

from klarsprak.extract.docx import W_P, W_T, run_text
from klarsprak.findings import Finding
from klarsprak.model import Document
from klarsprak.writeback.comments import AUTHOR
from klarsprak.writeback.docx_runs import W_RPR, XML_SPACE, WordCopy, run_ranges, w

REVISION_TAGS = {w("ins"), w("del"), w("moveTo"), w("moveFrom")}


@dataclass
class Tracked:
    data: bytes
    applied: list[Finding] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)  # Swedish reason


def track_fixes(data: bytes, document: Document, findings: list[Finding], config=None,
                author: str = AUTHOR, date: datetime | None = None) -> Tracked:
    copy = WordCopy(data, config)
    stamp = (date or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = Tracked(data=b"")
    plan, taken = [], {}
    for finding in sorted(findings, key=Finding.sort_key):
        if finding.fix is None or not finding.fix.safe:
            continue
        reason, item = _prepare(copy, document, finding, taken)
        if reason:
            out.skipped.append((finding, reason))
        else:
            plan.append(item)
    for splitter in {id(item[1]): item[1] for item in plan}.values():
        splitter.split()
    next_id = _max_id(copy) + 1
    for finding, splitter, ranges, expected in plan:
        elements = splitter.elements(ranges)
        if "".join(run_text(e) for e in elements) != expected:
            out.skipped.append((finding, "texten går inte att hitta exakt i dokumentets XML"))
            continue
        if any(_in_revision(e) for e in elements):
            out.skipped.append((finding, "texten står redan i en spårad ändring"))
            continue
        last = None
        for element in elements:
            last = _delete(element, next_id, author, stamp)
            next_id += 1
        if finding.fix.replacement:
            last.addnext(_insertion(elements[0], finding.fix.replacement, next_id, author, stamp))
            next_id += 1
        out.applied.append(finding)
    out.data = copy.save()
    return out


def _prepare(copy: WordCopy, document: Document, finding: Finding, taken: dict):
    loc = finding.location
    if not 0 <= loc.block < len(document.blocks) or loc.end <= loc.start:
        return "rättningen gäller inte ett ställe i texten", None
    block = document.blocks[loc.block]
    if copy.part_root(block.place.part) is None:
        return "fotnoter och slutnoter kan inte få spårade ändringar ännu", None
    expected = block.text[loc.start:loc.end]
    ranges = run_ranges(block, loc.start, loc.end)
    if sum(b - a for _, a, b in ranges) != len(expected):
        return "texten sträcker sig över text som inte finns i dokumentet", None
    spans = taken.setdefault((block.place.part, block.place.paragraph), [])
    if any(s < loc.end and loc.start < e for s, e in spans):
        return "överlappar en annan rättning", None
    splitter = copy.runs_of(block)
    if splitter is None:
        return "stycket hittas inte i dokumentets XML", None
    spans.append((loc.start, loc.end))
    for run, a, b in ranges:
        splitter.cut(run, a)
        splitter.cut(run, b)
    return None, (finding, splitter, ranges, expected)


def _in_revision(element) -> bool:
    parent = element.getparent()
    while parent is not None and parent.tag != W_P:
        if parent.tag in REVISION_TAGS:
            return True
        parent = parent.getparent()
    return False


def _revision(tag: str, rid: int, author: str, stamp: str):
    return OxmlElement(tag, attrs={w("id"): str(rid), w("author"): author, w("date"): stamp})


def _delete(run, rid: int, author: str, stamp: str):
    """Wrap ``run`` in ``w:del``; its text becomes ``w:delText`` as Word requires."""
    wrapper = _revision("w:del", rid, author, stamp)
    run.addprevious(wrapper)
    wrapper.append(run)
    for t in run.findall(W_T):
        t.tag = w("delText")
    for t in run.findall(w("instrText")):
        t.tag = w("delInstrText")
    return wrapper


def _insertion(model_run, text: str, rid: int, author: str, stamp: str):
    wrapper = _revision("w:ins", rid, author, stamp)
    run = OxmlElement("w:r")
    rpr = model_run.find(W_RPR)
    if rpr is not None:
        run.append(_copy.deepcopy(rpr))
    t = OxmlElement("w:t")
    t.text = text
    t.set(XML_SPACE, "preserve")
    run.append(t)
    wrapper.append(run)
    return wrapper


def _max_id(copy: WordCopy) -> int:
    """Revision ids must not repeat anywhere in the package's XML parts."""
    best = 0
    for part in copy.docx.part.package.iter_parts():
        root = getattr(part, "_element", None)
        if root is None:
            continue
        for el in root.iter(w("ins"), w("del"), w("moveTo"), w("moveFrom"), w("comment"), w("bookmarkStart")):
            value = el.get(w("id"))
            if value and value.lstrip("-").isdigit():
                best = max(best, int(value))
    return best
