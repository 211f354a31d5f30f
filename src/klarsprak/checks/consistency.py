"""KS502 samma sak med olika ord eller stavningar i ett dokument (e-post/mejl/epost …).

Groups of variants are data (``rules/synonymer.yaml`` plus an organisation's ``synonymer:``
lists). A group gives findings only when two or more of its variants occur in one document: the
first use of each variant that is not the document's most used one is flagged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from klarsprak.checks.alternation import Alternation
from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.spans import in_placeholder
from klarsprak.checks.vocabulary import WORD_LEFT, lower_keep_length, org_section
from klarsprak.errors import ConfigError
from klarsprak.findings import Category, Severity
from klarsprak.resources import load_rules_yaml


@dataclass(frozen=True)
class Group:
    name: str
    prefer: str
    variants: tuple[tuple[str, str], ...]  # (variant name, pattern for a whole lower-cased word)


def _group(raw: dict, where: str) -> Group:
    try:
        variants = tuple((str(name), str(pattern)) for name, pattern in raw["variants"].items())
        for _, pattern in variants:
            re.compile(pattern)
        return Group(str(raw.get("name", "")), str(raw.get("prefer", "")), variants)
    except (KeyError, AttributeError, TypeError, re.error) as exc:
        raise ConfigError(f"en synonymgrupp är felaktig ({exc}); se rules/synonymer.yaml", where) from None


@lru_cache(maxsize=1)
def _shipped() -> tuple[Group, ...]:
    return tuple(_group(g, "rules/synonymer.yaml") for g in load_rules_yaml("synonymer.yaml")["groups"])


def groups(config) -> tuple[Group, ...]:
    extra = org_section(config, "synonymer")
    return tuple(_group(g, "lexikon") for g in extra) + _shipped()


_ADDRESS = re.compile(r"\S*(?:@|://|www\.)\S*")


@register
class InconsistentTerms(Rule):
    id = "KS502"
    name = "olika-ord-for-samma-sak"
    category = Category.VARDAT
    severity = Severity.INFO
    title = "Samma sak med olika ord eller stavningar"
    explanation = (
        "Använd samma ord för samma sak i hela texten. Om du växlar mellan till exempel ”e-post” och "
        "”mejl”, eller ”webbplats” och ”hemsida”, kan läsaren tro att det är olika saker. Språkrådet "
        "rekommenderar e-post eller mejl, inte mail eller epost."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38); Språkrådet"
    examples = (
        Example(
            bad="Du kan skicka e-post till oss. Vi svarar på ditt mejl inom en vecka.",
            good="Du kan skicka e-post till oss. Vi svarar på din e-post inom en vecka.",
        ),
        Example(
            bad="Läs mer på vår webbplats. Blanketten finns på hemsidan.",
            good="Läs mer på vår webbplats. Blanketten finns på webbplatsen.",
        ),
    )

    def check(self, ctx: Context):
        all_groups = groups(ctx.config)
        rx, names = _combined(all_groups)
        uses: dict[int, list[tuple[str, int, int, int]]] = {}  # group -> (variant, block, start, end)
        for block in ctx.document.blocks:
            if block.kind.is_page_furniture:
                continue
            low = lower_keep_length(block.text)
            addresses = [m.span() for m in _ADDRESS.finditer(low)] if ("@" in low or "/" in low or "www" in low) else []
            for alternative, s, e in rx.finditer(low):
                if any(a <= s and e <= b for a, b in addresses) or in_placeholder(ctx.shared, block, s, e):
                    continue
                if ctx.is_accepted(block.text[s:e]):
                    continue
                g, variant = names[alternative]
                uses.setdefault(g, []).append((variant, block.index, s, e))
        for g, found in sorted(uses.items()):
            yield from self._judge(ctx, all_groups[g], found)

    def _judge(self, ctx: Context, group: Group, uses: list[tuple[str, int, int, int]]):
        counts = Counter(u[0] for u in uses)
        if len(counts) < 2:
            return
        best = max(counts.values())
        leaders = [n for n in counts if counts[n] == best]
        dominant = group.prefer if group.prefer in leaders else next(u[0] for u in uses if u[0] in leaders)
        dominant_text = next(ctx.document.blocks[b].text[s:e] for n, b, s, e in uses if n == dominant)
        seen: set[str] = set()
        for name, b, s, e in uses:
            if name == dominant or name in seen:
                continue
            seen.add(name)
            text = ctx.document.blocks[b].text[s:e]
            yield ctx.finding(
                self, b, s, e,
                f"Dokumentet skriver både ”{text}” och ”{dominant_text}” om samma sak. "
                f"Välj ett av orden och använd det i hela texten.",
                suggestions=[dominant],
            )


_COMBINED: dict[tuple, tuple[Alternation, list[tuple[int, str]]]] = {}


def _combined(all_groups: tuple[Group, ...]) -> tuple[Alternation, list[tuple[int, str]]]:
    """One scan for every variant of every group (one pass per block), and the (group, variant)
    of each alternative."""
    key = tuple((g.name, g.variants) for g in all_groups)
    cached = _COMBINED.get(key)
    if cached is None:
        names: list[tuple[int, str]] = []
        parts = []
        for gi, group in enumerate(all_groups):
            for variant, pattern in group.variants:
                names.append((gi, variant))
                parts.append(rf"(?:{pattern})(?![\w@-])")
        cached = (Alternation(WORD_LEFT, parts), names)
        _COMBINED.clear()
        _COMBINED[key] = cached
    return cached
