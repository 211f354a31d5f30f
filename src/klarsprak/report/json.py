"""JSON report, version 1. The shape is the JSON Schema shipped in ``report/schema/report-v1.schema.json``.

Additive changes (a new optional key) keep version 1; removing or renaming a key makes version 2."""

from __future__ import annotations

import json
from collections import Counter
from enum import Enum

from klarsprak.findings import DocumentResult, Report
from klarsprak.fingerprint import document_fingerprints

SCHEMA_VERSION = 1
SCHEMA_ID = "https://klarsprak.se/schema/report-v1.schema.json"


def schema_path():
    """The shipped schema file (inside the package, so it is in the wheel)."""
    from importlib.resources import files

    return files("klarsprak.report") / "schema" / "report-v1.schema.json"


def load_schema() -> dict:
    return json.loads(schema_path().read_text(encoding="utf-8"))


def as_data(report: Report, options: dict | None = None) -> dict:
    from klarsprak import __version__

    severities = Counter(f.severity.value for f in report.findings)
    data = {
        "$schema": SCHEMA_ID,
        "version": SCHEMA_VERSION,
        "tool": {"name": "klarsprak", "version": __version__},
        "summary": {
            "documents": len(report.documents),
            "documents_with_errors": sum(1 for d in report.documents if d.errors),
            "findings": len(report.findings),
            "error": severities.get("error", 0),
            "warning": severities.get("warning", 0),
            "info": severities.get("info", 0),
        },
        "documents": [document_data(d) for d in report.documents],
    }
    if options and options.get("baseline"):
        data["baseline"] = _plain(options["baseline"])
    return data


def document_data(result: DocumentResult) -> dict:
    prints = document_fingerprints(result)
    findings = []
    for finding, fp in zip(result.findings, prints):
        item = finding.as_dict()
        item["fingerprint"] = fp
        findings.append(item)
    data = {
        "path": result.path,
        "format": result.format,
        "profile": result.profile,
        "encoding": result.encoding,
        "metrics": _metrics(result.metrics),
        "findings": findings,
        "errors": list(result.errors),
        "warnings": list(result.warnings),
        "outline": [_plain(s) for s in result.outline],
        "abbreviations": [_plain(a) for a in result.abbreviations],
    }
    if result.backend:
        data["backend"] = _plain(result.backend)
    return data


def _metrics(metrics: dict) -> dict:
    """The metrics a consumer can rely on are always present (0 when a file could not be read)."""
    out = {"words": 0, "sentences": 0, "mean_sentence_length": 0.0, "lix": 0.0}
    out.update(_plain(metrics))
    return out


def _plain(value):
    """Only JSON types: tuples become lists, enums their values, unknown objects strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def render(report: Report, options: dict) -> str:
    indent = None if options.get("compact") else 2
    return json.dumps(as_data(report, options), ensure_ascii=False, indent=indent) + "\n"
