"""The tokenizer for Swedish official text, applied to a spaCy pipeline and saved with it.

Everything here ends up in the pipeline's serialised tokenizer (special cases, prefix and
token-match patterns), so ``spacy.load(model_dir)`` gives the same tokens without klarsprak.
What cannot live in a spaCy tokenizer (amounts with a space, "1 200 kr"; placeholders with a
space, «Förnamn Efternamn») is merged by the backend after tokenizing (see ``spacy_backend``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from klarsprak.nlp.spacy_import import spacy  # noqa: F401 - before any spacy.*: spaCy without its CLI
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_prefix_regex, compile_suffix_regex

# bullets and list markers from PDF/Word extraction, split off the word they stick to ("•Punkt")
BULLETS = ("▶", "►", "▸", "•", "◦", "▪", "■", "□", "●", "○", "➢", "➤", "✓", "✔", "‣", "⁃", "∙", "·", "", "")
BULLET_SET = frozenset(BULLETS)

# one token each: template fields without spaces, legal/registry numbers
TOKEN_PATTERNS = [
    r"\{\{[^{}\s]+\}\}",  # {{namn}}
    r"«[^«»\s]+»",  # «Namn»
    r"\[[A-ZÅÄÖ_][^\[\]\s]*\]",  # [Namn], [DATUM]
    r"<<[^<>\s]+>>",  # <<namn>>
    r"\d{1,4}(?::\d+)+",  # SFS numbers 2001:453, 2014:5
    r"[A-ZÅÄÖ]{1,10}(?:[-/][A-ZÅÄÖ0-9]+)*[-/]\d{2,4}(?:[-/:.]\d+)+",  # ASN-2019-19470, KS/2020:123
    r"\d{4}-\d{2}-\d{2}",  # 2020-12-23
    r"\d{6,8}-\d{4}",  # personnummer 19800101-1234
]


# template fields in running text, even when the reader did not mark them as placeholders;
# the backend merges each into one token (the tokenizer cannot when punctuation is glued to it)
PLACEHOLDER_PATTERN = r"\{\{[^{}\n]{1,60}\}\}|«[^«»\n.!?]{1,40}»|<<[^<>\n]{1,60}>>|\[[A-ZÅÄÖ_][^\[\]\n]{0,40}\]"
PLACEHOLDER_SPAN = re.compile(PLACEHOLDER_PATTERN)
PLACEHOLDER_TOKEN = re.compile(f"^(?:{PLACEHOLDER_PATTERN})$")


@lru_cache(maxsize=None)
def abbreviations() -> tuple[str, ...]:
    text = resources.files("klarsprak.nlp").joinpath("data").joinpath("abbreviations.txt").read_text(encoding="utf-8")
    return tuple(w for line in text.splitlines() if (w := line.split("#", 1)[0].strip()))


@lru_cache(maxsize=None)
def abbreviation_forms() -> frozenset[str]:
    """Every spelling the tokenizer keeps as one abbreviation token (lower-case)."""
    return frozenset(a.lower() for a in abbreviations())


def customize(nlp: Language) -> Language:
    """Adapt ``nlp.tokenizer`` in place (call before saving the pipeline)."""
    tokenizer = nlp.tokenizer
    for abbr in abbreviations():
        for variant in {abbr, abbr[0].upper() + abbr[1:], abbr.upper()}:
            tokenizer.add_special_case(variant, [{ORTH: variant}])
    tokenizer.add_special_case("§§", [{ORTH: "§§"}])
    prefixes = list(nlp.Defaults.prefixes or []) + [re.escape(b) for b in BULLETS]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    suffixes = ["§§", "§"] + list(nlp.Defaults.suffixes or [])  # "1§" -> "1" "§"
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.token_match = re.compile("^(?:" + "|".join(TOKEN_PATTERNS) + ")$").match
    return nlp
