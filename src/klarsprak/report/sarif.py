"""SARIF 2.1.0 (GitHub code scanning, VS Code SARIF viewer, Azure DevOps).

Columns are UTF-16 code units (``columnKind: utf16CodeUnits``, SARIF's default and what GitHub
expects). Regions exist only for .txt/.md; a .docx or .pdf is binary to a code-scanning viewer, so
its results point at line 1 and say in the message where in the document the finding is.
``partialFingerprints`` come from :mod:`klarsprak.fingerprint`, so alerts survive edits elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

from klarsprak.findings import Finding, Report
from klarsprak.fingerprint import document_fingerprints, normalise_path
from klarsprak.report.common import (
    is_text_format,
    message_with_suggestions,
    rule_catalogue,
    rule_help,
    rule_help_markdown,
    source_lines,
    text_span,
    where,
)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "klarsprakFingerprint/v1"
INFORMATION_URI = "https://github.com/klarsprak/klarsprak"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report, options: dict) -> str:
    return json.dumps(as_data(report), ensure_ascii=False, indent=2) + "\n"


def as_data(report: Report) -> dict:
    from klarsprak import __version__

    catalogue = rule_catalogue()
    rules: list[dict] = [_descriptor(rule) for rule in catalogue.values()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results, notifications = [], []
    for result in report.documents:
        uri = _uri(result.path)
        for error in result.errors:
            notifications.append({
                "level": "error",
                "message": {"text": error},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"}}}],
            })
        lines = source_lines(result) if is_text_format(result) else None
        for finding, fp in zip(result.findings, document_fingerprints(result)):
            if finding.rule not in index:  # a rule outside the registry (a plugin or a hand-made finding)
                index[finding.rule] = len(rules)
                rules.append(_minimal_descriptor(finding))
            results.append(_result(finding, result, uri, fp, index[finding.rule], lines))
    run = {
        "tool": {
            "driver": {
                "name": "klarsprak",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "language": "sv-SE",
                "rules": rules,
            }
        },
        "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "columnKind": "utf16CodeUnits",
        "results": results,
        "invocations": [{"executionSuccessful": not report.has_errors, "toolExecutionNotifications": notifications}],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _uri(path: str) -> str:
    """A relative URI reference (percent-encoded), relative to SRCROOT when the file is inside it."""
    from urllib.parse import quote

    rel = normalise_path(path)
    if Path(rel).is_absolute():
        return Path(rel).as_uri()
    return quote(rel, safe="/")


def _descriptor(rule) -> dict:
    return {
        "id": rule.id,
        "name": _pascal(rule.name),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": rule_help(rule), "markdown": rule_help_markdown(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
        "properties": {"category": rule.category.value, "tags": ["klarspråk", rule.category.label, rule.name]},
    }


def _minimal_descriptor(finding: Finding) -> dict:
    return {
        "id": finding.rule,
        "name": _pascal(finding.name),
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": LEVEL[finding.severity.value]},
        "properties": {"category": finding.category.value, "tags": ["klarspråk", finding.category.label]},
    }


def _pascal(slug: str) -> str:
    # SARIF recommends a PascalCase "name"; the Swedish slug keeps its letters.
    return "".join(part[:1].upper() + part[1:] for part in slug.replace("_", "-").split("-") if part) or slug


def _result(finding: Finding, result, uri: str, fp: str, rule_index: int, lines) -> dict:
    span = text_span(finding, result, unit="utf16", lines=lines)
    message = message_with_suggestions(finding)
    if span is None and finding.location.block >= 0:
        message = f"{message} ({where(finding, result)})"
    region: dict = {"startLine": 1}
    if span is not None:
        region = {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": span.end_column}
    if finding.text:
        region["snippet"] = {"text": finding.text}
    location = {"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"}, "region": region}}
    props = {k: v for k, v in finding.location.as_dict().items() if k in ("block", "start", "end", "page", "part", "paragraph")}
    props["category"] = finding.category.value
    if finding.suggestions:
        props["suggestions"] = list(finding.suggestions)
    out = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity.value],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": props,
    }
    if finding.fix is not None and finding.fix.safe and span is not None:
        out["fixes"] = [{
            "description": {"text": f"Ersätt med \"{finding.fix.replacement}\""},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"},
                "replacements": [{
                    "deletedRegion": {k: v for k, v in region.items() if k != "snippet"},
                    "insertedContent": {"text": finding.fix.replacement},
                }],
            }],
        }]
    return out
