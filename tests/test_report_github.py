"""GitHub Actions workflow commands: the escaping the runner expects, parsed back."""

from __future__ import annotations

import re

from report_fixtures import TRICKY, mixed_report, txt_result
from findings_helpers import report_of
from klarsprak.report import render
from klarsprak.report.github import escape_data, escape_property

COMMAND = re.compile(r"^::(?P<level>\w+) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _parse(output: str) -> list[dict]:
    out = []
    for line in output.splitlines():
        m = COMMAND.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        out.append({"level": m["level"], "props": {k: _unescape(v) for k, v in props.items()}, "message": _unescape(m["message"])})
    return out


def test_escaping_of_data_and_properties():
    assert escape_data("100 %\r\nny rad") == "100 %25%0D%0Any rad"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_every_finding_is_one_line_that_parses_back_to_the_original(tmp_path):
    output = render(mixed_report(tmp_path), "github")
    commands = _parse(output)
    assert len(output.splitlines()) == len(commands) == 4 + 2 + 1
    first = commands[0]
    assert first["level"] == "warning"
    assert first["message"].startswith(TRICKY)
    assert first["props"]["title"] == "KS101 gammalt-ord"
    levels = {c["props"]["title"].split()[0]: c["level"] for c in commands if "title" in c["props"]}
    assert levels["KS102"] == "error" and levels["KS103"] == "notice"
    unreadable = commands[-1]
    assert unreadable["props"]["file"] == "skannad, 2024:1.pdf" and unreadable["level"] == "error"


def test_text_findings_have_lines_and_character_columns():
    result = txt_result()
    commands = _parse(render(report_of(result), "github"))
    lines = result.document.source_text.splitlines()
    for c in commands:
        if "col" not in c["props"]:
            continue
        line = lines[int(c["props"]["line"]) - 1]
        word = line[int(c["props"]["col"]) - 1:int(c["props"]["endColumn"]) - 1]
        assert word in c["message"]
