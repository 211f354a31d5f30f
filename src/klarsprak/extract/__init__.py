"""Readers: one per format, each producing a :class:`klarsprak.model.Document`.

``read`` picks the reader from the file name but sniffs the bytes first, so a renamed file gets a
clear Swedish error ("filen är ett äldre Word-dokument (.doc), inte .docx; ...") instead of a
confusing one. Every failure is a :class:`klarsprak.errors.InputError` (or ``LimitError``).
"""

from __future__ import annotations

import errno
import os
import re
import stat

from klarsprak.config import Config
from klarsprak.errors import InputError, KlarsprakError
from klarsprak.extract import limits, sniff
from klarsprak.extract.encoding import decode
from klarsprak.model import Document

__all__ = ["read", "read_bytes", "read_text", "format_of", "FORMATS"]

UNEXPECTED = "filen kunde inte läsas på grund av ett oväntat fel i läsaren"

FORMATS = {
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "dotx",
    ".dotm": "dotx",
    ".pdf": "pdf",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
}


def format_of(path: "str | os.PathLike[str] | None") -> str | None:
    """The format a file name promises ("docx", "dotx", "pdf", "txt", "md"), or None."""
    if path is None:
        return None
    _, ext = os.path.splitext(os.fspath(path))
    return FORMATS.get(ext.lower())


def read(path: "str | os.PathLike[str]", config: Config | None = None) -> Document:
    """Read a file into a document. Raises ``InputError``/``LimitError`` with the path set."""
    path = os.fspath(path)
    config = config or Config()
    fmt = format_of(path)
    try:
        if fmt is None:
            ext = os.path.splitext(path)[1] or "(ingen filändelse)"
            raise InputError(f"filtypen {ext} stöds inte; klarsprak läser .docx, .dotx, .pdf, .txt och .md")
        data = read_file_bytes(path, config)
        return read_bytes(data, fmt, path, config)
    except KlarsprakError as exc:
        exc.path = exc.path or path
        raise


def read_file_bytes(path: str, config: Config) -> bytes:
    """The bytes of the file at ``path``, opened read-only, within limits.max-file-mb; the
    failures a user can meet as one Swedish ``InputError``."""
    try:
        with open_regular(path) as fh:  # read-only, never written
            limits.check_size(config, os.fstat(fh.fileno()).st_size)
            return _read_capped(fh, config)
    except FileNotFoundError:
        raise InputError("filen finns inte (den kan ha flyttats eller tagits bort)") from None
    except IsADirectoryError:
        raise InputError("sökvägen är en mapp, inte en fil") from None
    except PermissionError:
        raise InputError("filen kan inte läsas: behörighet saknas") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("sökvägen är en symbolisk länk i en slinga (den pekar till slut på sig själv)") from None
        raise InputError(f"filen kan inte läsas ({exc.strerror or exc})") from None


def open_regular(path: "str | os.PathLike[str]"):
    """Open read-only without blocking and refuse anything but a regular file: a named pipe or a
    device (/dev/zero) named like a document would otherwise hang the run or never end."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError("sökvägen är inte en vanlig fil (utan t.ex. en namngiven pipe eller en enhet) och läses inte")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_capped(fh, config: Config) -> bytes:
    """Read in chunks and stop past the size limit (a file that grows, a device, a pipe)."""
    cap = int(limits.limit(config, "max-file-mb") * limits.MB)
    chunks, total = [], 0
    while True:
        chunk = fh.read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > cap:
            limits.check_size(config, total)


def read_bytes(data: bytes, fmt: str | None, path: str | None = None, config: Config | None = None) -> Document:
    """Read a document from bytes (stdin ``-``, uploads). ``fmt`` is the format the name promises;
    None (or a path of ``-``) trusts the bytes alone."""
    config = config or Config()
    try:
        limits.check_size(config, len(data))
        expected = None if (fmt is None or path == "-") else fmt
        if expected is not None and expected not in FORMATS.values():
            raise InputError(f"formatet {expected} stöds inte; klarsprak läser docx, dotx, pdf, txt och md")
        kind = sniff.sniff(data)
        reader = sniff.check(expected, kind)
        if reader in ("docx", "dotx"):
            from klarsprak.extract.docx import read_docx

            document = read_docx(data, path, reader, config)
        elif reader == "pdf":
            from klarsprak.extract.pdf import read_pdf

            document = read_pdf(data, path, config)
        else:
            text, encoding, warnings = decode(data)
            document = _parse_text(text, reader, path, encoding, config, warnings)
        limits.check_words(config, document.word_count())
        return document
    except KlarsprakError as exc:
        exc.path = exc.path or path
        raise
    except MemoryError:
        raise InputError("filen är för stor för att läsas i minnet", path) from None
    except RecursionError:
        raise InputError("filen är för djupt nästlad för att läsas", path) from None
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop a batch; the message says so
        raise InputError(f"{UNEXPECTED} ({type(exc).__name__}); rapportera gärna felet med filen", path) from exc


_SURROGATE = re.compile("[\ud800-\udfff]")


def read_text(text: str, fmt: str = "txt", path: str | None = None, config: Config | None = None) -> Document:
    """A document from a ``str`` (text typed or pasted, a language-server buffer)."""
    config = config or Config()
    if fmt not in ("txt", "md"):
        raise InputError(f"text kan bara läsas som txt eller md, inte {fmt}", path)
    if "\x00" in text:
        raise InputError("texten innehåller NUL-tecken och verkar vara binär", path)
    warnings = []
    if _SURROGATE.search(text):  # from JSON ("\ud800"): not text, and the NLP cannot encode it
        text = _SURROGATE.sub("\ufffd", text)  # one code point for one: offsets stay true
        warnings.append("texten innehåller ogiltiga tecken (ensamma surrogat); de visas som \ufffd")
    document = _parse_text(text, fmt, path, None, config, warnings)
    try:
        limits.check_words(config, document.word_count())
    except KlarsprakError as exc:
        exc.path = exc.path or path
        raise
    return document


def _parse_text(text: str, fmt: str, path, encoding, config, warnings) -> Document:
    if fmt == "md":
        from klarsprak.extract.markdown import read_md

        return read_md(text, path, encoding, config, warnings)
    from klarsprak.extract.text import read_txt

    return read_txt(text, path, encoding, config, warnings)
