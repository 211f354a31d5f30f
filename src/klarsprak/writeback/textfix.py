"""Safe fixes for .txt/.md: a unified diff (``fix --diff``) or the file rewritten (``fix --write``).

A fix is applied only when the finding's text sits verbatim in the source (no joined lines, no
Markdown markup inside it) and does not overlap an earlier fix. The file is written back in the
encoding it was read in, with its BOM and line breaks, and only if the untouched text would
round-trip to the exact original bytes (otherwise we would change more than the fixes)."""

from __future__ import annotations

import codecs
import difflib
import re
from dataclasses import dataclass, field

from klarsprak.errors import OutputError
from klarsprak.findings import DocumentResult, Finding

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# The reader's encoding names (klarsprak.extract.encoding) -> (codec, BOM to write back).
_CODECS = {
    "UTF-8": ("utf-8", b""),
    "UTF-8 (med BOM)": ("utf-8", codecs.BOM_UTF8),
    "UTF-16 LE (med BOM)": ("utf-16-le", codecs.BOM_UTF16_LE),
    "UTF-16 BE (med BOM)": ("utf-16-be", codecs.BOM_UTF16_BE),
    "UTF-32 (med BOM)": (None, b""),  # LE or BE: taken from the original bytes
    "UTF-16 LE (utan BOM)": ("utf-16-le", b""),
    "UTF-16 BE (utan BOM)": ("utf-16-be", b""),
    "Latin-1 (ISO-8859-1)": ("latin-1", b""),
    "Windows-1252": ("cp1252", b""),
}


@dataclass
class TextFixes:
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, Swedish reason)


def line_starts(source: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in _LINE_BREAK.finditer(source))
    return starts


def source_offset(starts: list[int], line: int, column: int) -> int | None:
    if not 1 <= line <= len(starts):
        return None
    return starts[line - 1] + column - 1


def plan(result: DocumentResult) -> TextFixes:
    """Work out which safe fixes can be applied to the source text of ``result``."""
    document = result.document
    source = getattr(document, "source_text", None)
    if source is None:
        raise OutputError("filen har ingen källtext att rätta (bara .txt och .md kan rättas med --diff/--write)", result.path)
    starts = line_starts(source)
    edits: list[tuple[int, int, str, Finding]] = []
    out = TextFixes(original=source, fixed=source)
    for finding in sorted(result.findings, key=Finding.sort_key):
        if finding.fix is None or not finding.fix.safe:
            continue
        span = _source_span(finding, document, source, starts)
        if span is None:
            out.skipped.append((finding, "texten står inte i ett stycke i källan (radbrytning eller formatering)"))
            continue
        start, end = span
        if any(s < end and start < e for s, e, _, _ in edits):
            out.skipped.append((finding, "överlappar en annan rättning"))
            continue
        edits.append((start, end, finding.fix.replacement, finding))
    pieces, cursor = [], 0
    for start, end, replacement, finding in sorted(edits, key=lambda e: e[0]):
        pieces.append(source[cursor:start])
        pieces.append(replacement)
        cursor = end
        out.applied.append(finding)
    pieces.append(source[cursor:])
    out.fixed = "".join(pieces)
    return out


def _source_span(finding: Finding, document, source: str, starts: list[int]) -> tuple[int, int] | None:
    loc = finding.location
    if loc.block < 0 or loc.line is None or loc.column is None or loc.end <= loc.start:
        return None
    block = document.blocks[loc.block]
    if any(s.synthetic for s in block.segments if s.start < loc.end and loc.start < s.end):
        return None
    start = source_offset(starts, loc.line, loc.column)
    if start is None:
        return None
    end = start + (loc.end - loc.start)
    if source[start:end] != block.text[loc.start:loc.end]:
        return None
    return start, end


def unified_diff(fixes: TextFixes, path: str) -> str:
    old = fixes.original.splitlines(keepends=True)
    new = fixes.fixed.splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, fromfile=f"a/{path}", tofile=f"b/{path}"))


def encode_like(text: str, original_text: str, original_bytes: bytes, encoding: str | None, path: str) -> bytes:
    """``text`` in the original file's encoding; refuses when that would not round-trip."""
    codec, bom = _CODECS.get(encoding or "", (None, None))
    if encoding == "UTF-32 (med BOM)":
        if original_bytes.startswith(codecs.BOM_UTF32_LE):
            codec, bom = "utf-32-le", codecs.BOM_UTF32_LE
        else:
            codec, bom = "utf-32-be", codecs.BOM_UTF32_BE
    if codec is None:
        raise OutputError(f"filen kan inte skrivas tillbaka i sin teckenkodning ({encoding}); spara den som UTF-8 först", path)
    try:
        if bom + original_text.encode(codec) != original_bytes:
            raise OutputError("filen skulle ändras på fler ställen än rättningarna (teckenkodningen går inte att återskapa exakt); spara den som UTF-8 först", path)
        return bom + text.encode(codec)
    except UnicodeEncodeError:
        raise OutputError(f"rättningen innehåller tecken som inte finns i filens teckenkodning ({encoding})", path) from None
