"""The word-list format: entries, patterns and conditions read from ``rules/*.yaml``.

Parsing only; matching lives in :mod:`klarsprak.checks.lexicon`. The format is documented for
organisations in ``rules/README.md``. Every problem is a :class:`ConfigError` with a Swedish
message naming the file and the entry."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from klarsprak.errors import ConfigError
from klarsprak.findings import Severity
from klarsprak.model import BlockKind


class LexiconError(ConfigError):
    """A problem in a word list. The message itself names the file (and the entry), so it survives
    callers that show only ``.message``."""

    def __init__(self, message: str, where: str):
        super().__init__(f"{where}: {message}")

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


def normalise(text: str) -> str:
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
            raise LexiconError(f"tomt alternativ i mönstret ”{raw}”", where)
        if alt.startswith("="):
            forms.add(alt[1:])
        else:
            lemmas.add(alt)
    return Element(lemmas=frozenset(lemmas), forms=frozenset(forms), pos=pos)


def parse_pattern(raw: object, where: str) -> tuple[Element, ...]:
    if not isinstance(raw, str) or not raw.strip():
        raise LexiconError(f"mönstret måste vara en text med minst ett ord, inte {raw!r}", where)
    return tuple(parse_element(part, where) for part in raw.split())


def _condition(raw: object, where: str) -> Condition:
    if not isinstance(raw, dict) or not raw:
        raise LexiconError(f"ett undantag eller krav måste vara en tabell, inte {raw!r}", where)
    unknown = {str(k) for k in raw} - _CONDITION_KEYS
    if unknown:
        raise LexiconError(
            f"okänd nyckel {', '.join(sorted(unknown))} i undantag/krav (kända: {', '.join(sorted(_CONDITION_KEYS))})",
            where,
        )
    blocks = frozenset(_as_list(raw.get("block", []), "block", where))
    if blocks - _BLOCK_KINDS:
        raise LexiconError(f"okänd blocktyp {', '.join(sorted(blocks - _BLOCK_KINDS))}", where)
    within = raw.get("within", 0)
    if not isinstance(within, int) or isinstance(within, bool) or within < 0:
        raise LexiconError("'within' måste vara ett heltal ≥ 0", where)
    feats = []
    for pair in _as_list(raw.get("feats", []), "feats", where):
        name, sep, value = str(pair).partition("=")
        if not sep:
            raise LexiconError(f"'feats' ska skrivas Namn=Värde, inte {pair!r}", where)
        feats.append((name.strip(), value.strip()))
    start = raw.get("sentence_start")
    if start is not None and not isinstance(start, bool):
        raise LexiconError("'sentence_start' måste vara true eller false", where)
    return Condition(
        before=parse_pattern(raw["before"], where) if "before" in raw else (),
        after=parse_pattern(raw["after"], where) if "after" in raw else (),
        within=within,
        sentence=parse_pattern(raw["sentence"], where) if "sentence" in raw else (),
        block=blocks,
        form=frozenset(normalise(f) for f in _as_list(raw.get("form", []), "form", where)),
        sentence_start=start,
        feats=tuple(feats),
    )


def _as_list(value: object, key: str, where: str) -> list:
    if isinstance(value, str):
        return [v for v in (p.strip() for p in value.split("|")) if v] if key in ("block", "form") else [value]
    if isinstance(value, list):
        return value
    raise LexiconError(f"'{key}' måste vara en text eller en lista", where)


def parse_entry(raw: object, rule: str, where: str) -> tuple[Entry | None, str]:
    """One entry; returns (entry, key), entry None for ``remove: true`` (removes an entry by key)."""
    if not isinstance(raw, dict):
        raise LexiconError(f"varje post måste vara en tabell med minst 'match', inte {raw!r}", where)
    if "match" in raw:
        where = f"{where}, posten ”{raw['match']}”"
    unknown = {str(k) for k in raw} - _ENTRY_KEYS
    if unknown:
        raise LexiconError(
            f"okänd nyckel {', '.join(sorted(unknown))} (kända: {', '.join(sorted(_ENTRY_KEYS))})", where
        )
    if "match" not in raw:
        raise LexiconError("en post saknar 'match'", where)
    rule = str(raw.get("rule", rule)).upper()
    if rule not in LEXICON_RULES:
        raise LexiconError(f"regeln {rule} läser inga ordlistor (möjliga: {', '.join(LEXICON_RULES)})", where)
    elements = parse_pattern(raw["match"], where)
    key = normalise(str(raw["match"]))
    if elements[0].wildcard:
        raise LexiconError("mönstret får inte börja med *", where)
    if raw.get("remove") is True:
        return None, f"{rule}:{key}"
    suggest = raw.get("suggest", [])
    if isinstance(suggest, str):
        suggest = [suggest]
    if not isinstance(suggest, list) or not all(isinstance(s, str) for s in suggest):
        raise LexiconError("'suggest' måste vara en text eller en lista med texter", where)
    fix = raw.get("fix", {})
    if not isinstance(fix, dict) or not all(isinstance(v, str) for v in fix.values()):
        raise LexiconError("'fix' måste vara en tabell form: ersättning", where)
    safe = raw.get("safe", False)
    if not isinstance(safe, bool):
        raise LexiconError("'safe' måste vara true eller false", where)
    if safe and not suggest:
        raise LexiconError("'safe: true' kräver ett förslag i 'suggest'", where)
    severity = raw.get("severity")
    if severity is not None and str(severity) not in _SEVERITIES:
        raise LexiconError("'severity' måste vara info, warning eller error", where)
    gap = raw.get("gap", 0)
    if not isinstance(gap, int) or isinstance(gap, bool) or gap < 0:
        raise LexiconError("'gap' måste vara ett heltal ≥ 0", where)
    for key_name in ("message", "note"):
        if key_name in raw and not isinstance(raw[key_name], str):
            raise LexiconError(f"'{key_name}' måste vara en text", where)
    fix_keys = tuple((normalise(str(k)), v) for k, v in fix.items())
    entry = Entry(
        rule=rule,
        key=key,
        elements=_with_fix_forms(elements, fix_keys),
        suggestions=tuple(suggest),
        fix=fix_keys,
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


def _with_fix_forms(elements: tuple[Element, ...], fix: tuple[tuple[str, str], ...]) -> tuple[Element, ...]:
    """The forms named in ``fix`` also match as exact forms: the inflections an entry lists are found
    even when the tagger gives them a wrong lemma ("inkommit" read as an adjective "inkommin")."""
    extra: list[set[str]] = [set() for _ in elements]
    for form, _repl in fix:
        words = form.split()
        if len(words) == len(elements):
            for pos, word in enumerate(words):
                if not elements[pos].wildcard:
                    extra[pos].add(word)
    return tuple(
        replace(el, forms=el.forms | frozenset(more)) if more - el.forms else el
        for el, more in zip(elements, extra)
    )


def _listish(value: object, key: str, where: str) -> list:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return value
    raise LexiconError(f"'{key}' måste vara en lista", where)


def parse_lexicon(data: object, where: str) -> list[tuple[Entry | None, str]]:
    """A whole lexicon file. Keys other than ``rule`` and ``entries`` belong to other readers."""
    if data is None:
        return []
    if not isinstance(data, dict):
        raise LexiconError("en ordlista måste vara en YAML-tabell med nyckeln 'entries'", where)
    rule = str(data.get("rule", DEFAULT_RULE)).upper()
    if rule not in LEXICON_RULES:
        raise LexiconError(f"regeln {rule} läser inga ordlistor (möjliga: {', '.join(LEXICON_RULES)})", where)
    entries = data.get("entries", [])
    if not isinstance(entries, list):
        raise LexiconError("'entries' måste vara en lista", where)
    return [parse_entry(raw, rule, where) for raw in entries]


# libyaml's safe loader parses the shipped lists ~10x faster than the pure-Python one (cold start).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> object:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader, the C one when present
    except FileNotFoundError:
        raise LexiconError("ordlistan finns inte (se 'lexicons' i konfigurationen)", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"ordlistan kan inte läsas ({exc})", str(path)) from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" på rad {line + 1}" if line is not None else ""
        raise LexiconError(f"ordlistan är inte giltig YAML{at}", str(path)) from None
