"""Decision structure: profiles and section detection (see klarsprak.structure.sections).

The engine calls :func:`detect_profile` before the checks and :func:`outline` after them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.checks.base import Context
    from klarsprak.config import Config
    from klarsprak.model import Document
    from klarsprak.nlp.types import Analysis


def detect_profile(document: "Document", analysis: "Analysis", config: "Config", shared: dict | None = None) -> str:
    """The profile that fits the document best: beslut, brev, utredning, rapport or mall.

    ``shared`` (the engine's ``Context.shared``) keeps the sections built here for the rules."""
    from klarsprak.structure.profiles import detect

    return detect(document, analysis, config, shared)


def outline(ctx: "Context") -> list[dict]:
    """The detected sections with their roles, for every report (text and JSON)."""
    from klarsprak.structure.sections import sections_of

    return [s.as_dict() for s in sections_of(ctx)]
