"""Finding offsets -> Word XML: which runs hold a finding's characters, and splitting runs there.

The docx reader defines what a run index and an offset mean (``extract.docx.iter_runs`` and
``run_text``); this module uses the same two functions so both sides agree. Splitting a run keeps
its properties (``w:rPr``) on every piece, so formatting survives."""

from __future__ import annotations

import copy
import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass

from docx.oxml.parser import OxmlElement
from lxml import etree

from klarsprak.extract.docx import TEXT_OF, W_P, W_T, iter_runs, run_text
from klarsprak.extract.docx_package import open_word
from klarsprak.extract.docx_package import REFUSED_MAIN_TYPES
from klarsprak.extract.sniff import WORD_MAIN
from klarsprak.model import Block

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_RPR = w("rPr")


@dataclass
class Piece:
    start: int  # offsets in the original run's text
    end: int
    element: etree._Element


class WordCopy:
    """A python-docx document opened from the same bytes the reader saw, ready to be edited."""

    def __init__(self, data: bytes, config=None):
        self.data = data
        self.docx = open_word(data, config)
        self._paragraphs: dict[str, list] = {}
        self._splitters: dict[tuple[str, int], "ParagraphRuns"] = {}

    def part_root(self, partname: str | None):
        """The XML root of a part python-docx keeps as XML (the body, headers, footers), or None:
        other parts (footnotes) are blobs python-docx would save unchanged."""
        if not partname:
            return None
        if not hasattr(self, "_roots"):
            self._roots = {
                str(part.partname).lstrip("/"): part.element
                for part in self.docx.part.package.iter_parts()
                if hasattr(part, "_element")
            }
        return self._roots.get(partname)

    def paragraph(self, partname: str, index: int):
        if partname not in self._paragraphs:
            root = self.part_root(partname)
            self._paragraphs[partname] = list(root.iter(W_P)) if root is not None else []
        paragraphs = self._paragraphs[partname]
        return paragraphs[index] if 0 <= index < len(paragraphs) else None

    def runs_of(self, block: Block) -> "ParagraphRuns | None":
        place = block.place
        if place.part is None or place.paragraph is None:
            return None
        key = (place.part, place.paragraph)
        if key not in self._splitters:
            p = self.paragraph(place.part, place.paragraph)
            if p is None:
                return None
            self._splitters[key] = ParagraphRuns(p)
        return self._splitters[key]

    def save(self) -> bytes:
        out = io.BytesIO()
        self.docx.save(out)
        return restore_main_type(self.data, out.getvalue())


def restore_main_type(original: bytes, saved: bytes) -> bytes:
    """Give a template (.dotx) or macro file back the main content type the reader swapped out."""
    with zipfile.ZipFile(io.BytesIO(original)) as zf:
        types = zf.read("[Content_Types].xml")
    kept = next((t for t in REFUSED_MAIN_TYPES if t.encode() in types), None)
    if kept is None:
        return saved
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved)) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(WORD_MAIN.encode(), kept.encode())
            dst.writestr(info, blob)
    return buffer.getvalue()


def run_ranges(block: Block, start: int, end: int) -> list[tuple[int, int, int]]:
    """``(run, from, to)`` offsets in run text for block text ``[start, end)`` (synthetic text left out)."""
    out: list[tuple[int, int, int]] = []
    for seg in block.segments:
        if seg.run is None or seg.synthetic:
            continue
        lo, hi = max(start, seg.start), min(end, seg.end)
        if lo >= hi:
            continue
        a, b = seg.offset + lo - seg.start, seg.offset + hi - seg.start
        if out and out[-1][0] == seg.run and out[-1][2] == a:
            out[-1] = (seg.run, out[-1][1], b)
        else:
            out.append((seg.run, a, b))
    return out


class ParagraphRuns:
    """The runs of one paragraph, split at every cut asked for before :meth:`split`."""

    def __init__(self, paragraph):
        self.paragraph = paragraph
        self.runs = iter_runs(paragraph)
        self.cuts: dict[int, set[int]] = defaultdict(set)
        self.pieces: dict[int, list[Piece]] = {}

    def cut(self, run: int, offset: int) -> None:
        self.cuts[run].add(offset)

    def split(self) -> None:
        for index, run in enumerate(self.runs):
            text = run_text(run)
            cuts = sorted(c for c in self.cuts.get(index, ()) if 0 < c < len(text))
            if not cuts:
                self.pieces[index] = [Piece(0, len(text), run)]
                continue
            self.pieces[index] = split_run(run, text, cuts)
        self.cuts.clear()

    def elements(self, ranges: list[tuple[int, int, int]]) -> list[etree._Element]:
        """The run elements (after splitting) that hold exactly the given ranges, in order."""
        if not self.pieces:
            self.split()
        out = []
        for run, a, b in ranges:
            for piece in self.pieces.get(run, ()):
                if piece.start < b and a < piece.end or (a == b == piece.start):
                    out.append(piece.element)
        return out

    def all_elements(self) -> list[etree._Element]:
        if not self.pieces:
            self.split()
        return [p.element for i in sorted(self.pieces) for p in self.pieces[i]]


def _child_texts(run) -> list[tuple[etree._Element, str]]:
    out = []
    for child in run:
        if child.tag == W_RPR:
            continue
        if child.tag == W_T:
            out.append((child, child.text or ""))
        else:
            out.append((child, TEXT_OF.get(child.tag, "")))
    return out


def split_run(run, text: str, cuts: list[int]) -> list[Piece]:
    """Replace ``run`` by one run per interval between ``cuts``; each keeps a copy of ``w:rPr``."""
    children = _child_texts(run)
    if "".join(t for _, t in children) != text:  # a run the reader sees differently: leave it whole
        return [Piece(0, len(text), run)]
    bounds = [0, *cuts, len(text)]
    rpr = run.find(W_RPR)
    pieces: list[Piece] = []
    for a, b in zip(bounds, bounds[1:]):
        new = OxmlElement("w:r")  # python-docx's parser, so the element gets its CT_R class
        for key, value in run.attrib.items():
            new.set(key, value)
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        pieces.append(Piece(a, b, new))
    position = 0
    for child, child_text in children:
        c_start, c_end = position, position + len(child_text)
        position = c_end
        if c_start == c_end:  # zero-width (a field character, a drawing): goes where it stands
            target = next((p for p in pieces if p.start <= c_start < p.end), pieces[-1])
            target.element.append(copy.deepcopy(child))
            continue
        for piece in pieces:
            lo, hi = max(c_start, piece.start), min(c_end, piece.end)
            if lo >= hi:
                continue
            if child.tag == W_T:
                t = OxmlElement("w:t")
                piece.element.append(t)
                t.text = child_text[lo - c_start : hi - c_start]
                t.set(XML_SPACE, "preserve")
            else:
                piece.element.append(copy.deepcopy(child))
    parent = run.getparent()
    for piece in pieces:
        run.addprevious(piece.element)
    parent.remove(run)
    return pieces
