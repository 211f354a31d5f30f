"""JUnit XML: one test suite per document, one failing test case per finding (CI test tabs).

A document without findings is one passing test case; an unreadable one is a test case with an
``<error>``. Characters XML 1.0 forbids (control characters) are dropped; the rest is escaped by
ElementTree."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from klarsprak.findings import Report
from klarsprak.fingerprint import normalise_path
from klarsprak.report.common import text_span, where

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def render(report: Report, options: dict) -> str:
    root = ET.Element("testsuites", name="klarsprak")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in report.documents:
        path = _clean(normalise_path(result.path))
        suite = ET.SubElement(root, "testsuite", name=path)
        tests = failures = errors = 0
        for error in result.errors:
            case = ET.SubElement(suite, "testcase", classname=path, name="läsbar fil")
            ET.SubElement(case, "error", message=_clean(error), type="InputError").text = _clean(error)
            tests, errors = tests + 1, errors + 1
        for finding in result.findings:
            span = text_span(finding, result)
            place = f"rad {span.line}:{span.column}" if span else where(finding, result)
            case = ET.SubElement(suite, "testcase", classname=path, name=_clean(f"{finding.rule} {finding.name} ({place})"))
            detail = [finding.message]
            if finding.text:
                detail.append(f"Text: {finding.text}")
            if finding.suggestions:
                detail.append(f"Förslag: {', '.join(finding.suggestions)}")
            detail.append(f"Plats: {place}")
            failure = ET.SubElement(case, "failure", message=_clean(finding.message), type=f"{finding.rule} {finding.severity.value}")
            failure.text = _clean("\n".join(detail))
            tests, failures = tests + 1, failures + 1
        if not result.errors and not result.findings:
            ET.SubElement(suite, "testcase", classname=path, name="inga fynd")
            tests += 1
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        totals = {"tests": totals["tests"] + tests, "failures": totals["failures"] + failures, "errors": totals["errors"] + errors}
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
