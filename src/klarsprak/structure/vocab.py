"""The structure vocabulary, compiled once per process from ``rules/rubriker.yaml``, ``rules/beslut.yaml``
and ``rules/lagar.yaml``: heading roles, decision verbs, causal markers, appeal elements, law names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from klarsprak.resources import load_rules_yaml

ROLE_LABELS_EXTRA = {
    "title": "Rubrik",
    "letterhead": "Brevhuvud",
    "other": "Övrigt innehåll",
}

_NUMBERING = re.compile(r"^\s*(?:#+\s*)?(?:(?:\d{1,2}(?:\.\d{1,2})*|[A-ZÅÄÖ]|[IVX]{1,4})[.)]\s+|\d{1,2}(?:\.\d{1,2})+\s+)")
_TRAILING = re.compile(r"[\s:.\-–—*_]+$")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def normalise_heading(text: str) -> str:
    """Lower case, without numbering, markdown marks, trailing colon or full stop."""
    t = text.replace("\u00a0", " ").strip().lstrip("#").strip().strip("*_").strip()
    t = _NUMBERING.sub("", t)
    t = _TRAILING.sub("", t)
    return _SPACES.sub(" ", t).lower()


def words_pattern(phrases, *, prefix: bool = False, flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    """One regex for a list of words/phrases: whole words, any whitespace between words.

    ``prefix`` lets the last word run on (compounds and inflections: "försörjningsstöd" matches
    "försörjningsstödet"). The alternatives are merged into a trie, so the regex engine tries each
    character once instead of every phrase at every position."""
    items = sorted({" ".join(p.lower().split()) for p in phrases if p and p.strip()})
    if not items:
        return None
    body = _trie_regex(items)
    tail = r"\w*" if prefix else ""
    first = "".join(sorted({re.escape(i[0]) for i in items} | {re.escape(i[0].upper()) for i in items}))
    return re.compile(r"(?<![\w-])(?=[" + first + r"])(?:" + body + r")" + tail + r"(?![\w-])", flags)


def _trie_regex(items: list[str]) -> str:
    trie: dict = {}
    for item in items:
        node = trie
        for ch in item:
            node = node.setdefault(ch, {})
        node[""] = True
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _node_regex(node[ch]))
    if not branches:
        return ""
    inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        inner = "(?:" + inner + ")?"
    return inner


@dataclass(frozen=True)
class HeadingVocab:
    roles: tuple[str, ...]
    labels: dict[str, str]
    exact: dict[str, str]  # normalised heading -> role
    prefixes: tuple[tuple[str, str], ...]  # (prefix, role), longest first
    prefix_rx: re.Pattern[str]  # any prefix at the start, followed by a non-letter or the end
    prefix_role: dict[str, str]
    contains: tuple[tuple[str, str], ...]
    vague_exact: frozenset[str]
    vague_prefixes: tuple[str, ...]
    letterhead_words: frozenset[str]
    greetings: frozenset[str]

    def role_of(self, heading: str) -> str | None:
        """The role a heading names, or None when the vocabulary does not know it."""
        norm = normalise_heading(heading)
        if not norm:
            return None
        role = self.exact.get(norm)
        if role:
            return role
        m = self.prefix_rx.match(norm)
        if m:
            return self.prefix_role[m.group()]
        for needle, role in self.contains:
            if needle in norm:
                return role
        return None

    def is_vague(self, heading: str) -> bool:
        norm = normalise_heading(heading)
        if norm in self.vague_exact:
            return True
        first = norm.split(" ", 1)[0] if norm else ""
        return first in self.vague_prefixes

    def label(self, role: str) -> str:
        return self.labels.get(role) or ROLE_LABELS_EXTRA.get(role, role)


@lru_cache(maxsize=1)
def headings() -> HeadingVocab:
    data = load_rules_yaml("rubriker.yaml")
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    contains: list[tuple[str, str]] = []
    labels: dict[str, str] = {}
    for role, spec in data["roles"].items():
        labels[role] = spec.get("label", role)
        for h in spec.get("exact", []) or []:
            exact.setdefault(normalise_heading(str(h)), role)
        for p in spec.get("prefix", []) or []:
            prefixes.append((normalise_heading(str(p)), role))
        for c in spec.get("contains", []) or []:
            contains.append((str(c).lower(), role))
    prefixes.sort(key=lambda pr: len(pr[0]), reverse=True)
    prefix_role: dict[str, str] = {}
    for prefix, role in prefixes:
        prefix_role.setdefault(prefix, role)
    # longest first, so "beslut om" wins over "beslut"; a prefix must end at a word boundary
    prefix_rx = re.compile("(?:" + "|".join(re.escape(p) for p, _ in prefixes) + r")(?!\w)")
    vague = data.get("vague", {})
    lh = data.get("letterhead", {})
    return HeadingVocab(
        roles=tuple(data["roles"]),
        labels=labels,
        exact=exact,
        prefixes=tuple(prefixes),
        prefix_rx=prefix_rx,
        prefix_role=prefix_role,
        contains=tuple(contains),
        vague_exact=frozenset(normalise_heading(str(v)) for v in vague.get("exact", [])),
        vague_prefixes=tuple(str(p).lower().rstrip() for p in vague.get("prefix", [])),
        letterhead_words=frozenset(str(w).lower() for w in lh.get("words", [])),
        greetings=frozenset(str(w).lower() for w in lh.get("greetings", [])),
    )


# --- decisions ---------------------------------------------------------------------------------------


# Substrings without which contact_patterns / decision_maker_patterns in beslut.yaml cannot match
# (a cheap first look; keep them in step with the patterns).
_CONTACT_HINTS = ("kontakt", "ring", "tel", "post", "mejl", "mail", "frågor", "hör av", "nå mig", "nå oss")
_DECISION_MAKER_HINTS = ("beslut", "delegation", "vägnar", "för socialnämnden", "för nämnden", "för utskottet",
                         "handläggare", "sekreterare", "chef", "ledare", "ordförande", "uppdrag")


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    polarity: str  # grant | adverse | neutral
    kind: str  # present | perfect | infinitive | participle


@dataclass(frozen=True)
class DecisionVocab:
    verb_forms: dict[str, VerbForm]  # lower-case form (words joined by one space) -> form
    verb_rx: re.Pattern[str]
    benefit_rx: re.Pattern[str]
    authority_rx: re.Pattern[str]
    adverse_rx: re.Pattern[str]
    adverse_phrase_rx: re.Pattern[str]
    negations: frozenset[str]
    causal_rx: re.Pattern[str]
    assessment_rx: re.Pattern[str]
    appeal: dict[str, tuple[str, tuple[re.Pattern[str], ...], int]]  # key -> (message, patterns, min hits)
    # (with min hits 1 the patterns are joined into one regex)
    contact_rx: re.Pattern[str]
    concrete_contact_rx: re.Pattern[str]  # phone numbers
    email_rx: re.Pattern[str]

    def has_contact_words(self, text: str) -> bool:
        """Words that offer contact ("ring mig", "om du har frågor"); substrings first, the regex only then."""
        low = text.lower()
        if not any(h in low for h in _CONTACT_HINTS):
            return False
        return bool(self.contact_rx.search(text))

    def names_decision_maker(self, text: str) -> bool:
        low = text.lower()
        if not any(h in low for h in _DECISION_MAKER_HINTS):
            return False
        return bool(self.decision_maker_rx.search(text))

    def has_concrete_contact(self, text: str) -> bool:
        """A phone number or an e-mail address (each regex only runs where it can match)."""
        if "@" in text and self.email_rx.search(text):
            return True
        if "0" not in text and "+" not in text:
            return False
        return bool(self.concrete_contact_rx.search(text))
    decision_maker_rx: re.Pattern[str]
    not_names: frozenset[str]
    generic_min_words: int
    generic_min_markers: int
    generic_markers: tuple[re.Pattern[str], ...]
    generic_personal: re.Pattern[str]
    generic_rule_markers: re.Pattern[str]
    money_rx: re.Pattern[str]
    amount_rx: re.Pattern[str]
    period_rx: re.Pattern[str]
    recurring_rx: re.Pattern[str] = re.compile(r"(?!)")  # money for a period: hyra, försörjningsstöd
    vague_grounds_rx: re.Pattern[str] = re.compile(r"(?!)")  # "mot bakgrund av utredningen" (KS403)
    back_reference_rx: re.Pattern[str] = re.compile(r"(?!)")  # "därför" points at the sentence before


def _compile_all(patterns) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns or [])


def _union(patterns) -> re.Pattern[str]:
    """One regex for a list: a single pass over the text instead of one per pattern."""
    return re.compile("|".join(f"(?:{p})" for p in patterns or []) or r"(?!)", re.IGNORECASE)


@lru_cache(maxsize=1)
def decisions() -> DecisionVocab:
    data = load_rules_yaml("beslut.yaml")
    forms: dict[str, VerbForm] = {}
    for lemma, spec in data["decision_verbs"].items():
        for kind in ("present", "perfect", "infinitive", "participle"):
            for form in spec.get(kind, []) or []:
                key = " ".join(str(form).lower().split())
                forms.setdefault(key, VerbForm(lemma=lemma, polarity=spec["polarity"], kind=kind))
    auth = data["authority"]
    suffixes = "|".join(re.escape(s) for s in auth.get("suffixes", []))
    authority_rx = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(w) for w in sorted(auth["words"], key=len, reverse=True))
        + (r"|\w+(?:" + suffixes + r")s?" if suffixes else "")
        + r")(?![\w-])",
        re.IGNORECASE,
    )
    adverse = data["adverse"]
    appeal = {}
    for key, spec in data["appeal_elements"].items():
        min_hits = int(spec.get("min_hits", 1))
        patterns = _compile_all(spec["patterns"]) if min_hits > 1 else (_union(spec["patterns"]),)
        appeal[key] = (spec["message"], patterns, min_hits)
    generic = data["generic"]
    return DecisionVocab(
        verb_forms=forms,
        verb_rx=words_pattern(forms),
        benefit_rx=words_pattern(data["benefit_words"], prefix=True),
        authority_rx=authority_rx,
        adverse_rx=words_pattern(adverse["words"]),
        adverse_phrase_rx=words_pattern(adverse["phrases"]),
        negations=frozenset(adverse["negations"]),
        causal_rx=words_pattern(data["causal_markers"]),
        assessment_rx=words_pattern(data["assessment_markers"], prefix=True),
        appeal=appeal,
        contact_rx=_union(data["contact_patterns"]),
        concrete_contact_rx=_union([p for p in data["concrete_contact_patterns"] if "@" not in p]),
        email_rx=_union([p for p in data["concrete_contact_patterns"] if "@" in p]),
        decision_maker_rx=_union(data["decision_maker_patterns"]),
        not_names=frozenset(data.get("not_names", [])),
        generic_min_words=int(generic["min_words"]),
        generic_min_markers=int(generic["min_markers"]),
        generic_markers=_compile_all(generic["markers"]),
        generic_personal=_union(generic["personal"]),
        generic_rule_markers=_union(generic["rule_markers"]),
        money_rx=words_pattern(data["money_words"], prefix=True),
        amount_rx=_union(data["amount_patterns"]),
        period_rx=_union(data["period_patterns"]),
        recurring_rx=_union(data.get("recurring_money_patterns")),
        vague_grounds_rx=_union(data.get("vague_grounds")),
        back_reference_rx=words_pattern(data.get("back_reference_markers") or ["\u0000"]),
    )


# --- laws --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Law:
    name: str
    sfs: tuple[str, ...]
    short: tuple[str, ...]
    ambiguous_without_sfs: bool


@dataclass(frozen=True)
class LawVocab:
    laws: tuple[Law, ...]
    name_rx: re.Pattern[str]  # a law's name or form (case-insensitive)
    name_to_law: dict[str, Law]  # lower-case name/form -> law
    short_rx: re.Pattern[str] | None  # an abbreviation (case-sensitive)
    short_to_law: dict[str, Law]
    generic_rx: re.Pattern[str]  # any word ending in -lagen/-balken/-förordningen
    generic_exceptions: tuple[str, ...]  # endings that only look like a law ("underlagen")
    back_rx: re.Pattern[str]

    def is_law_word(self, word: str) -> bool:
        low = word.lower()
        return bool(self.generic_rx.fullmatch(word)) and not low.endswith(self.generic_exceptions)


@lru_cache(maxsize=1)
def laws() -> LawVocab:
    data = load_rules_yaml("lagar.yaml")
    out: list[Law] = []
    name_to_law: dict[str, Law] = {}
    short_to_law: dict[str, Law] = {}
    for spec in data["laws"]:
        law = Law(
            name=str(spec["name"]),
            sfs=tuple(str(s) for s in spec.get("sfs", []) or []),
            short=tuple(str(s) for s in spec.get("short", []) or []),
            ambiguous_without_sfs=bool(spec.get("ambiguous_without_sfs", False)),
        )
        out.append(law)
        for name in [law.name, *(spec.get("forms", []) or [])]:
            name_to_law[" ".join(str(name).lower().split())] = law
        for s in law.short:
            short_to_law[s] = law
    shorts = sorted(short_to_law, key=len, reverse=True)
    short_rx = (
        re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in shorts) + r")(?::s|s)?(?![\w-])") if shorts else None
    )
    suffixes = "|".join(re.escape(s) for s in data.get("generic_suffixes", []))
    return LawVocab(
        laws=tuple(out),
        name_rx=words_pattern(name_to_law),
        name_to_law=name_to_law,
        short_rx=short_rx,
        short_to_law=short_to_law,
        generic_rx=re.compile(r"(?<![\w-])\w{2,}(?:" + suffixes + r")(?![\w-])", re.IGNORECASE),
        generic_exceptions=tuple(str(e).lower() for e in data.get("generic_exceptions", [])),
        back_rx=words_pattern(data.get("back_references", [])),
    )
