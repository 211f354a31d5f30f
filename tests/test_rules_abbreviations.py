"""KS104 förkortningar: definitions, uses, the report's abbreviation table and what is never flagged."""

from __future__ import annotations

import pytest

from klarsprak import api
from klarsprak.checks.abbreviations import different, expansion_before, is_candidate_shape
from klarsprak.config import from_mapping


def ks104(text: str, profile: str = "beslut", config=None):
    result = api.lint_text(text, profile=profile, config=config)
    assert not result.errors, result.errors
    return result, [f for f in result.findings if f.rule == "KS104"]


@pytest.mark.parametrize("word", ["LSS", "HVB", "SoL", "BrB", "SiS", "FL", "BBIC"])
def test_candidate_shapes(word):
    assert is_candidate_shape(word)


@pytest.mark.parametrize("word", ["Malmö", "Socialnämnden", "iPhone", "McDonalds", "A", "LSS2"])
def test_not_candidate_shapes(word):
    assert not is_candidate_shape(word)


def test_expansion_is_the_shortest_run_of_words_that_fits_the_letters():
    assert expansion_before("SoL", "bistånd enligt 4 kap. 1 § socialtjänstlagen ") == "socialtjänstlagen"
    assert (
        expansion_before("LSS", "Du omfattas av lagen om stöd och service till vissa funktionshindrade ")
        == "lagen om stöd och service till vissa funktionshindrade"
    )
    assert expansion_before("HVB", "en plats på ett hem för vård eller boende ") == "hem för vård eller boende"


def test_two_definitions_differ_only_when_the_words_differ():
    assert different("förvaltningslagen", "föräldrabalken")
    assert not different("socialtjänstlagen", "socialtjänstlagens")
    assert not different("Försäkringskassan", "försäkringskassan")


def test_both_definition_orders_silence_the_rule_and_fill_the_table():
    result, found = ks104(
        "Du har rätt till bistånd enligt socialtjänstlagen (SoL). Enligt SoL:s regler prövar vi din ansökan.\n\n"
        "Vi har också prövat ansökan enligt LVU (lagen med särskilda bestämmelser om vård av unga). "
        "Enligt LVU ska vi utreda."
    )
    assert found == []
    table = {a["abbreviation"]: a for a in result.abbreviations}
    assert table["SoL"]["expansion"] == "socialtjänstlagen"
    assert table["SoL"]["defined_at"] == {"block": 0, "start": result.document.blocks[0].text.index("SoL")}
    assert table["SoL"]["uses"] == 1  # SoL:s, the genitive, counts as a use
    assert table["LVU"]["expansion"] == "lagen med särskilda bestämmelser om vård av unga"
    assert set(table["LVU"]) == {"abbreviation", "expansion", "defined_at", "uses"}


def test_unexplained_acronym_is_flagged_once_with_the_known_expansion():
    result, found = ks104("Du har fått plats på ett HVB. Ett HVB är ett boende med personal. HVB-hemmet ligger i Lund.")
    assert len(found) == 1
    f = found[0]
    assert f.text == "HVB" and f.location.start == result.document.blocks[0].text.index("HVB")
    assert "hem för vård eller boende (HVB)" in f.suggestions
    assert result.abbreviations[0]["defined_at"] is None and result.abbreviations[0]["uses"] == 3


def test_use_before_definition_and_two_definitions():
    text = (
        "Enligt FL ska du få veta skälen. Förvaltningslagen (FL) gäller för alla myndigheter.\n\n"
        "Föräldrabalken (FL) gäller också."
    )
    result, found = ks104(text)
    messages = [f.message for f in found]
    assert any("används innan den förklaras" in m for m in messages)
    assert any("förklaras på två olika sätt" in m for m in messages)
    assert found[0].location.start == 7  # the first "FL"


def test_heading_use_does_not_count_as_use_before_definition():
    _, found = ks104("Beslut om stöd enligt LSS\n\nLagen om stöd och service till vissa funktionshindrade (LSS) gäller dig.")
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "Ärendet har diarienummer ASN-2019-19470 och dnr SN 2020/123.",
        "Se Socialstyrelsens föreskrifter SOSFS 2014:5 och HSLF-FS 2016:85.",
        "Läs kapitel II och avsnitt IV i broschyren.",
        "Du använder 2 000 kWh el per år och skickar 5 MB bilagor.",
        "Du kan läsa mer i EU:s material och på FN:s webbplats, t.ex. i en PDF.",
        "Skriv ditt personnummer som ÅÅÅÅMMDD-XXXX i rutan.",
        "Du kan VERKLIGEN få hjälp. VIKTIGT ATT VETA OM AVGIFTEN finns längre ned.",
    ],
)
def test_never_flagged(text):
    _, found = ks104(text)
    assert found == [], [f.message for f in found]


def test_all_caps_heading_is_not_read_as_abbreviations():
    _, found = ks104("BESLUT OM BISTÅND\n\nDu får bistånd till hyran för mars.")
    assert found == []


def test_placeholders_are_skipped():
    _, found = ks104("Beslutet fattades av [HANDLÄGGARE] den {{datum}}. Ring «KONTAKTPERSON» om du har frågor.", profile="mall")
    assert found == []


def test_write_out_abbreviations_get_safe_fixes_with_capital_kept():
    _, found = ks104("P.g.a. detta avslår vi ansökan. Vi har räknat med hyran inkl. el enl. avtalet.")
    fixes = {f.text: f.fix.replacement for f in found if f.fix}
    assert fixes == {"P.g.a.": "På grund av", "inkl.": "inklusive", "enl.": "enligt"}
    assert all(f.fix.safe for f in found if f.fix)


def test_common_abbreviations_are_allowed():
    _, found = ks104("Du kan t.ex. ta med kvitton, bl.a. för hyra, dvs. allt som gäller boendet, ca 2 000 kr m.m.")
    assert found == []


def test_organisation_lexicon_adds_an_abbreviation(tmp_path):
    lexicon = tmp_path / "ordlista.yaml"
    lexicon.write_text(
        "forkortningar:\n  - {abbreviation: DUR, expansion: dagverksamhet för unga med rörelsehinder}\n",
        encoding="utf-8",
    )
    cfg = from_mapping({"lexicons": [str(lexicon)]}, root=tmp_path)
    _, found = ks104("Du har fått plats på DUR från och med mars.", config=cfg)
    assert found and "dagverksamhet för unga med rörelsehinder (DUR)" in found[0].suggestions


def test_accepted_terms_silence_an_abbreviation():
    cfg = from_mapping({"accepted-terms": ["HVB"]})
    _, found = ks104("Du har fått plats på ett HVB.", config=cfg)
    assert found == []


def test_postal_town_in_capitals_after_a_postcode_is_no_abbreviation():
    text = (
        "Anna Berg\nStorgatan 4\n731 93  NORRVIK\n\n"
        "Du har rätt till stöd enligt LSS. Vi har fått din ansökan och prövat den."
    )
    _, found = ks104(text)
    assert [f.text for f in found] == ["LSS"]  # the acronym in the body still counts


def test_parties_in_a_voting_record_and_a_minutes_reference_are_no_abbreviations():
    text = (
        "Beslut KS 200212 § 43 med särskilt yttrande. Nämnden beslutade med reservation (M), (SD) och (M+C) "
        "och särskilt yttrande (SD) och (MP). Vi har läst beslutet och tagit del av underlaget."
    )
    _, found = ks104(text, profile="utredning")
    assert found == []
    _, found = ks104("Partiet SD lämnade ett yttrande. Vi har läst det och tagit del av underlaget.", profile="utredning")
    assert [f.text for f in found] == ["SD"]  # in running text a party abbreviation still needs writing out
