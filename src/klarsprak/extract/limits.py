"""The limits from ``[limits]`` in the config, checked before the costly work starts."""

from __future__ import annotations

import re
import zipfile
import zlib

from klarsprak.config import DEFAULT_LIMITS
from klarsprak.errors import LimitError

MB = 1024 * 1024


def limit(config, key: str) -> float:
    limits = getattr(config, "limits", None) or {}
    return limits.get(key, DEFAULT_LIMITS[key])


def check_size(config, size: int) -> None:
    max_mb = limit(config, "max-file-mb")
    if size > max_mb * MB:
        raise LimitError(
            f"filen är {size / MB:.1f} MB, större än gränsen {max_mb:g} MB (limits.max-file-mb)"
        )


def check_zip(config, zf: zipfile.ZipFile) -> None:
    """Entry count and total uncompressed size from the central directory, before anything is
    unpacked. The declared sizes also cap what zipfile will decompress, so they cannot lie."""
    infos = zf.infolist()
    max_entries = limit(config, "max-zip-entries")
    if len(infos) > max_entries:
        raise LimitError(
            f"filen innehåller {len(infos)} delar i zip-arkivet, fler än gränsen {max_entries:g} "
            "(limits.max-zip-entries); den kan vara en zip-bomb"
        )
    total = sum(i.file_size for i in infos)
    max_mb = limit(config, "max-unzipped-mb")
    if total > max_mb * MB:
        raise LimitError(
            f"filen packas upp till {total / MB:.0f} MB, mer än gränsen {max_mb:g} MB "
            "(limits.max-unzipped-mb); den kan vara en zip-bomb"
        )


def check_pages(config, pages: int) -> None:
    max_pages = limit(config, "max-pages")
    if pages > max_pages:
        raise LimitError(f"filen har {pages} sidor, fler än gränsen {max_pages:g} (limits.max-pages)")


def check_words(config, words: int) -> None:
    max_words = limit(config, "max-words")
    if words > max_words:
        raise LimitError(f"filen har {words} ord, fler än gränsen {max_words:g} (limits.max-words)")


_STREAM_START = re.compile(rb"stream\r?\n")
_CHUNK = 1 * MB


def check_pdf_streams(config, data: bytes) -> None:
    """What the PDF's compressed (FlateDecode) streams inflate to, counted in bounded chunks before
    pdfminer inflates each one whole in memory: a 150 kB file can hold a 150 MB content stream.
    Images are skipped (pdfplumber never decodes them) so scanned PDFs are not refused."""
    max_mb = limit(config, "max-inflated-mb")
    budget = int(max_mb * MB)
    total = 0
    for match in _STREAM_START.finditer(data):
        start = match.end()
        head = data[max(0, match.start() - 2000) : match.start()]
        obj = head.rfind(b"obj")
        if obj < 0 or head.endswith(b"end"):  # "endstream" itself, or not an object's stream
            continue
        header = head[obj:]
        if b"/FlateDecode" not in header or b"/Image" in header:
            continue
        end = data.find(b"endstream", start)
        inflater = zlib.decompressobj()
        pending = data[start : end if end >= 0 else len(data)]
        try:
            while pending and total <= budget:
                total += len(inflater.decompress(pending, _CHUNK))
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue  # damaged or not really deflated: pdfminer reports it, if it matters
        if total > budget:
            raise LimitError(
                f"PDF:en packas upp till mer än {max_mb:g} MB text och teckensnitt (limits.max-inflated-mb); "
                "den kan vara en dekomprimeringsbomb"
            )
