"""JSON report: valid against the shipped, versioned schema, with every field the foundation issue names."""

from __future__ import annotations

import json

import jsonschema

from report_fixtures import TRICKY, mixed_report, txt_result
from findings_helpers import report_of
from klarsprak.report import render
from klarsprak.report.json import SCHEMA_VERSION, load_schema, schema_path


def test_the_schema_ships_inside_the_package_and_is_a_valid_schema():
    assert schema_path().is_file()
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["version"]["const"] == SCHEMA_VERSION


def test_report_validates_and_holds_documents_metrics_findings_and_errors(tmp_path):
    text = render(mixed_report(tmp_path), "json")
    data = json.loads(text)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert "byråkratiskt" in text  # UTF-8, not \u escapes
    txt, docx, pdf = data["documents"]
    assert txt["format"] == "txt" and txt["encoding"] and txt["metrics"]["lix"] == 38.5
    finding = txt["findings"][0]
    assert finding["message"] == TRICKY and finding["rule"] == "KS101" and finding["category"] == "vardat"
    assert finding["location"]["line"] >= 1 and finding["location"]["column"] >= 1
    assert docx["findings"][0]["location"]["part"] == "word/document.xml"
    assert pdf["errors"] and pdf["findings"] == []
    assert data["summary"] == {"documents": 3, "documents_with_errors": 1, "findings": 6, "error": 1, "warning": 3, "info": 2}


def test_a_schema_violation_is_caught():
    data = json.loads(render(report_of(txt_result()), "json"))
    data["documents"][0]["findings"][0]["category"] = "okänd"
    try:
        jsonschema.Draft202012Validator(load_schema()).validate(data)
    except jsonschema.ValidationError:
        return
    raise AssertionError("the schema accepted a bad category")


def test_baseline_information_is_part_of_the_report():
    info = {"path": ".klarsprak-baseline.json", "suppressed": 2,
            "fixed": [{"fingerprint": "ab", "rule": "KS101", "path": "a.txt", "text": "erhålla"}]}
    data = json.loads(render(report_of(txt_result()), "json", {"baseline": info}))
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert data["baseline"]["fixed"][0]["text"] == "erhålla"
