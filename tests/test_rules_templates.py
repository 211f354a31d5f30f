"""Templates: KS601 personal data in a template, KS602 unfilled placeholders in a finished document.

The pure detectors (Luhn, phone numbers, role mailboxes) are tested directly; the rules through
``lint_text`` and, for KS602, through a real .docx made with python-docx."""

from __future__ import annotations

import pytest

from klarsprak import api
from klarsprak.checks import registry
from klarsprak.checks.templates import (
    find_personal_emails,
    find_personnummer,
    find_phone_numbers,
    is_role_mailbox,
    luhn_valid,
)
from klarsprak.config import Config

TEMPLATE_RULES = {"KS601", "KS602"}


def only(**kw) -> Config:
    return Config(disable={r for r in registry() if r not in TEMPLATE_RULES}, **kw)


def lint(text: str, profile: str):
    result = api.lint_text(text, profile=profile, config=only())
    assert not result.errors, result.errors
    return [f for f in result.findings if f.rule in TEMPLATE_RULES]


# --- detectors -------------------------------------------------------------------------------------------


def test_luhn():
    assert luhn_valid("1212121212")  # Skatteverket's test number 19121212-1212
    assert luhn_valid("8112189876")
    assert not luhn_valid("1212121213")
    assert not luhn_valid("12121212")


@pytest.mark.parametrize(
    "text,found",
    [
        ("pnr 19121212-1212.", ["19121212-1212"]),
        ("pnr 121212-1212", ["121212-1212"]),
        ("född 811218+9876", ["811218+9876"]),  # + for 100 years or older
        ("pnr 191212121212", ["191212121212"]),
        ("samordningsnummer 701063-2391", ["701063-2391"]),
        ("pnr 121212-1213", []),  # wrong check digit
        ("datum 2020-12-23 och dnr ASN-2019-19470", []),
        ("kontonummer 1212121212", []),  # ten digits with no separator: too often something else
        ("pnr 121312-1212", []),  # month 13
    ],
)
def test_personnummer(text, found):
    assert [text[s:e] for s, e in find_personnummer(text)] == found


@pytest.mark.parametrize(
    "text,found",
    [
        ("Ring 070-123 45 67.", ["070-123 45 67"]),
        ("Ring 08-123 456 78 i dag", ["08-123 456 78"]),
        ("tel +46 70 123 45 67", ["+46 70 123 45 67"]),
        ("tel 0701234567", ["0701234567"]),
        ("datum 2020-12-23", []),
        ("dnr 2019-00123", []),
        ("belopp 0,50 kr", []),
    ],
)
def test_phone_numbers(text, found):
    assert [text[s:e] for s, e in find_phone_numbers(text)] == found


def test_role_mailboxes_are_not_personal():
    for local in ("socialtjanst", "info", "registrator.ifo", "ekonomiskt-bistand", "asn", "kontaktcenter"):
        assert is_role_mailbox(local), local
    for local in ("anna.andersson", "per-olof.svensson", "kalle_karlsson", "annaandersson"):
        assert not is_role_mailbox(local), local
    text = "Skriv till anna.andersson@exempel.se eller socialtjanst@exempel.se."
    assert [text[s:e] for s, e in find_personal_emails(text)] == ["anna.andersson@exempel.se"]


# --- KS601 -----------------------------------------------------------------------------------------------

TEMPLATE = """Beslut om ekonomiskt bistånd

Sökande: [Namn], [Personnummer]

Handläggare: Anna Andersson, anna.andersson@exempel.se, 070-123 45 67

Kommunens växel: 08-123 456 00. Skicka e-post till socialtjanst@exempel.se.

Exempel i mallen: 19121212-1212
"""


def test_personal_data_in_a_template_is_an_error():
    found = lint(TEMPLATE, profile="mall")
    assert [(f.rule, f.text) for f in found] == [
        ("KS601", "anna.andersson@exempel.se"),
        ("KS601", "070-123 45 67"),
        ("KS601", "19121212-1212"),
    ]
    assert all(f.severity.value == "error" for f in found)
    assert found[2].message.startswith("Personnumret ”19121212-1212”")


def test_personal_data_rule_runs_only_on_templates():
    assert [f for f in lint(TEMPLATE, profile="beslut") if f.rule == "KS601"] == []


# --- KS602 -----------------------------------------------------------------------------------------------


def test_unfilled_placeholders_in_a_finished_letter():
    text = "Hej «Förnamn»!\n\nVi har fått din ansökan [Datum]. Beslutet gäller från och med ÅÅÅÅ-MM-DD. Du får XXXX kronor."
    found = lint(text, profile="brev")
    assert [f.text for f in found] == ["«Förnamn»", "[Datum]", "ÅÅÅÅ-MM-DD", "XXXX"]
    assert all(f.rule == "KS602" and f.severity.value == "error" for f in found)
    assert found[0].message == "Platshållaren ”«Förnamn»” är inte ifylld. Fyll i den eller ta bort den innan dokumentet skickas."


def test_placeholders_are_expected_in_a_template():
    assert lint("Hej «Förnamn»!\n\nVi har fått din ansökan [Datum].", profile="mall") == []


def test_filled_letter_is_clean():
    assert lint("Hej Anna!\n\nVi har fått din ansökan den 3 mars 2025.", profile="brev") == []


def test_configured_placeholder_pattern_is_reported():
    cfg = only(placeholder_patterns=[r"<<[^>]+>>"])
    result = api.lint_text("Hej <<namn>>, vi har fått din ansökan.", profile="brev", config=cfg)
    assert [f.text for f in result.findings if f.rule == "KS602"] == ["<<namn>>"]


def test_merge_field_in_a_real_docx(tmp_path):
    import docx

    path = tmp_path / "brev.docx"
    doc = docx.Document()
    doc.add_paragraph("Hej «Förnamn»!")
    doc.add_paragraph("Vi har fått din ansökan om bistånd och beslutar att bevilja den.")
    doc.save(path)
    result = api.lint_file(str(path), profile="brev", config=only())
    assert not result.errors, result.errors
    assert [f.text for f in result.findings if f.rule == "KS602"] == ["«Förnamn»"]
