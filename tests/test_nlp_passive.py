"""Passive verbs: the s-passive from the SUC tag minus deponents and reciprocals, and bli/vara + participle."""

from __future__ import annotations

import pytest

from klarsprak.model import Block, BlockKind, Document, Place
from klarsprak.nlp import load_backend
from klarsprak.nlp.passive import deponents, is_deponent_form, mark_passives, reciprocals


@pytest.fixture(scope="module")
def backend():
    return load_backend("embedded")


def passives(backend, text):
    block = Block(index=0, kind=BlockKind.PARAGRAPH, text=text, place=Place())
    analysis = backend.analyse(Document(path=None, format="txt", blocks=[block]))
    return [t.text for t in analysis.tokens if t.passive]


@pytest.mark.parametrize("text, verb", [
    ("Din ansökan avslås.", "avslås"),
    ("Beslutet har fattats av nämnden.", "fattats"),
    ("Ansökan blev avslagen.", "avslagen"),
    ("Ditt bistånd beviljas för januari månad.", "beviljas"),
    ("Beslutet kan överklagas hos förvaltningsrätten.", "överklagas"),
    ("Ansökan avslogs eftersom inkomsterna var för höga.", "avslogs"),
    # decision participles the tagger may not know: data/decision_participles.txt
    ("Din ansökan blev inte avvisad.", "avvisad"),
    # a date put first: the year is not a genitive's modifier
    ("Den 3 mars 2025 beviljades du ekonomiskt bistånd.", "beviljades"),
    ("I juli 2024 skickades beslutet till dig.", "skickades"),
    ("Ärendet är avskrivet sedan i maj.", "avskrivet"),
])
def test_passive_found(backend, text, verb):
    assert passives(backend, text) == [verb]


@pytest.mark.parametrize("text", [
    "Det finns pengar kvar på kontot.",
    "Vi hoppas att du hittar en bostad.",
    "Du lyckas säkert med det.",
    "Det är svårt att andas i rummet.",
    "Vi träffas på kontoret på tisdag.",
    "Det saknas underlag i ärendet.",
    "Kommunens beslut gäller från i dag.",
    "Socialtjänstens handläggare ringer dig.",
    "Du är folkbokförd i Norrviks kommun.",
])
def test_no_passive(backend, text):
    assert passives(backend, text) == []


def test_reciprocal_verb_is_passive_only_with_an_agent():
    forms = ["Sökanden", "träffas", "av", "handläggaren", "."]
    upos = ["NOUN", "VERB", "ADP", "NOUN", "PUNCT"]
    xpos = ["NN|UTR|SIN|DEF|NOM", "VB|PRS|SFO", "PP", "NN|UTR|SIN|DEF|NOM", "MAD"]
    assert mark_passives(forms, ["sökande", "träffa", "av", "handläggare", "."], upos, xpos) == [False, True, False, False, False]
    forms = ["Vi", "träffas", "på", "kontoret", "."]
    xpos = ["PN|UTR|PLU|DEF|SUB", "VB|PRS|SFO", "PP", "NN|NEU|SIN|DEF|NOM", "MAD"]
    assert mark_passives(forms, ["vi", "träffa", "på", "kontor", "."], ["PRON", "VERB", "ADP", "NOUN", "PUNCT"], xpos)[1] is False


def test_genitive_noun_mistagged_as_verb_is_not_passive():
    forms = ["Det", "är", "en", "sann", "kvinnas", "livsområde", "."]
    upos = ["PRON", "AUX", "DET", "ADJ", "VERB", "NOUN", "PUNCT"]
    xpos = ["PN|NEU|SIN|DEF|SUB/OBJ", "VB|PRS|AKT", "DT|UTR|SIN|IND", "JJ|POS|UTR|SIN|IND|NOM", "VB|PRS|SFO",
            "NN|NEU|SIN|IND|NOM", "MAD"]
    assert not any(mark_passives(forms, [f.lower() for f in forms], upos, xpos))
    # but a real passive after an adjectival subject is kept: "den unge ges stöd enligt lag"
    forms = ["Den", "unge", "ges", "enligt", "lag", "."]
    upos = ["DET", "ADJ", "VERB", "ADP", "NOUN", "PUNCT"]
    xpos = ["DT|UTR|SIN|DEF", "JJ|POS|MAS|SIN|DEF|NOM", "VB|PRS|SFO", "PP", "NN|UTR|SIN|IND|NOM", "MAD"]
    assert mark_passives(forms, ["den", "ung", "ge", "enligt", "lag", "."], upos, xpos)[2] is True


def test_attributive_participle_is_not_passive():
    forms = ["Kommunens", "beslut", "är", "ett", "fattat", "beslut"]
    upos = ["NOUN", "NOUN", "AUX", "DET", "ADJ", "NOUN"]
    xpos = ["NN|UTR|SIN|DEF|GEN", "NN|NEU|SIN|IND|NOM", "VB|PRS|AKT", "DT|NEU|SIN|IND", "PC|PRF|NEU|SIN|IND|NOM",
            "NN|NEU|SIN|IND|NOM"]
    assert not any(mark_passives(forms, [f.lower() for f in forms], upos, xpos))


def test_vara_with_participle_is_passive_and_negation_may_intervene():
    forms = ["Ansökan", "är", "inte", "beviljad"]
    upos = ["NOUN", "AUX", "PART", "ADJ"]
    xpos = ["NN|UTR|SIN|IND|NOM", "VB|PRS|AKT", "AB", "PC|PRF|UTR|SIN|IND|NOM"]
    assert mark_passives(forms, ["ansökan", "vara", "inte", "bevilja"], upos, xpos) == [False, False, False, True]


@pytest.mark.parametrize("form", ["finns", "fanns", "funnits", "hoppades", "lyckats", "andas", "minns", "trivs",
                                  "syntes", "umgicks", "slogs", "tycks", "saknades", "återfinns"])
def test_deponent_forms(form):
    assert is_deponent_form(form)


@pytest.mark.parametrize("form", ["avslås", "fattats", "beviljas", "prövas", "betalas", "fattas", "bedöms"])
def test_passive_forms_are_not_deponent(form):
    assert not is_deponent_form(form)


def test_word_lists_are_data():
    assert "finnas" in deponents()[0] and "träffas" in reciprocals()[0]


def test_noun_after_an_indefinite_article_is_not_passive():
    forms = ["En", "huvudtes", "i", "boken", "."]
    upos = ["DET", "VERB", "ADP", "NOUN", "PUNCT"]
    xpos = ["DT|UTR|SIN|IND", "VB|PRT|SFO", "PP", "NN|UTR|SIN|DEF|NOM", "MAD"]
    assert not any(mark_passives(forms, ["en", "huvudtes", "i", "bok", "."], upos, xpos))


def test_participle_genitive_is_not_passive():
    forms = ["Hon", "bär", "den", "dubbelarbetandes", "bördor", "."]
    upos = ["PRON", "VERB", "DET", "VERB", "NOUN", "PUNCT"]
    xpos = ["PN|UTR|SIN|DEF|SUB", "VB|PRS|AKT", "DT|UTR|SIN|DEF", "VB|PRT|SFO", "NN|UTR|PLU|IND|NOM", "MAD"]
    assert not any(mark_passives(forms, [f.lower() for f in forms], upos, xpos))


def test_s_form_the_tagger_read_as_active_is_passive_by_its_lemma():
    forms = ["Kvinnorna", "sugs", "ut", "i", "arbetet", "."]
    upos = ["NOUN", "VERB", "ADP", "ADP", "NOUN", "PUNCT"]
    xpos = ["NN|UTR|PLU|DEF|NOM", "VB|INF|AKT", "PL", "PP", "NN|NEU|SIN|DEF|NOM", "MAD"]
    assert mark_passives(forms, ["kvinna", "suga", "ut", "i", "arbete", "."], upos, xpos)[1] is True
    # a genitive noun whose lemma ends in -a is not a verb: "en kollegas bil"
    forms = ["Det", "är", "en", "kollegas", "bil", "."]
    upos = ["PRON", "AUX", "DET", "NOUN", "NOUN", "PUNCT"]
    xpos = ["PN|NEU|SIN|DEF|SUB/OBJ", "VB|PRS|AKT", "DT|UTR|SIN|IND", "NN|UTR|SIN|IND|GEN", "NN|UTR|SIN|IND|NOM", "MAD"]
    assert not any(mark_passives(forms, ["det", "vara", "en", "kollega", "bil", "."], upos, xpos))


def test_derived_verb_is_not_its_base_verbs_reciprocal():
    from klarsprak.nlp.passive import is_reciprocal_form

    assert is_reciprocal_form("talas")
    assert not is_reciprocal_form("återbetalas") and not is_reciprocal_form("utbetalas")


def test_year_before_a_past_passive_is_not_a_genitive_modifier():
    forms = ["1928", "uppfördes", "en", "golfbana", "."]
    upos = ["NUM", "VERB", "DET", "NOUN", "PUNCT"]
    xpos = ["RG|NOM", "VB|PRT|SFO", "DT|UTR|SIN|IND", "NN|UTR|SIN|IND|NOM", "MAD"]
    assert mark_passives(forms, ["1928", "uppföra", "en", "golfbana", "."], upos, xpos)[1] is True
    # a number before a present-tense form the tagger took for a verb is still read as a genitive: "3 barns föräldrar"
    forms = ["3", "barns", "föräldrar", "."]
    upos = ["NUM", "VERB", "NOUN", "PUNCT"]
    xpos = ["RG|NOM", "VB|PRS|SFO", "NN|UTR|PLU|IND|NOM", "MAD"]
    assert not any(mark_passives(forms, ["3", "barna", "förälder", "."], upos, xpos))
