"""Legal references in text: paragraph references ("4 kap. 1 §"), bare short forms ("4:1 SoL") and
mentions of laws by name or abbreviation. Law names live in ``rules/lagar.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from klarsprak.structure.vocab import Law, laws

_ORD = r"(?:första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde|\d{1,2})"
_NUM = r"\d{1,3}\s?[a-z]?"
# "4 kap. 1 §", "2 a kap. 1 och 3 §§", "9 kap 2§", "4 kap. 1 § första stycket 2 p."
PARAGRAPH_REF = re.compile(
    r"(?<![\w.:/])"
    r"(?:" + _NUM + r"\s*kap\.?\s*)?"
    + _NUM + r"(?:\s*(?:,|och|samt|–|-)\s*" + _NUM + r")*\s*§§?"
    r"(?:\s*" + _ORD + r"\s*(?:stycket|st\.))?"
    r"(?:\s*\d{1,2}\s*(?:p\.|punkten))?",
    re.IGNORECASE,
)
# "4:1", "4 : 1", "2a:1" next to a law's short form (the old shorthand for chapter and paragraph)
_BARE_NUM = r"(?<![\w:/.-])\d{1,2}\s?[a-z]?\s?:\s?\d{1,3}\s?[a-z]?(?![\w:/])"
SFS_NUMBER = re.compile(r"^\s*\(\s*(?:SFS\s*)?\d{4}:\d{1,4}\s*\)")
SFS_ANYWHERE = re.compile(r"\b(?:19|20)\d{2}:\d{1,4}\b")
LAW_WITH_SFS = re.compile(r"(?<![\w-])lag(?:en)?\s*\(\s*(?:SFS\s*)?(?:19|20)\d{2}:\d{1,4}\s*\)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    law: Law | None  # None: a law named by a word the list does not know ("bostadsbidragslagen")
    kind: str  # name | short | generic | numbered ("lagen (1990:52) ...")
    with_sfs: bool  # an SFS number follows the name, e.g. "(2001:453)"
    defined: bool  # a short form whose law is named right beside it: "socialtjänstlagen (SoL)"


@lru_cache(maxsize=4096)
def paragraph_refs(text: str) -> list[tuple[int, int]]:
    """Spans of "4 kap. 1 §"-style references (cached: several rules ask about the same block)."""
    if "§" not in text:
        return []
    return [m.span() for m in PARAGRAPH_REF.finditer(text) if "§" in m.group()]


@lru_cache(maxsize=1)
def _bare_rx() -> re.Pattern[str] | None:
    v = laws()
    if v.short_rx is None:
        return None
    shorts = v.short_rx.pattern
    return re.compile(r"(" + _BARE_NUM + r")\s*(" + shorts + r")|(" + shorts + r")\s*(" + _BARE_NUM + r")")


_HAS_COLON_NUMBER = re.compile(r"\d\s?[a-z]?\s?:\s?\d")
# a cheap first look: no law can be named in a text without one of these
_LAW_HINT = re.compile(r"(?i:lag|balk|förordning|föreskrift)|[A-ZÅÄÖ][A-Za-zåäö]*[A-ZÅÄÖ]")


@lru_cache(maxsize=4096)
def bare_refs(text: str) -> list[tuple[int, int, str]]:
    """Chapter:paragraph shorthand next to a law short form: "4:1 SoL", "SoL 4:1"."""
    rx = _bare_rx()
    if rx is None or not _HAS_COLON_NUMBER.search(text):
        return []
    out = []
    for m in rx.finditer(text):
        out.append((m.start(), m.end(), m.group(2) or m.group(3) or ""))
    return out


@lru_cache(maxsize=4096)
def mentions(text: str) -> list[Mention]:
    """Every law named in ``text``, by name, number or short form, in text order (no overlaps)."""
    v = laws()
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    if not _LAW_HINT.search(text):
        return found

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in LAW_WITH_SFS.finditer(text):
        found.append(Mention(m.start(), m.end(), m.group(), None, "numbered", True, False))
        taken.append(m.span())
    for m in v.name_rx.finditer(text):
        if not free(*m.span()):
            continue
        law = v.name_to_law.get(" ".join(m.group().lower().split()))
        found.append(Mention(m.start(), m.end(), m.group(), law, "name", _sfs_follows(text, m.end()), False))
        taken.append(m.span())
    for m in v.generic_rx.finditer(text):
        if not free(*m.span()) or not v.is_law_word(m.group()):
            continue
        found.append(Mention(m.start(), m.end(), m.group(), None, "generic", _sfs_follows(text, m.end()), False))
        taken.append(m.span())
    if v.short_rx is not None:
        for m in v.short_rx.finditer(text):
            if not free(*m.span()):
                continue
            base = re.sub(r"(?::s|s)$", "", m.group()) if m.group() not in v.short_to_law else m.group()
            law = v.short_to_law.get(base)
            if law is None:
                continue
            found.append(Mention(m.start(), m.end(), m.group(), law, "short", False, _defined_here(text, m.start(), m.end(), law)))
            taken.append(m.span())
    found.sort(key=lambda x: x.start)
    return found


def _sfs_follows(text: str, end: int) -> bool:
    return bool(SFS_NUMBER.match(text[end : end + 30]))


def _defined_here(text: str, start: int, end: int, law: Law) -> bool:
    """A short form with its law's name beside it: "socialtjänstlagen (SoL)", "SoL (socialtjänstlagen)",
    "lagen (1990:52) med särskilda bestämmelser om vård av unga, LVU"."""
    v = laws()
    before = text[max(0, start - 160) : start]
    after = text[end : end + 80]
    if re.match(r"\s*\(", after):
        inner = after[after.index("(") + 1 :].split(")", 1)[0]
        if _names(inner, law):
            return True
    tail = re.search(r"[(,–-]\s*(?:förkortad\s+|förkortat\s+|nedan\s+)?$", before)
    if tail:
        window = before[: tail.start()]
        # the name must end right before the parenthesis/comma (allowing an SFS number between)
        window = re.sub(r"\s*\(\s*(?:SFS\s*)?\d{4}:\d{1,4}\s*\)\s*$", "", window)
        for m in list(v.name_rx.finditer(window)) + list(LAW_WITH_SFS.finditer(window)) + list(v.generic_rx.finditer(window)):
            if len(window) - m.end() <= 70:
                return True
    return False


def _names(text: str, law: Law) -> bool:
    v = laws()
    for m in v.name_rx.finditer(text):
        if v.name_to_law.get(" ".join(m.group().lower().split())) is law:
            return True
    return bool(LAW_WITH_SFS.search(text) or any(v.is_law_word(m.group()) for m in v.generic_rx.finditer(text)))


def names_a_law(text: str) -> bool:
    """True when ``text`` names some law: by name, number, short form or a back reference ("samma lag")."""
    v = laws()
    if mentions(text):
        return True
    return bool(v.back_rx.search(text))
