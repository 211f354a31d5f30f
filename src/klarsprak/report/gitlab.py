"""GitLab Code Quality report (a JSON array; CodeClimate subset) for ``artifacts:reports:codequality``.

Each issue has a unique, stable ``fingerprint`` (rule + path + normalised sentence, see
:mod:`klarsprak.fingerprint`), so GitLab tracks it across merge requests. GitLab requires
``location.lines.begin``: .docx/.pdf findings use line 1 (with the place in the description)."""

from __future__ import annotations

import json

from klarsprak.findings import Report
from klarsprak.fingerprint import document_fingerprints, fingerprint, normalise_path
from klarsprak.report.common import message_with_suggestions, text_span, where

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
CATEGORY = {"vardat": "Style", "enkelt": "Clarity", "begripligt": "Clarity", "struktur": "Complexity"}


def as_data(report: Report) -> list[dict]:
    issues = []
    for result in report.documents:
        path = normalise_path(result.path)
        for error in result.errors:
            issues.append({
                "type": "issue",
                "check_name": "klarsprak-fel",
                "description": f"Filen kunde inte läsas: {error}",
                "categories": ["Bug Risk"],
                "severity": "blocker",
                "fingerprint": fingerprint("read-error", path, error),
                "location": {"path": path, "lines": {"begin": 1}},
            })
        for finding, fp in zip(result.findings, document_fingerprints(result)):
            span = text_span(finding, result)
            description = message_with_suggestions(finding)
            if span is None and finding.location.block >= 0:
                description = f"{description} ({where(finding, result)})"
            lines = {"begin": span.line, "end": span.end_line} if span else {"begin": 1}
            issues.append({
                "type": "issue",
                "check_name": f"{finding.rule} {finding.name}",
                "description": f"{finding.rule}: {description}",
                "categories": [CATEGORY.get(finding.category.value, "Style")],
                "severity": SEVERITY[finding.severity.value],
                "fingerprint": fp,
                "location": {"path": path, "lines": lines},
            })
    return issues


def render(report: Report, options: dict) -> str:
    return json.dumps(as_data(report), ensure_ascii=False, indent=2) + "\n"
