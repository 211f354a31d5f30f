"""Profile detection: is this a decision, a letter, an investigation, a report or a template?

Signals, strongest first (``rules/profiler.yaml``): a template path in config, a .dotx file or
three placeholders → ``mall``; a proposal to a board ("föreslås besluta", "Tjänsteskrivelse") →
``utredning``; an audit or report title, or report headings (Sammanfattning + Rekommendationer,
a table of contents) → ``rapport``; a decision sentence or a decision heading → ``beslut``;
anything else → ``brev``."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from klarsprak.model import BlockKind
from klarsprak.resources import load_rules_yaml
from klarsprak.structure.text import is_short_line, word_count
from klarsprak.structure.vocab import normalise_heading, words_pattern

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.config import Config
    from klarsprak.model import Document

PROFILES = ("beslut", "brev", "utredning", "rapport", "mall")
TITLE_BLOCKS = 8  # how many blocks from the top may hold the document's title


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_rules_yaml("profiler.yaml")


@lru_cache(maxsize=1)
def _signals():
    det = _data()["detection"]
    return (
        words_pattern(det["utredning_titles"], prefix=False),
        words_pattern(det["utredning_phrases"]),
        words_pattern(det["rapport_titles"]),
        frozenset(normalise_heading(h) for h in det["rapport_headings"]),
        int(det.get("mall_min_placeholders", 3)),
    )


def structure_rules(profile: str) -> frozenset[str]:
    """The structure rules (KS4xx) that run in ``profile``."""
    spec = _data()["profiles"].get(profile, {})
    return frozenset(spec.get("structure_rules", []))


def profiles_running(rule_id: str) -> frozenset[str]:
    """The profiles in which a structure rule runs (``Rule.profiles``)."""
    return frozenset(p for p, spec in _data()["profiles"].items() if rule_id in spec.get("structure_rules", []))


def detect(document: "Document", analysis, config: "Config", shared: dict | None = None) -> str:
    # no template globs: no need to resolve the path on disk (is_template_path would say no)
    if config is not None and config.templates and config.is_template_path(document.path):
        return "mall"
    if document.format == "dotx":
        return "mall"
    utredning_title, utredning_phrase, rapport_title, rapport_heads, min_ph = _signals()
    blocks = [b for b in document.blocks if not b.kind.is_page_furniture]
    placeholders = sum(len(b.placeholders) for b in document.blocks)
    words = max(1, word_count(document, shared))
    # a template is full of blanks; a long document with a few left-over blanks is not a template
    if placeholders >= min_ph and placeholders * 1000 / words >= 2:
        return "mall"

    titles = []
    for b in blocks[:TITLE_BLOCKS]:  # the title stands above the first running text
        if not (b.kind == BlockKind.HEADING or is_short_line(b)):
            break
        titles.append(b.text)
    heads = {normalise_heading(b.text) for b in blocks if b.kind == BlockKind.HEADING or is_short_line(b)}
    full = "\n".join(b.text for b in blocks)

    if any(_title_match(utredning_title, t) for t in titles):
        return "utredning"
    report_heads = len(heads & rapport_heads)
    if any(_title_match(rapport_title, t) for t in titles) or report_heads >= 3 or (
        report_heads >= 2 and ("innehållsförteckning" in heads or "innehåll" in heads)
    ):
        return "rapport"
    if utredning_phrase.search(full):
        return "utredning"

    from klarsprak.structure.sections import build_shared

    st = build_shared(document, analysis, shared if shared is not None else {})
    if st.primary:
        return "beslut"
    if any(s.role == "decision" and s.source == "heading" for s in st.sections) and any(
        s.role == "appeal" for s in st.sections
    ):
        return "beslut"
    return "brev"


def _title_match(rx: re.Pattern[str] | None, title: str) -> bool:
    """A title that starts with a kind word ("Utredning om …", "Revisionsrapport 2024")."""
    if rx is None:
        return False
    m = rx.search(title.lstrip("#*_ \t"))
    return bool(m) and m.start() == 0
