"""write_outputs: several formats in one run, files written atomically, bad formats refused."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from report_fixtures import mixed_report
from klarsprak.errors import OutputError
from klarsprak.report import FORMAT_NAMES, parse_format, write_outputs


def test_format_names():
    assert FORMAT_NAMES == ("text", "json", "sarif", "github", "gitlab", "junit")
    assert parse_format("sarif:ut/fil.sarif") == ("sarif", "ut/fil.sarif")
    assert parse_format("TEXT") == ("text", None)
    with pytest.raises(OutputError, match="okänt format"):
        parse_format("xml")
    with pytest.raises(OutputError, match="saknar filnamn"):
        parse_format("json:")


def test_several_formats_in_one_run(tmp_path, capsys):
    report = mixed_report(tmp_path)
    sarif, junit = tmp_path / "ut.sarif", tmp_path / "ut.xml"
    write_outputs(report, [f"sarif:{sarif}", "text", f"junit:{junit}"])
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.parse(junit).getroot().tag == "testsuites"
    assert "Sammanfattning" in capsys.readouterr().out
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary files left behind


def test_bare_format_goes_to_output_and_report_files_never_replace_an_input(tmp_path):
    report = mixed_report(tmp_path)
    target = tmp_path / "rapport.json"
    write_outputs(report, ["json"], output=str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 1
    write_outputs(report, ["json"], output=str(target))  # reports are rewritten on every run
    source = report.documents[1].path
    before = open(source, "rb").read()
    with pytest.raises(OutputError, match="samma fil som indata"):
        write_outputs(report, [f"text:{source}"])
    assert open(source, "rb").read() == before
    with pytest.raises(OutputError, match="samma fil"):
        write_outputs(report, [f"json:{target}", f"sarif:{target}"])
    with pytest.raises(OutputError, match="bara ta emot ett format"):
        write_outputs(report, ["json", "text"], output=str(target))
