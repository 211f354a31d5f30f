"""Word knowledge shared by the word rules KS104-KS106 and the form rules KS501-KS502.

- the domain glossary (``rules/fackord.yaml`` plus an organisation's ``fackord:`` lists),
- the abbreviation lists (``rules/forkortningar.yaml`` plus ``forkortningar:`` lists),
- every term an organisation's lexicon files name (never flagged as rare or misspelt),
Word frequencies and compound splitting live in :mod:`klarsprak.checks.compounds`.

An organisation's lexicon files are the YAML files listed in config ``lexicons``; the sections
this family reads are ``fackord`` (same fields as ``rules/fackord.yaml``), ``forkortningar``
(``abbreviation``/``expansion``) and ``synonymer`` (same fields as ``rules/synonymer.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from klarsprak.checks.spans import in_placeholder
from klarsprak.errors import ConfigError
from klarsprak.resources import load_rules_yaml

# Endings a single-word glossary term may carry in running text (nouns, verbs, adjectives).
_ENDINGS = sorted(
    "s n t a e en et er ar or na ns ts es as ens ets ers ars ors erna arna orna ernas arnas ornas "
    "ade ades at ats ande de des te tes".split(),
    key=len,
    reverse=True,
)
ENDINGS_PATTERN = "(?:" + "|".join(_ENDINGS) + ")?"
WORD_LEFT = r"(?<![\w-])"
WORD_RIGHT = r"(?![\w-])"


def lower_keep_length(text: str) -> str:
    """``text.lower()`` with offsets intact (a few characters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# --- organisation lexicons --------------------------------------------------------------------


@lru_cache(maxsize=64)
def _load_lexicon(path: str, mtime: float) -> object:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except OSError as exc:
        raise ConfigError(f"lexikonfilen kan inte läsas ({exc.strerror})", path) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"lexikonfilen är inte giltig YAML ({str(exc).splitlines()[0]})", path) from None


def _lexicon_data(config) -> list[tuple[str, object]]:
    out = []
    for p in getattr(config, "lexicons", []) or []:
        path = Path(p)
        try:
            mtime = path.stat().st_mtime
        except OSError:
            raise ConfigError("lexikonfilen finns inte; kontrollera 'lexicons' i konfigurationen", str(path)) from None
        out.append((str(path), _load_lexicon(str(path), mtime)))
    return out


def org_section(config, key: str) -> list:
    """The entries under ``key`` in the organisation's lexicon files (lists are concatenated)."""
    entries: list = []
    for path, data in _lexicon_data(config):
        if isinstance(data, dict) and key in data:
            section = data[key]
            if isinstance(section, dict) and isinstance(section.get("terms", section.get("groups")), list):
                section = section.get("terms", section.get("groups"))
            if not isinstance(section, list):
                raise ConfigError(f"nyckeln '{key}' måste vara en lista", path)
            entries.extend(section)
    return entries


def _strings(data: object) -> Iterable[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for k, v in data.items():
            if k in ("explanation", "message", "pattern", "reason", "note", "why", "name"):
                continue
            yield from _strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v)


def lexicon_words(config) -> frozenset[str]:
    """Lower-cased single words named anywhere in the organisation's lexicon files."""
    words: set[str] = set()
    for _, data in _lexicon_data(config):
        words |= _words_of(id(data), data)
    return frozenset(words)


_words_cache: dict[int, tuple[object, frozenset[str]]] = {}


def _words_of(key: int, data: object) -> frozenset[str]:
    cached = _words_cache.get(key)
    if cached is not None and cached[0] is data:
        return cached[1]
    words = frozenset(
        w for s in _strings(data) for w in re.findall(r"[\w-]+", s.lower()) if any(c.isalpha() for c in w)
    )
    _words_cache[key] = (data, words)
    return words


# --- glossary ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    explanation: str
    regex: re.Pattern
    lemmas: frozenset[str]  # lemmas that count as the term (single-word terms)
    key: str  # a string the lower-cased text must contain for the regex to have a chance
    context: re.Pattern | None = None  # in the same sentence, it makes the term clear enough
    inner: str = ""  # the pattern without word boundaries, for combining entries into one regex


def _entry(raw: dict, where: str) -> GlossaryEntry:
    if not isinstance(raw, dict) or not raw.get("term") or not raw.get("explanation"):
        raise ConfigError("varje fackord behöver 'term' och 'explanation'", where)
    term = str(raw["term"]).strip().lower()
    words = term.split()
    pattern = raw.get("pattern")
    if pattern is None:
        pattern = r"\s+".join(re.escape(w) for w in words) + ENDINGS_PATTERN
    try:
        regex = re.compile(WORD_LEFT + "(?:" + str(pattern) + ")" + WORD_RIGHT)
    except re.error as exc:
        raise ConfigError(f"ogiltigt mönster för fackordet '{term}' ({exc})", where) from None
    lemmas = {term} if len(words) == 1 else set()
    lemmas |= {str(x).lower() for x in raw.get("lemmas", [])}
    key = min((w for w in words if w.isalpha()), key=len, default=words[0])[:4]
    if raw.get("pattern") is not None:
        key = ""  # a hand-written pattern may not contain the term's letters verbatim
    context = None
    if raw.get("context"):
        try:
            context = re.compile(str(raw["context"]), re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"ogiltigt sammanhang för fackordet '{term}' ({exc})", where) from None
    inner = "(?:" + str(pattern) + ")"
    return GlossaryEntry(term, str(raw["explanation"]).strip(), regex, frozenset(lemmas), key, context, inner)


@lru_cache(maxsize=1)
def _shipped_glossary() -> tuple[GlossaryEntry, ...]:
    data = load_rules_yaml("fackord.yaml")
    return tuple(_entry(e, "rules/fackord.yaml") for e in data["terms"])


def glossary(config) -> tuple[GlossaryEntry, ...]:
    extra = org_section(config, "fackord")
    if not extra:
        return _shipped_glossary()
    own = [_entry(e, "lexikon") for e in extra]
    names = {e.term for e in own}
    return tuple(own) + tuple(e for e in _shipped_glossary() if e.term not in names)


def glossary_words(config) -> frozenset[str]:
    """Every word of every glossary term and the glossary's everyday words (lower case): known
    words, never rare or misspelt."""
    entries = glossary(config)
    return (
        frozenset(w for e in entries for w in re.findall(r"[\w-]+", e.term) if w.isalpha())
        | frozenset(lemma for e in entries for lemma in e.lemmas)
        | _common_words()
    )


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_rules_yaml("fackord.yaml").get("common", []))


# --- abbreviations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AbbreviationData:
    allowed: dict[str, str]  # abbreviation -> expansion; need no explanation
    known: dict[str, str]  # abbreviation -> expansion; must be explained
    write_out: tuple[dict, ...]  # dotted abbreviations to write out: abbreviation, variants, expansion, safe
    legal: frozenset[str]
    units: frozenset[str]

    def expansion(self, abbreviation: str) -> str | None:
        return self.known.get(abbreviation) or self.allowed.get(abbreviation)

    def words(self) -> frozenset[str]:
        """Lower-cased abbreviations of every list, with and without dots."""
        out: set[str] = set()
        for a in (*self.allowed, *self.known, *self.legal, *self.units):
            out.add(a.lower())
            out.add(a.lower().replace(".", ""))
        expansions = [*self.allowed.values(), *self.known.values()]
        for e in self.write_out:
            expansions += e["expansion"] if isinstance(e["expansion"], list) else [e["expansion"]]
        for expansion in expansions:
            out.update(w for w in re.findall(r"[\w-]+", str(expansion).lower()) if w.isalpha())
        for e in self.write_out:
            for a in (e["abbreviation"], *e.get("variants", [])):
                out.add(a.lower())
                out.add(a.lower().replace(".", ""))
        return frozenset(out)


@lru_cache(maxsize=1)
def _shipped_abbreviations() -> AbbreviationData:
    data = load_rules_yaml("forkortningar.yaml")
    return AbbreviationData(
        allowed={str(e["abbreviation"]): str(e["expansion"]) for e in data["allowed"]},
        known={str(e["abbreviation"]): str(e["expansion"]) for e in data["known"]},
        write_out=tuple(data["write_out"]),
        legal=frozenset(str(x) for x in data["legal"]),
        units=frozenset(str(x) for x in data["units"]),
    )


def abbreviations(config) -> AbbreviationData:
    extra = org_section(config, "forkortningar")
    base = _shipped_abbreviations()
    if not extra:
        return base
    known = dict(base.known)
    allowed = dict(base.allowed)
    for e in extra:
        if not isinstance(e, dict) or not e.get("abbreviation"):
            raise ConfigError("varje förkortning behöver 'abbreviation' (och gärna 'expansion')", "lexikon")
        target = allowed if e.get("allowed") else known
        target[str(e["abbreviation"])] = str(e.get("expansion", ""))
    return AbbreviationData(allowed, known, base.write_out, base.legal, base.units)


# --- ordinary words: what the spelling and rare-word rules may judge --------------------------

@lru_cache(maxsize=1)
def word_list_words() -> frozenset[str]:
    """Every word in the word lists of the other word rules (KS101-KS103, KS107, KS108: files in
    ``rules/`` with ``entries`` of ``match`` patterns). Those rules judge these words; the spelling
    and rare-word rules leave them alone ("inkomma", "capsulam")."""
    from klarsprak.resources import rules_dir

    words: set[str] = set()
    for path in sorted(rules_dir().glob("*.yaml")):
        data = load_rules_yaml(path.name)
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            continue
        for entry in data["entries"]:
            match = entry.get("match") if isinstance(entry, dict) else None
            for element in str(match or "").split():
                for alternative in element.lstrip("=").split("/")[0].split("|"):
                    if alternative.isalpha():
                        words.add(alternative.lower())
    return frozenset(words)


def known_words(ctx) -> frozenset[str]:
    """Words no spelling or frequency rule judges: glossary, abbreviations, the other rules' word
    lists, the organisation's lexicons and accepted terms."""
    cached = ctx.shared.get("known_words")
    if cached is None:
        cfg = ctx.config
        key = (_lexicon_key(cfg), frozenset(t.lower() for t in getattr(cfg, "accepted_terms", ()) or ()))
        cached = _known_by_config.get(key)
        if cached is None:
            cached = (
                glossary_words(cfg)
                | abbreviations(cfg).words()
                | word_list_words()
                | lexicon_words(cfg)
                | key[1]
            )
            if len(_known_by_config) >= 16:
                _known_by_config.clear()  # a long-lived server with many configs: stay small
            _known_by_config[key] = cached
        ctx.shared["known_words"] = cached
    return cached


# The known words depend only on the config's lexicon files and accepted terms, so they are built
# once per config (a few ms each time: a regex over every abbreviation's expansion), not per document.
_known_by_config: dict[tuple, frozenset[str]] = {}


def _lexicon_key(config) -> tuple[tuple[str, int, int], ...]:
    """The config's lexicon files with their modification times and sizes: an edited file counts."""
    out = []
    for p in getattr(config, "lexicons", []) or []:
        try:
            st = Path(p).stat()
            out.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            raise ConfigError("lexikonfilen finns inte; kontrollera 'lexicons' i konfigurationen", str(p)) from None
    return tuple(out)


_NOT_WORD_POS = frozenset({"PUNCT", "SYM", "SPACE", "X", "NUM"})
_NOT_WORD_UPOS = frozenset({"PUNCT", "SYM", "SPACE", "X"})  # Token.is_word's


def _next_is_capitalised(tokens, t) -> bool:
    nxt = tokens[t.i + 1] if t.i + 1 < len(tokens) else None
    return bool(nxt and nxt.sent == t.sent and nxt.text[:1].isupper() and nxt.text[1:2].islower())


def ordinary_words(ctx):
    """``(token, form)`` for the words a spelling or frequency check may judge, ``form`` lower-cased
    only for a capital that merely opens a sentence. Skipped: names (PROPN, a capital inside a
    sentence), abbreviations and shouting (capitals after the first letter), numbers, addresses,
    placeholders, page furniture, elided compounds ("arbetsmarknads- och").
    """
    cached = ctx.shared.get("ordinary_words")
    if cached is not None:
        return cached
    blocks = ctx.document.blocks
    tokens = ctx.analysis.tokens
    first_word: dict[int, int] = {}  # sentence -> index of its first word token
    names: set[str] = set()  # capitalised words inside a sentence
    for t in tokens:  # a sentence's first word comes before its other tokens: one pass finds both
        text = t.text
        if t.sent not in first_word and t.upos not in _NOT_WORD_UPOS and (
            text[:1].isalpha() or any(c.isalpha() for c in text)
        ):
            first_word[t.sent] = t.i  # Token.is_word, inlined: this loop sees every token
        elif text[:1].isupper() and text[1:].islower():
            names.add(text)
    texts = [b.text for b in blocks]
    skipped_blocks = {b.index for b in blocks if b.kind.is_page_furniture}
    short_blocks: dict[int, bool] = {}
    out = []
    for t in tokens:
        text = t.text
        if len(text) < 2 or t.placeholder or t.upos in _NOT_WORD_POS or t.block in skipped_blocks:
            continue
        if not text.isalpha() and not (text.replace("-", "").isalpha() and not text.endswith("-")):
            continue
        b = t.block
        block = blocks[b]
        if block.placeholders and in_placeholder(ctx.shared, block, t.start, t.end):
            continue
        btext = texts[b]
        after = btext[t.end : t.end + 1]
        if after == "-" or after == "/" or (t.start and btext[t.start - 1] == "/") or (after == "." and len(text) <= 4):
            continue  # "arbets- och", "kr/inv", an abbreviation such as "inv."
        if text.islower():
            out.append((t, text))  # the common case: no capital anywhere
            continue
        rest = text[1:]
        if not rest.islower() and any(c.isupper() for c in rest):
            continue  # LSS, SoL, VIKTIGT
        form = text
        if text[0].isupper():
            if t.upos == "PROPN" or first_word.get(t.sent) != t.i or text in names:
                continue
            short = short_blocks.get(b)
            if short is None:
                short = short_blocks[b] = len(btext.split()) < 4
            if short or _next_is_capitalised(tokens, t):
                continue  # "Ingrid Svensson", "Ängsvägen 12": a name, an address, a signature
            form = text.lower()
        out.append((t, form))
    ctx.shared["ordinary_words"] = out
    return out
