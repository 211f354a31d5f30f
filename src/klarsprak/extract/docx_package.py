"""Opening a Word package safely: limits first, then python-docx on an in-memory copy.

The zip's entry count and uncompressed size are checked before anything is unpacked. Templates
(.dotx) and macro files carry a main content type python-docx refuses; we rewrite that one line of
``[Content_Types].xml`` in memory (the user's file is never touched). XML is parsed with entity
resolution, DTD loading and network access off (python-docx's own parser has
``resolve_entities=False``; parts it does not model are parsed with :data:`SAFE_PARSER`).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from lxml import etree

from klarsprak.errors import InputError
from klarsprak.extract import limits
from klarsprak.extract.sniff import WORD_MACRO, WORD_MACRO_TEMPLATE, WORD_MAIN, WORD_TEMPLATE

SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)
CONTENT_TYPES = "[Content_Types].xml"
DTD_MARKERS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be"))
REFUSED_MAIN_TYPES = (WORD_TEMPLATE, WORD_MACRO, WORD_MACRO_TEMPLATE)


def open_word(data: bytes, config):
    """A python-docx ``Document`` for the package in ``data``; InputError/LimitError when it is
    not a readable Word file."""
    import docx

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError("filen är skadad (zip-arkivet är ofullständigt eller trasigt); be om en ny kopia av dokumentet") from None
    try:
        with zf:
            limits.check_zip(config, zf)
            names = set(zf.namelist())
            if CONTENT_TYPES not in names or "_rels/.rels" not in names:
                raise InputError("filen saknar delar som alla Word-dokument har ([Content_Types].xml, _rels/.rels); den är skadad")
            _refuse_doctype(zf)
            data = _accepted_by_python_docx(zf, data)
        return docx.Document(io.BytesIO(data))
    except KeyError as exc:
        missing = re.search(r"'([^']+)'", str(exc))
        name = missing.group(1) if missing else "en del"
        raise InputError(f"filen är skadad: {name} saknas i zip-arkivet; be om en ny kopia av dokumentet") from None
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise InputError("filen är skadad (en del av zip-arkivet kan inte packas upp); be om en ny kopia") from None
    except etree.XMLSyntaxError as exc:
        raise InputError(f"filen är skadad (felaktig XML: {_short(exc)})") from None
    except (ValueError, TypeError, AttributeError, NotImplementedError) as exc:
        raise InputError(f"filen kan inte läsas som Word-dokument ({_short(exc)})") from None


def _refuse_doctype(zf: zipfile.ZipFile) -> None:
    """Word never writes a DTD; one in a package is an attack (XXE, entity expansion), so we stop.
    The parsers would not resolve entities anyway: this is the clear message, not the only guard."""
    for info in zf.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with zf.open(info) as fh:
            prolog = fh.read(4096)
        if any(marker in prolog for marker in DTD_MARKERS):
            raise InputError(
                f"filen innehåller en DTD med XML-entiteter ({info.filename}), något Word aldrig skriver; "
                "den läses inte av säkerhetsskäl"
            )


def _accepted_by_python_docx(zf: zipfile.ZipFile, data: bytes) -> bytes:
    """The package bytes, with a template/macro main content type replaced by the document one."""
    types = zf.read(CONTENT_TYPES)
    if not any(t.encode() in types for t in REFUSED_MAIN_TYPES):
        return data
    for t in REFUSED_MAIN_TYPES:
        types = types.replace(t.encode(), WORD_MAIN.encode())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for info in zf.infolist():
            copy.writestr(info.filename, types if info.filename == CONTENT_TYPES else zf.read(info))
    return out.getvalue()


def parse_part(blob: bytes, name: str):
    """Parse a part python-docx does not model (footnotes, endnotes)."""
    try:
        return etree.fromstring(blob, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"filen är skadad (felaktig XML i {name}: {_short(exc)})") from None


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]
