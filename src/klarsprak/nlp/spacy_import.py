"""``import spacy`` without spaCy's command line: import spaCy through this module.

``spacy/__init__.py`` imports its CLI (``spacy.cli``: typer, weasel, requests, httpx, jinja2, rich,
~370 modules) only to offer ``spacy.info``. That was ~0.2 s CPU of the ~0.65 s spaCy's import took,
on a cold start of ``klarsprak check`` that must stay under 1.5 s, and loading a pipeline never
needs it. So while spaCy is imported, ``spacy.cli`` and ``spacy.cli.info`` are placeholders; they are
removed at once, so ``import spacy.cli`` still gives the real CLI, and ``spacy.info`` loads it on
first use. Should a spaCy version need more from its CLI at import, it is imported as usual.
"""

from __future__ import annotations

import sys
import types


def _info(*args, **kwargs):
    from spacy.cli.info import info  # the real one: the placeholders are gone by now

    return info(*args, **kwargs)


def _import():
    if "spacy" in sys.modules:  # already imported (by the user's code, a test): use it as it is
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, as far as the import system is concerned
    info = types.ModuleType("spacy.cli.info")
    info.info = _info
    placeholders = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(placeholders)
    try:
        import spacy
    except ImportError:  # a spaCy that wants more from its CLI: forget the half-done import
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    import spacy

    return spacy


spacy = _import()
