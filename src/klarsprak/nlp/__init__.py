"""NLP backends. Checks use :func:`load_backend` and the types in ``nlp.types``, never spaCy.

Specs: ``"embedded"`` (the pipeline shipped in ``klarsprak/nlp/model``), ``"spacy:NAME_OR_PATH"``
(a spaCy pipeline the user installed, e.g. ``spacy:sv_core_news_lg`` or a spacy-stanza pipeline
saved to disk), or a bare path to a pipeline directory.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from klarsprak.errors import BackendError
from klarsprak.nlp.types import Analysis, Backend, Sentence, Token

__all__ = ["load_backend", "Backend", "Analysis", "Sentence", "Token", "embedded_model_dir"]

_lock = threading.Lock()


def embedded_model_dir() -> Path:
    return Path(__file__).resolve().parent / "model"


def load_backend(spec: str = "embedded") -> Backend:
    """The backend for ``spec``, loaded once per process."""
    with _lock:
        return _load((spec or "embedded").strip())


@lru_cache(maxsize=None)
def _load(spec: str) -> Backend:
    if spec == "embedded":
        return _embedded()
    if spec.startswith("spacy:"):
        return _spacy(spec[len("spacy:") :].strip())
    if spec.startswith("stanza"):
        raise BackendError(
            "Stanza stöds inte direkt. Spara en spacy-stanza-pipeline till en mapp och ange "
            "backend = \"spacy:SÖKVÄG\", eller använd den inbyggda modellen (backend = \"embedded\")."
        )
    if Path(spec).expanduser().is_dir():
        return _spacy(spec)
    raise BackendError(
        f"Okänd NLP-backend \"{spec}\". Ange \"embedded\" eller \"spacy:MODELLNAMN\" "
        "(till exempel spacy:sv_core_news_lg) eller en sökväg till en spaCy-pipeline."
    )


def _embedded() -> Backend:
    path = embedded_model_dir()
    if not (path / "config.cfg").is_file():
        raise BackendError(
            "Den inbyggda språkmodellen saknas i installationen (klarsprak/nlp/model). "
            "Installera om klarsprak: pip install --force-reinstall klarsprak."
        )
    from klarsprak.nlp.spacy_import import spacy
    from klarsprak.nlp.spacy_backend import BLANK_TOKENIZER, SpacyBackend

    try:
        nlp = spacy.load(path, config=BLANK_TOKENIZER)
    except Exception as exc:  # a damaged installation: say so in one line
        raise BackendError(f"Den inbyggda språkmodellen kunde inte läsas ({type(exc).__name__}). "
                           "Installera om klarsprak.") from None
    meta = nlp.meta
    return SpacyBackend(nlp, "embedded", f"{meta.get('lang', 'sv')}_{meta.get('name', 'klarsprak')}",
                        str(meta.get("version", "")))


def _spacy(name: str) -> Backend:
    if not name:
        raise BackendError("Ange vilken spaCy-pipeline som ska användas: backend = \"spacy:MODELLNAMN\".")
    try:
        from klarsprak.nlp.spacy_import import spacy
    except ImportError:
        raise BackendError("spaCy är inte installerat. Installera det med: pip install spacy") from None

    from klarsprak.nlp.spacy_backend import SpacyBackend
    from klarsprak.nlp.tokenizer import customize

    try:
        nlp = spacy.load(name)
    except OSError:
        if Path(name).expanduser().exists() or "/" in name or "\\" in name:
            hint = "Kontrollera att mappen innehåller en sparad spaCy-pipeline (config.cfg och meta.json)."
        else:
            hint = (f"Installera den med: python -m spacy download {name} "
                    "(eller pip install av modellpaketet), eller ange en sökväg till en sparad pipeline.")
        raise BackendError(f"spaCy-modellen \"{name}\" hittades inte. {hint}") from None
    except Exception as exc:
        raise BackendError(f"spaCy-modellen \"{name}\" kunde inte läsas ({type(exc).__name__}: {exc}).") from None
    if nlp.lang == "sv":
        customize(nlp)  # abbreviations, bullets, legal references: same tokens as the embedded model
    meta = nlp.meta
    return SpacyBackend(nlp, "spacy", f"{meta.get('lang', '')}_{meta.get('name', name)}", str(meta.get("version", "")))
