"""The limits from ``[limits]`` in the config, checked before the costly work starts."""

from __future__ import annotations

import zipfile

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
