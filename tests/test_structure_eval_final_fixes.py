"""Structure and metric faults found on corpora/eval-final (2026-11-23), each fixed in the mechanism:
the appeal recipient may have a multi-word name or an "inkommit" verb, a granted decision needs no
reasons, a "Label: phone" line is contact text and not a heading, letters get KS407, and KS701 measures
nominalkvot on running text and names its targets."""

from __future__ import annotations

from klarsprak import api
from klarsprak.checks import registry
from klarsprak.checks.structure_base import GOOD_DECISION, decision_variant

APPEAL = (
    "Du kan överklaga beslutet till förvaltningsrätten. Skriv vilket beslut du överklagar och hur du vill att vi "
    "ändrar det. Skicka överklagandet till socialnämnden. Vi måste ha fått det inom tre veckor från den dag du "
    "fick beslutet."
)


def rules_on(text: str, profile: str = "beslut") -> list[str]:
    result = api.lint_text(text, profile=profile)
    assert not result.errors, result.errors
    return [f.rule for f in result.findings]


def test_appeal_to_an_authority_with_a_multi_word_name():
    text = decision_variant(
        ("Socialnämnden avslår", "Vård- och omsorgsnämnden avslår"),
        (APPEAL, "Beslutet kan överklagas skriftligen till förvaltningsrätten. Överklagandet ska ställas till "
                 "förvaltningsrätten men skickas till Vård- och omsorgsnämnden, Box 12, 123 45 Norrvik. Det ska ha "
                 "kommit in inom tre veckor från den dag du fick del av beslutet. Skriv vilket beslut du "
                 "överklagar och vilken ändring du vill ha."),
    )
    assert "KS406" not in rules_on(text)


def test_appeal_that_must_have_inkommit_to_the_board():
    text = decision_variant(
        (APPEAL, "Beslutet kan överklagas hos förvaltningsrätten. Överklagandet ska vara skriftligt och ska ha "
                 "inkommit till socialnämnden inom tre veckor från den dag då du fick del av beslutet. Skriv "
                 "vilket beslut du överklagar och vilken ändring du vill ha."),
    )
    assert "KS406" not in rules_on(text)


def test_appeal_recipient_still_required():
    text = decision_variant(
        (APPEAL, "Beslutet kan överklagas skriftligen hos förvaltningsrätten inom tre veckor från den dag du fick "
                 "del av beslutet."),
    )
    assert "KS406" in rules_on(text)


def test_full_grant_needs_no_causal_reasons():
    text = decision_variant(
        ("Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.",
         "Socialnämnden beviljar dig ekonomiskt bistånd med 4 200 kronor för april 2025."),
        ("Eftersom din inkomst är högre än dina kostnader kan du betala det du behöver själv.",
         "Vi bedömmer att du behöver pengar till hyran."),
        ("Om du inte är nöjd med beslutet\n\n" + APPEAL + "\n\n", ""),
    )
    assert "KS403" not in rules_on(text)


def test_granted_decision_spoken_of_in_the_reasons_needs_no_causal_link():
    text = decision_variant(
        ("Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.",
         "Socialnämnden beviljar dig bistånd till tillfälligt boende på vandrarhemmet från den 7 maj till den "
         "20 maj 2025.\n\nSocialnämnden avslår din ansökan om bistånd till en egen lägenhet."),
        ("Din sjukpenning är 13 240 kronor i april och dina kostnader är 11 870 kronor. Eftersom din inkomst är "
         "högre än dina kostnader kan du betala det du behöver själv.",
         "Du saknar i dag annat boende. Vandrarhemmet är en lösning medan du söker ett eget boende.\n\n"
         "Du har skulder hos Kronofogden. Därför bedömer vi att du inte kan få en egen lägenhet genom oss nu."),
    )
    assert "KS404" not in rules_on(text)


def test_contact_label_with_a_phone_number_is_text_not_a_heading():
    text = decision_variant(
        ("Ring mig om du har frågor om beslutet. Lina Sjöberg, telefon 08-465 004 14.",
         "Handläggare: Lina Sjöberg, telefon 08-465 004 14\n\n"
         "Beslutet har fattats av Lina Sjöberg, socialsekreterare."),
    )
    assert "KS408" not in rules_on(text)


LAW_LETTER = """Norrviks kommun
Socialförvaltningen

Datum: 3 april 2025

Information om utredning

Vi har börjat utreda din ansökan om hemtjänst. Här kan du läsa vad som gäller.

Lagstöd

Enligt 4 kap. 1 § socialtjänstlagen (2001:453) har den som inte själv kan tillgodose sina behov eller kan få dem tillgodosedda på annat sätt rätt till bistånd av socialnämnden för sin försörjning och för sin livsföring i övrigt. Den enskilde ska genom biståndet tillförsäkras en skälig levnadsnivå. Biståndet ska utformas så att det stärker hans eller hennes resurser att leva ett självständigt liv. Socialnämnden ska enligt 11 kap. 1 § socialtjänstlagen utan dröjsmål inleda utredning av vad som kan föranleda någon åtgärd av nämnden.

Kontakt

Ring mig om du har frågor. Lina Sjöberg, telefon 08-465 004 14.

Med vänlig hälsning
Lina Sjöberg
"""


def test_pasted_law_text_in_a_letter():
    assert "KS407" in rules_on(LAW_LETTER, profile="brev")


PLAIN_LETTER = """Norrviks kommun
Socialförvaltningen
Vuxenenheten
Stadshusgatan 4
123 45 Norrvik
Telefon växel 08-465 000 00
E-post socialforvaltningen@norrvik.se

Datum: 3 april 2025
Diarienummer: SN 2025/533

Anna Berglund
c/o Karin Berglund
Björkvägen 12 lägenhet 1102
123 46 Norrvik

Kopia: Gode man Per Holm, Holms Förvaltning AB, Box 77, 123 21 Norrvik

Kallelse till besök hos oss

Hej Anna!

Vi vill träffa dig för att prata om din ansökan. Kom till oss på tisdag den 8 april klockan 10. Ta med ditt hyreskontrakt och dina kontoutdrag för mars. Om du inte kan komma, ring oss så bokar vi en ny tid.

Med vänlig hälsning
Lina Sjöberg
Socialsekreterare
Vuxenenheten, Socialförvaltningen, Norrviks kommun
Besöksadress: Stadshusgatan 4, plan 2, Norrviks kommunhus
Postadress: Box 100, 123 21 Norrvik
Telefontid: måndag och torsdag klockan 9–10
Telefon 08-465 004 14
E-post lina.sjoberg@norrvik.se
"""


def test_address_and_contact_lines_do_not_count_in_nominal_ratio():
    result = api.lint_text(PLAIN_LETTER, profile="brev")
    assert result.metrics["nominal_ratio"] > 1.5  # the whole document, letterhead included
    assert "KS701" not in [f.rule for f in result.findings]


def test_explain_shows_the_metric_targets():
    text = registry()["KS701"].explanation
    assert "nominalkvoten högst 1,6" in text and "LIX (läsbarhetsindex) högst 50" in text


def test_reasons_that_only_point_at_the_investigation():
    text = decision_variant(
        ("Din sjukpenning är 13 240 kronor i april och dina kostnader är 11 870 kronor. Eftersom din inkomst är "
         "högre än dina kostnader kan du betala det du behöver själv.",
         "Mot bakgrund av den utredning som har gjorts i ärendet och de uppgifter som har lämnats bedöms behovet "
         "kunna tillgodoses på annat sätt. Nämnden finner därför att du inte har rätt till bistånd."),
    )
    assert "KS403" in rules_on(text)


def test_reasons_that_name_a_circumstance_besides_the_investigation():
    text = decision_variant(
        ("Eftersom din inkomst är högre än dina kostnader kan du betala det du behöver själv.",
         "Mot bakgrund av utredningen har vi sett på din ekonomi. Eftersom din inkomst är högre än dina "
         "kostnader kan du betala det du behöver själv."),
    )
    assert "KS403" not in rules_on(text)


def test_full_grant_without_legal_basis():
    text = decision_variant(
        ("Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.",
         "Socialnämnden beviljar dig ekonomiskt bistånd med 4 200 kronor för april 2025."),
        ("Det här gäller\n\nDu har rätt till ekonomiskt bistånd om du inte kan försörja dig själv på annat sätt. "
         "Det står i 4 kap. 1 § socialtjänstlagen (2001:453).\n\n", ""),
        ("Om du inte är nöjd med beslutet\n\n" + APPEAL + "\n\n", ""),
    )
    assert "KS405" not in rules_on(text)


def test_rules_explained_outside_a_legal_basis_section_of_a_letter_are_information():
    letter = LAW_LETTER.replace("Lagstöd\n", "Så går utredningen till\n")
    assert "KS407" not in rules_on(letter, profile="brev")
