"""In-file suppressions: a writer's way to say "this finding is deliberate".

- .md/.txt: ``<!-- klarsprak-disable KS101 -->`` … ``<!-- klarsprak-enable -->`` switches rules off
  for the lines between (no rule ids: every rule). A plain ``klarsprak-enable`` ends them all;
  ``klarsprak-enable KS101`` ends KS101 only (a disable of every rule needs the plain form). A
  disable without an enable runs to the end of the file.
- .md/.txt: ``klarsprak: ignorera KS201`` switches rules off for its own line; written alone on a
  line (e.g. ``<!-- klarsprak: ignorera KS201 -->``) it applies to the next line with text.
- .docx: a Word comment whose text holds ``klarsprak: ignorera KS101`` switches rules off for the
  words it is anchored on.

Per-path ignores live in config (``[ignore]``) and are applied before the rules run. A suppression
that suppresses nothing (for a rule that ran) is reported as a warning on the document."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.findings import Finding
    from klarsprak.model import Document

_IDS = r"(?P<rules>(?:[\s,]+KS\d{3})*)"
DISABLE = re.compile(r"<!--\s*klarsprak-disable" + _IDS + r"\s*-->", re.IGNORECASE)
ENABLE = re.compile(r"<!--\s*klarsprak-enable" + _IDS + r"\s*-->", re.IGNORECASE)
IGNORE = re.compile(r"klarsprak:\s*ignorera" + _IDS, re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MARKUP_ONLY = re.compile(r"^[\s<!>#/*-]*$")  # what is left of a line that holds only a directive comment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCX_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")


def _rule_ids(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"KS\d{3}", text.upper()))


@dataclass
class Suppression:
    rules: frozenset[str]  # empty: every rule
    directive: str  # as written, for the report
    where: str  # Swedish: where it was written ("rad 12", "kommentar i stycke 3")
    first_line: int | None = None  # text formats: lines covered, inclusive
    last_line: int | None = None
    part: str | None = None  # docx: the part and the anchored range [start, end) as (paragraph, run, offset)
    start: tuple[int, int, int] | None = None
    end: tuple[int, int, int] | None = None
    used: bool = False

    def names(self, rule: str) -> bool:
        return not self.rules or rule in self.rules

    def covers(self, finding: "Finding", document: "Document") -> bool:
        loc = finding.location
        if loc.block < 0 or not self.names(finding.rule):
            return False
        if self.first_line is not None:
            if loc.line is None:
                return False
            last = loc.end_line or loc.line
            return loc.line <= self.last_line and last >= self.first_line
        if self.start is None or loc.block >= len(document.blocks):
            return False
        block = document.blocks[loc.block]
        if block.place.part != self.part or block.place.paragraph is None:
            return False
        first, final = block.locate(loc.start), block.locate(max(loc.start, loc.end - 1))
        if first.run is None:
            return False
        para = block.place.paragraph
        f_start = (para, first.run, first.run_offset or 0)
        f_last = (para, final.run if final.run is not None else first.run, final.run_offset or 0)
        return f_start < self.end and f_last >= self.start


# --- text formats ---------------------------------------------------------------------------

def text_suppressions(source: str) -> list[Suppression]:
    # Every directive holds "klarsprak"; casefold() also folds what IGNORECASE matches ("K", "ſ"),
    # so a text without it has none, and most texts are not scanned line by line.
    if "klarsprak" not in source.casefold():
        return []
    lines = _LINE_BREAK.split(source)
    out: list[Suppression] = []
    open_blocks: list[Suppression] = []
    for number, line in enumerate(lines, start=1):
        for match in sorted([*DISABLE.finditer(line), *ENABLE.finditer(line)], key=lambda m: m.start()):
            rules = _rule_ids(match.group("rules"))
            if match.re is DISABLE:
                s = Suppression(rules, " ".join(match.group(0).split()), f"rad {number}", first_line=number, last_line=len(lines))
                open_blocks.append(s)
                out.append(s)
            else:
                for s in list(open_blocks):
                    if not rules or (s.rules and s.rules <= rules):
                        s.last_line = number
                        open_blocks.remove(s)
                    elif s.rules & rules:  # some of its rules end here, the others stay disabled
                        s.last_line = number
                        open_blocks.remove(s)
                        rest = Suppression(s.rules - rules, s.directive, s.where, first_line=number, last_line=len(lines))
                        open_blocks.append(rest)
                        out.append(rest)
        for match in IGNORE.finditer(line):
            target = number
            leftover = DISABLE.sub("", ENABLE.sub("", line.replace(match.group(0), "")))
            if _MARKUP_ONLY.match(leftover):
                target = next((n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), number)
            out.append(Suppression(_rule_ids(match.group("rules")), " ".join(match.group(0).split()), f"rad {number}",
                                   first_line=target, last_line=target))
    return out


# --- docx -----------------------------------------------------------------------------------

def _xml_parser():
    from lxml import etree

    # The readers' safe settings: no entities, no DTDs, no network, no huge trees.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)


def _parse(zf: zipfile.ZipFile, name: str):
    from lxml import etree

    try:
        return etree.fromstring(zf.read(name), parser=_xml_parser())
    except (KeyError, etree.XMLSyntaxError):
        return None


def _run_elements(paragraph) -> list:
    """The runs of a paragraph exactly as the docx reader counts them (``Segment.run``)."""
    try:
        from klarsprak.extract.docx import iter_runs
    except ImportError:  # pragma: no cover - the reader is always shipped
        return list(paragraph.iter(W + "r"))
    return list(iter_runs(paragraph))


def comment_texts(zf: zipfile.ZipFile) -> dict[str, str]:
    root = _parse(zf, "word/comments.xml")
    if root is None:
        return {}
    return {c.get(W + "id"): "".join(t.text or "" for t in c.iter(W + "t")) for c in root.iter(W + "comment")}


def comment_anchors(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]]:
    """Comment id -> anchored range ``[(paragraph, run, 0), (paragraph, run, 0))`` in ``part``.

    Paragraph indices count every ``w:p`` of the part in document order, runs count what the docx
    reader counts, so the range compares directly with a finding's ``Block.locate`` positions."""
    root = _parse(zf, part)
    if root is None:
        return {}
    runs: set = set()
    for p in root.iter(W + "p"):
        runs.update(_run_elements(p))
    starts: dict[str, tuple[int, int, int]] = {}
    ends: dict[str, tuple[int, int, int]] = {}
    para, run = -1, 0
    for el in root.iter():
        if el.tag == W + "p":
            para, run = para + 1, 0
        elif el in runs:
            run += 1
        elif el.tag == W + "commentRangeStart":
            # before a paragraph's first run; at body level between paragraphs: the next paragraph
            starts[el.get(W + "id")] = (para, run, 0) if _inside_paragraph(el) else (para + 1, 0, 0)
        elif el.tag == W + "commentRangeEnd":
            ends[el.get(W + "id")] = (para, run, 0) if _inside_paragraph(el) else (para, 1 << 30, 0)
    return {cid: (starts[cid], ends[cid]) for cid in starts if cid in ends}


def _inside_paragraph(el) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag == W + "p":
            return True
        parent = parent.getparent()
    return False


def docx_suppressions(path: str) -> list[Suppression]:
    try:
        with zipfile.ZipFile(path) as zf:
            texts = {cid: t for cid, t in comment_texts(zf).items() if IGNORE.search(t)}
            if not texts:
                return []
            out = []
            names = set(zf.namelist())
            for part in DOCX_PARTS:
                if part not in names:
                    continue
                for cid, (start, end) in comment_anchors(zf, part).items():
                    if cid in texts:
                        match = IGNORE.search(texts[cid])
                        out.append(Suppression(_rule_ids(match.group("rules")), " ".join(match.group(0).split()),
                                               f"kommentar i stycke {start[0] + 1}", part=part, start=start, end=end))
            return out
    except (OSError, zipfile.BadZipFile):
        return []


# --- applying them --------------------------------------------------------------------------

def suppressions_for(document: "Document") -> list[Suppression]:
    if document.format in ("txt", "md") and document.source_text is not None:
        return text_suppressions(document.source_text)
    if document.format in ("docx", "dotx") and document.path and document.path != "-":
        return docx_suppressions(document.path)
    return []


def apply(document: "Document", findings: list["Finding"], active: Iterable[str] = ()) -> list["Finding"]:
    """The findings no suppression covers. Unused suppressions become warnings on ``document``."""
    found = suppressions_for(document)
    if not found:
        return findings
    kept = []
    for finding in findings:
        hits = [s for s in found if s.covers(finding, document)]
        for s in hits:
            s.used = True
        if not hits:
            kept.append(finding)
    ran = set(active)
    used = {(s.directive, s.where) for s in found if s.used}  # pieces of one directive count together
    for s in found:
        if (s.directive, s.where) not in used and (not s.rules or s.rules & ran or not ran):
            message = f"{s.where}: undantaget '{s.directive}' döljer inget fynd; ta bort det"
            if message not in document.warnings:
                document.warnings.append(message)
    return kept
