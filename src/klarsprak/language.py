"""Is this text Swedish? A cheap, offline, deterministic guess before any Swedish rule runs.

Two signals, both computed in one pass over the text:

- the script: a text whose letters are mostly Arabic, Cyrillic, Ethiopic, ... is not Swedish;
- function words: in running text of any language a third of the tokens are short function words
  ("och", "att", "the", "ikke"). The lists are in ``rules/sprak.yaml``; a word listed for several
  languages weighs 1/n, so the words that tell close languages apart (sv "inte" / nb "ikke") decide.

A Latin-script text with plenty of words, almost no function words of any language and many words
without a vowel is garbage: a PDF whose fonts lack a usable Unicode map but whose glyph codes happen
to be letters ("Ehvoxw rp hnrqrplvnw elvw#qg"). The Swedish rules would only produce noise, so it is
refused too. A list of labels or a form ("Nivå 1", "Namn", "Adress") has vowels and is let through.

Documents that mix languages (a decision with an English or Arabic translation) are Swedish when
most of their words are; the foreign blocks are named in a warning and no finding is kept there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from klarsprak.model import Block, Document
from klarsprak.resources import load_rules_yaml

_WORD = re.compile(r"[^\W\d_]+")

MIN_DOCUMENT_WORDS = 20  # fewer words than this: too little to judge; treated as Swedish
MIN_BLOCK_WORDS = 15  # a block is judged on its own only from this many words
MIN_GARBLED_WORDS = 40
MAX_SAMPLE_WORDS = 50_000  # the verdict for a long text is settled long before this
MAX_SAMPLE_CHARS = 400_000

FOREIGN_SHARE = 0.08  # weighted function-word share a foreign language needs ...
FOREIGN_MARGIN = 1.5  # ... and how many times Swedish's it must be
BLOCK_SHARE = 0.10
BLOCK_MARGIN = 3.0
GARBLED_SHARE = 0.03  # below this share of known function words (all languages), text is not language
NON_LATIN_SHARE = 0.5
VOWELLESS_SHARE = 0.25  # ... and this share of words without a vowel: letters, but garbled ones
_VOWELS = re.compile("[aeiouyåäöæøéèêëáàíìóòúùüõãâîôû]")


@dataclass(frozen=True, slots=True)
class Guess:
    """The language of one text: an ISO 639-1 code, ``"script:<name>"``, ``"unknown"`` or ``"sv"``."""

    code: str
    words: int
    scores: dict = field(default_factory=dict, compare=False)

    @property
    def swedish(self) -> bool:
        return self.code == "sv"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict on a whole document."""

    guess: Guess
    foreign_blocks: tuple[int, ...] = ()
    foreign_code: str | None = None  # the language of the foreign blocks (the most common one)

    @property
    def swedish(self) -> bool:
        return self.guess.swedish

    def error(self) -> str | None:
        """The Swedish one-liner for a document the rules must not run on, else None."""
        if self.swedish:
            return None
        tail = "" if self.guess.code == "unknown" else ", inte på svenska"
        return f"texten {describe(self.guess.code)}{tail}; klarsprak granskar bara svensk text och reglerna kördes inte"

    def warning(self, document: Document) -> str | None:
        if not self.foreign_blocks:
            return None
        n = len(self.foreign_blocks)
        first = where(document.blocks[self.foreign_blocks[0]])
        what = "ett stycke" if n == 1 else f"{n} stycken"
        code = self.foreign_code or "unknown"
        if code.startswith("script:"):
            verb = f"är {'skrivet' if n == 1 else 'skrivna'} med {_language_name(code)}"
        else:
            verb = f"verkar vara på {_language_name(code)}"
        return f"{what} ({first}{' och framåt' if n > 1 else ''}) {verb} och granskades inte"


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, dict[str, float]], dict[str, str], dict[str, str]]:
    raw = load_rules_yaml("sprak.yaml")
    lists = {code: set(str(entry["words"]).split()) for code, entry in raw["languages"].items()}
    names = {code: str(entry["name"]) for code, entry in raw["languages"].items()}
    counts: dict[str, int] = {}
    for words in lists.values():
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    weights = {code: {w: 1.0 / counts[w] for w in words} for code, words in lists.items()}
    return weights, names, {str(k): str(v) for k, v in raw["scripts"].items()}


def _language_name(code: str) -> str:
    _, names, scripts = _data()
    if code.startswith("script:"):
        return scripts.get(code[7:], scripts["other"])
    return names.get(code, "ett okänt språk")


def describe(code: str) -> str:
    """"verkar vara på engelska", "är skriven med arabisk skrift (...)", ... (after "texten ")."""
    if code.startswith("script:"):
        return f"är skriven med {_language_name(code)}"
    if code == "unknown":
        return (
            "går inte att känna igen som svenska eller något annat språk (den kan vara förvrängd, "
            "t.ex. från en PDF vars typsnitt saknar Unicode-tabell)"
        )
    return f"verkar vara på {_language_name(code)}"


# Unicode blocks of the scripts we name; everything else that is a letter and not Latin is "other".
_SCRIPT_RANGES = (
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0x0900, 0x0DFF, "indic"),
    (0x0E00, 0x0E7F, "thai"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1200, 0x139F, "ethiopic"),
    (0x2D80, 0x2DDF, "ethiopic"),
    (0x3040, 0x30FF, "cjk"),
    (0x3400, 0x9FFF, "cjk"),
    (0xAC00, 0xD7AF, "cjk"),
    (0xFB1D, 0xFB4F, "hebrew"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
)


def _script(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
        return "latin"
    for lo, hi, name in _SCRIPT_RANGES:
        if lo <= cp <= hi:
            return name
    return "other"


def _main_script(text: str) -> tuple[str, int]:
    """The non-Latin script most letters belong to (or "latin"), and the number of letters seen."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ord(ch) >= 0x0250:  # the common case (Latin-1, Latin Extended) skips the lookup
                name = _script(ch)
                counts[name] = counts.get(name, 0) + 1
    foreign = sum(v for k, v in counts.items() if k != "latin")
    if letters and foreign > NON_LATIN_SHARE * letters:
        best = max(sorted(counts.items()), key=lambda kv: kv[1] if kv[0] != "latin" else -1)
        return best[0], letters
    return "latin", letters


def guess(text: str, min_words: int = MIN_DOCUMENT_WORDS, share: float = FOREIGN_SHARE, margin: float = FOREIGN_MARGIN) -> Guess:
    """The language of ``text``; short texts (fewer than ``min_words`` words) count as Swedish."""
    text = text[:MAX_SAMPLE_CHARS]
    script, letters = _main_script(text)
    words = _WORD.findall(text.lower())[:MAX_SAMPLE_WORDS]
    if script != "latin":
        return Guess(f"script:{script}", len(words)) if letters >= min_words else Guess("sv", len(words))
    if len(words) < min_words:
        return Guess("sv", len(words))
    weights, _, _ = _data()
    n = len(words)
    scores = {code: sum(table.get(w, 0.0) for w in words) / n for code, table in weights.items()}
    known = set().union(*weights.values())
    plain_share = sum(1 for w in words if len(w) > 1 and w in known) / n  # "i", "a", "o": too easily hit by chance
    if n >= MIN_GARBLED_WORDS and plain_share < GARBLED_SHARE and _vowelless_share(words) > VOWELLESS_SHARE:
        return Guess("unknown", n, scores)
    best = max(sorted(scores), key=lambda code: scores[code])
    if best != "sv" and scores[best] >= share and scores[best] >= margin * scores["sv"]:
        return Guess(best, n, scores)
    return Guess("sv", n, scores)


def _vowelless_share(words: list[str]) -> float:
    """Words of two letters or more without a vowel: rare in any language written in Latin letters
    ("st", "nr", "tfn"), common in text whose letters were mapped wrongly ("hnrqrplvnw")."""
    longer = [w for w in words if len(w) > 1]
    if not longer:
        return 0.0
    return sum(1 for w in longer if not _VOWELS.search(w)) / len(longer)


def assess(document: Document) -> Verdict:
    """The verdict on ``document``: its language, and which of its blocks are in another one."""
    whole = guess(document.text)
    foreign: list[int] = []
    codes: dict[str, int] = {}
    foreign_words = 0
    total_words = 0
    for block in document.blocks:
        n = len(block.text.split())
        total_words += n
        if n < MIN_BLOCK_WORDS:
            continue
        g = guess(block.text, MIN_BLOCK_WORDS, BLOCK_SHARE, BLOCK_MARGIN)
        if not g.swedish and g.code != "unknown":
            foreign.append(block.index)
            codes[g.code] = codes.get(g.code, 0) + n
            foreign_words += n
    main = max(sorted(codes), key=lambda c: codes[c]) if codes else None
    if whole.swedish and main is not None and foreign_words > 0.5 * total_words:
        whole = Guess(main, whole.words, whole.scores)  # mostly translation: judged by its majority
    if not whole.swedish:
        return Verdict(whole)
    return Verdict(whole, tuple(foreign), main)


def where(block: Block) -> str:
    """A place a reader can find: a page, a line or a paragraph number."""
    p = block.place
    if p.page is not None:
        return f"sida {p.page}"
    if p.line is not None:
        return f"rad {p.line}"
    if p.paragraph is not None:
        return f"stycke {p.paragraph + 1}"
    return f"block {block.index + 1}"
