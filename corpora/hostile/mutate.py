"""Mutations of real documents for fuzzing: the CI fuzz test and ``benchmarks/fuzz.py`` share them.

A random byte flip in a .docx mostly hits compressed data and only exercises the zip CRC check, so
Word files are also mutated inside: a part's XML is changed and the package zipped again. PDFs get
byte flips, cuts, repeated and dropped chunks (LibreOffice's PDFs keep their structure in plain
text, so a flip there reaches the xref table, the object syntax and the page tree).
Everything is driven by a ``random.Random`` the caller seeds, so a run can be repeated exactly.
"""

from __future__ import annotations

import io
import random
import zipfile

XML_TOKENS = (
    b"<w:p>", b"</w:p>", b"<w:r>", b"</w:r>", b"<w:t>", b"</w:t>", b"<w:tbl>", b"<w:tc>", b"&amp;", b"&#0;",
    b"&#xD800;", b"<!--", b"]]>", b"\x00", b"\xff\xfe", b"<w:fldChar w:fldCharType=\"begin\"/>",
    b"<w:ins w:id=\"1\">", b"<w:del w:id=\"2\">", b"w:val=\"-1\"", b"w:ilvl=\"99999\"", b"\"", b"<",
)
PDF_TOKENS = (
    b"obj", b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"startxref", b"/Kids [", b"/Count -1",
    b"/Length 999999", b"R", b"0 0 R", b"/Type /Page", b"(", b")", b"<<", b">>", b"%%EOF", b"\x00" * 16,
)


def flip_bytes(data: bytes, rng: random.Random, n: int | None = None) -> bytes:
    out = bytearray(data)
    for _ in range(n or rng.randint(1, 12)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def splice(data: bytes, rng: random.Random, tokens: tuple[bytes, ...]) -> bytes:
    """Insert, delete, repeat or replace a chunk; tokens of the format make deep changes likely."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not out:
            break
        at = rng.randrange(len(out))
        kind = rng.randrange(4)
        if kind == 0:
            out[at:at] = rng.choice(tokens)
        elif kind == 1:
            del out[at : at + rng.randint(1, 64)]
        elif kind == 2:
            chunk = out[at : at + rng.randint(1, 256)]
            out[at:at] = chunk * rng.randint(1, 8)
        else:
            token = rng.choice(tokens)
            out[at : at + len(token)] = token
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """A Word package with one part's XML mutated (most of the time) or its raw bytes damaged."""
    choice = rng.random()
    if choice < 0.15:
        return flip_bytes(data, rng)
    if choice < 0.25:
        return truncate(data, rng)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        parts = {i.filename: zf.read(i) for i in infos}
    xml_names = [n for n in parts if n.endswith((".xml", ".rels"))]
    target = "word/document.xml" if rng.random() < 0.6 and "word/document.xml" in parts else rng.choice(xml_names)
    blob = parts[target]
    parts[target] = flip_bytes(blob, rng, rng.randint(1, 6)) if rng.random() < 0.3 else splice(blob, rng, XML_TOKENS)
    if rng.random() < 0.1:
        parts.pop(rng.choice(sorted(parts)))  # a missing part
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, payload in parts.items():
            zf.writestr(name, payload)
    return out.getvalue()


def mutate_pdf(data: bytes, rng: random.Random) -> bytes:
    choice = rng.random()
    if choice < 0.35:
        return flip_bytes(data, rng)
    if choice < 0.45:
        return truncate(data, rng)
    return splice(data, rng, PDF_TOKENS)


def mutate_text(data: bytes, rng: random.Random) -> bytes:
    choice = rng.random()
    if choice < 0.4:
        return flip_bytes(data, rng)
    return splice(data, rng, (b"\n", b"\r", b"\t", b"\xc3", b"\xa5", b"\x00", b"- ", b"1. ", b"#", b"> ", b"**", b"`", b"\xe2\x80\x8b"))


MUTATORS = {"docx": mutate_docx, "pdf": mutate_pdf, "txt": mutate_text, "md": mutate_text}
