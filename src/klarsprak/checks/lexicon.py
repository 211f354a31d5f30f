"""The lexicon matcher: word lists in ``rules/*.yaml`` matched on lemmas, so every inflection counts.

One generic check kind (Vale's "substitution"/"existence") serves every word-list rule: KS101
byråkratiska ord, KS102 ålderdomliga ord, KS103 långa prepositioner, KS107 latin, KS108 modeord and
the word list of KS301. The format is documented for organisations in ``rules/README.md``; in short::

    rule: KS101
    entries:
      - match: erhålla                    # lemmas/forms, space separated; "a|b" alternatives,
        suggest: [få]                     # "=form" an exact word form, "x/NOUN,VERB" a POS constraint,
        fix: {erhåller: får, erhöll: fick}  # "*" any word; safe replacements per matched form
      - match: i syfte att
        suggest: [för att]
        safe: true                        # the first suggestion fits every form
        exceptions:                       # any of these silences the entry
          - before: "eller"               # ... within `within` tokens (default 0: adjacent)
          - block: heading
        requires:                         # (optional) one of these must hold
          - sentence: "ersättning|bistånd"

The shipped lists and the organisation's ``lexicons`` (config) are merged into one index keyed by
the lemmas and forms of each entry's first element; it is built once per process per set of files
(:func:`index_for`). Matching a document is one pass over its tokens (:func:`document_matches`),
cached in ``Context.shared`` so every lexicon rule reads the same result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import yaml

from klarsprak.errors import ConfigError
from klarsprak.findings import Finding, Fix, Severity
from klarsprak.model import BlockKind
from klarsprak.resources import rules_dir

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.checks.base import Context, Rule
    from klarsprak.nlp.types import Analysis, Token

# Shipped word lists, in rules/. Organisation lists come from config ``lexicons``.
SHIPPED_FILES = (
    "byrakratiska-ord.yaml",
    "alderdomliga-ord.yaml",
    "langa-prepositioner.yaml",
    "latin.yaml",
    "modeord.yaml",
    "tilltal.yaml",
)

# Rules that read word lists; an organisation list may name any of them in ``rule:``.
LEXICON_RULES = ("KS101", "KS102", "KS103", "KS107", "KS108", "KS301")
DEFAULT_RULE = "KS101"

_ENTRY_KEYS = {
    "match", "suggest", "fix", "safe", "message", "note", "severity", "gap", "exceptions", "requires", "remove", "rule",
}
_CONDITION_KEYS = {"before", "after", "within", "sentence", "block", "form", "sentence_start", "feats"}
_BLOCK_KINDS = {k.value for k in BlockKind}
_SEVERITIES = {s.value for s in Severity}


# --- the data model -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Element:
    """One position of a pattern: a token whose lemma or form is one of the alternatives."""

    lemmas: frozenset[str] = frozenset()  # matched against the token's lemma and its lower-cased form
    forms: frozenset[str] = frozenset()  # "=form": matched against the lower-cased form only
    pos: frozenset[str] = frozenset()  # UPOS constraint; empty: any
    wildcard: bool = False  # "*": any word token

    def keys(self) -> frozenset[str]:
        return self.lemmas | self.forms


@dataclass(frozen=True, slots=True)
class Condition:
    """A test on a match's surroundings; all given parts must hold."""

    before: tuple[Element, ...] = ()
    after: tuple[Element, ...] = ()
    within: int = 0  # tokens allowed between the match and before/after
    sentence: tuple[Element, ...] = ()  # anywhere else in the sentence
    block: frozenset[str] = frozenset()  # block kinds
    form: frozenset[str] = frozenset()  # the matched text, lower-cased
    sentence_start: bool | None = None  # the match opens the sentence
    feats: tuple[tuple[str, str], ...] = ()  # UD features of the match's first token


@dataclass(frozen=True, slots=True)
class Entry:
    rule: str
    key: str  # the normalised ``match`` string: identifies the entry for overrides
    elements: tuple[Element, ...]
    suggestions: tuple[str, ...] = ()
    fix: tuple[tuple[str, str], ...] = ()  # (lower-cased matched text, replacement)
    safe: bool = False
    message: str | None = None
    note: str | None = None
    severity: Severity | None = None
    gap: int = 0  # words allowed between consecutive elements
    exceptions: tuple[Condition, ...] = ()
    requires: tuple[Condition, ...] = ()
    source: str = ""

    @property
    def headword(self) -> str:
        """How the entry reads in a message: the first alternative of each element."""
        words = []
        for el in self.elements:
            if el.wildcard:
                words.append("…")
            else:
                words.append(sorted(el.lemmas or el.forms, key=_alternative_order(self.key))[0])
        return " ".join(words)

    @property
    def specificity(self) -> int:
        """Exact forms beat lemmas when two entries match the same words."""
        return sum(2 if el.forms and not el.lemmas else 1 for el in self.elements)


def _alternative_order(key: str):
    def order(alt: str) -> int:
        pos = key.find(alt)
        return pos if pos >= 0 else len(key)

    return order


@dataclass(slots=True)
class Match:
    entry: Entry
    block: int
    start: int  # offsets into Block.text
    end: int
    text: str
    first: int  # token index range [first, last) in Analysis.tokens
    last: int
    sentence: int

    @property
    def rule(self) -> str:
        return self.entry.rule

    def replacement(self) -> str | None:
        """A replacement that fits this very form, for a safe fix; None when there is none."""
        lowered = _normalise(self.text)
        for form, repl in self.entry.fix:
            if form == lowered:
                return match_case(self.text, repl)
        if self.entry.safe and self.entry.suggestions:
            return match_case(self.text, self.entry.suggestions[0])
        return None


def match_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of ``original`` (Skall → Ska, SKALL → SKA)."""
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


# --- parsing ----------------------------------------------------------------------------------------


def parse_element(raw: str, where: str) -> Element:
    text = raw.strip()
    pos: frozenset[str] = frozenset()
    if "/" in text and text.rsplit("/", 1)[1].replace(",", "").isupper():
        text, tags = text.rsplit("/", 1)
        pos = frozenset(t.strip() for t in tags.split(",") if t.strip())
    if text == "*":
        return Element(pos=pos, wildcard=True)
    lemmas, forms = set(), set()
    for alt in text.split("|"):
        alt = alt.strip().lower()
        if not alt or alt == "=":
            raise ConfigError(f"tomt alternativ i mönstret ”{raw}”", where)
        if alt.startswith("="):
            forms.add(alt[1:])
        else:
            lemmas.add(alt)
    return Element(lemmas=frozenset(lemmas), forms=frozenset(forms), pos=pos)


def parse_pattern(raw: object, where: str) -> tuple[Element, ...]:
    if not isinstance(raw, str) or not raw.strip():
        raise ConfigError(f"mönstret måste vara en text med minst ett ord, inte {raw!r}", where)
    return tuple(parse_element(part, where) for part in raw.split())


def _condition(raw: object, where: str) -> Condition:
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(f"ett undantag eller krav måste vara en tabell, inte {raw!r}", where)
    unknown = {str(k) for k in raw} - _CONDITION_KEYS
    if unknown:
        raise ConfigError(
            f"okänd nyckel {', '.join(sorted(unknown))} i undantag/krav (kända: {', '.join(sorted(_CONDITION_KEYS))})",
            where,
        )
    blocks = frozenset(_as_list(raw.get("block", []), "block", where))
    if blocks - _BLOCK_KINDS:
        raise ConfigError(f"okänd blocktyp {', '.join(sorted(blocks - _BLOCK_KINDS))}", where)
    within = raw.get("within", 0)
    if not isinstance(within, int) or isinstance(within, bool) or within < 0:
        raise ConfigError("'within' måste vara ett heltal ≥ 0", where)
    feats = []
    for pair in _as_list(raw.get("feats", []), "feats", where):
        name, sep, value = str(pair).partition("=")
        if not sep:
            raise ConfigError(f"'feats' ska skrivas Namn=Värde, inte {pair!r}", where)
        feats.append((name.strip(), value.strip()))
    start = raw.get("sentence_start")
    if start is not None and not isinstance(start, bool):
        raise ConfigError("'sentence_start' måste vara true eller false", where)
    return Condition(
        before=parse_pattern(raw["before"], where) if "before" in raw else (),
        after=parse_pattern(raw["after"], where) if "after" in raw else (),
        within=within,
        sentence=parse_pattern(raw["sentence"], where) if "sentence" in raw else (),
        block=blocks,
        form=frozenset(_normalise(f) for f in _as_list(raw.get("form", []), "form", where)),
        sentence_start=start,
        feats=tuple(feats),
    )


def _as_list(value: object, key: str, where: str) -> list:
    if isinstance(value, str):
        return [v for v in (p.strip() for p in value.split("|")) if v] if key in ("block", "form") else [value]
    if isinstance(value, list):
        return value
    raise ConfigError(f"'{key}' måste vara en text eller en lista", where)


def parse_entry(raw: object, rule: str, where: str) -> tuple[Entry | None, str]:
    """One entry; returns (entry, key), entry None for ``remove: true`` (removes an entry by key)."""
    if not isinstance(raw, dict):
        raise ConfigError(f"varje post måste vara en tabell med minst 'match', inte {raw!r}", where)
    unknown = {str(k) for k in raw} - _ENTRY_KEYS
    if unknown:
        raise ConfigError(
            f"okänd nyckel {', '.join(sorted(unknown))} (kända: {', '.join(sorted(_ENTRY_KEYS))})", where
        )
    if "match" not in raw:
        raise ConfigError("en post saknar 'match'", where)
    rule = str(raw.get("rule", rule)).upper()
    if rule not in LEXICON_RULES:
        raise ConfigError(f"regeln {rule} läser inga ordlistor (möjliga: {', '.join(LEXICON_RULES)})", where)
    where = f"{where} (”{raw['match']}”)"
    elements = parse_pattern(raw["match"], where)
    key = _normalise(str(raw["match"]))
    if elements[0].wildcard:
        raise ConfigError("mönstret får inte börja med *", where)
    if raw.get("remove") is True:
        return None, f"{rule}:{key}"
    suggest = raw.get("suggest", [])
    if isinstance(suggest, str):
        suggest = [suggest]
    if not isinstance(suggest, list) or not all(isinstance(s, str) for s in suggest):
        raise ConfigError("'suggest' måste vara en text eller en lista med texter", where)
    fix = raw.get("fix", {})
    if not isinstance(fix, dict) or not all(isinstance(v, str) for v in fix.values()):
        raise ConfigError("'fix' måste vara en tabell form: ersättning", where)
    safe = raw.get("safe", False)
    if not isinstance(safe, bool):
        raise ConfigError("'safe' måste vara true eller false", where)
    if safe and not suggest:
        raise ConfigError("'safe: true' kräver ett förslag i 'suggest'", where)
    severity = raw.get("severity")
    if severity is not None and str(severity) not in _SEVERITIES:
        raise ConfigError("'severity' måste vara info, warning eller error", where)
    gap = raw.get("gap", 0)
    if not isinstance(gap, int) or isinstance(gap, bool) or gap < 0:
        raise ConfigError("'gap' måste vara ett heltal ≥ 0", where)
    for key_name in ("message", "note"):
        if key_name in raw and not isinstance(raw[key_name], str):
            raise ConfigError(f"'{key_name}' måste vara en text", where)
    entry = Entry(
        rule=rule,
        key=key,
        elements=elements,
        suggestions=tuple(suggest),
        fix=tuple((_normalise(str(k)), v) for k, v in fix.items()),
        safe=safe,
        message=raw.get("message"),
        note=raw.get("note"),
        severity=Severity(severity) if severity else None,
        gap=gap,
        exceptions=tuple(_condition(c, where) for c in _listish(raw.get("exceptions", []), "exceptions", where)),
        requires=tuple(_condition(c, where) for c in _listish(raw.get("requires", []), "requires", where)),
        source=where,
    )
    return entry, f"{rule}:{key}"


def _listish(value: object, key: str, where: str) -> list:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return value
    raise ConfigError(f"'{key}' måste vara en lista", where)


def parse_lexicon(data: object, where: str) -> list[tuple[Entry | None, str]]:
    """A whole lexicon file. Keys other than ``rule`` and ``entries`` belong to other readers."""
    if data is None:
        return []
    if not isinstance(data, dict):
        raise ConfigError("en ordlista måste vara en YAML-tabell med nyckeln 'entries'", where)
    rule = str(data.get("rule", DEFAULT_RULE)).upper()
    if rule not in LEXICON_RULES:
        raise ConfigError(f"regeln {rule} läser inga ordlistor (möjliga: {', '.join(LEXICON_RULES)})", where)
    entries = data.get("entries", [])
    if not isinstance(entries, list):
        raise ConfigError("'entries' måste vara en lista", where)
    return [parse_entry(raw, rule, where) for raw in entries]


def _read_yaml(path: Path) -> object:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise ConfigError("ordlistan finns inte (se 'lexicons' i konfigurationen)", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"ordlistan kan inte läsas ({exc})", str(path)) from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" på rad {line + 1}" if line is not None else ""
        raise ConfigError(f"ordlistan är inte giltig YAML{at}", str(path)) from None


# --- the index ----------------------------------------------------------------------------------------


class Index:
    """Entries by the lemmas and forms of their first element."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: list[Entry] = list(entries)
        self.by_key: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for key in entry.elements[0].keys():
                self.by_key.setdefault(key, []).append(entry)

    def candidates(self, token: "Token") -> list[Entry]:
        lower = token.text.lower()
        found = self.by_key.get(token.lemma)
        if lower != token.lemma:
            more = self.by_key.get(lower)
            if more:
                found = more if not found else found + [e for e in more if e not in found]
        alt = _dictionary_lemma(lower)
        if alt and alt != token.lemma and alt != lower:
            more = self.by_key.get(alt)
            if more:
                found = more if not found else found + [e for e in more if e not in found]
        return found or []

    def for_rule(self, rule: str) -> list[Entry]:
        return [e for e in self.entries if e.rule == rule]


@lru_cache(maxsize=200_000)
def _dictionary_lemma(lower: str) -> str | None:
    """simplemma's lemma, when the backend's lemma missed (a second opinion, cached per word form)."""
    if not lower.isalpha():
        return None
    try:
        import simplemma
    except ImportError:  # pragma: no cover - a dependency
        return None
    if not simplemma.is_known(lower, lang="sv"):
        return None
    return simplemma.lemmatize(lower, lang="sv").lower()


@lru_cache(maxsize=1)
def shipped_entries() -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
    for name in SHIPPED_FILES:
        path = rules_dir() / name
        for entry, key in parse_lexicon(_read_yaml(path), f"rules/{name}"):
            if entry is not None:
                merged[key] = entry
    return merged


def _file_stamp(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        raise ConfigError("ordlistan finns inte (se 'lexicons' i konfigurationen)", str(path)) from None
    return (str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=32)
def _build(stamps: tuple[tuple[str, int, int], ...]) -> Index:
    merged = dict(shipped_entries())
    for path, _mtime, _size in stamps:
        for entry, key in parse_lexicon(_read_yaml(Path(path)), path):
            if entry is None:
                merged.pop(key, None)
            else:
                merged[key] = entry
    return Index(merged.values())


def index_for(lexicons: Iterable[Path] = ()) -> Index:
    """The index for the shipped lists plus ``lexicons``; built once per process per set of files."""
    return _build(tuple(_file_stamp(Path(p)) for p in lexicons))


# --- matching ------------------------------------------------------------------------------------------


def token_matches(el: Element, token: "Token") -> bool:
    if token.placeholder:
        return False
    if el.wildcard:
        ok = token.is_word
    else:
        lower = token.text.lower()
        ok = lower in el.forms or (
            bool(el.lemmas)
            and (token.lemma in el.lemmas or lower in el.lemmas or _dictionary_lemma(lower) in el.lemmas)
        )
    return ok and (not el.pos or token.upos in el.pos)


def _match_elements(elements: tuple[Element, ...], tokens: list["Token"], j: int, gap: int) -> int | None:
    """Match ``elements`` starting at ``tokens[j]``; the index after the last matched token, or None."""
    if not token_matches(elements[0], tokens[j]):
        return None
    k = j + 1
    for el in elements[1:]:
        for skip in range(gap + 1):
            idx = k + skip
            if idx >= len(tokens):
                return None
            if token_matches(el, tokens[idx]):
                k = idx + 1
                break
            if skip < gap and not tokens[idx].is_word:
                return None  # gaps are words, never punctuation
        else:
            return None
    return k


def _sequence_ends_at(elements: tuple[Element, ...], tokens: list["Token"], end: int) -> bool:
    """``elements`` match ``tokens[end - len(elements) + 1 : end + 1]``."""
    begin = end - len(elements) + 1
    if begin < 0:
        return False
    return all(token_matches(el, tokens[begin + n]) for n, el in enumerate(elements))


def _sequence_starts_at(elements: tuple[Element, ...], tokens: list["Token"], begin: int) -> bool:
    if begin + len(elements) > len(tokens):
        return False
    return all(token_matches(el, tokens[begin + n]) for n, el in enumerate(elements))


def _holds(cond: Condition, tokens: list["Token"], j: int, k: int, block_kind: str, text: str) -> bool:
    """Does ``cond`` hold for the match ``tokens[j:k]`` (tokens: the sentence)?"""
    if cond.block and block_kind not in cond.block:
        return False
    if cond.form and _normalise(text) not in cond.form:
        return False
    if cond.sentence_start is not None:
        first_word = next((n for n, t in enumerate(tokens) if t.is_word), 0)
        if (j <= first_word) != cond.sentence_start:
            return False
    if cond.feats and not all(tokens[j].feat(name) == value for name, value in cond.feats):
        return False
    if cond.before and not any(
        _sequence_ends_at(cond.before, tokens, j - 1 - skip) for skip in range(cond.within + 1)
    ):
        return False
    if cond.after and not any(
        _sequence_starts_at(cond.after, tokens, k + skip) for skip in range(cond.within + 1)
    ):
        return False
    if cond.sentence:
        width = len(cond.sentence)
        if not any(
            (n + width <= j or n >= k) and _sequence_starts_at(cond.sentence, tokens, n) for n in range(len(tokens))
        ):
            return False
    return True


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTE.finditer(text)]


# Someone else's words (a law, a statement) are quoted as they were written.
_QUOTE = re.compile(r"”[^”\n]{2,}”|\"[^\"\n]{2,}\"|«[^»\n]{2,}»|“[^”\n]{2,}”|„[^“”\n]{2,}[“”]")


def _looks_like_name(tokens: list["Token"], j: int) -> bool:
    """A capitalised word inside a sentence is a name ("Eva Blott", "Torde gård"), not the word."""
    text = tokens[j].text
    if not text[:1].isupper() or text.isupper() or j == 0:
        return False
    prev = tokens[j - 1]
    return prev.is_word or prev.text in (",", "(", "och")


def match_analysis(index: Index, analysis: "Analysis") -> list[Match]:
    """Every match in the analysis: longest (then most specific) entry per rule wins an overlap."""
    document = analysis.document
    tokens = analysis.tokens
    found: list[Match] = []
    quotes: dict[int, list[tuple[int, int]]] = {}
    for sentence in analysis.sentences:
        sent = tokens[sentence.first : sentence.last]
        if not sent:
            continue
        block = document.blocks[sentence.block]
        kind = block.kind.value
        taken: dict[str, int] = {}  # rule -> first free token position in this sentence
        for j, token in enumerate(sent):
            candidates = index.candidates(token)
            if not candidates:
                continue
            best: dict[str, tuple[tuple[int, int], Entry, int]] = {}
            for entry in candidates:
                if j < taken.get(entry.rule, 0):
                    continue
                k = _match_elements(entry.elements, sent, j, entry.gap)
                if k is None:
                    continue
                text = block.text[sent[j].start : sent[k - 1].end]
                if entry.requires and not any(_holds(c, sent, j, k, kind, text) for c in entry.requires):
                    continue
                if any(_holds(c, sent, j, k, kind, text) for c in entry.exceptions):
                    continue
                score = (k - j, entry.specificity)
                if entry.rule not in best or score > best[entry.rule][0]:
                    best[entry.rule] = (score, entry, k)
            for rule, (_score, entry, k) in best.items():
                if k == j + 1 and _looks_like_name(sent, j):
                    continue
                start, end = sent[j].start, sent[k - 1].end
                if block.index not in quotes:
                    quotes[block.index] = _quote_spans(block.text)
                if any(s <= start and end <= e for s, e in quotes[block.index]):
                    continue
                found.append(
                    Match(
                        entry=entry,
                        block=sentence.block,
                        start=start,
                        end=end,
                        text=block.text[start:end],
                        first=sentence.first + j,
                        last=sentence.first + k,
                        sentence=sentence.i,
                    )
                )
                taken[rule] = k
    return found


def document_matches(ctx: "Context") -> dict[str, list[Match]]:
    """Matches by rule for this document, computed once and shared by every lexicon rule."""
    cached = ctx.shared.get("lexicon.matches")
    if cached is None:
        index = index_for(ctx.config.lexicons)
        cached = {}
        for m in match_analysis(index, ctx.analysis):
            if _accepted(ctx, m):
                continue
            cached.setdefault(m.rule, []).append(m)
        ctx.shared["lexicon.matches"] = cached
    return cached


def _accepted(ctx: "Context", m: Match) -> bool:
    if ctx.is_accepted(m.text) or ctx.is_accepted(m.entry.key):
        return True
    tokens = ctx.analysis.tokens[m.first : m.last]
    return len(tokens) == 1 and ctx.is_accepted(tokens[0].text)


# --- turning matches into findings ---------------------------------------------------------------------


def sentence_at(ctx: "Context", block: int, offset: int) -> str | None:
    """The text of the sentence of ``block`` that holds ``offset`` (None: the block's whole text)."""
    by_block = ctx.shared.get("lexicon.sentences")
    if by_block is None:
        by_block = {}
        for s in ctx.analysis.sentences:
            by_block.setdefault(s.block, []).append(s)
        ctx.shared["lexicon.sentences"] = by_block
    for s in by_block.get(block, []):
        if s.start <= offset < s.end:
            return s.text
    return None


def quoted(text: str) -> str:
    return f"”{text}”"


def alternatives(suggestions: Iterable[str]) -> str:
    """”få” / ”få” eller ”ta emot” / ”a”, ”b” eller ”c”."""
    items = [quoted(s) for s in suggestions]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " eller " + items[-1]


def default_message(m: Match) -> str:
    """Byt ut ”erhöll” mot ”fick”. / Byt ut ”erhöll” (”erhålla”) mot ”få”."""
    repl = m.replacement()
    if repl is not None:
        return f"Byt ut {quoted(m.text)} mot {quoted(repl)}."
    head = m.entry.headword
    named = quoted(m.text) if _normalise(m.text) == head else f"{quoted(m.text)} (”{head}”)"
    if m.entry.suggestions:
        return f"Byt ut {named} mot {alternatives(m.entry.suggestions)}."
    return f"Undvik {named}."


class LexiconRule:
    """Mixin for rules whose findings come from word lists: one finding per match of the rule."""

    def lexicon_matches(self: "Rule", ctx: "Context") -> list[Match]:
        return document_matches(ctx).get(self.id, [])

    def message_for(self, m: Match, ctx: "Context") -> str:
        if m.entry.message:
            text = m.entry.message.replace("{text}", m.text).replace("{head}", m.entry.headword)
        else:
            text = default_message(m)
        return f"{text} {m.entry.note}" if m.entry.note else text

    def entry_severity(self: "Rule", m: Match, ctx: "Context") -> Severity | None:
        if self.id in ctx.config.severity:
            return None  # the organisation's [severity] wins over per-entry severities
        return m.entry.severity

    def finding_for(self: "Rule", m: Match, ctx: "Context") -> Finding:
        repl = m.replacement()
        suggestions = [repl] if repl is not None else []
        suggestions += [s for s in m.entry.suggestions if s not in suggestions]
        return ctx.finding(
            self,
            m.block,
            m.start,
            m.end,
            self.message_for(m, ctx),
            suggestions=suggestions,
            fix=Fix(repl, safe=True) if repl is not None else None,
            severity=self.entry_severity(m, ctx),
            sentence=ctx.analysis.sentences[m.sentence].text,
        )

    def check(self: "Rule", ctx: "Context") -> Iterator[Finding]:
        for m in self.lexicon_matches(ctx):
            yield self.finding_for(m, ctx)
