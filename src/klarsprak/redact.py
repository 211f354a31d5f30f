"""``--redact``: mask personal data in a report before any formatter sees it (reports uploaded to CI).

Masked: personnummer and samordningsnummer, phone numbers, e-mail addresses, street addresses,
"Box" addresses, postcodes with their town, and the names of persons. Names come from the NLP
pipeline (runs of proper nouns the tagger found, kept by the engine in
``Document.meta["proper_nouns"]``) and from the places decisions put them (after "Handläggare",
"Hej", a closing "Med vänlig hälsning", before ", socialsekreterare" or "har beslutat"). Once a
name is known, each part of it is masked wherever it occurs, in every document of the report.

Masking keeps the length of the text (each character becomes :data:`MASK`), so every offset,
line and column in the report still points at the right place and the context lines of the text
format stay aligned. It is one transformation of the :class:`Report`: the formatters are not
touched, so a new format is covered too. File paths are not masked.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Iterable

from klarsprak.findings import DocumentResult, Finding, Fix, Report
from klarsprak.model import Document

MASK = "█"

_UPPER = "A-ZÅÄÖÆØÉÈÜÁÍÓÚÇ"
_LOWER = "a-zåäöæøéèüáíóúçñ'’"
_NAME_WORD = f"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_NAME = f"{_NAME_WORD}(?:[ \\t]+{_NAME_WORD}){{0,3}}"

# A date part YYMMDD with day+60 allowed (samordningsnummer), then a four-digit serial number.
_PNR_DATE = r"(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
PERSONNUMMER = re.compile(rf"(?<![\w+-]){_PNR_DATE}[ \t]?[-+]?[ \t]?\d{{4}}(?![\w-])")
PHONE = re.compile(r"(?<![\w+/.,:-])(?:\+\d{1,3}[ \t-]?(?:\(0\)[ \t]?)?\d|0\d)(?:[ \t-]?\d){5,11}(?![\w/-])")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_STREET_SUFFIX = (
    "gatan|gata|vägen|väg|stigen|stig|gränd|gränden|allé|allén|torget|torg|backen|backe|plan|leden|"
    "stråket|gången|platsen|esplanaden|kajen|ringen|slingan|höjden|liden|bron|parken|tået|hagen|vägen"
)
STREET = re.compile(
    rf"(?<![\w])(?:{_NAME_WORD}[ \t]+)?[{_UPPER}][{_LOWER}]*(?:{_STREET_SUFFIX})[ \t]+\d{{1,4}}"
    rf"(?:[ \t]?[A-Za-z](?![\w]))?(?:,?[ \t]*(?:lgh|lägenhet)\.?[ \t]*\d{{3,5}})?"
)
BOX = re.compile(r"(?<![\w])(?:Box|Pl|Postbox)[ \t]+\d{1,6}(?![\w])")
POSTCODE = re.compile(rf"(?<![\w-])(?:SE-?[ \t]?)?\d{{3}}[ \t]?\d{{2}}(?![\d])(?:[ \t]+[{_UPPER}][\w{_LOWER}-]*(?:[ \t]+[{_UPPER}][\w{_LOWER}-]*)?)")
CARE_OF = re.compile(rf"(?<![\w])c/o[ \t]+{_NAME}")
PATTERNS = (PERSONNUMMER, EMAIL, STREET, BOX, POSTCODE, CARE_OF, PHONE)

# Where decisions put a person's name.
_BEFORE = (
    r"(?:[Hh]andläggare|[Bb]eslutsfattare|[Ff]öredragande|[Kk]ontaktperson|[Ss]ocialsekreterare|"
    r"[Nn]amn|[Ss]ökande|[Mm]ottagare|[Hh]ej|[Kk]ära|[Uu]nderskrift|[Bb]arnets namn|[Vv]årdnadshavare)"
)
_GREETING = r"(?:[Mm]ed vänlig(?:a)? hälsning(?:ar)?|[Vv]änliga hälsningar|[Hh]älsningar)"
_ROLE_AFTER = (
    r"(?:socialsekreterare|handläggare|biståndshandläggare|enhetschef|avdelningschef|förvaltningschef|"
    r"ordförande|sekreterare|jurist|utredare|kurator|chef|har beslutat|beslutade|fattade beslutet)"
)
_CUES = (
    re.compile(rf"{_BEFORE}[ \t]*:?[ \t]*(?:\n[ \t]*){{0,2}}(?P<name>{_NAME})"),
    re.compile(rf"{_GREETING}[,!]?\s+(?P<name>{_NAME})"),
    re.compile(rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}}),?[ \t]+{_ROLE_AFTER}\b"),
    # The recipient's address block: a name line right above a personnummer or a street address.
    re.compile(rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}})\s+(?:Personnummer|Pnr|Person-?nr|Samordningsnummer)\b"),
    re.compile(rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}})[ \t]*\n[ \t]*(?:{_NAME_WORD}[ \t]+)?[{_UPPER}][{_LOWER}]*(?:{_STREET_SUFFIX})[ \t]+\d"),
)

# Capitalised words that are not names: organisations, places we keep, words at the start of lines.
_NOT_NAME_ENDINGS = (
    "kommun", "kommuns", "nämnden", "nämnd", "förvaltningen", "förvaltning", "myndigheten", "verket",
    "styrelsen", "kassan", "rätten", "domstol", "domstolen", "regionen", "region", "län", "landsting",
    "stad", "staden", "enheten", "kontoret", "centrum", "skolan", "förskolan", "sjukhuset",
    "vårdcentral", "vårdcentralen", "departementet", "inspektionen", "ombudsmannen", "akademin",
    "universitet", "universitetet", "högskolan", "bolaget", "stiftelsen", "föreningen", "kyrkan",
)
_NOT_NAME_ENDINGS = _NOT_NAME_ENDINGS + tuple(e + "s" for e in _NOT_NAME_ENDINGS) + (
    "förmedlingen", "förmedlingens", "avdelningen", "avdelningens", "kommuner", "kommuners", "partiet",
)
_TITLES = (
    "chef", "direktör", "sekreterare", "handläggare", "ordförande", "samordnare", "strateg", "controller",
    "assistent", "jurist", "utredare", "kurator", "rektor", "ombud", "notarie", "domare",
)
_NOT_NAMES = frozenset(
    """du dig din ditt dina ni er ert era vi oss vår vårt jag mig han hon hen den det de dem om enligt
    sverige norge danmark finland eu fn sida telefon box diarienummer personnummer postadress adress
    datum skriv beslut ärende ärendet sökanden sökande handläggare socialsekreterare med vänlig
    vänliga hälsning hälsningar hej kära till från och""".split()
)


class Redactor:
    """Masks personal data in strings; knows the names found in the documents it was built from."""

    def __init__(self, names: Iterable[str] = ()):
        parts = sorted({p for name in names for p in re.split(r"[ \t\n-]+", name) if len(p) >= 2}, key=lambda p: (-len(p), p))
        self.names = parts
        self._names_re = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, parts)) + r")(?![\w])") if parts else None

    @classmethod
    def for_report(cls, report: Report) -> "Redactor":
        names: set[str] = set()
        for result in report.documents:
            if isinstance(result.document, Document):
                names |= person_names(result.document)
        return cls(names)

    def spans(self, text: str) -> list[tuple[int, int]]:
        found = [m.span() for pattern in PATTERNS for m in pattern.finditer(text)]
        if self._names_re is not None:
            found += [m.span() for m in self._names_re.finditer(text)]
        return found

    def mask(self, text: str | None) -> str | None:
        if not text:
            return text
        chars = None
        for start, end in self.spans(text):
            if chars is None:
                chars = list(text)
            for i in range(start, end):
                if not chars[i].isspace():
                    chars[i] = MASK
        return text if chars is None else "".join(chars)

    def mask_data(self, value):
        """Every string inside dicts, lists and tuples masked (outline, abbreviations, baseline data)."""
        if isinstance(value, str):
            return self.mask(value)
        if isinstance(value, dict):
            return {k: self.mask_data(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self.mask_data(v) for v in value)
        return value

    # --- the report ------------------------------------------------------------------------------
    def finding(self, f: Finding) -> Finding:
        fix = None if f.fix is None else Fix(self.mask(f.fix.replacement), f.fix.safe)
        return dataclasses.replace(
            f, message=self.mask(f.message), text=self.mask(f.text), sentence=self.mask(f.sentence),
            suggestions=[self.mask(s) for s in f.suggestions], fix=fix,
        )

    def document(self, document: Document) -> Document:
        blocks = [dataclasses.replace(b, text=self.mask(b.text), style=self.mask(b.style)) for b in document.blocks]
        meta = {k: v for k, v in document.meta.items() if k != "proper_nouns"}
        return dataclasses.replace(
            document, blocks=blocks, source_text=self.mask(document.source_text),
            warnings=[self.mask(w) for w in document.warnings], meta=self.mask_data(meta),
        )

    def result(self, result: DocumentResult) -> DocumentResult:
        document = self.document(result.document) if isinstance(result.document, Document) else None
        return dataclasses.replace(
            result,
            findings=[self.finding(f) for f in result.findings],
            errors=[self.mask(e) for e in result.errors],
            warnings=[self.mask(w) for w in result.warnings],
            outline=self.mask_data(result.outline),
            abbreviations=self.mask_data(result.abbreviations),
            document=document,
        )

    def report(self, report: Report) -> Report:
        return Report(documents=[self.result(d) for d in report.documents])


def redact_report(report: Report) -> Report:
    """A copy of ``report`` with personal data masked; the original is left as it was."""
    return Redactor.for_report(report).report(report)


def redact_result(result: DocumentResult) -> DocumentResult:
    """One document's result masked (a scan worker redacts before the record leaves it)."""
    return redact_report(Report(documents=[result])).documents[0]


def person_names(document: Document) -> set[str]:
    """Names of persons in ``document``: proper-noun runs from the tagger and names at cue words."""
    names = set(_tagged_names(document))
    text = document.text
    for cue in _CUES:
        for m in cue.finditer(text):
            name = _clean(m.group("name"))
            if name and (" " in name or not _is_word(name)):
                names.add(name)
    return names


def _clean(name: str) -> str | None:
    words = [w for w in name.split() if w.lower() not in _NOT_NAMES]
    if not words or any(w.lower().endswith(_NOT_NAME_ENDINGS) for w in words):
        return None
    if any(re.search(f"(?:{_STREET_SUFFIX})$", w.lower()) for w in words):
        return None
    return " ".join(words)


def _tagged_names(document: Document) -> Iterable[str]:
    """Runs of adjacent proper nouns: two or more capitalised words are a name (not an
    organisation), and so is one that does not start its sentence and is no place or label."""
    spans = document.meta.get("proper_nouns") or []
    runs: list[list[tuple[int, int, int]]] = []
    for span in spans:
        block, start, _ = span
        if runs and runs[-1][-1][0] == block and _only_space(document, block, runs[-1][-1][2], start):
            runs[-1].append(span)
        else:
            runs.append([span])
    name_word = re.compile(_NAME_WORD)
    for run in runs:
        block = document.blocks[run[0][0]] if 0 <= run[0][0] < len(document.blocks) else None
        if block is None:
            continue
        words = [block.text[s:e] for _, s, e in run]
        if not all(name_word.fullmatch(w) for w in words):
            continue
        words = _extended(block.text, run[0][1], run[-1][2], words)
        while len(words) > 1 and words[-1].lower().endswith(_TITLES):
            words.pop()  # "Daniel Olsson Sektionschef": the title is not part of the name
        name = _clean(" ".join(words))
        if name is None:
            continue
        following = block.text[run[-1][2]:run[-1][2] + 12].lower().lstrip()
        if following.startswith(("kommun", "län", "stad", "region")):
            continue
        if len(words) >= 2 or not (_starts_sentence(block.text, run[0][1]) or _is_word(words[0])):
            yield name


_LEFT_WORD = re.compile(rf"(?:^|(?<=[\s(]))({_NAME_WORD})[ \t]+$")
_RIGHT_WORD = re.compile(rf"^[ \t]+({_NAME_WORD})(?![\w])")


def _extended(text: str, start: int, end: int, words: list[str]) -> list[str]:
    """A tagged name with the capitalised non-dictionary words right next to it ("Mehmet" before
    a tagged "Yilmaz"): the tagger often takes only one part of a foreign name for a proper noun."""
    left = _LEFT_WORD.search(text[max(0, start - 40):start])
    if left and left.group(1).lower() not in _NOT_NAMES and not _is_word(left.group(1)):
        words = [left.group(1)] + words
    right = _RIGHT_WORD.search(text[end:end + 40])
    if right and right.group(1).lower() not in _NOT_NAMES and not _is_word(right.group(1)):
        words = words + [right.group(1)]
    return words


def _is_word(word: str) -> bool:
    """A word of the Swedish dictionary in lower case ("Sammanfattning", "Härmed"): a heading or
    a sentence start the tagger took for a name. Names ("Elias", "Yilmaz") are not in it."""
    try:
        from klarsprak.checks.speller import speller

        return speller().known(word.lower())
    except Exception:  # noqa: BLE001 - without a dictionary a lone proper noun is masked (the safe side)
        return False


def _only_space(document: Document, block: int, end: int, start: int) -> bool:
    if not 0 <= block < len(document.blocks):
        return False
    return document.blocks[block].text[end:start] in (" ", "\t", "\u00a0")


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before.endswith((".", "!", "?", ":", "\n", "•", "-", "–"))
