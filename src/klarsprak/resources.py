"""Where shipped data lives: ``rules/`` (from the repo root, shipped in the wheel as klarsprak/rules)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

# libyaml's safe loader is ~10x faster than the pure-Python one; both are safe.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    """``klarsprak/rules`` in an installed wheel, ``<checkout>/rules`` in a source checkout."""
    for candidate in (_PACKAGE / "rules", _PACKAGE.parents[1] / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("klarsprak: rules/ saknas i installationen; installera om paketet")


@lru_cache(maxsize=None)
def load_rules_yaml(name: str) -> object:
    """Parse ``rules/<name>`` (YAML) once per process."""
    with open(rules_dir() / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_SafeLoader)  # noqa: S506 — a safe loader, libyaml's when present


def cache_dir() -> Path:
    """klarsprak's cache folder: ``KLARSPRAK_CACHE_DIR`` if set, else the user cache dir.

    Callers create what they put there with user-only permissions (decision texts are personal data)."""
    import os

    env = os.environ.get("KLARSPRAK_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("klarsprak", appauthor=False))


def package_data(*parts: str) -> Path:
    return _PACKAGE.joinpath(*parts)
