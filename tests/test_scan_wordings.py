"""Standard wordings: normalisation, units and clustering keys (no NLP needed)."""

from __future__ import annotations

from klarsprak.scan import wordings
from klarsprak.scan.record import sections_status
from klarsprak.scan.wordings import direction, normalise, sentence_spans, unit_key, units_of


def test_a_template_sentence_and_its_filled_letter_share_a_key():
    template = "Sökanden har den {{ansökningsdatum}} inkommit med ansökan om bistånd för «Period» till «Förnamn Efternamn»."
    letter = "Sökanden har den 3/3 2025 inkommit med ansökan om bistånd för mars 2025 till Amina Haddad."
    assert normalise(template) == normalise(letter)
    assert unit_key(normalise(template)) == unit_key(normalise(letter))


def test_variable_parts_become_slots():
    text = (
        "Beslut i ärende SN 2025/412 den 12 mars 2025 för 19870412-1115: du får 6 450 kr. "
        "Ring Maria Holm på 070-174 06 53 eller skriv till maria.holm@norrvik.se senast 2025-04-01."
    )
    shown = wordings.without_variables(text)
    for private in ("2025/412", "12 mars", "19870412", "6 450", "Maria Holm", "070-174", "maria.holm", "2025-04-01"):
        assert private not in shown, private
    assert shown.count("…") >= 5
    assert "Beslut i ärende" in shown and "du får" in shown


def test_law_references_are_kept():
    text = "Enligt 4 kap. 1 § socialtjänstlagen (2001:453) och 4:1 SoL har du rätt till bistånd."
    norm = normalise(text)
    assert "4 kap" in norm and "1 §" in norm and "(2001:453)" in norm and "4:1 sol" in norm
    assert normalise(text.replace("4 kap. 1 §", "4 kap. 3 §")) != norm


def test_different_wordings_differ():
    assert normalise("Du har rätt att överklaga beslutet.") != normalise("Du har inte rätt att överklaga beslutet.")


def test_sentences_are_not_split_after_abbreviations():
    text = "Enligt 4 kap. 1 § SoL har du rätt till bistånd, t.ex. för hyra. Beslutet gäller från i dag."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Enligt 4 kap. 1 § SoL har du rätt till bistånd, t.ex. för hyra.",
        "Beslutet gäller från i dag.",
    ]


def test_units_cover_sentences_and_paragraphs_and_take_their_findings():
    blocks = [
        {"kind": "heading", "text": "Beslut om ekonomiskt bistånd för mars"},
        {
            "kind": "paragraph",
            "text": "Nämnden har beslutat att bevilja ansökan om ekonomiskt bistånd. "
            "Beslutet har fattats med stöd av gällande lagstiftning på området.",
        },
        {"kind": "paragraph", "text": "Med vänlig hälsning"},
    ]
    second = blocks[1]["text"].index("Beslutet")
    fattats = blocks[1]["text"].index("fattats")
    findings = [{"rule": "KS202", "block": 1, "start": fattats, "end": fattats + 7, "severity": "warning"}]
    units = units_of(blocks, findings)
    kinds = sorted(u["kind"] for u in units)
    assert kinds == ["mening", "mening", "stycke"]  # headings and short lines are not wordings
    by_kind = {(u["kind"], u["start"]): u for u in units}
    assert by_kind[("mening", second)]["findings"] == [0]
    assert by_kind[("mening", 0)]["findings"] == []
    assert by_kind[("stycke", 0)]["findings"] == [0]


def test_direction_names_the_rules_and_the_swaps():
    findings = [
        {"rule": "KS101", "text": "erhålla", "suggestions": ["få"]},
        {"rule": "KS101", "text": "föreligger", "suggestions": ["finns"]},
        {"rule": "KS202", "text": "beviljas", "suggestions": []},
    ]
    text = direction(findings)
    assert text.startswith("Byt byråkratiska ord mot vardagliga; skriv i aktiv form")
    assert "”erhålla” → ”få”" in text and "”föreligger” → ”finns”" in text
    assert direction([]) == ""


def test_structure_status_of_a_decision():
    outline = [{"role": "decision"}, {"role": "reasons"}, {"role": "appeal"}]
    findings = [{"rule": "KS406"}, {"rule": "KS409"}]
    status = sections_status("beslut", outline, findings)
    assert status["required"] == {
        "appeal": "ofullständig",
        "contact": "saknas",
        "decision": "finns",
        "legal_basis": "behövs inte",
        "reasons": "finns",
    }
    assert status["complete"] == 0.5
    assert sections_status("rapport", outline, findings) == {}
