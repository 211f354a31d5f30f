"""Tone and address (KS301-KS303) through the real pipeline: reader, embedded NLP, structure, rules."""

from __future__ import annotations

from klarsprak import api
from klarsprak.checks import registry
from klarsprak.config import Config

TONE = {"KS301", "KS302", "KS303"}


def lint(text: str, profile: str = "beslut", **kw):
    cfg = Config(disable={r for r in registry() if r not in TONE}, **kw)
    result = api.lint_text(text, profile=profile, config=cfg)
    assert not result.errors, result.errors
    return [f for f in result.findings if f.rule in TONE]


def flagged(found, rule: str) -> list[str]:
    return [f.text for f in found if f.rule == rule]


# --- KS301 ---------------------------------------------------------------------------------------------


def test_reader_in_third_person_in_a_decision():
    found = lint("Sökanden har inte lämnat in kontoutdrag. Vi har bedömt att den enskilde kan arbeta.")
    assert flagged(found, "KS301") == ["Sökanden", "den enskilde"]
    assert found[0].message == "Skriv ”du” till mottagaren i stället för ”Sökanden”."
    assert found[0].suggestions == ["du"]


def test_genitive_suggests_din_and_an_object_dig():
    found = lint("Vi har räknat på sökandens inkomster. Vi har kontaktat sökanden och skickat brevet till klienten.")
    assert [f.suggestions for f in found if f.rule == "KS301"] == [["din"], ["dig"], ["dig"]]


def test_reader_words_are_fine_in_reports():
    assert lint("Sökanden har inte lämnat in kontoutdrag.", profile="utredning") == []
    assert lint("Klienten har inte lämnat in kontoutdrag.", profile="rapport") == []


def test_statute_text_about_den_enskilde_is_not_the_reader():
    text = "Enligt 4 kap. 1 § socialtjänstlagen har den enskilde rätt till bistånd om behovet inte kan tillgodoses på annat sätt."
    assert flagged(lint(text), "KS301") == []


def test_adjective_enskilda_before_a_noun_is_not_the_reader():
    assert flagged(lint("Vi gör en bedömning i det enskilda ärendet och den enskilda handläggaren svarar."), "KS301") == []


def test_hen_is_flagged_only_after_a_third_person_name_for_the_reader():
    found = lint("Klienten har beviljats hemtjänst. Hen får hjälp med städning varannan vecka.", profile="brev")
    assert flagged(found, "KS301") == ["Klienten", "Hen"]
    alone = lint("Ditt barn har fått en plats. Hen börjar den 1 mars.", profile="brev")
    assert flagged(alone, "KS301") == []


# --- KS302 ---------------------------------------------------------------------------------------------


DECISION = """Beslut

Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.

Skäl för beslutet

Nämnden har bedömt att du kan arbeta heltid. Därför anser förvaltningen att du inte har rätt till bistånd.

Hur du överklagar

Om socialnämnden inte ändrar beslutet skickas överklagandet till förvaltningsrätten. Skicka överklagandet till socialnämnden.

Beslutet är fattat av Anna Svensson på delegation från socialnämnden.
"""


def test_authority_in_third_person_in_the_body_but_not_in_the_decision_sentence():
    found = lint(DECISION)
    assert flagged(found, "KS302") == ["Nämnden", "förvaltningen", "socialnämnden"]
    assert found[0].message == "Skriv ”vi” i stället för ”Nämnden” när myndigheten talar om sig själv."


def test_coordinated_authority_name_is_one_finding():
    found = lint("Vi har fått din ansökan. Arbetsmarknads- och socialnämnden har utrett ditt behov.")
    assert flagged(found, "KS302") == ["Arbetsmarknads- och socialnämnden"]


def test_authority_as_object_or_after_a_preposition_is_fine():
    text = "Du kan kontakta socialtjänsten om du har frågor. Din handläggare har bedömt ditt behov. Du kontaktade kommunen i mars."
    assert flagged(lint(text), "KS302") == []


def test_another_body_named_in_a_letter_from_the_authority_is_fine():
    text = (
        "Socialnämnden\n\nBeslut\n\nSocialnämnden beviljar dig bistånd till hyra för maj.\n\nSkäl\n\n"
        "Kultur- och fritidsnämnden ordnar aktiviteter som du kan delta i. Socialnämnden har bedömt att du behöver stöd."
    )
    assert flagged(lint(text), "KS302") == ["Socialnämnden"]


def test_authority_in_a_report_is_fine():
    assert lint("Nämnden har bedömt att verksamheten fungerar.", profile="rapport") == []


def test_statute_about_the_authority_is_fine():
    assert flagged(lint("Enligt 2 kap. 1 § socialtjänstlagen ska socialnämnden verka för att den som vistas i kommunen får stöd."), "KS302") == []


# --- KS303 ---------------------------------------------------------------------------------------------


def test_capital_du_mid_sentence_with_a_safe_fix():
    found = lint("Vi har fått Din ansökan. Kontakta oss om Du har frågor, Ni kan också skriva.")
    assert flagged(found, "KS303") == ["Din", "Du", "Ni"]
    assert [f.fix.replacement for f in found] == ["din", "du", "ni"]
    assert all(f.fix.safe for f in found)


def test_capital_du_at_a_sentence_start_or_after_a_colon_is_fine():
    text = "Du har rätt till bistånd. Hej! Du får svar inom en vecka. Viktigt: Du ska lämna kontoutdrag.\n\nOm Du Vill Överklaga"
    assert flagged(lint(text), "KS303") == []
