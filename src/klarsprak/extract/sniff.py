"""What a file really is, judged from its bytes, and a clear error when that differs from its name.

Users rename files by hand and mail programs mangle extensions; a ``.docx`` that is really an old
``.doc`` deserves a message saying so, not "corrupt zip".
"""

from __future__ import annotations

import io
import zipfile
import zlib

from klarsprak.errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
WORD_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
WORD_MACRO_TEMPLATE = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"

# Kinds: docx, dotx, pdf, text, doc, encrypted-office, odt, ods, odp, xlsx, pptx, zip, rtf,
# word-xml, html, ole, empty, broken-zip, image
KIND_NAMES = {
    "docx": "ett Word-dokument (.docx)",
    "dotx": "en Word-mall (.dotx)",
    "pdf": "en PDF",
    "doc": "ett äldre Word-dokument (.doc)",
    "encrypted-office": "ett lösenordsskyddat Office-dokument",
    "odt": "ett OpenDocument-dokument (.odt)",
    "ods": "ett OpenDocument-kalkylblad (.ods)",
    "odp": "en OpenDocument-presentation (.odp)",
    "xlsx": "ett Excel-dokument (.xlsx)",
    "pptx": "en PowerPoint-presentation (.pptx)",
    "zip": "ett zip-arkiv",
    "rtf": "ett RTF-dokument (.rtf)",
    "word-xml": "ett Word 2003 XML-dokument",
    "html": "en webbsida (HTML)",
    "ole": "ett äldre Office-dokument (OLE)",
    "image": "en bild",
    "text": "en textfil",
}


def sniff(data: bytes) -> str:
    """The kind of file ``data`` holds (see ``KIND_NAMES``), ``"empty"`` or ``"broken-zip"``."""
    if not data.strip():
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if data.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    lowered = head.lstrip().lower()
    if lowered.startswith(b"<?xml") and b"w:worddocument" in data[:4096].lower():
        return "word-xml"
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _ole_kind(data: bytes) -> str:
    # Directory entry names are UTF-16LE; an encrypted .docx is an OLE box holding "EncryptedPackage".
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted-office"
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    return "ole"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                with zf.open("mimetype") as fh:
                    mime = fh.read(100).decode("ascii", "replace").strip()
                for kind in ("odt", "ods", "odp"):
                    suffix = {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}[kind]
                    if mime.startswith(f"application/vnd.oasis.opendocument.{suffix}"):
                        return kind
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    info = zf.getinfo("[Content_Types].xml")
                    if info.file_size > 1_000_000:
                        return "docx"
                    types = zf.read(info)
                    if WORD_TEMPLATE.encode() in types or WORD_MACRO_TEMPLATE.encode() in types:
                        return "dotx"
                    return "docx"
                if any(n.startswith("xl/") for n in names):
                    return "xlsx"
                if any(n.startswith("ppt/") for n in names):
                    return "pptx"
            return "zip"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, KeyError):
        return "broken-zip"


def check(expected: str | None, kind: str) -> str:
    """The reader to use for a file named as ``expected`` (format from its extension, or None for
    stdin) that holds ``kind``; raises :class:`InputError` when they do not fit together."""
    if kind == "empty":
        raise InputError("filen är tom")
    if kind == "encrypted-office":
        raise InputError("filen är lösenordsskyddad; ta bort lösenordet i Word (Arkiv > Info > Skydda dokument) och försök igen")
    if kind == "broken-zip":
        if expected in ("docx", "dotx", None):
            raise InputError("filen är skadad (zip-arkivet är ofullständigt eller trasigt); be om en ny kopia av dokumentet")
        kind = "zip"
    if expected is None:  # stdin: trust the bytes
        if kind in ("docx", "dotx", "pdf", "text"):
            return "txt" if kind == "text" else kind
        raise InputError(f"indata är {KIND_NAMES.get(kind, kind)}, som klarsprak inte kan läsa")
    if expected in ("docx", "dotx"):
        if kind in ("docx", "dotx"):
            return kind
        if kind == "doc":
            raise InputError(f"filen är ett äldre Word-dokument (.doc), inte .{expected}; spara om den som .docx i Word")
        if kind == "odt":
            raise InputError(f"filen är ett OpenDocument-dokument (.odt) omdöpt till .{expected}; spara om den som .docx (Arkiv > Spara som)")
        if kind == "pdf":
            raise InputError(f"filen är en PDF med fel filändelse (.{expected}); byt filändelsen till .pdf")
        if kind == "text":
            raise InputError(f"filen är inte ett Word-dokument utan ren text med filändelsen .{expected}; byt filändelsen till .txt")
        raise InputError(f"filen är {KIND_NAMES.get(kind, kind)}, inte ett Word-dokument (.{expected})")
    if expected == "pdf":
        if kind == "pdf":
            return "pdf"
        if kind in ("docx", "dotx"):
            raise InputError("filen är ett Word-dokument med fel filändelse (.pdf); byt filändelsen till .docx")
        if kind == "text":
            raise InputError("filen är inte en PDF (den saknar PDF-huvud); kontrollera att det är rätt fil")
        raise InputError(f"filen är {KIND_NAMES.get(kind, kind)}, inte en PDF")
    # txt / md
    if kind == "text":
        return expected
    if kind in ("docx", "dotx", "pdf", "doc", "odt", "rtf", "html", "word-xml"):
        raise InputError(f"filen är {KIND_NAMES[kind]} med filändelsen .{expected}; byt filändelse eller spara om den som text")
    raise InputError(f"filen verkar vara binär ({KIND_NAMES.get(kind, kind)}), inte text")
