"""A scan record: what the scan keeps of one document, as plain JSON data without its path.

Records are made in the worker, cached by content hash (so they must not depend on where the file
lies) and streamed to the spool. They hold the text of the blocks, because the HTML report shows
every document with its findings highlighted, and the wording units for clustering."""

from __future__ import annotations

import json
import zlib
from functools import lru_cache

from klarsprak.findings import DocumentResult
from klarsprak.resources import load_rules_yaml
from klarsprak.scan.wordings import units_of

RECORD_VERSION = 1


def encode(record: dict) -> bytes:
    """The stored form (cache, spool, from worker to main): compact, sorted, zlib-compressed JSON."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 1)


def decode(blob: bytes) -> dict:
    return json.loads(zlib.decompress(blob))


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
