"""The structure rules (KS401-KS409) on whole decisions, in every format the project ships.

``corpora/struktur/`` holds decisions with each structure defect alone and with every defect fixed
(.txt, .docx with heading styles, .docx with bold one-line headings, .pdf made by LibreOffice);
``corpora/beslut/`` holds the project's plain and bureaucratic decisions. Each manifest says which
structure rules must fire; any other KS4xx finding is a false positive and fails the test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from klarsprak import api

ROOT = Path(__file__).resolve().parents[1]
STRUKTUR = ROOT / "corpora" / "struktur"
BESLUT = ROOT / "corpora" / "beslut"
EXT = {"txt": "txt", "docx": "docx", "docx-fet": "docx", "pdf": "pdf"}


def _struktur_cases():
    manifest = yaml.safe_load((STRUKTUR / "manifest.yaml").read_text(encoding="utf-8"))
    for doc in manifest["documents"]:
        for fmt, ext in EXT.items():
            yield pytest.param(STRUKTUR / fmt / f"{doc['id']}.{ext}", set(doc["expect"]), set(), doc["profile"],
                               id=f"struktur-{fmt}-{doc['id']}")


def _beslut_cases():
    path = BESLUT / "manifest.yaml"
    if not path.is_file():
        return
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    for doc in manifest["documents"]:
        faults = {r for r in doc.get("faults", []) if r.startswith("KS4")}
        optional = {r for r in doc.get("optional", []) or [] if r.startswith("KS4")}
        for fmt in ("txt", "docx", "pdf"):
            yield pytest.param(BESLUT / fmt / f"{doc['id']}.{fmt}", faults, optional, doc["profile"],
                               id=f"beslut-{fmt}-{doc['id']}")


@pytest.mark.parametrize("path,expected,optional,profile", [*_struktur_cases(), *_beslut_cases()])
def test_structure_findings_match_the_manifest(path: Path, expected: set, optional: set, profile: str):
    if not path.is_file():
        pytest.skip(f"{path.relative_to(ROOT)} saknas (kör corpora/struktur/build.py)")
    result = api.lint_file(str(path))
    assert not result.errors, result.errors
    assert result.profile == profile
    found = {f.rule for f in result.findings if f.rule.startswith("KS4")}
    extra = found - expected - optional
    details = [f"{f.rule}: {f.message}" for f in result.findings if f.rule in extra]
    assert not extra, f"falska larm i {path.name}: {details}"
    assert expected <= found, f"missade {sorted(expected - found)} i {path.name}"


@pytest.mark.parametrize("fmt", list(EXT))
def test_outline_of_a_good_decision_in_every_format(fmt):
    path = STRUKTUR / fmt / f"bab-bra.{EXT[fmt]}"
    result = api.lint_file(str(path))
    roles = [s["role"] for s in result.outline]
    for role in ("decision", "reasons", "legal_basis", "appeal", "contact"):
        assert role in roles, (role, roles)
    assert roles.index("decision") < roles.index("reasons") < roles.index("appeal")
    decision = next(s for s in result.outline if s["role"] == "decision")
    assert decision["heading"] == "Beslut"
    assert decision["sentences"] == [
        "Samhällsbyggnadsnämnden avslår din ansökan om bostadsanpassningsbidrag för att byta badkaret mot en "
        "dusch i din lägenhet på Storgatan 8 B."
    ]
    assert all({"role", "label", "heading", "source", "blocks"} <= set(s) for s in result.outline)


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_sections_found_from_content_when_there_are_no_headings(fmt):
    result = api.lint_file(str(STRUKTUR / fmt / f"lss-utan-rubriker-bra.{EXT[fmt]}"))
    by_role = {s["role"]: s for s in result.outline}
    assert by_role["decision"]["source"] == "content"
    assert len(by_role["decision"]["sentences"]) == 2
    assert {"reasons", "appeal", "contact"} <= set(by_role)
