"""PDF reader (pdfplumber): text layer → lines → blocks (see :mod:`pdf_layout`).

Refused with a clear message: encrypted files, files without a text layer (scans: they need
OCR first), text in fonts without a Unicode map (it would be linted as garbage), corrupt files,
files past ``limits.max-pages`` or ``limits.max-seconds``.
"""

from __future__ import annotations

import io
import logging
import time

from klarsprak.errors import InputError, LimitError
from klarsprak.extract import limits
from klarsprak.extract.pdf_layout import Layout, furniture_blocks, split_running
from klarsprak.extract.pdf_lines import PdfLine, page_lines
from klarsprak.model import BlockKind, Document

GARBLED_SHARE = 0.10

# pdfminer logs damaged content streams verbatim; document text must not reach the logs.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _open(data: bytes):
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds; each becomes one message
        raise _error(exc) from None


def _error(exc: Exception) -> InputError:
    inner = getattr(exc, "args", [None])[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
    name = type(inner).__name__
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning") or "ncrypt" in name:
        return InputError("PDF:en är krypterad eller lösenordsskyddad; spara en kopia utan lösenord och försök igen")
    if name in ("PSEOF",):
        return InputError("PDF:en är ofullständig (filen tar slut för tidigt); be om en ny kopia")
    return InputError(f"PDF:en är skadad och kan inte läsas ({name}); be om en ny kopia eller skriv ut den till PDF igen")


def _page_count(pdf) -> int | None:
    """The page count from the page tree, without building every page."""
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(resolve1(pdf.doc.catalog["Pages"]).get("Count"))
        return int(count) if count is not None else None
    except Exception:  # noqa: BLE001 - a damaged tree is counted the slow way below
        return None


def read_lines(data: bytes, config=None) -> tuple[list[list[PdfLine]], list[float], int]:
    """Every page's lines, the page heights and the image count, with the limits checked."""
    started = time.monotonic()
    max_seconds = limits.limit(config, "max-seconds")
    limits.check_pdf_streams(config, data)
    pdf = _open(data)
    try:
        with pdf:
            return _read_pages(pdf, config, started, max_seconds)
    except (LimitError, InputError):
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
        raise _error(exc) from None


def _read_pages(pdf, config, started: float, max_seconds: float):
    declared = _page_count(pdf)
    if declared is not None:
        limits.check_pages(config, declared)
    pages = pdf.pages
    limits.check_pages(config, len(pages))
    all_lines, heights, images = [], [], 0
    for number, page in enumerate(pages, start=1):
        all_lines.append(page_lines(page, number))
        images += len(page.images)
        heights.append(float(page.height))
        page.flush_cache()
        if time.monotonic() - started > max_seconds:
            raise LimitError(f"PDF:en tog mer än {max_seconds:g} sekunder att läsa (limits.max-seconds); sida {number} av {len(pages)}")
    return all_lines, heights, images


def source_lines(data: bytes) -> dict[tuple[int, int], str]:
    """``{(page, line): text}``: the reference the PDF offsets point into."""
    pages, _, _ = read_lines(data, None)
    return {(line.page, line.number): line.text for lines in pages for line in lines}


def read_pdf(data: bytes, path: str | None, config) -> Document:
    pages, heights, images = read_lines(data, config)
    chars = sum(line.chars for lines in pages for line in lines)
    if chars == 0:
        if images:
            raise InputError("PDF:en har inget textlager (den är troligen inskannad); kör OCR på den först, t.ex. i Adobe Acrobat eller med ocrmypdf")
        raise InputError("PDF:en innehåller ingen text")
    garbled = sum(line.garbled for lines in pages for line in lines)
    if garbled > GARBLED_SHARE * chars:
        raise InputError(
            "texten i PDF:en går inte att tolka (typsnitten saknar Unicode-tabell); skapa PDF:en på nytt från originalet eller kör OCR"
        )
    warnings = []
    empty = [i + 1 for i, lines in enumerate(pages) if not lines]
    if empty and len(empty) < len(pages):
        warnings.append(f"sidorna {_ranges(empty)} saknar text (inskannade eller tomma) och lästes inte")
    if garbled:
        warnings.append(f"{garbled} tecken i PDF:en saknar Unicode-tabell och visas som \ufffd")

    patterns = tuple(getattr(config, "placeholder_patterns", ()) or ())
    kept, furniture = split_running(pages, heights)
    page_furniture = furniture_blocks(furniture, patterns)
    headers = [b for b in page_furniture if b.kind == BlockKind.HEADER]
    footers = [b for b in page_furniture if b.kind == BlockKind.FOOTER]
    body = Layout([line for lines in kept for line in lines], patterns).blocks(first_index=len(headers))
    blocks = headers + body + footers
    for i, block in enumerate(blocks):
        block.index = i
    return Document(path=path, format="pdf", blocks=blocks, pages=len(pages), warnings=warnings)


def _ranges(numbers: list[int]) -> str:
    out, start, prev = [], numbers[0], numbers[0]
    for n in numbers[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)
