"""JUnit XML: parses, counts add up, messages escaped (quotes, newlines, control characters)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from report_fixtures import TRICKY, mixed_report
from findings_helpers import finding_on, read, report_of, result_for
from klarsprak.report import render


def test_junit_parses_and_counts_add_up(tmp_path):
    root = ET.fromstring(render(mixed_report(tmp_path), "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites][2] == "skannad, 2024:1.pdf"
    assert sum(int(s.get("tests")) for s in suites) == int(root.get("tests")) == 7
    assert int(root.get("failures")) == 6 and int(root.get("errors")) == 1
    first = suites[0].find("testcase/failure")
    assert first.get("message") == TRICKY  # the attribute keeps the newline (escaped as &#10;)
    assert "Förslag: får" in first.text


def test_clean_documents_pass_and_control_characters_are_dropped(tmp_path):
    path = tmp_path / "ren.txt"
    path.write_text("Vi har fått din ansökan.\n", encoding="utf-8")
    clean = result_for(read(path), [])
    dirty_doc = read(path)
    dirty = result_for(dirty_doc, [finding_on(dirty_doc, "fått", message="Styrtecken\x0b och \x1b[1m här")])
    root = ET.fromstring(render(report_of(clean, dirty), "junit").encode("utf-8"))
    suites = root.findall("testsuite")
    assert suites[0].find("testcase").get("name") == "inga fynd" and suites[0].find("testcase/failure") is None
    assert suites[1].find("testcase/failure").get("message") == "Styrtecken och [1m här"
