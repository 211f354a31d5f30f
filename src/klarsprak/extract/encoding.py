"""Decoding a text file's bytes: BOMs, UTF-8, UTF-16 without BOM, Windows-1252 and Latin-1.

Binary data (NUL bytes that are not UTF-16, many control characters) is refused instead of
being linted as garbage.
"""

from __future__ import annotations

import codecs
import re

from klarsprak.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 (med BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 (med BOM)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 (med BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE (med BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE (med BOM)"),
)
# Control characters that never occur in text files (tab, LF, VT, FF, CR and ESC excluded).
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Bytes that cp1252 leaves undefined; a file holding them is Latin-1 (or not text at all).
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_SAMPLE = 1 << 16


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Return ``(text, encoding, warnings)``; ``encoding`` is a name for the user, e.g. ``"UTF-8"``."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(codec)), name, []
            except UnicodeDecodeError:
                raise InputError(f"filen börjar som {name} men innehåller ogiltiga tecken; spara om den som UTF-8") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _checked(data.decode(utf16)), f"UTF-16 {utf16[-2:].upper()} (utan BOM)", []
        except UnicodeDecodeError:
            pass
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), "UTF-8", []
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if _UTF8_MULTIBYTE.search(data):
        # Mostly UTF-8 with some broken bytes: keep it UTF-8 and say so.
        text = data.decode("utf-8", errors="replace")
        line = data.count(b"\n", 0, bad_at) + 1
        warning = f"filen är UTF-8 men har ogiltiga byte (första på rad {line}); de visas som \ufffd"
        return text, "UTF-8 (med fel)", [warning]
    if _CP1252_UNDEFINED.search(data):
        return data.decode("latin-1"), "Latin-1 (ISO-8859-1)", []
    return data.decode("cp1252"), "Windows-1252", []


def _checked(text: str) -> str:
    if "\x00" in text:
        raise InputError("filen verkar vara binär (innehåller NUL-tecken), inte text")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL in every other byte for Latin text."""
    sample = data[:_SAMPLE]
    if len(data) % 2 or len(sample) < 8 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    # Latin text in UTF-16 has a NUL in (nearly) every other byte and none in the others.
    if odd > 0.7 * half and even == 0:
        return "utf-16-le"
    if even > 0.7 * half and odd == 0:
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes) -> None:
    sample = data[:_SAMPLE]
    if b"\x00" in sample or b"\x00" in data:
        raise InputError("filen verkar vara binär (innehåller NUL-tecken), inte text")
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise InputError("filen verkar vara binär (många styrtecken), inte text")
