"""Reading a request body into memory: capped, multipart parsed without spooling to disk.

Starlette's own form parser spools files over 1 MB to a temporary file; an upload here never
touches the disk, so the body is read (up to the limit) and parsed in memory."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header

from klarsprak.config import PROFILES
from klarsprak.extract import FORMATS

MB = 1024 * 1024
TEXT_FORMATS = ("txt", "md")
MAX_FIELDS = 20
DRAIN_BYTES = 64 * MB  # how much of a too-large body is read and discarded so the 413 arrives


class RequestProblem(Exception):
    """A bad request: ``status`` and a one-line Swedish ``message`` for the user."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Submission:
    """What the user sent: a file (bytes, its name) or pasted text, and the chosen profile."""

    name: str
    fmt: str
    data: bytes | None = None
    text: str | None = None
    profile: str | None = None
    fields: dict = field(default_factory=dict)

    @property
    def is_word(self) -> bool:
        return self.fmt in ("docx", "dotx")


def too_large(max_bytes: int) -> RequestProblem:
    return RequestProblem(
        413, f"Filen eller texten är för stor: gränsen är {max_bytes / MB:g} MB. Dela upp dokumentet eller be "
        "den som driver tjänsten höja gränsen (klarsprak serve --max-mb)."
    )


async def read_body(request, max_bytes: int) -> bytes:
    """The whole body, refused with 413 once it passes ``max_bytes`` (declared or streamed).

    The rest of a too-large body is read and thrown away (up to ``DRAIN_BYTES`` more), because a
    server that closes a socket with unread data resets the connection, and the browser would then
    show a network error instead of the Swedish message."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes + DRAIN_BYTES:
        raise too_large(max_bytes)
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > max_bytes + DRAIN_BYTES:
            break
        if total > max_bytes:
            chunks.clear()  # keep reading, keep nothing
        else:
            chunks.append(chunk)
    if total > max_bytes or (declared and declared.isdigit() and int(declared) > max_bytes):
        raise too_large(max_bytes)
    return b"".join(chunks)


def parse_multipart(body: bytes, content_type: str) -> dict[str, tuple[str | None, bytes]]:
    """``{field name: (file name or None, bytes)}``; the first part of each name wins."""
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise RequestProblem(400, "Formuläret saknar gräns (boundary) i Content-Type.")
    parts: dict[str, tuple[str | None, bytes]] = {}
    current: dict = {}
    header_name = bytearray()
    header_value = bytearray()

    def on_part_begin():
        current.clear()
        current.update(headers={}, data=bytearray())

    def on_header_field(data, start, end):
        header_name.extend(data[start:end])

    def on_header_value(data, start, end):
        header_value.extend(data[start:end])

    def on_header_end():
        current["headers"][bytes(header_name).lower()] = bytes(header_value)
        header_name.clear()
        header_value.clear()

    def on_part_data(data, start, end):
        current["data"].extend(data[start:end])

    def on_part_end():
        disposition = current["headers"].get(b"content-disposition", b"")
        _, opts = parse_options_header(disposition)
        name = opts.get(b"name", b"").decode("utf-8", "replace")
        filename = opts.get(b"filename")
        if len(parts) >= MAX_FIELDS:
            raise RequestProblem(400, "Formuläret har för många fält.")
        if name and name not in parts:
            parts[name] = (filename.decode("utf-8", "replace") if filename is not None else None, bytes(current["data"]))

    callbacks = {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field, "on_header_value": on_header_value,
        "on_header_end": on_header_end, "on_part_data": on_part_data, "on_part_end": on_part_end,
    }
    parser = MultipartParser(boundary, callbacks)
    try:
        parser.write(body)
        parser.finalize()
    except RequestProblem:
        raise
    except Exception:  # a malformed form: say so, never echo its content
        raise RequestProblem(400, "Formuläret kunde inte läsas (felaktig multipart/form-data).") from None
    return parts


def submission_from(body: bytes, content_type: str) -> Submission:
    """A multipart form (``fil`` or ``file``, ``text``, ``profil``/``profile``, ``format``) or a JSON
    object (``{"text": ..., "format": "txt"|"md", "profile": ...}``)."""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        return _from_form(parse_multipart(body, content_type))
    if kind == "application/json":
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise RequestProblem(400, "JSON-kroppen kunde inte läsas; skicka t.ex. {\"text\": \"...\"}.") from None
        if not isinstance(data, dict):
            raise RequestProblem(400, "JSON-kroppen ska vara ett objekt, t.ex. {\"text\": \"...\"}.")
        fields = {k: (None, v.encode("utf-8") if isinstance(v, str) else b"") for k, v in data.items()}
        if "text" in data and not isinstance(data["text"], str):
            raise RequestProblem(400, "Fältet \"text\" ska vara en sträng.")
        return _from_form(fields)
    raise RequestProblem(
        415, "Skicka en fil som multipart/form-data (fältet \"fil\") eller text som JSON ({\"text\": \"...\"})."
    )


def _field(fields: dict, *names: str) -> str | None:
    for name in names:
        if name in fields:
            value = fields[name][1].decode("utf-8", "replace").strip()
            return value or None
    return None


def _from_form(fields: dict) -> Submission:
    profile = _field(fields, "profil", "profile")
    if profile is not None and profile not in PROFILES:
        raise RequestProblem(400, f"Okänd profil \"{profile[:40]}\"; välj bland {', '.join(PROFILES)}.")
    if profile == "auto":
        profile = None
    upload = fields.get("fil") or fields.get("file")
    if upload is not None and upload[0] is not None and upload[1]:
        name = _safe_name(upload[0])
        fmt = FORMATS.get("." + name.rsplit(".", 1)[-1].lower()) if "." in name else None
        if fmt is None:
            raise RequestProblem(415, f"Filtypen för \"{name}\" stöds inte; välj en .docx-, .pdf-, .txt- eller .md-fil.")
        return Submission(name=name, fmt=fmt, data=upload[1], profile=profile, fields=fields)
    text = fields.get("text")
    if text is not None and text[1].strip():
        fmt = _field(fields, "format") or "txt"
        if fmt not in TEXT_FORMATS:
            raise RequestProblem(400, "Fältet \"format\" ska vara txt eller md.")
        try:
            decoded = text[1].decode("utf-8")
        except UnicodeDecodeError:
            raise RequestProblem(400, "Texten är inte UTF-8.") from None
        return Submission(name="inklistrad-text." + fmt, fmt=fmt, text=decoded, profile=profile, fields=fields)
    raise RequestProblem(400, "Välj en fil (.docx, .pdf, .txt, .md) eller klistra in en text.")


def _safe_name(raw: str) -> str:
    """Only the base name of what the browser sent (never a path), printable, at most 120 characters."""
    base = raw.replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|:*?').strip() or "dokument"
    return clean[-120:]
