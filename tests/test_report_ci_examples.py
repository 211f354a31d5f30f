"""The documented CI examples (docs/ci/) and pre-commit hooks run as written, and what they
produce is what GitHub and GitLab accept: valid SARIF, Code Quality JSON, JUnit XML."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from conftest import SHARED
from findings_helpers import make_decision_docx
from klarsprak.cli import main

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / "docs" / "ci"


def _klarsprak_commands(lines: list[str]) -> list[list[str]]:
    return [shlex.split(line)[1:] for line in lines if line.strip().startswith("klarsprak ")]


@pytest.fixture()
def templates_repo(tmp_path, monkeypatch):
    """A repository with a mallar/ folder of real decisions (.txt from corpora/, a .docx)."""
    mallar = tmp_path / "mallar"
    mallar.mkdir()
    for name in ("02-beviljas-byrakratisk.txt", "03-avslag-klarsprak.txt"):
        shutil.copy(ROOT / "corpora" / "beslut" / "txt" / name, mallar / name)
    make_decision_docx(mallar / "beslut.docx")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_github_workflow_runs_as_written_and_its_sarif_is_valid(templates_repo):
    workflow = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["klarsprak"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    commands = _klarsprak_commands([s["run"] for s in steps if "run" in s])
    assert len(commands) == 1
    args = commands[0]
    runner = CliRunner()
    baseline = args[args.index("--baseline") + 1]
    made = runner.invoke(main, ["baseline", "mallar/", "-o", baseline])
    assert made.exit_code == 0, made.output
    # a new problem after the baseline: the build fails and the annotation names it
    doc = templates_repo / "mallar" / "03-avslag-klarsprak.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nNi har erhållit beslutet.\n", encoding="utf-8")
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    annotations = [l for l in result.stdout.splitlines() if l.startswith("::")]
    assert annotations and all(re.match(r"^::(error|warning|notice) file=mallar/", l) for l in annotations)
    assert any("erhållit" in l for l in annotations)
    sarif = json.loads((templates_repo / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema_file.is_file():  # the official schema sits in ../shared (present in CI)
        jsonschema.Draft4Validator(json.loads(schema_file.read_text(encoding="utf-8"))).validate(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"mallar/03-avslag-klarsprak.txt"}  # only the new finding, path relative to the repo


def test_gitlab_job_runs_as_written_and_produces_code_quality_and_junit(templates_repo):
    job = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))["klarsprak"]
    commands = _klarsprak_commands(job["script"])
    assert len(commands) == 1
    result = CliRunner().invoke(main, commands[0])
    assert result.exit_code == 1, result.output  # the bureaucratic decision has warnings
    assert "Sammanfattning" in result.stdout
    reports = job["artifacts"]["reports"]
    issues = json.loads((templates_repo / reports["codequality"]).read_text(encoding="utf-8"))
    assert issues and len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["location"]["path"] for i in issues} >= {"mallar/02-beviljas-byrakratisk.txt", "mallar/beslut.docx"}
    for issue in issues:
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["lines"]["begin"] >= 1
    junit = ET.parse(templates_repo / reports["junit"]).getroot()
    assert int(junit.get("failures")) == len(issues)
    assert job["artifacts"]["when"] == "always"


def test_pre_commit_hooks_run_on_the_files_they_match(templates_repo):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    check = by_id["klarsprak"]
    files = ["mallar/beslut.docx", "mallar/03-avslag-klarsprak.txt", "bild.png"]
    matched = [f for f in files if re.search(check["files"], f)]
    assert matched == files[:2]
    result = CliRunner().invoke(main, shlex.split(check["entry"])[1:] + matched)
    assert result.exit_code in (0, 1), result.output
    assert "mallar/beslut.docx" in result.stdout

    fix = by_id["klarsprak-fix"]
    assert not re.search(fix["files"], "mallar/beslut.docx")
    target = templates_repo / "mallar" / "03-avslag-klarsprak.txt"
    target.write_text("Ni har erhållit beslutet.\n", encoding="utf-8")
    done = CliRunner().invoke(main, shlex.split(fix["entry"])[1:] + [str(target.relative_to(templates_repo))])
    assert done.exit_code == 0, done.output
    assert target.read_text(encoding="utf-8") == "Ni har fått beslutet.\n"
