"""SARIF 2.1.0: valid against the official schema, UTF-16 columns, rule help in Swedish,
partialFingerprints that survive edits elsewhere in the file."""

from __future__ import annotations

import json

import jsonschema
import pytest

from report_fixtures import TRICKY, emoji_txt_result, mixed_report, txt_result
from findings_helpers import finding_on, read, report_of, result_for
from klarsprak.report import render
from klarsprak.report.sarif import FINGERPRINT_KEY


@pytest.fixture(scope="module")
def sarif_schema(request):
    from conftest import SHARED

    path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json saknas (finns i CI)")
    return json.loads(path.read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_official_schema(tmp_path, sarif_schema):
    data = json.loads(render(mixed_report(tmp_path), "sarif"))
    jsonschema.Draft4Validator(sarif_schema).validate(data)
    run = data["runs"][0]
    assert data["version"] == "2.1.0" and run["columnKind"] == "utf16CodeUnits"
    assert run["invocations"][0]["executionSuccessful"] is False  # one file could not be read
    assert "OCR" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_messages_keep_swedish_letters_quotes_and_newlines(tmp_path):
    text = render(report_of(txt_result()), "sarif")
    assert "byråkratiskt" in text  # not \u escapes
    data = json.loads(text)
    first = data["runs"][0]["results"][0]
    assert first["message"]["text"].startswith(TRICKY)
    assert first["message"]["text"].endswith("Förslag: får.")


def test_regions_point_at_the_words_in_the_text_file():
    result = txt_result()
    data = json.loads(render(report_of(result), "sarif"))
    lines = result.document.source_text.splitlines()
    for res in data["runs"][0]["results"]:
        region = res["locations"][0]["physicalLocation"]["region"]
        if res["ruleId"] == "KS701":
            assert region == {"startLine": 1}  # the whole document
            continue
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]


def test_columns_are_utf16_code_units_after_an_emoji(tmp_path):
    data = json.loads(render(report_of(emoji_txt_result(tmp_path)), "sarif"))
    region = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    line = "Hej 😀 Ni har erhållit beslutet."
    code_point_column = line.index("erhållit") + 1
    assert region["startColumn"] == code_point_column + 1  # the emoji is two UTF-16 units
    assert region["endColumn"] - region["startColumn"] == len("erhållit")


def test_rules_carry_swedish_help_from_the_registry():
    from klarsprak.checks import registry

    rules = registry()
    if not rules:
        pytest.skip("inga regler registrerade ännu")
    data = json.loads(render(report_of(txt_result()), "sarif"))
    descriptors = {r["id"]: r for r in data["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) <= set(descriptors)
    some = next(iter(rules.values()))
    assert descriptors[some.id]["shortDescription"]["text"] == some.title
    assert some.explanation in descriptors[some.id]["help"]["text"]
    for res in data["runs"][0]["results"]:
        assert data["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]


def test_fingerprints_survive_an_edit_elsewhere_in_the_file(tmp_path):
    path = tmp_path / "brev.txt"
    body = "Vi har erhållit din ansökan.\n\nBeslutet gäller från 1 maj."
    path.write_text(body, encoding="utf-8")
    before = read(path)
    path.write_text("Hej!\n\nEn ny inledning.\n\n" + body.replace("Beslutet", "Beslutet nu"), encoding="utf-8")
    after = read(path)

    def prints(document):
        data = json.loads(render(report_of(result_for(document, [finding_on(document, "erhållit")])), "sarif"))
        res = data["runs"][0]["results"][0]
        return res["partialFingerprints"][FINGERPRINT_KEY], res["locations"][0]["physicalLocation"]["region"]["startLine"]

    (fp1, line1), (fp2, line2) = prints(before), prints(after)
    assert line1 != line2 and fp1 == fp2


def test_docx_results_say_where_in_the_document_they_are(tmp_path):
    from report_fixtures import docx_result

    data = json.loads(render(report_of(docx_result(tmp_path)), "sarif"))
    messages = [r["message"]["text"] for r in data["runs"][0]["results"]]
    assert any("(stycke 2)" in m for m in messages) and any("(sidhuvud)" in m for m in messages)
