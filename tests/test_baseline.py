"""Baselines: today's findings recorded by fingerprint; later runs report only new findings and
name baseline entries that no longer occur."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from findings_helpers import finding_on, read, report_of, result_for
from klarsprak import baseline
from klarsprak.cli import main
from klarsprak.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
BUREAUCRATIC = ROOT / "corpora" / "beslut" / "txt" / "02-beviljas-byrakratisk.txt"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_only_new_findings_remain_and_gone_entries_are_named(tmp_path):
    path = _write(tmp_path / "brev.txt", "Vi har erhållit din ansökan.\n\nDen tillställes dig.\n")
    doc = read(path)
    old = report_of(result_for(doc, [finding_on(doc, "erhållit"), finding_on(doc, "tillställes", rule="KS102")]))
    target = tmp_path / ".klarsprak-baseline.json"
    target.write_text(baseline.dumps(baseline.build(old, target)), encoding="utf-8")

    # the letter is edited: a new paragraph above, "tillställes" fixed, a new old-fashioned word
    _write(path, "Hej!\n\nVi har erhållit din ansökan.\n\nDen skickas till dig. Vi äro glada.\n")
    doc = read(path)
    new = report_of(result_for(doc, [finding_on(doc, "erhållit"), finding_on(doc, "äro", rule="KS102")]))
    outcome = baseline.apply(new, baseline.load(target), str(target))
    assert [f.text for f in new.findings] == ["äro"]
    assert outcome.suppressed == 1
    assert [(e["rule"], e["text"], e["path"]) for e in outcome.fixed] == [("KS102", "tillställes", "brev.txt")]


def test_entries_of_files_not_checked_this_time_are_not_called_gone(tmp_path):
    a = _write(tmp_path / "a.txt", "Vi har erhållit din ansökan.\n")
    b = _write(tmp_path / "b.txt", "Beslutet tillställes dig.\n")
    da, db = read(a), read(b)
    both = report_of(result_for(da, [finding_on(da, "erhållit")]), result_for(db, [finding_on(db, "tillställes")]))
    target = tmp_path / "bas.json"
    target.write_text(baseline.dumps(baseline.build(both, target)), encoding="utf-8")
    only_a = report_of(result_for(read(a), [finding_on(read(a), "erhållit")]))
    outcome = baseline.apply(only_a, baseline.load(target), str(target))
    assert only_a.findings == [] and outcome.fixed == []


def test_paths_are_relative_to_the_baseline_so_any_working_directory_works(tmp_path, monkeypatch):
    folder = tmp_path / "mallar"
    folder.mkdir()
    path = _write(folder / "brev.txt", "Vi har erhållit din ansökan.\n")
    doc = read(path)
    target = tmp_path / "bas.json"
    data = baseline.build(report_of(result_for(doc, [finding_on(doc, "erhållit")])), target)
    assert data["entries"][0]["path"] == "mallar/brev.txt"
    target.write_text(baseline.dumps(data), encoding="utf-8")
    monkeypatch.chdir(folder)
    again = report_of(result_for(read("brev.txt"), [finding_on(read("brev.txt"), "erhållit")]))
    assert baseline.apply(again, baseline.load(target), "bas.json").suppressed == 1


def test_a_bad_baseline_file_is_a_one_line_swedish_error(tmp_path):
    bad = _write(tmp_path / "bas.json", "{inte json")
    with pytest.raises(ConfigError, match="kan inte läsas"):
        baseline.load(bad)
    _write(bad, json.dumps({"version": 99, "entries": []}))
    with pytest.raises(ConfigError, match="fel format"):
        baseline.load(bad)
    with pytest.raises(ConfigError, match="finns inte"):
        baseline.load(tmp_path / "saknas.json")


def test_cli_baseline_then_check_reports_only_new_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "beslut.txt"
    shutil.copy(BUREAUCRATIC, doc)
    runner = CliRunner()
    made = runner.invoke(main, ["baseline", "beslut.txt", "-o", ".klarsprak-baseline.json"])
    assert made.exit_code == 0, made.output
    entries = json.loads((tmp_path / ".klarsprak-baseline.json").read_text(encoding="utf-8"))["entries"]
    assert len(entries) > 5

    clean = runner.invoke(main, ["check", "beslut.txt", "--baseline", ".klarsprak-baseline.json", "--format", "json", "--fail-on", "info"])
    data = json.loads(clean.stdout)
    assert clean.exit_code == 0 and data["summary"]["findings"] == 0
    assert data["baseline"]["suppressed"] == len(entries) and data["baseline"]["fixed"] == []

    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("uppbär", "får", 1) + "\nBeslutet tillställes sökanden.\n", encoding="utf-8")
    later = runner.invoke(main, ["check", "beslut.txt", "--baseline", ".klarsprak-baseline.json", "--fail-on", "info"])
    assert later.exit_code == 1
    assert "tillställes" in later.stdout
    assert "finns inte längre" in later.stdout and "uppbär" in later.stdout

    # an unrelated existing file is not replaced by a baseline without --force
    (tmp_path / "annat.json").write_text("{}", encoding="utf-8")
    refused = runner.invoke(main, ["baseline", "beslut.txt", "-o", "annat.json"])
    assert refused.exit_code == 2 and "--force" in refused.output
