"""A scan record: what the scan keeps of one document, as plain JSON data without its path.

Records are made in the worker, cached by content hash (so they must not depend on where the file
lies) and streamed to the spool. They hold the text of the blocks, because the HTML report shows
every document with its findings highlighted, and the wording units for clustering."""

from __future__ import annotations

import json
import struct
import zlib
from collections import Counter
from functools import lru_cache

from klarsprak.findings import DocumentResult
from klarsprak.resources import load_rules_yaml
from klarsprak.scan.aggregate import row_of

RECORD_VERSION = 2


# The stored form (cache, spool, from worker to main) is separately compressed parts, so each
# reader decodes only what it needs. A warm re-scan reads ``row`` (the document's summary, see
# ``aggregate.row_of``) and ``units`` (each wording's key, kind and number of findings); the JSON
# output copies ``listing`` (findings, outline and warnings, already in their JSON form) without
# parsing it. The rest is read only for what is shown of a few documents or wordings (``details``:
# each wording's text, findings and place) or by the HTML report (``findings``, ``blocks``).
PARTS = ("meta", "row", "units", "details", "findings", "blocks", "listing")
COLLECTED = ("row", "units")  # what collecting a scan needs of a record
IN_LISTING = ("outline", "warnings")  # kept only in their JSON form (see ``listing_of``)
LISTING_SEPARATOR = "\0"  # never inside JSON text (control characters are escaped)
_MAGIC = b"KS2"
_HEADER = struct.Struct("<3s" + "I" * len(PARTS))


def encode(record: dict) -> bytes:
    findings = record.get("findings") or []
    meta = {k: v for k, v in record.items() if k not in PARTS and k not in IN_LISTING}
    meta["counts"] = {
        "category": dict(Counter(f["category"] for f in findings)),
        "severity": dict(Counter(f["severity"] for f in findings)),
        "rule": dict(Counter(f["rule"] for f in findings)),
    }
    row = row_of("", meta)
    del row["path"]  # records do not know where the file lies; the spool adds it
    units = record.get("units") or []
    texts = {
        "meta": _compact(meta),
        "row": _compact(row),
        "units": _compact([[u["key"], u["kind"], len(u["findings"])] for u in units]),
        "details": _compact([[u["display"], u["findings"], u["block"], u["start"], u["end"]] for u in units]),
        "findings": _compact(findings),
        "blocks": _compact(record.get("blocks") or []),
        "listing": listing_of(record),
    }
    chunks = [zlib.compress(texts[p].encode("utf-8"), 1) for p in PARTS]
    return _HEADER.pack(_MAGIC, *(len(c) for c in chunks)) + b"".join(chunks)


def decode(blob: bytes, parts: tuple[str, ...] = PARTS) -> dict:
    """``parts`` of the record (``meta`` spread into it). Raises ValueError if damaged.

    ``units``: ``[key, kind, number of findings]`` per wording unit; ``details``: ``[display,
    finding indices, block, start, end]`` per unit, in the same order; ``listing``: its text."""
    record: dict = {}
    for part, text in _parts(blob, parts):
        if part == "listing":
            record[part] = text
        elif part == "meta":
            record.update(json.loads(text))
        else:
            record[part] = json.loads(text)
    return record


def listing_text(blob: bytes) -> str:
    """The ``listing`` part of an encoded record (see ``listing_of``), without parsing it."""
    return next(_parts(blob, ("listing",)))[1]


def _parts(blob: bytes, wanted: tuple[str, ...]):
    magic, *sizes = _HEADER.unpack_from(blob)
    if magic != _MAGIC or _HEADER.size + sum(sizes) != len(blob):
        raise ValueError("not an encoded scan record")
    offset = _HEADER.size
    for part, size in zip(PARTS, sizes):
        if part in wanted:
            yield part, zlib.decompress(blob[offset : offset + size]).decode("utf-8")
        offset += size


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def listing_of(record: dict) -> str:
    """The document's ``findings_list``, ``outline`` and ``warnings`` exactly as the JSON output
    writes them, joined by ``LISTING_SEPARATOR``. Made once, in the worker: a re-scan copies it."""
    values = (
        [listed_finding(f) for f in record.get("findings") or []],
        [{"role": s.get("role"), "heading": s.get("heading")} for s in record.get("outline") or []],
        list(record.get("warnings") or []),
    )
    return LISTING_SEPARATOR.join(json.dumps(v, ensure_ascii=False, sort_keys=True) for v in values)


def listed_finding(f: dict) -> dict:
    """A finding as the JSON output lists it."""
    location = {k: f[k] for k in ("block", "start", "end", "line", "column", "page") if k in f}
    return {
        "rule": f["rule"],
        "name": f["name"],
        "category": f["category"],
        "severity": f["severity"],
        "message": f["message"],
        "text": f["text"],
        "suggestions": f.get("suggestions", []),
        "location": location,
    }


def record_of(result: DocumentResult) -> dict:
    from klarsprak.scan.wordings import units_of  # in the worker only: its patterns take a while to compile

    findings = [_finding(f) for f in result.findings]
    blocks = []
    document = result.document
    if document is not None:
        for b in document.blocks:
            item = {"kind": b.kind.value, "text": b.text}
            if b.placeholders:
                item["placeholders"] = [list(p) for p in b.placeholders]
            blocks.append(item)
    return {
        "version": RECORD_VERSION,
        "format": result.format,
        "profile": result.profile,
        "encoding": result.encoding,
        "metrics": dict(result.metrics),
        "errors": list(result.errors),
        "warnings": list(result.warnings),
        "outline": [{"role": s.get("role"), "label": s.get("label"), "heading": s.get("heading")} for s in result.outline],
        "sections": sections_status(result.profile, result.outline, findings),
        "findings": findings,
        "blocks": blocks,
        "units": units_of(blocks, findings) if not result.errors else [],
    }


def error_record(fmt: str | None, message: str) -> dict:
    """The record of a file that could not be read."""
    return {
        "version": RECORD_VERSION,
        "format": fmt,
        "profile": None,
        "encoding": None,
        "metrics": {},
        "errors": [message],
        "warnings": [],
        "outline": [],
        "sections": {},
        "findings": [],
        "blocks": [],
        "units": [],
    }


def _finding(f) -> dict:
    loc = f.location
    item = {
        "rule": f.rule,
        "name": f.name,
        "category": f.category.value,
        "severity": f.severity.value,
        "message": f.message,
        "text": f.text,
        "suggestions": list(f.suggestions),
        "block": loc.block,
        "start": loc.start,
        "end": loc.end,
    }
    for key in ("line", "column", "page"):
        value = getattr(loc, key)
        if value is not None:
            item[key] = value
    return item


@lru_cache(maxsize=1)
def _required() -> dict[str, dict[str, str]]:
    profiles = load_rules_yaml("profiler.yaml").get("profiles", {})
    return {name: dict(spec.get("required_sections") or {}) for name, spec in profiles.items()}


def sections_status(profile: str | None, outline: list[dict], findings: list[dict]) -> dict:
    """Which required sections of the profile are present.

    Per required role: ``finns`` (a section with that role), ``ofullständig`` (present, but its
    rule still reports a fault), ``saknas`` (absent and its rule reports it), ``behövs inte``
    (absent, and the rule does not require it here, e.g. appeal information in a favourable
    decision). ``complete`` is the share of ``finns`` among the sections that are needed."""
    required = _required().get(profile or "", {})
    if not required:
        return {}
    present = {s.get("role") for s in outline}
    fired = {f["rule"] for f in findings}
    status = {}
    for role, rule in sorted(required.items()):
        if role in present:
            status[role] = "ofullständig" if rule in fired else "finns"
        else:
            status[role] = "saknas" if rule in fired else "behövs inte"
    needed = [s for s in status.values() if s != "behövs inte"]
    complete = round(sum(1 for s in needed if s == "finns") / len(needed), 3) if needed else 1.0
    return {"required": status, "complete": complete}
