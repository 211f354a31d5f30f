"""Swedish word frequencies (wordfreq, read once as a dict) and compound splitting on them.

Used where a word must be judged common or rare: a compound is as common as its parts
("beslutsvägar" = "besluts" + "vägar"), split at any point, with a linking -s- or vowel.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("sv")


_zipf_seen: dict[str, float] = {}  # the rules ask about the same words again and again


def zipf(word: str) -> float:
    """Zipf frequency of a lower-case Swedish word (0 when wordfreq has never seen it)."""
    z = _zipf_seen.get(word)
    if z is None:
        f = _frequencies().get(word)
        z = round(math.log10(f) + 9, 2) if f else 0.0
        if len(_zipf_seen) >= 500_000:
            _zipf_seen.clear()  # a long-lived server: stay bounded
        _zipf_seen[word] = z
    return z


@lru_cache(maxsize=1)
def _english() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def zipf_en(word: str) -> float:
    f = _english().get(word)
    return round(math.log10(f) + 9, 2) if f else 0.0


MIN_PART = 3  # compound parts shorter than this are not trusted ("is", "ur" …)
# Function words (and frequent English ones) are never compound parts: "ansök|kan" is no compound.
NOT_COMPOUND_PARTS = frozenset(
    "och att det som den ett där här har kan ska var vill får fick för med till från men eller upp "
    "ner över under vid hos mot utan efter före sedan när hur vad vem vars inte nog dig mig sig oss "
    "dem han hon jag min mitt din ditt sin sitt vår vårt era ert man mer mest bara även också redan "
    "ännu alla allt andra annan annat samt dock ty vars are the and you for not but was ans ann "
    "ens ena enda vem hade haft blev bli blir ute inne "
    # derivational suffixes, which look like words but do not make compounds: verk|ningarna
    "ning ningen ningar ningarna het heten else lig ligt liga ande ende are aren isk iska iskt skap".split()
)


def splits_into_common(word: str, min_zipf: float, known=None, _depth: int = 0) -> bool:
    """True when ``word`` is a compound of frequent words (``zipf >= min_zipf``), with or without a
    linking -s-, split at any point, parts themselves compounds (three levels at most).

    ``known`` (optional) replaces the frequency test for the parts (e.g. the spelling dictionary)."""
    return _splits(word, min_zipf, known, _depth)


# Prefixes that open Swedish compounds whatever their own frequency: ny|besök, åter|besök, sam|verkan.
# (Not av-, in-, upp-: prefix verbs such as "avropa", "inkomma" are judged as wholes.)
_PREFIXES = frozenset("ny åter sam hel halv själv".split())
# Endings stripped from a compound's last part to find its base form: avvikelse|n, mall|arna.
_TAIL_ENDINGS = tuple(sorted(
    "en et na er ar or erna arna orna ernas arnas ornas ens ets es as de da ts ade ades at ats".split(),
    key=len, reverse=True,
))


def _part_ok(part: str, min_zipf: float, known) -> bool:
    if len(part) < MIN_PART or part in NOT_COMPOUND_PARTS:
        return False
    if known is not None:
        return known(part)
    sv = zipf(part)
    needed = max(min_zipf, 4.0) if len(part) == MIN_PART else (min_zipf - 0.5 if len(part) >= 6 else min_zipf)
    if sv < needed and len(part) >= 6:
        # a long part is as familiar as its plural, which is often the form in use: sanktion|er
        sv = max(sv, zipf(part + "er"), zipf(part + "ar"), zipf(part + "or"))
    if sv < needed:
        return False
    # short English words ("ice", "are") are not Swedish parts; long cognates (policy) are
    return len(part) > 4 or zipf_en(part) < sv + 1.0


def _tail_ok(tail: str, min_zipf: float, known) -> bool:
    if _part_ok(tail, min_zipf, known):
        return True
    if known is not None:
        return False
    if tail.endswith(("arna", "arnas", "aren", "arens")) and _part_ok(re.sub(r"ar(?:na|nas|en|ens)$", "are", tail), min_zipf, known):
        return True  # sekreter|arna -> sekreterare
    for ending in _TAIL_ENDINGS:
        if tail.endswith(ending) and len(tail) - len(ending) >= 4 and _part_ok(tail[: -len(ending)], min_zipf, known):
            return True
    return False


def _head_forms(head: str) -> list[tuple[str, bool]]:
    """What a compound's first part may stand for, and whether that form may itself be split:
    skol|gång (skola), hyres|kostnad (hyra), besluts|väg (beslut), gatu|lampa (gata),
    barna|vård (barn). A form made by adding a vowel is never split further ("verknin"+a)."""
    if len(head) <= MIN_PART:
        return [(head, True)]
    forms = [(head, True), (head + "a", False), (head + "e", False)]
    if head[-1] in "sae":
        forms.append((head[:-1], True))
    if head[-1] in "euos":
        forms.append((head[:-1] + "a", False))
    if head.endswith(("es", "us", "os")) and len(head) > MIN_PART + 1:
        forms.append((head[:-2] + "a", False))
    return forms


def _splits(word: str, min_zipf: float, known, depth: int) -> bool:
    shortest = MIN_PART if depth == 0 else MIN_PART + 1  # inner parts of four letters or more
    if depth > 2 or len(word) < 2 * shortest - 1:
        return False
    for i in range(2, len(word) - shortest + 1):
        head, tail = word[:i], word[i:]
        if len(head) < shortest and not (depth == 0 and head in _PREFIXES):
            continue
        if len(tail) < shortest:
            continue
        if not (_tail_ok(tail, min_zipf, known) or _splits(tail, min_zipf, known, depth + 1)):
            continue
        if known is None and head in _PREFIXES:
            return True
        for h, may_split in _head_forms(head):
            if len(h) >= shortest and (_part_ok(h, min_zipf, known) or (may_split and _splits(h, min_zipf, known, depth + 1))):
                return True
    return False
