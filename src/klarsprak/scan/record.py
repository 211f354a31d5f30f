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
from klarsprak.scan.wordings import units_of

RECORD_VERSION = 1


# The stored form (cache, spool, from worker to main) is four separately compressed JSON parts, so
# each reader decodes only what it needs: collecting a warm re-scan reads ``meta`` (with finding
# counts) and ``units``; the JSON output adds ``findings``; only the HTML report reads ``blocks``.
PARTS = ("meta", "units", "findings", "blocks")
_MAGIC = b"KS1"
_HEADER = struct.Struct("<3sIIII")


def encode(record: dict) -> bytes:
    findings = record.get("findings") or []
    meta = {k: v for k, v in record.items() if k not in PARTS}
    meta["counts"] = {
        "category": dict(Counter(f["category"] for f in findings)),
        "severity": dict(Counter(f["severity"] for f in findings)),
        "rule": dict(Counter(f["rule"] for f in findings)),
    }
    values = {"meta": meta, "units": record.get("units") or [], "findings": findings, "blocks": record.get("blocks") or []}
    chunks = [
        zlib.compress(json.dumps(values[p], ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"), 1)
        for p in PARTS
    ]
    return _HEADER.pack(_MAGIC, *(len(c) for c in chunks)) + b"".join(chunks)


def decode(blob: bytes, parts: tuple[str, ...] = PARTS) -> dict:
    """The record (or only ``parts`` of it; ``meta`` is always there). Raises ValueError if damaged."""
    magic, *sizes = _HEADER.unpack_from(blob)
    if magic != _MAGIC or _HEADER.size + sum(sizes) != len(blob):
        raise ValueError("not an encoded scan record")
    record: dict = {}
    offset = _HEADER.size
    for part, size in zip(PARTS, sizes):
        if part == "meta" or part in parts:
            value = json.loads(zlib.decompress(blob[offset : offset + size]))
            if part == "meta":
                record.update(value)
            else:
                record[part] = value
        offset += size
    return record


def record_of(result: DocumentResult) -> dict:
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
