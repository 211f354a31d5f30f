"""KS104 förkortningar som inte förklaras.

Finds acronyms (LSS, HVB, SFI, FL), mixed-case abbreviations (SoL, SiS, BrB) with their genitive
and compound forms (LSS:s, HVB-hem) and dotted abbreviations that should be written out (p.g.a.,
enl.). An acronym must be written out at first use, "socialtjänstlagen (SoL)" or
"SoL (socialtjänstlagen)"; the common ones in ``rules/forkortningar.yaml`` need no explanation.

Never flagged: placeholders, diarienummer parts (ASN-2019-19470, SN 2020/123), roman numerals,
legal series in a reference (SOSFS 2014:5), a board's minutes (KS 200212 § 43), parties in a
voting record ("(SD)"), units, words in an all-caps heading or shouted run,
the postal town after a postcode ("731 93  NORRVIK").

The document's abbreviation table goes to ``ctx.shared["abbreviations"]`` for the report.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.compounds import splits_into_common, zipf
from klarsprak.checks.spans import in_placeholder
from klarsprak.checks.vocabulary import AbbreviationData, abbreviations
from klarsprak.findings import Category, Fix, Severity
from klarsprak.model import Block, BlockKind

UPPER = "A-ZÅÄÖÉÜ"
LOWER = "a-zåäöéü"
# a run of letters, maybe with a genitive/definite ending after a colon (LSS:s, HVB:n); the capital
# comes first and the look behind it second, so that ``re`` can skip to capitals instead of trying
# every position (the same matches as with the look-behind in front)
CANDIDATE = re.compile(
    rf"([{UPPER}](?<![\w@/.][{UPPER}])(?:[{UPPER}{LOWER}]*[{UPPER}][{UPPER}{LOWER}]*|[{UPPER}]+))(?![\w@])(:[{LOWER}]{{1,3}}\b)?"
)
ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
REFERENCE_AFTER = re.compile(r"^(?:\s?\d{4}\s?[:/]|\s?\d{4}\s+(?:ref|s\.|nr)\b|-\d|\s?\d{2,}/\d|\s\d{4}\b|\s\d{6,8}\s*§)")
# the parties in a voting record: "Reservation (M), (SD) och (M+C)"
PARTIES = frozenset({"S", "M", "SD", "C", "V", "KD", "L", "MP", "FP"})
PARTY_AROUND = re.compile(r"[(+]$"), re.compile(r"^[)+]")
# a Swedish postcode before an all-caps word: "731 93  NORRVIK" is a postal town, not an acronym
POSTCODE_BEFORE = re.compile(r"(?:^|\s)(?:SE-?\s?)?\d{3}\s?\d{2}\s+$")
DNR_BEFORE = re.compile(r"(?:dnr|diarienummer|diarienr|beteckning|ärendenummer)[.:]?\s*[\w-]*\s*$", re.IGNORECASE)
DEFINITION_WORDS = r"(?:förkortad?t?|förkortas|nedan(?: kallad?t?)?|i fortsättningen|hädanefter|kallad?t?)\s+"
# Letters that stand for digits in a form: ÅÅÅÅ-MM-DD, ÅÅMMDD-XXXX, NN.
FIELD_CODE = re.compile(r"^(?:Å+|Y+|M+|D+|X+|N+)+$")
RUNNING = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)
MAX_EXPANSION_WORDS = 12
_PUNCT = " ,;:()*_\"'”“«»"  # around words, also emphasis marks left in plain text


@dataclass
class Use:
    block: int
    start: int
    end: int  # of the abbreviation itself (without :s)
    heading: bool


@dataclass
class Definition:
    block: int
    start: int  # offset of the abbreviation in the definition
    end: int
    expansion: str


@dataclass
class Abbrev:
    text: str
    uses: list[Use] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)


def is_candidate_shape(word: str) -> bool:
    """LSS, HVB, SoL, BrB: two or more capitals, all capitals or short mixed case."""
    uppers = sum(1 for c in word if c.isupper())
    if uppers < 2 or not word.isalpha():
        return False
    if word.isupper():
        return 2 <= len(word) <= 10
    return word[0].isupper() and len(word) <= 6


def _initials_fit(abbr: str, words: list[str]) -> bool:
    """The abbreviation's letters appear in order in ``words``, the first one opening the first word."""
    text = " ".join(words).lower()
    letters = [c.lower() for c in abbr if c.isalpha()]
    if not letters or not text or text[0] != letters[0]:
        return False
    pos = 0
    for c in letters:
        pos = text.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def expansion_before(abbr: str, text: str) -> str | None:
    """The words before "(ABBR)" that the abbreviation stands for: the shortest run that fits."""
    words = re.findall(r"\S+", text)[-MAX_EXPANSION_WORDS:]
    if not words or not re.search(r"[A-Za-zÅÄÖåäö]{2,}", words[-1]):
        return None
    for k in range(1, len(words) + 1):
        chosen = words[-k:]
        if _initials_fit(abbr, [w.strip(_PUNCT) for w in chosen]):
            return " ".join(w.strip(_PUNCT) for w in chosen)
    return words[-1].strip(_PUNCT)


def _expansion_inside(abbr: str, inside: str) -> str | None:
    inside = inside.strip()
    words = inside.split()
    if not words or len(words) > 15 or not re.search(r"[a-zåäö]{3,}", inside):
        return None
    if _initials_fit(abbr, words):
        return inside
    return None


def _normalise(expansion: str) -> str:
    words = [w.lower().strip(".,;:()") for w in expansion.split()]
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words)


def different(a: str, b: str) -> bool:
    na, nb = _normalise(a), _normalise(b)
    if not na or not nb or na == nb or na.endswith(nb) or nb.endswith(na):
        return False
    return difflib.SequenceMatcher(None, na, nb).ratio() < 0.75


def _shouting(block: Block) -> bool:
    letters = [c for c in block.text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _shouted_spans(text: str) -> list[tuple[int, int]]:
    """Runs of all-caps words that are mostly ordinary words: emphasis ("VIKTIGT ATT VETA OM"),
    not abbreviations. Two acronyms side by side ("LSS HVB") are no such run."""
    spans = []
    for m in re.finditer(rf"[{UPPER}]{{2,}}(?:[ ,!:]+[{UPPER}]{{2,}})+", text):
        words = re.findall(rf"[{UPPER}]+", m.group(0))
        common = sum(1 for w in words if zipf(w.lower()) >= 3.5)
        if sum(1 for w in words if len(w) >= 3) >= 2 and common * 2 >= len(words):
            spans.append(m.span())
    return spans


def _ordinary_word(word: str) -> bool:
    return zipf(word) >= 3.5 or (len(word) >= 8 and splits_into_common(word, 3.0))


class Scanner:
    """Collects the uses and definitions of every abbreviation in a document."""

    def __init__(self, ctx: Context, data: AbbreviationData):
        self.ctx = ctx
        self.data = data
        self.found: dict[str, Abbrev] = {}
        self.known_words, self.known_rx = _known_tables(data)

    def scan(self) -> dict[str, Abbrev]:
        for block in self.ctx.document.blocks:
            if block.kind.is_page_furniture:
                continue
            self._scan_block(block)
        return self.found

    def _skip(self, block: Block, word: str, start: int, end: int, shouted) -> bool:
        text = block.text
        if in_placeholder(self.ctx.shared, block, start, end) or word in self.data.units or FIELD_CODE.match(word):
            return True
        if word.isupper() and (ROMAN.match(word) or any(s <= start and end <= e for s, e in shouted)):
            return True
        if word.isupper() and len(word) >= 4 and word not in self.data.known and _ordinary_word(word.lower()):
            return True  # an ordinary word in capitals for emphasis: VIKTIGT, VERKLIGEN, FAMILJEHEM
        after = text[end : end + 12]
        before = text[max(0, start - 40) : start]
        if re.match(r"^\s(?:AB|HB|KB)\b", after):
            return True  # a company name: "KPMG AB"
        if REFERENCE_AFTER.match(after) or (start > 0 and text[start - 1] == "-" and start > 1 and text[start - 2].isalnum()):
            return True  # diarienummer part or a reference such as SOSFS 2014:5
        if DNR_BEFORE.search(before):
            return True
        if word in PARTIES and PARTY_AROUND[0].search(before) and PARTY_AROUND[1].match(after):
            return True  # a party in a voting record, "(SD)", "(M+C)"
        if word.isupper() and POSTCODE_BEFORE.search(before):
            return True  # the postal town in an address: "731 93  NORRVIK"
        if word in self.data.legal and re.match(r"^\s?\d", after):
            return True
        return False

    def _scan_block(self, block: Block) -> None:
        text = block.text
        heading = block.kind == BlockKind.HEADING
        if heading and _shouting(block):
            return
        shouted = _shouted_spans(text)
        matches = [(m.group(1), m.start(1), m.end(1)) for m in CANDIDATE.finditer(text)]
        if self.known_rx is not None:
            matches += [(m.group(1), m.start(1), m.end(1)) for m in self.known_rx.finditer(text)]
        for word, start, end in sorted(matches, key=lambda x: x[1]):
            if word in self.data.legal and not re.match(r"^\s?\d", text[end : end + 3]) and word not in self.data.known:
                if word.isupper() and len(word) > 3:
                    continue  # SOSFS, HSLF: only ever part of a reference
            if not is_candidate_shape(word) and word not in self.known_words:
                continue
            if self._skip(block, word, start, end, shouted):
                continue
            entry = self.found.setdefault(word, Abbrev(word))
            definition = self._definition(block, word, start, end)
            if definition is not None:
                entry.definitions.append(definition)
            else:
                entry.uses.append(Use(block.index, start, end, heading))

    def _definition(self, block: Block, word: str, start: int, end: int) -> Definition | None:
        text = block.text
        # "socialtjänstlagen (SoL)", "… (förkortad SoL)"
        opening = re.search(r"\(\s*(?:" + DEFINITION_WORDS + r")?$", text[max(0, start - 30) : start])
        if opening and re.match(r"^(?::[a-zåäö]{1,3})?\s*\)", text[end:]):
            before = text[: start - len(opening.group(0))]
            expansion = expansion_before(word, before)
            if expansion:
                return Definition(block.index, start, end, expansion)
        # "SoL (socialtjänstlagen)"
        m = re.match(r"^(?::[a-zåäö]{1,3})?\s*\(([^()]{2,160})\)", text[end:])
        if m:
            expansion = _expansion_inside(word, m.group(1))
            if expansion:
                return Definition(block.index, start, end, expansion)
        # "…, förkortat SoL"
        if re.search(r",\s*förkortad?t?\s+$", text[max(0, start - 20) : start]):
            expansion = expansion_before(word, re.sub(r",\s*förkortad?t?\s+$", "", text[:start]))
            if expansion:
                return Definition(block.index, start, end, expansion)
        return None


@register
class UnexplainedAbbreviation(Rule):
    id = "KS104"
    name = "oforklarad-forkortning"
    category = Category.BEGRIPLIGT
    severity = Severity.WARNING
    title = "Förkortningar som inte förklaras"
    explanation = (
        "Läsaren kan inte fråga vad en förkortning betyder. Skriv ut förkortningen första gången den "
        "används, till exempel ”socialtjänstlagen (SoL)”, eller skriv ut ordet helt. Bara de allra "
        "vanligaste förkortningarna, som t.ex., bl.a., dvs. och kr, kan stå utan förklaring. Förklara "
        "varje förkortning på ett sätt, innan den används första gången."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38), avsnittet om förkortningar; Språkrådet"
    examples = (
        Example(
            bad="Du har rätt till bistånd enligt SoL.",
            good="Du har rätt till bistånd enligt socialtjänstlagen (SoL). Enligt SoL ska vi pröva din ansökan.",
        ),
        Example(
            bad="Du har ansökt om plats på ett HVB. Ett HVB är ett boende med personal.",
            good="Du har ansökt om plats på ett hem för vård eller boende (HVB). Ett HVB är ett boende med personal.",
        ),
        Example(
            bad="Vi har avslagit ansökan p.g.a. att du har inkomster.",
            good="Vi har avslagit ansökan på grund av att du har inkomster.",
        ),
        Example(
            bad="Enligt LSS:s regler har du rätt till stöd. Lagen om stöd och service till vissa funktionshindrade (LSS) gäller dig.",
            good="Lagen om stöd och service till vissa funktionshindrade (LSS) gäller dig. Enligt LSS:s regler har du rätt till stöd.",
        ),
    )

    def check(self, ctx: Context):
        data = abbreviations(ctx.config)
        found = Scanner(ctx, data).scan()
        table = []
        for word, entry in sorted(found.items(), key=lambda kv: _first_position(kv[1])):
            definition = entry.definitions[0] if entry.definitions else None
            table.append({
                "abbreviation": word,
                "expansion": definition.expansion if definition else data.expansion(word),
                "defined_at": {"block": definition.block, "start": definition.start} if definition else None,
                "uses": len(entry.uses),
            })
            if ctx.is_accepted(word) or word in data.allowed:
                continue
            yield from self._judge(ctx, data, entry)
        ctx.shared["abbreviations"] = table
        yield from self._write_out(ctx, data)

    def _judge(self, ctx: Context, data: AbbreviationData, entry: Abbrev):
        word = entry.text
        known = data.expansion(word)
        if entry.definitions:
            first_def = entry.definitions[0]
            early = [u for u in entry.uses if (u.block, u.start) < (first_def.block, first_def.start) and not u.heading]
            if early:
                u = early[0]
                yield ctx.finding(
                    self, u.block, u.start, u.end,
                    f"Förkortningen ”{word}” används innan den förklaras. Förklara den första gången den används: "
                    f"”{first_def.expansion} ({word})”.",
                    suggestions=[f"{first_def.expansion} ({word})"],
                )
            for other in entry.definitions[1:]:
                if different(first_def.expansion, other.expansion):
                    yield ctx.finding(
                        self, other.block, other.start, other.end,
                        f"Förkortningen ”{word}” förklaras på två olika sätt: ”{first_def.expansion}” och "
                        f"”{other.expansion}”. Använd en förklaring.",
                        suggestions=[first_def.expansion],
                    )
            return
        if not entry.uses:
            return
        body = [u for u in entry.uses if not u.heading]
        u = (body or entry.uses)[0]
        if known:
            message = (
                f"Förkortningen ”{word}” förklaras inte. Skriv ut den första gången den används: ”{known} ({word})”."
            )
            suggestions = [f"{known} ({word})"]
        else:
            message = f"Förkortningen ”{word}” förklaras inte. Skriv ut vad den står för första gången den används."
            suggestions = []
        yield ctx.finding(self, u.block, u.start, u.end, message, suggestions=suggestions)

    def _write_out(self, ctx: Context, data: AbbreviationData):
        for block in ctx.document.blocks:
            if block.kind not in RUNNING and block.kind != BlockKind.HEADING:
                continue
            rx, index = _write_out_tables(data)
            for m in rx.finditer(block.text):
                raw = m.group(0)
                entry = index.get(_key(raw))
                if entry is None:
                    continue
                if ctx.is_accepted(raw):
                    continue
                expansions = entry["expansion"] if isinstance(entry["expansion"], list) else [entry["expansion"]]
                if raw[0].isupper():
                    expansions = [e[0].upper() + e[1:] for e in expansions]
                fix = Fix(expansions[0], safe=True) if entry.get("safe") and len(expansions) == 1 else None
                shown = " eller ".join(f"”{e}”" for e in expansions)
                yield ctx.finding(
                    self, block.index, m.start(), m.end(),
                    f"Skriv ut förkortningen ”{raw}”: {shown}.",
                    suggestions=expansions, fix=fix,
                )


def _first_position(entry: Abbrev) -> tuple[int, int]:
    points = [(u.block, u.start) for u in entry.uses] + [(d.block, d.start) for d in entry.definitions]
    return min(points) if points else (0, 0)


def _key(raw: str) -> str:
    return re.sub(r"\s+", "", raw.lower())


_KNOWN_CACHE: dict[int, tuple[AbbreviationData, frozenset[str], re.Pattern | None]] = {}


def _known_tables(data: AbbreviationData) -> tuple[frozenset[str], re.Pattern | None]:
    """The known abbreviations that do not look like one (lower case, e.g. "kr"), and one regex for
    them: built once per word list, not once per document."""
    cached = _KNOWN_CACHE.get(id(data))
    if cached is None or cached[0] is not data:
        words = frozenset(k for k in data.known if not is_candidate_shape(k) and k.isalpha() and len(k) > 1)
        names = sorted(words, key=len, reverse=True)
        # "(?<![\w@/.-])(kr|…)", with each look-behind after the word's first letter: ``re`` then
        # skips to those letters instead of trying every position (the same matches)
        alternatives = (re.escape(n[0]) + r"(?<![\w@/.-]" + re.escape(n[0]) + ")" + re.escape(n[1:]) for n in names)
        rx = re.compile(r"(" + "|".join(alternatives) + r")(?![\w@])") if names else None
        if len(_KNOWN_CACHE) >= 8:  # an organisation's list makes new data per document: stay small
            _KNOWN_CACHE.clear()
        cached = _KNOWN_CACHE[id(data)] = (data, words, rx)
    return cached[1], cached[2]


_WRITE_OUT_CACHE: dict[int, tuple[AbbreviationData, re.Pattern, dict[str, dict]]] = {}


def _write_out_tables(data: AbbreviationData) -> tuple[re.Pattern, dict[str, dict]]:
    """One regex for every form of every write-out abbreviation, and its entries by squeezed form."""
    cached = _WRITE_OUT_CACHE.get(id(data))
    if cached is None or cached[0] is not data:
        index: dict[str, dict] = {}
        for e in data.write_out:
            for form in (e["abbreviation"], *e.get("variants", [])):
                index[_key(form)] = e
        parts = []
        for form in sorted({f for e in data.write_out for f in (e["abbreviation"], *e.get("variants", []))}, key=len, reverse=True):
            pieces = [p for p in re.split(r"(?<=\.)|\s+", form) if p]
            body = r"\s?".join(re.escape(p) for p in pieces)
            parts.append(body + (r"(?!\w)" if form.endswith(".") else r"(?![\w.])"))
        rx = re.compile(r"(?<![\w.])(?:" + "|".join(parts) + ")", re.IGNORECASE)
        if len(_WRITE_OUT_CACHE) >= 8:
            _WRITE_OUT_CACHE.clear()
        cached = _WRITE_OUT_CACHE[id(data)] = (data, rx, index)
    return cached[1], cached[2]
