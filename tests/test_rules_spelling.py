"""KS501 stavning: the shipped Hunspell dictionary, its fast loader, suggestions and the verdict cache."""

from __future__ import annotations

import json
import os
import re
import stat

import pytest
from spylls.hunspell import Dictionary

from klarsprak import api
from klarsprak.checks import spelling_cache
from klarsprak.checks.speller import Speller, dictionary_base, speller
from klarsprak.checks.spelling_suggest import edits1, suggest
from klarsprak.config import from_mapping

SAMPLE = (
    "försörjningsstöd socialnämnden ansökan ansökningar beviljas avslogs handläggaren kommunicering "
    "verkställighet barnavårdsutredningen uppväxtvillkoren matrisorganisationen Malmö Ansökan ANSÖKAN "
    "e-post mejl epost ansökkan igentligen handäggaren kommuniceing beslutt tyvär iallafall hemlösheten "
    "egentligen överklaga överklagandet jämväl därvidlag sambo samboende"
).split()


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Every test gets its own (empty) verdict cache on disk."""
    monkeypatch.setenv("KLARSPRAK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(spelling_cache, "_verdicts", None)
    monkeypatch.setattr(spelling_cache, "_suggestions", {})
    monkeypatch.setattr(spelling_cache, "_rare", {})
    monkeypatch.setattr(spelling_cache, "_dirty", False)
    monkeypatch.setattr(spelling_cache, "_last_save", None)
    yield
    spelling_cache.save(force=True)  # flush into this test's folder, never into the user's cache


def ks501(text: str, profile: str = "beslut", config=None):
    result = api.lint_text(text, profile=profile, config=config)
    assert not result.errors, result.errors
    return [f for f in result.findings if f.rule == "KS501"]


def test_dictionary_and_licence_ship_inside_the_package():
    base = dictionary_base()
    assert base.with_suffix(".aff").is_file() and base.with_suffix(".dic").is_file()
    licence = (base.parent / "LICENSE").read_text(encoding="utf-8")
    assert "LGPL" in licence and "Göran Andersson" in licence
    assert (base.parent / "COPYING.LESSER").is_file()


def test_fast_loader_agrees_with_spylls_own_reader(corpora):
    """Same verdicts as spylls' reader, on the sample and on 300 word types of the evaluation texts."""
    words = set(SAMPLE)
    for path in sorted((corpora / "eval").glob("*.txt")):
        words |= set(re.findall(r"[A-Za-zÅÄÖåäöé]+(?:-[a-zåäö]+)?", path.read_text(encoding="utf-8")))
    # not all-caps words: spylls' reader indexes lower-case stems by their single letters (a bug), so it
    # accepts "KS" as "k" + "s"; the rules never spell-check all-caps words anyway
    words = {w for w in words if not w.isupper()}
    sample = sorted(words)[:: max(1, len(words) // 300)]
    stock = Dictionary.from_files(str(dictionary_base()))
    fast = Speller(dictionary_base())
    disagreements = [w for w in sample if fast.known(w) != stock.lookup(w)]
    assert disagreements == []
    assert any(not fast.known(w) for w in sample) and sum(fast.known(w) for w in sample) > 200


def test_all_caps_lookup_uses_real_stems_only():
    assert not Speller(dictionary_base()).known("KS")
    assert speller().known("ANSÖKAN")


def test_known_words_and_typos():
    sp = speller()
    assert sp.known("försörjningsstödet") and sp.known("barnavårdsutredningen")
    assert not sp.known("ansökkan") and not sp.known("igentligen")
    assert sp.stems("diarieförda") == ["diarieföra"]


def test_fast_suggestions_fix_one_edit_also_inside_compounds():
    sp = speller()
    assert suggest("ansökkan", sp.known)[0] == "ansökan"
    assert suggest("igentligen", sp.known)[0] == "egentligen"
    assert suggest("handlägningsprocessen", sp.known)[0] == "handläggningsprocessen"
    assert suggest("målpuppfyllelse", sp.known)[0] == "måluppfyllelse"
    assert "ansökan" in edits1("ansökkan")


def test_a_doubled_or_undoubled_letter_is_the_first_suggestion():
    # the commonest Swedish typo comes first, even before a more frequent word one other edit away
    sp = speller()
    assert suggest("timavlönning", sp.known)[0] == "timavlöning"  # not "timavlösning"
    assert suggest("succesivt", sp.known)[0] == "successivt"


def test_spylls_suggestions_stop_at_their_deadline():
    found, complete = speller().suggest("kommuniceingsprocessen", timeout=0.0)
    assert not complete and found == []


def test_typos_are_flagged_with_suggestions():
    found = ks501("Vi har tagit emot din ansökkan. Handäggaren ringer dig igentligen i morgon.")
    assert [f.text for f in found] == ["ansökkan", "Handäggaren", "igentligen"]
    assert found[0].suggestions[0] == "ansökan"
    assert found[1].suggestions[0] == "Handläggaren"  # the capital is kept
    assert "Menar du ”ansökan”?" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Enligt SoL och LSS:s regler ska HVB-hemmet i Örkelljunga kontakta Ahmed Yilmaz.",  # names, abbreviations
        "Skicka e-post till socialtjanst@vasteras.se eller läs på www.vasteras.se/stod.",  # addresses
        "Vi har granskat matrisorganisationen, uppväxtvillkoren och barnavårdsutredningarna.",  # compounds
        "Arbetsmarknads- och socialnämnden betalar ut pengarna.",  # elided compound
        "Beslutet fattades av [Handläggarens namn] den {{datum}}.",  # placeholders
        "Beslutet gäller per capsulam och ad hoc.",  # Latin: KS107's business
        "Du får kommunicering och försörjningsstöd enligt riksnormen.",  # glossary
        "Vi har räknat med 4 500 kr/mån och 2 000 kWh.",  # numbers and units
    ],
)
def test_never_flagged(text):
    assert ks501(text, profile="mall") == [], text


def test_accepted_terms_and_lexicon_words_are_known(tmp_path):
    lexicon = tmp_path / "ord.yaml"
    lexicon.write_text("rule: KS101\nentries:\n  - match: insatsbeslutz\n    suggest: [beslut]\n", encoding="utf-8")
    cfg = from_mapping({"accepted-terms": ["ansökkan"], "lexicons": [str(lexicon)]}, root=tmp_path)
    assert ks501("Din ansökkan och ditt insatsbeslutz är klara.", config=cfg) == []


def test_known_words_follow_an_edited_lexicon_and_the_accepted_terms(tmp_path):
    """The known words are built once per config; an edited lexicon file or other accepted terms count."""
    lexicon = tmp_path / "ord.yaml"
    lexicon.write_text("rule: KS101\nentries:\n  - match: insatsbeslutz\n    suggest: [beslut]\n", encoding="utf-8")
    cfg = from_mapping({"lexicons": [str(lexicon)]}, root=tmp_path)
    text = "Din ansökkan och ditt insatsbeslutz är klara."
    assert [f.text for f in ks501(text, config=cfg)] == ["ansökkan"]
    assert [f.text for f in ks501(text, config=cfg)] == ["ansökkan"]  # the cached set, same verdicts
    lexicon.write_text("rule: KS101\nentries:\n  - match: ansökkan\n    suggest: [ansökan]\n", encoding="utf-8")
    os.utime(lexicon, ns=(lexicon.stat().st_atime_ns, lexicon.stat().st_mtime_ns + 1_000_000_000))
    assert [f.text for f in ks501(text, config=cfg)] == ["insatsbeslutz"]
    other = from_mapping({"lexicons": [str(lexicon)], "accepted-terms": ["insatsbeslutz"]}, root=tmp_path)
    assert ks501(text, config=other) == []


def test_verdicts_are_cached_on_disk_with_user_only_permissions():
    ks501("Vi har tagit emot din ansökkan och handläggarens utredning.")
    spelling_cache.save(force=True)  # what the exit hook does (in a batch, saves are a few seconds apart)
    folder = spelling_cache.cache_dir()
    files = list(folder.glob("stavning-*.json"))
    assert len(files) == 1
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data["verdicts"]["ansökkan"] is False
    assert data["suggestions"]["ansökkan"][0] == "ansökan"
    assert not list(folder.glob(".stavning-*"))  # no temporary file left behind


def test_a_broken_cache_file_is_ignored(tmp_path):
    folder = spelling_cache.cache_dir()
    folder.mkdir(parents=True)
    spelling_cache._path().write_text("{ inte json", encoding="utf-8")
    assert [f.text for f in ks501("Vi har tagit emot din ansökkan.")] == ["ansökkan"]


def test_an_unwritable_cache_folder_does_not_stop_the_check(tmp_path, monkeypatch):
    blocker = tmp_path / "fil"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KLARSPRAK_CACHE_DIR", str(blocker / "cache"))  # a folder inside a file
    assert [f.text for f in ks501("Vi har tagit emot din ansökkan.")] == ["ansökkan"]


def test_a_compound_whose_first_part_is_itself_a_compound_is_spelled_right():
    from klarsprak.checks.spelling import _dictionary_verdict

    assert _dictionary_verdict("årshjulskalendern")  # års|hjul + s + kalendern
    assert not _dictionary_verdict("avvikelshanteringssystem")  # a letter missing is still a typo


def test_a_rare_real_tail_after_a_long_dictionary_word_is_a_compound():
    from klarsprak.checks.spelling import _dictionary_verdict

    assert _dictionary_verdict("försörjningsstödtagare")  # försörjningsstöd + tagare ("tagare" is rare alone)
    assert _dictionary_verdict("försörjningsstödtagarna")
    assert not _dictionary_verdict("försörjningsstödtagere")  # a typo in the tail
    assert not _dictionary_verdict("försörjnigsstödtagare")  # a typo in the head


@pytest.mark.parametrize("word", ["sammanordnandet", "sammanordnades", "prognosticerades", "årshjulskalender"])
def test_regular_forms_of_known_verbs_and_spelling_variants_are_spelled_right(word):
    from klarsprak.checks.spelling import _dictionary_verdict

    assert _dictionary_verdict(word)


@pytest.mark.parametrize("word", ["förladdade", "förladdad", "förladdat", "förbetalda"])
def test_forms_of_common_verbs_with_the_prefix_for_are_spelled_right(word):
    from klarsprak.checks.spelling import _dictionary_verdict

    assert _dictionary_verdict(word)


@pytest.mark.parametrize("word", ["förladdde", "förlladdade", "förbetlada"])
def test_a_typo_after_the_prefix_for_is_still_a_typo(word):
    from klarsprak.checks.spelling import _dictionary_verdict

    assert not _dictionary_verdict(word)


@pytest.mark.parametrize("word", ["utreddade", "tillsättade", "handlägade", "kriticerade", "organicera"])
def test_wrong_verb_forms_and_c_for_s_are_still_typos(word):
    from klarsprak.checks.spelling import _dictionary_verdict

    assert not _dictionary_verdict(word)


def test_verb_forms_in_running_text_are_not_flagged():
    text = ("Intäkterna prognosticerades lågt. Sammanordnandet av utvärdering och uppföljning står i "
            "årshjulskalendern.")
    assert ks501(text) == []
