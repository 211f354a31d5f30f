"""The tokenizer and sentence splitter of the embedded pipeline on official Swedish text."""

from __future__ import annotations

import pytest

from klarsprak.model import Block, BlockKind, Document, Place
from klarsprak.nlp import load_backend
from klarsprak.nlp.tokenizer import customize


@pytest.fixture(scope="module")
def backend():
    return load_backend("embedded")


def analyse(backend, *texts, placeholders=None):
    blocks = [Block(index=i, kind=BlockKind.PARAGRAPH, text=t, place=Place(),
                    placeholders=(placeholders or {}).get(i, [])) for i, t in enumerate(texts)]
    return backend.analyse(Document(path=None, format="txt", blocks=blocks))


def token_texts(backend, text):
    return [t.text for t in analyse(backend, text).tokens]


def sentence_texts(backend, text):
    return [s.text for s in analyse(backend, text).sentences]


@pytest.mark.parametrize("abbr", ["bl.a.", "t.ex.", "dvs.", "enl.", "resp.", "kap.", "jfr", "m.m.", "s.k.", "ca",
                                  "fr.o.m.", "p.g.a."])
def test_abbreviations_are_one_token_and_do_not_end_sentences(backend, abbr):
    text = f"Beslutet gäller {abbr} bidrag till hyra och el. Du kan överklaga."
    assert abbr in token_texts(backend, text)
    assert sentence_texts(backend, text) == [f"Beslutet gäller {abbr} bidrag till hyra och el.", "Du kan överklaga."]


@pytest.mark.parametrize("abbr", ["Enl.", "T.ex.", "Bl.a.", "Jfr"])
def test_capitalised_abbreviations_open_a_sentence(backend, abbr):
    text = f"Hyran är betald. {abbr} 4 kap. 1 § gäller det även el."
    assert abbr in token_texts(backend, text)
    assert sentence_texts(backend, text) == ["Hyran är betald.", f"{abbr} 4 kap. 1 § gäller det även el."]


def test_legal_references_stay_in_one_sentence(backend):
    text = ("Enligt 4 kap. 1 § socialtjänstlagen (2001:453) har du rätt till bistånd. "
            "Se även 2 kap. 1 § förvaltningslagen och SOSFS 2014:5.")
    tokens = token_texts(backend, text)
    for piece in ("kap.", "§", "2001:453", "2014:5", "SOSFS"):
        assert piece in tokens
    assert sentence_texts(backend, text) == [
        "Enligt 4 kap. 1 § socialtjänstlagen (2001:453) har du rätt till bistånd.",
        "Se även 2 kap. 1 § förvaltningslagen och SOSFS 2014:5.",
    ]


@pytest.mark.parametrize("text, expected", [
    ("enligt 4 kap 1§ SoL", ["enligt", "4", "kap", "1", "§", "SoL"]),
    ("enligt 1-2 §§ FL", ["enligt", "1-2", "§§", "FL"]),
    ("se 2 kap. 1 §.", ["se", "2", "kap.", "1", "§", "."]),
])
def test_paragraph_signs(backend, text, expected):
    assert token_texts(backend, text) == expected


def test_registry_numbers_dates_amounts_addresses(backend):
    text = ("Ärendet ASN-2019-19470 beslutades 2020-12-23 och gäller från 1 juli 2020. Du får 1 200 kr, "
            "alltså 40 procent. Skriv till info@kommun.se eller se https://www.kommun.se/bistand.")
    tokens = token_texts(backend, text)
    for piece in ("ASN-2019-19470", "2020-12-23", "1 200", "kr", "procent", "info@kommun.se",
                  "https://www.kommun.se/bistand", "juli", "2020"):
        assert piece in tokens, piece
    assert len(sentence_texts(backend, text)) == 3


def test_amount_with_no_break_space_is_one_token_and_offsets_are_exact(backend):
    text = "Du får 1\u00a0200\u00a0kr\tper månad."
    analysis = analyse(backend, text)
    assert [t.text for t in analysis.tokens] == ["Du", "får", "1\u00a0200", "kr", "per", "månad", "."]
    for token in analysis.tokens:
        assert text[token.start:token.end] == token.text
    assert analysis.tokens[3].ws == "\t"  # the original whitespace, not the normalised one


def test_offsets_and_whitespace_reconstruct_the_block(backend):
    texts = ["  Beslut om  ekonomiskt bistånd\u00a0enligt 4 kap. 1 § SoL.\n\nDu har rätt att överklaga. ",
             "▶ Hyra • El – Ström"]
    analysis = analyse(backend, *texts)
    for b, text in enumerate(texts):
        toks = [t for t in analysis.tokens if t.block == b]
        assert text[: toks[0].start] + "".join(t.text + t.ws for t in toks) == text
        for s in analysis.block_sentences(b):
            assert text[s.start:s.end] == s.text
            assert analysis.tokens[s.first].start == s.start and analysis.tokens[s.last - 1].end == s.end


def test_bullets_start_sentences_and_are_split_off(backend):
    text = "Du behöver skicka in ▶ kontoutdrag för tre månader ▶ hyresavtal •Lönespecifikation"
    sents = sentence_texts(backend, text)
    assert sents == ["Du behöver skicka in", "▶ kontoutdrag för tre månader", "▶ hyresavtal", "•Lönespecifikation"]
    bullets = [t for t in analyse(backend, text).tokens if t.text in ("▶", "•")]
    assert bullets and all(t.upos == "PUNCT" for t in bullets)


def test_list_items_on_lines_start_sentences(backend):
    text = "Till ansökan ska du bifoga\n– hyresavtal\n– kontoutdrag\n1) lönebesked\n2) beslut från Försäkringskassan"
    assert sentence_texts(backend, text) == [
        "Till ansökan ska du bifoga", "– hyresavtal", "– kontoutdrag", "1) lönebesked", "2) beslut från Försäkringskassan",
    ]


def test_blank_line_ends_a_sentence_and_blocks_never_share_one(backend):
    analysis = analyse(backend, "Beslut\n\nSocialnämnden avslår din ansökan", "om bistånd")
    assert [s.text for s in analysis.sentences] == ["Beslut", "Socialnämnden avslår din ansökan", "om bistånd"]
    assert [s.block for s in analysis.sentences] == [0, 0, 1]


def test_placeholders_are_one_token_and_marked(backend):
    text = "Hej «Förnamn Efternamn», din ansökan avslås. Vi fick den {{datum}}. Handläggare: [Namn]"
    start = text.index("«")
    analysis = analyse(backend, text, placeholders={0: [(start, text.index("»") + 1)]})
    marked = [t for t in analysis.tokens if t.placeholder]
    assert [t.text for t in marked] == ["«Förnamn Efternamn»", "{{datum}}", "[Namn]"]
    assert all(not t.is_word and not t.passive for t in marked)
    assert any(t.passive and t.text == "avslås" for t in analysis.tokens)


def test_tokenizer_rules_are_saved_with_the_pipeline(tmp_path):
    import spacy

    nlp = customize(spacy.blank("sv"))
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    text = "Enl. 4 kap. 1 § SoL gäller bl.a. {{namn}} och •Punkt, dnr ASN-2019-19470."
    assert [t.text for t in again(text)] == [t.text for t in nlp(text)]
    assert "Enl." in [t.text for t in again(text)] and "{{namn}}" in [t.text for t in again(text)]


def test_embedded_model_loads_with_plain_spacy_and_keeps_the_tokenizer():
    import spacy

    from klarsprak.nlp import embedded_model_dir

    nlp = spacy.load(embedded_model_dir())
    assert [t.text for t in nlp.tokenizer("enl. 4 kap. 1 § SoL")] == ["enl.", "4", "kap.", "1", "§", "SoL"]


@pytest.mark.parametrize("first, second", [
    ("Sköterskorna tog hand om barnens uppfostran.", "Samtidigt ville man skydda barnen."),
    ("'Du skall lyda din fader.'", "Ett av de viktigaste leden var en omdaning av familjen."),
    ("Vem får pension?", "Pension?"),
])
def test_a_full_stop_before_a_capital_ends_a_sentence(backend, first, second):
    assert sentence_texts(backend, f"{first} {second}") == [first, second]
