"""``--redact``: personnummer, names, phone numbers, e-mail and postal addresses are masked in every
output format, while the report keeps its findings, offsets and shape."""

from __future__ import annotations

import json
import re

import pytest

from klarsprak import api, redact
from klarsprak.findings import Report
from robust_cli import BESLUT, no_traceback, run_cli

# Personal data in the corpus decisions (fictitious people; the corpus README says so).
PERSONAL = [
    "Amina", "Haddad", "Jonas Ek", "Johan", "Lindqvist", "Lina", "Sjöberg", "Sara Nilsson", "Nora", "Ahmadi",
    "Mehmet", "Yilmaz", "Erik Sandberg", "Daniel", "Öberg", "Kristina", "Jessica", "Liam", "Maria Holm",
    "Karin Holm", "Petra Lund", "Elias", "Wilma",
    "19870412-1115", "19910228-4471", "19850614-2383", "19780903-5514",
    "08-465 004", "jonas.ek@norrvik.se", "lina.sjoberg@norrvik.se", "nora.ahmadi@norrvik.se",
    "Lövstigen 4", "Björkvägen 12", "Granitvägen 7", "Hamngatan 3", "Storgatan 14", "Box 500", "731 9",
]
FORMATS = ("json", "sarif", "text", "github", "gitlab", "junit")


def _present(text: str) -> set[str]:
    return {p for p in PERSONAL if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)}


def _without_rule_catalogue(name: str, text: str) -> str:
    """SARIF carries the rule catalogue (help texts with made-up example names): not document data."""
    if name != "sarif":
        return text
    data = json.loads(text)
    for run in data["runs"]:
        run.pop("tool", None)
    return json.dumps(data, ensure_ascii=False)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("redact")
    files = [*sorted((BESLUT / "txt").glob("*.txt")), BESLUT / "docx" / "13-lvu-information-byrakratisk.docx",
             BESLUT / "pdf" / "05-delvis-avslag-klarsprak.pdf"]
    result = {}
    for flag in ("plain", "redacted"):
        out = tmp / flag
        out.mkdir()
        args = [a for f in FORMATS for a in ("--format", f"{f}:{out / f}")]
        proc = run_cli("check", *files, *args, *(["--redact"] if flag == "redacted" else []), tmp=tmp)
        no_traceback(proc)
        assert proc.returncode == 1, proc.stderr
        result[flag] = {f: _without_rule_catalogue(f, (out / f).read_text(encoding="utf-8")) for f in FORMATS}
    return result


@pytest.mark.parametrize("fmt", FORMATS)
def test_personal_data_is_gone_from_every_format(outputs, fmt):
    assert _present(outputs["plain"][fmt]), "the unredacted report shows personal data (the test would prove nothing)"
    assert _present(outputs["redacted"][fmt]) == set()
    assert redact.MASK in outputs["redacted"][fmt]


def test_redacted_json_keeps_findings_and_offsets(outputs):
    plain = json.loads(outputs["plain"]["json"])
    masked = json.loads(outputs["redacted"]["json"])
    assert plain["summary"] == masked["summary"]
    for a, b in zip(plain["documents"], masked["documents"]):
        assert a["path"] == b["path"] and a["metrics"] == b["metrics"]
        assert [(f["rule"], f["location"]) for f in a["findings"]] == [(f["rule"], f["location"]) for f in b["findings"]]
        for fa, fb in zip(a["findings"], b["findings"]):
            assert len(fa["text"]) == len(fb["text"])  # masks keep the length, so offsets stay true


def test_config_key_redact_switches_it_on(tmp_path):
    source = (BESLUT / "txt" / "13-lvu-information-byrakratisk.txt").read_text(encoding="utf-8")
    stdout = {}
    for setting in ("false", "true"):
        folder = tmp_path / setting
        folder.mkdir()
        (folder / ".klarsprak.toml").write_text(f"redact = {setting}\n", encoding="utf-8")
        (folder / "beslut.txt").write_text(source, encoding="utf-8")
        proc = run_cli("check", folder / "beslut.txt", "--format", "json", tmp=tmp_path)
        no_traceback(proc)
        stdout[setting] = proc.stdout
    assert "Liam" in stdout["false"] and redact.MASK not in stdout["false"]
    assert "Liam" not in stdout["true"] and redact.MASK in stdout["true"]


# --- the patterns, one by one -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, secret",
    [
        ("Personnummer: 19870412-1115 har", "19870412-1115"),
        ("pnr 870412-1115.", "870412-1115"),
        ("samordningsnummer 19870472-1118", "19870472-1118"),
        ("personnummer 198704121115 i", "198704121115"),
        ("Ring 08-465 004 12 i dag", "08-465 004 12"),
        ("mobil 070-123 45 67.", "070-123 45 67"),
        ("tel +46 70 123 45 67", "+46 70 123 45 67"),
        ("skriv till anna.svensson@example.se i dag", "anna.svensson@example.se"),
        ("Hon bor på Storgatan 12 B i staden.", "Storgatan 12 B"),
        ("Adress: Lilla Nygatan 3, lgh 1102", "Lilla Nygatan 3, lgh 1102"),
        ("Postadress: Socialnämnden, 731 90 Norrvik", "731 90 Norrvik"),
        ("Postadress: Box 500", "Box 500"),
        ("skicka till c/o Andersson Petersson", "c/o Andersson Petersson"),
    ],
)
def test_patterns_mask_what_they_should(text, secret):
    masked = redact.Redactor().mask(text)
    assert secret not in masked and len(masked) == len(text)
    start = text.index(secret)
    assert masked[:start] == text[:start]


@pytest.mark.parametrize(
    "text",
    [
        "Beslutet fattades 2025-03-12 enligt 4 kap. 1 § socialtjänstlagen (2001:453).",
        "Dnr SN 2025/412. Du får 12 500 kronor för mars.",
        "Vi betalar senast den 25 mars 2025 klockan 09.00.",
    ],
)
def test_dates_case_numbers_and_amounts_are_left_alone(text):
    assert redact.Redactor().mask(text) == text


def test_names_found_by_the_pipeline_are_masked_everywhere():
    text = (
        "Beslut om bistånd\n\nHej Amina!\n\nDu får bistånd för mars. Din son Elias har också rätt till stöd. "
        "Vi har pratat med Elias och med dig.\n\nMed vänlig hälsning\nJonas Ek\nSocialsekreterare\n"
    )
    result = api.lint_text(text)
    names = redact.person_names(result.document)
    assert {"Amina", "Jonas Ek"} <= names
    masked = redact.redact_report(Report(documents=[result])).documents[0]
    block_text = " ".join(b.text for b in masked.document.blocks)
    for secret in ("Amina", "Jonas", "Ek\n", "Elias"):
        assert secret.strip() not in re.findall(r"\w+", block_text)
    assert "Socialsekreterare" in block_text and "bistånd" in block_text
    assert masked.document.source_text is not None and "Amina" not in masked.document.source_text
    assert "Amina" in result.document.source_text  # the original result is left as it was
