"""Standard wordings: sentences and paragraphs that recur across documents.

Each document's running text is cut into units (a sentence, and a paragraph of two sentences or
more). A unit is normalised so that what a template fills in does not count: placeholders, names,
dates, amounts, case numbers, personnummer, phone numbers, e-mail addresses and other numbers all
become one slot ("…"); case and spacing are folded. Units with the same normalised text form a
cluster. Exact matching after normalisation is deliberate: it is deterministic, needs no tuning,
and a template's letter differs from its template exactly in the filled-in parts.

Clusters are ranked by impact = documents carrying the wording × findings inside it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

SLOT = "…"
MIN_WORDS = 6  # shorter sentences ("Med vänlig hälsning") recur everywhere and say nothing
MIN_PARAGRAPH_SENTENCES = 2

_UPPER = "A-ZÅÄÖÉÜ"
_LOWER = "a-zåäöéü"
_MONTHS = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)

# Order matters: the most specific patterns first, so a personnummer is not read as two numbers.
_VARIABLE = [
    r"«[^«»\n]{1,80}»",
    r"\{\{[^{}\n]{1,80}\}\}",
    r"\[[^\[\]\n]{1,80}\]",
    r"\$[A-Za-zÅÄÖåäö_][A-Za-zÅÄÖåäö0-9_]{0,60}\$",
    r"<<[^<>\n]{1,80}>>",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
    r"\b(?:19|20)?\d{6}[-+ ]?\d{4}\b",  # personnummer / samordningsnummer
    r"\b(?:dnr|diarienr|diarienummer|ärendenr|ärendenummer)\.?:?\s*[\w ]{0,12}?\d+[/-]\d+(?:[/-]\d+)?",
    r"(?-i:\b[" + _UPPER + r"]{1,5}[ -]?\d{2,4}[/-]\d{1,6}(?:[/-]\d+)?\b)",  # SN 2025/412, IFO-2025-17
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b(?:den\s+)?\d{1,2}(?::e|:a)?\s+(?:" + _MONTHS + r")\.?(?:\s+\d{4})?\b",
    r"\b(?:" + _MONTHS + r")\s+(?:månad\s+)?\d{4}\b",
    r"\b\d{1,2}/\d{1,2}(?:\s+\d{4}|-\d{2,4})?\b",
    r"\b\d[\d  .]*(?:,\d+)?\s*(?:kr|kronor|sek|:-)(?![" + _LOWER + r"])",
    r"(?:\+46|\b0)\d{1,3}[- ]?\d{2,3}[ -]?\d{2}[ -]?\d{2}\b",  # phone
]
# Law references are part of a standard wording, not filled in: keep their numbers.
_LAW_NUMBER = re.compile(r"\d+\s*(?:kap\.?|§)|§+\s*\d+|\d+:\d+(?=\s+[" + _UPPER + r"])|\(\d{4}:\d+\)")
_VARIABLE_RX = re.compile("|".join(f"(?:{p})" for p in _VARIABLE), re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
# Two or more capitalised words in a row: a person's name ("Maria Holm", "Amina Haddad").
_NAME_WORD = r"[" + _UPPER + r"][" + _LOWER + r"]{2,}(?:-[" + _UPPER + r"][" + _LOWER + r"]+)?"
_NAME = re.compile(r"\b" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")+")  # not "Om Du": "Du" is too short
_SPACE = re.compile(r"\s+")
_SLOTS = re.compile(r"…(?:[\s,.;:–-]*…)+")
_WORD = re.compile(r"[" + _LOWER + r"]{2,}", re.IGNORECASE)

# Sentence ends: ., ! or ? followed by space and a capital letter, digit or quote.
_END = re.compile(r"[.!?]+[”\"»)]?\s+(?=[" + _UPPER + r"0-9“\"«(–-])")
_INITIAL = re.compile(r"[" + _UPPER + r"]\.")


def normalise(text: str, placeholders: list[tuple[int, int]] | None = None) -> str:
    """The form two occurrences of a standard wording share: variable parts as one slot, case folded."""
    return without_variables(text, placeholders).casefold()


def without_variables(text: str, placeholders: list[tuple[int, int]] | None = None) -> str:
    """The text with every variable part (placeholder, name, date, amount, number ...) as "…".

    This is also the form the reports show, so a wording never shows a person's data."""
    if placeholders:
        text = _blank_spans(text, placeholders)
    text = unicodedata.normalize("NFC", text)
    text = _VARIABLE_RX.sub(SLOT, text)
    text = _NAME.sub(SLOT, text)
    text = _replace_numbers(text)
    text = _SLOTS.sub(SLOT, text)
    return _SPACE.sub(" ", text).strip()


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(SLOT)
        last = end
    out.append(text[last:])
    return "".join(out)


def _replace_numbers(text: str) -> str:
    kept = [m.span() for m in _LAW_NUMBER.finditer(text)]

    def swap(m: re.Match[str]) -> str:
        if any(s <= m.start() < e for s, e in kept):
            return m.group(0)
        return SLOT

    return _NUMBER.sub(swap, text)


def unit_key(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:20]


def content_words(normalised: str) -> int:
    return len(_WORD.findall(normalised.replace(SLOT, " ")))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a paragraph as ``[start, end)`` offsets; never splits after an abbreviation."""
    from klarsprak.nlp.sentences import is_abbreviation

    spans, start = [], 0
    for m in _END.finditer(text):
        head = text[start : m.start() + 1]
        last_word = head.split()[-1] if head.split() else ""
        if m.group(0).startswith(".") and (is_abbreviation(last_word) or _INITIAL.fullmatch(last_word)):
            continue
        end = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
        spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def units_of(blocks: list[dict], findings: list[dict]) -> list[dict]:
    """The wording units of a document (a record's ``blocks`` and ``findings``), in text order.

    Each unit: ``key`` (hash of the normalised text), ``kind`` (mening|stycke), ``block``,
    ``start``, ``end``, ``display`` (the text with its variable parts as "…") and ``findings``
    (indices into ``findings``)."""
    by_block: dict[int, list[int]] = {}
    for i, f in enumerate(findings):
        if f["block"] >= 0:
            by_block.setdefault(f["block"], []).append(i)
    units: list[dict] = []
    for b, block in enumerate(blocks):
        if block["kind"] not in ("paragraph", "list_item", "table_cell", "footnote", "endnote"):
            continue
        text = block["text"]
        spans = sentence_spans(text)
        holes = [tuple(p) for p in block.get("placeholders", [])]
        candidates = [("mening", s, e) for s, e in spans]
        if len(spans) >= MIN_PARAGRAPH_SENTENCES:
            candidates.append(("stycke", spans[0][0], spans[-1][1]))
        for kind, start, end in candidates:
            inner = [(max(s, start) - start, min(e, end) - start) for s, e in holes if s < end and start < e]
            display = without_variables(text[start:end], inner)
            norm = display.casefold()
            if content_words(norm) < MIN_WORDS:
                continue
            hits = [i for i in by_block.get(b, []) if findings[i]["start"] < end and start < findings[i]["end"]]
            units.append(
                {
                    "key": unit_key(norm),
                    "kind": kind,
                    "block": b,
                    "start": start,
                    "end": end,
                    "display": display,
                    "findings": hits,
                }
            )
    return units


# --- suggested directions -------------------------------------------------------------------------

# What to do about a wording, per rule: the first words of a rewriting brief (Swedish, for users).
DIRECTIONS = {
    "KS101": "byt byråkratiska ord mot vardagliga",
    "KS102": "byt ålderdomliga ord mot moderna",
    "KS103": "ersätt långa prepositionsuttryck med ett ord (om, för, efter)",
    "KS104": "skriv ut förkortningarna",
    "KS105": "förklara fackorden eller byt mot vardagliga ord",
    "KS106": "byt ovanliga ord mot vanligare",
    "KS107": "byt latinska och främmande uttryck mot svenska",
    "KS108": "byt modeord mot konkreta ord",
    "KS201": "dela upp i kortare meningar",
    "KS202": "skriv i aktiv form och säg vem som gör något",
    "KS203": "skriv i aktiv form",
    "KS204": "skriv med verb i stället för substantiv",
    "KS205": "sätt subjekt och verb tidigt i meningen",
    "KS206": "dela eller förklara de långa orden",
    "KS207": "skriv hela meningar",
    "KS208": "skriv positivt i stället för dubbel negation",
    "KS301": "skriv du till mottagaren",
    "KS302": "skriv vi om myndigheten",
    "KS303": "skriv du med liten bokstav",
    "KS401": "börja med beslutet",
    "KS402": "gör beslutsmeningen fullständig: vem beslutar vad",
    "KS403": "motivera beslutet med omständigheterna i ärendet",
    "KS404": "ge skäl för varje beslut",
    "KS405": "skriv ut lagens namn och paragraf",
    "KS406": "ge fullständig information om hur man överklagar",
    "KS407": "ersätt allmän lagtext med vad lagen betyder i just detta ärende",
    "KS408": "skriv rubriker som säger vad avsnittet handlar om",
    "KS409": "ange kontaktperson och beslutsfattare",
    "KS501": "rätta stavningen",
    "KS502": "använd samma ord för samma sak",
    "KS503": "rätta typografin",
    "KS601": "ta bort personuppgifter ur mallen",
    "KS602": "fyll i platshållarna",
}


def direction(findings: list[dict]) -> str:
    """A suggested direction for rewriting a wording, from the findings inside it (Swedish)."""
    if not findings:
        return ""
    rules = Counter(f["rule"] for f in findings)
    steps = [DIRECTIONS.get(rule, f"se regel {rule}") for rule, _ in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))]
    steps = list(dict.fromkeys(steps))[:3]
    swaps = []
    for f in findings:
        if f.get("suggestions") and f.get("text"):
            swap = f"”{f['text']}” → ”{f['suggestions'][0]}”"
            if swap not in swaps:
                swaps.append(swap)
    text = "; ".join(steps)
    text = text[0].upper() + text[1:]
    if swaps:
        text += " (" + ", ".join(swaps[:4]) + ")"
    return text + "."
