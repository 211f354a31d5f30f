"""Fast spelling suggestions: one edit away from a frequent word, also inside compounds.

spylls' edit search checks every candidate with the full Hunspell analysis (up to seconds for a
long Swedish compound). Most typos are one edit from a word wordfreq knows well, so candidates
are generated here and looked up in the frequency table (a dict lookup each); for a compound
whose last part is a common word, only the first part is corrected ("handlägnings|processen" ->
"handläggnings|processen"). spylls is the fallback when this finds nothing.
"""

from __future__ import annotations

from klarsprak.checks.compounds import zipf

ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöé"
MIN_ZIPF = 1.0
MAX_CHECKED = 4  # candidates confirmed with the (slower) dictionary


def edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in ALPHABET if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in ALPHABET}
    return deletes | transposes | replaces | inserts


DOUBLING_BONUS = 1.0  # in zipf units: a letter doubled or undoubled is the commonest Swedish typo


def _best(typo: str, min_zipf: float) -> list[tuple[float, str]]:
    """Words one edit from ``typo`` and at least ``min_zipf`` frequent, most likely first: by
    frequency, with a bonus for the edit writers make most ("avlönning" is "avlöning" before
    "avlösning")."""
    scored = [(z, c) for c in edits1(typo) if (z := zipf(c)) >= min_zipf]
    return sorted(((z + DOUBLING_BONUS * _doubling(typo, c), c) for z, c in scored), reverse=True)


def _doubling(a: str, b: str) -> bool:
    """``b`` is ``a`` with one letter doubled or undoubled ("tillfredställande" / "tillfredsställande"
    is not: that is an inserted s after a different letter)."""
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return long[:i] + long[i + 1 :] == short and i > 0 and long[i] == long[i - 1] and long[i].isalpha()


def suggest(word: str, known, limit: int = 3) -> list[str]:
    """Up to ``limit`` corrections of a lower-case ``word``; ``known`` is the dictionary's test."""
    found = [c for _, c in _best(word, MIN_ZIPF)[:MAX_CHECKED] if known(c)]
    if len(found) < limit and len(word) >= 8:
        found += [c for c in _compound_repairs(word, known) if c not in found]
    return found[:limit]


def _compound_repairs(word: str, known) -> list[str]:
    """Correct one part of a compound whose other part is a common word, longest good part first."""
    out: list[tuple[float, str]] = []
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if len(tail) >= 4 and zipf(tail) >= 3.0:  # the first part is wrong: handlägnings|processen
            link = "s" if head.endswith("s") else ""
            core = head[:-1] if link else head
            if len(core) >= 5:  # short first parts give wild guesses ("för|laddade" -> "kör|laddade")
                out += [(z, f + link + tail) for z, f in _best(core, 2.0)[:3]]
        core = head[:-1] if head.endswith("s") else head
        if len(tail) >= 4 and len(core) >= 3 and zipf(core) >= 3.0:  # the last part is wrong: mål|puppfyllelse
            out += [(z, head + f) for z, f in _best(tail, 2.0)[:3]]
    ranked = sorted(out, reverse=True)[:MAX_CHECKED]
    return [c for _, c in ranked if known(c)][:3]
