"""Check a document's offset maps against its source: every character that is not synthetic must
be the very character its segment points at. Used by the tests, the fuzz runs and write-back
debugging; a reader bug shows up here as a list of mismatches instead of a misplaced comment.
"""

from __future__ import annotations

import io
import zipfile

from klarsprak.model import Document


def mismatches(document: Document, source: bytes | str | None = None, limit: int = 20) -> list[str]:
    """Human-readable mismatches (empty when every character maps back exactly).

    ``source``: the file's bytes for docx/pdf (read from ``document.path`` when None); txt/md use
    ``document.source_text``."""
    if document.format in ("txt", "md"):
        return _text(document, limit)
    if isinstance(source, str):
        source = source.encode()
    if source is None:
        with open(document.path, "rb") as fh:
            source = fh.read()
    if document.format in ("docx", "dotx"):
        return _docx(document, source, limit)
    if document.format == "pdf":
        from klarsprak.extract.pdf import source_lines

        return _pdf(document, source_lines(source), limit)
    return [f"okänt format {document.format}"]


def _each_char(document: Document):
    for block in document.blocks:
        for seg in block.segments:
            if seg.synthetic:
                continue
            for delta in range(seg.end - seg.start):
                yield block, seg, delta


def _text(document: Document, limit: int) -> list[str]:
    from klarsprak.extract.text import split_lines

    lines = split_lines(document.source_text or "")
    out = []
    for block, seg, delta in _each_char(document):
        want = block.text[seg.start + delta]
        line = lines[seg.line - 1] if 0 < seg.line <= len(lines) else ""
        col = seg.column + delta - 1
        got = line[col] if 0 <= col < len(line) else None
        if got != want:
            out.append(f"block {block.index} tecken {seg.start + delta}: {want!r} men källan rad {seg.line} kolumn {col + 1} har {got!r}")
            if len(out) >= limit:
                break
    return out


def _docx(document: Document, data: bytes, limit: int) -> list[str]:
    from lxml import etree

    from klarsprak.extract.docx import W_P, iter_runs, run_text
    from klarsprak.extract.docx_package import SAFE_PARSER

    parts: dict[str, list] = {}
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for block in document.blocks:
            part = block.place.part
            if part not in parts:
                root = etree.fromstring(zf.read(part), SAFE_PARSER)
                parts[part] = list(root.iter(W_P))
            paragraph = parts[part][block.place.paragraph]
            runs = [run_text(r) for r in iter_runs(paragraph)]
            for seg in block.segments:
                if seg.synthetic:
                    continue
                for delta in range(seg.end - seg.start):
                    want = block.text[seg.start + delta]
                    text = runs[seg.run] if seg.run < len(runs) else ""
                    k = seg.offset + delta
                    got = text[k] if k < len(text) else None
                    if got != want:
                        out.append(f"block {block.index} tecken {seg.start + delta}: {want!r} men run {seg.run}[{k}] har {got!r}")
                        if len(out) >= limit:
                            return out
    return out


def _pdf(document: Document, lines: dict[tuple[int, int], str], limit: int) -> list[str]:
    out = []
    for block, seg, delta in _each_char(document):
        want = block.text[seg.start + delta]
        line = lines.get((seg.page, seg.line), "")
        k = seg.offset + delta
        got = line[k] if k < len(line) else None
        if got != want:
            out.append(f"block {block.index} tecken {seg.start + delta}: {want!r} men sida {seg.page} rad {seg.line}[{k}] har {got!r}")
            if len(out) >= limit:
                break
    return out
