"""KS105 fackord utan förklaring and KS106 ovanliga ord."""

from __future__ import annotations

import pytest

from klarsprak import api
from klarsprak.checks.compounds import splits_into_common
from klarsprak.checks.vocabulary import glossary
from klarsprak.config import Config, from_mapping


def findings(text: str, rule: str, profile: str = "beslut", config=None):
    result = api.lint_text(text, profile=profile, config=config)
    assert not result.errors, result.errors
    return [f for f in result.findings if f.rule == rule]


# --- KS105 ------------------------------------------------------------------------------------


def test_glossary_has_the_terms_of_the_issue_with_explanations():
    terms = {e.term for e in glossary(Config())}
    for term in ("försörjningsstöd", "kommunicering", "verkställighet", "omedelbart omhändertagande", "delegat",
                 "riksnorm", "skälig levnadsnivå", "egenförsörjning", "återkrav", "förvaltningsrätt",
                 "bistånd enligt 4 kap. 1 §"):
        assert term in terms
    assert all(e.explanation for e in glossary(Config()))


def test_unexplained_term_is_flagged_at_first_body_use_with_the_glossary_explanation():
    found = findings(
        "Beslut om försörjningsstöd\n\nDu har ansökt om försörjningsstödet för mars. Vi beviljar försörjningsstöd.",
        "KS105",
    )
    assert len(found) == 1
    assert found[0].text == "försörjningsstödet"  # inflected form, in the body (not the heading)
    assert "pengar till det du behöver för att leva" in found[0].suggestions[0]


@pytest.mark.parametrize(
    "text",
    [
        "Du har ansökt om försörjningsstöd, det vill säga pengar till mat och hyra.",
        "Du har ansökt om försörjningsstöd (pengar till mat, kläder och hyra).",
        "Du har ansökt om pengar till mat och hyra, så kallat försörjningsstöd.",
        "Försörjningsstöd är pengar till mat och hyra. Du har ansökt om det.",
        "Innan vi beslutar sker kommunicering – alltså att du får läsa utredningen.",
        "Vi har räknat med riksnormen. Det är en summa som regeringen bestämmer.",
        "Med verkställighet menas att beslutet genomförs.",
        "Om du inte är nöjd kan du överklaga beslutet till förvaltningsrätten.",
        "Om du har frågor kan du kontakta din handläggare.",
    ],
)
def test_an_explanation_silences_the_rule(text):
    assert findings(text, "KS105") == []


def test_an_everyday_job_title_is_not_jargon():
    # KS105's description: titles the reader meets in every letter need no explanation.
    assert findings("En handläggare kommer att utreda din ansökan. Handläggaren ringer dig.", "KS105") == []


def test_multiword_and_legal_terms():
    found = findings(
        "Nämnden beslutade om ett omedelbart omhändertagande. Du har rätt till bistånd enligt 4 kap. 1 § SoL.",
        "KS105",
    )
    assert len(found) == 2
    assert found[0].text == "omedelbart omhändertagande"
    assert found[1].text == "bistånd enligt 4 kap. 1 § SoL"  # one finding, not one for "bistånd" too


def test_term_inside_its_own_parentheses_after_the_explanation():
    assert findings("Du får pengar till mat och hyra (försörjningsstöd) varje månad.", "KS105") == []


def test_rapport_profile_is_not_judged():
    assert findings("Kostnaderna för försörjningsstöd ökade under året.", "KS105", profile="rapport") == []


def test_organisation_glossary_and_accepted_terms(tmp_path):
    lexicon = tmp_path / "fackord.yaml"
    lexicon.write_text(
        "fackord:\n  - term: insatsbeslut\n    explanation: beslut om vilken hjälp du får\n", encoding="utf-8"
    )
    cfg = from_mapping({"lexicons": [str(lexicon)], "accepted-terms": ["delegat"]}, root=tmp_path)
    found = findings("Du har fått ett insatsbeslut av en delegat.", "KS105", config=cfg)
    assert [f.text for f in found] == ["insatsbeslut"]
    assert "beslut om vilken hjälp du får" in found[0].suggestions[0]


# --- KS106 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["beslutsvägar", "uppväxtvillkoren", "barnavårdsutredning", "hyreskostnader",
                                  "budgetavvikelsen", "nybesök", "textmallarna", "utredningssekreterarna"])
def test_compounds_of_common_words_split(word):
    assert splits_into_common(word, 3.0)


@pytest.mark.parametrize("word", ["ansökkan", "handäggare", "rådighet", "anmodar", "likställighet", "jämväl"])
def test_words_that_are_no_compounds_do_not_split(word):
    assert not splits_into_common(word, 3.0)


def test_rare_word_is_flagged_once_per_word():
    found = findings("Nämnden har rådighet över frågan. Rådigheten gäller även nästa år.", "KS106")
    assert [f.text for f in found] == ["rådighet"]
    assert found[0].severity.value == "info"


@pytest.mark.parametrize(
    "text",
    [
        "Vi har granskat beslutsvägarna och uppväxtvillkoren i kommunen.",  # compounds of common words
        "Enligt SoL ska Anna Lindqvist i Örkelljunga kontakta dig.",  # abbreviation, names
        "Du har ansökt om försörjningsstöd och kommunicering sker i mars.",  # glossary terms
        "Vi har tagit emot din ansökkan.",  # a typo is KS501's
        "Du ska inkomma med kontoutdrag.",  # in another rule's word list (KS101)
    ],
)
def test_not_rare(text):
    assert findings(text, "KS106") == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Hyran står på hyresavin som du får varje månad.",  # an everyday word of the letters (fackord.yaml common)
        "Vi betalar ut pengarna månatligen.",  # an adverb read through its adjective: månatlig
        "De vidtagna åtgärderna räcker inte.",  # a participle read through its verb: vidta(ga)
        "Arbetsgivaren kan få sanktionsavgifter.",  # a compound part as common as its plural: sanktioner
    ],
)
def test_everyday_words_of_plain_language_letters_are_not_rare(text):
    assert findings(text, "KS106") == [], text


def test_rare_words_are_still_rare_through_their_bases():
    assert [f.text for f in findings("Vi gör en avräkning mot din skuld.", "KS106")] == ["avräkning"]
    assert [f.text for f in findings("Nämnden har rådighet över frågan.", "KS106")] == ["rådighet"]


LETTERHEAD = (
    "Norrviks kommun\nIndivid- och familjeomsorgen, enheten för försörjningsstöd\n\n"
    "Datum: 3 april 2025\nDiarienummer: 2025/533\n\nBeslut om bistånd\n\n"
)


def test_a_unit_name_in_the_letterhead_is_not_the_first_use_of_a_term():
    found = findings(LETTERHEAD + "Du har ansökt om försörjningsstöd för april. Vi har prövat din ansökan.", "KS105")
    assert [f.text for f in found] == ["försörjningsstöd"]
    assert found[0].location.line > 3  # the body sentence, not the unit name


def test_a_letterhead_unit_name_alone_is_not_flagged():
    found = findings(LETTERHEAD + "Vi har prövat din ansökan om pengar till hyra och beviljar den i sin helhet.", "KS105")
    assert found == []


def test_remembered_rare_word_verdicts_are_kept_apart_per_word_list(tmp_path, monkeypatch):
    """KS106 verdicts are cached on disk by word; the known words (glossary, word lists, the
    organisation's lexicons) decide them too, so a list edit must not reuse an old verdict."""
    from klarsprak.checks import spelling_cache

    monkeypatch.setenv("KLARSPRAK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(spelling_cache, "_rare", {})
    text = "Nämnden har rådighet över frågan."
    assert [f.text for f in findings(text, "KS106")] == ["rådighet"]
    before = set(spelling_cache._rare)
    lexicon = tmp_path / "ord.yaml"
    lexicon.write_text("fackord:\n  - term: förfoganderätt\n    explanation: rätt att bestämma\n", encoding="utf-8")
    cfg = from_mapping({"lexicons": [str(lexicon)]}, root=tmp_path)
    findings(text, "KS106", config=cfg)
    after = set(spelling_cache._rare) - before
    assert any(k.endswith("rådighet|rådighet") for k in after), "the edited list was judged from the old verdicts"
