"""Configuration: ``[tool.klarsprak]`` in ``pyproject.toml`` or a ``.klarsprak.toml``.

Found upward from each file (the nearest wins), merged over the defaults; ``--config FILE``
overrides the search. Unknown keys and bad values are errors that name the key.

Example ``.klarsprak.toml`` (the same keys go under ``[tool.klarsprak]`` in pyproject.toml)::

    profile = "beslut"                 # or auto | brev | utredning | rapport | mall
    fail-on = "warning"
    exclude = ["arkiv/**"]
    disable = ["KS106"]
    accepted-terms = ["försörjningsstöd"]
    placeholder-patterns = ['<<[^>]+>>']
    templates = ["mallar/"]
    backend = "embedded"               # or "spacy:sv_core_news_lg" or a path to a spaCy pipeline
    lexicons = ["ordlistor/var-jargong.yaml"]

    [severity]
    KS201 = "error"

    [rules.KS201]
    warning = 25
    error = 35

    [limits]
    max-file-mb = 50

    [ignore]
    "mallar/gamla/**" = ["KS101", "KS102"]
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from klarsprak.errors import ConfigError
from klarsprak.findings import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROFILES = ("auto", "beslut", "brev", "utredning", "rapport", "mall")
FAIL_LEVELS = ("error", "warning", "info", "never")

DEFAULT_LIMITS = {
    "max-file-mb": 50,
    "max-pages": 500,
    "max-words": 200_000,
    "max-seconds": 120,
    "max-zip-entries": 2_000,
    "max-unzipped-mb": 200,
    "max-inflated-mb": 64,
}

# Every key a config may hold, with the type its value must have. Sections are dicts.
_KEYS: dict[str, type | tuple[type, ...]] = {
    "profile": str,
    "fail-on": str,
    "exclude": list,
    "include": list,
    "disable": list,
    "enable": list,
    "accepted-terms": list,
    "placeholder-patterns": list,
    "templates": list,
    "backend": str,
    "lexicons": list,
    "severity": dict,
    "rules": dict,
    "limits": dict,
    "ignore": dict,
    "profiles": dict,
    "redact": bool,
}


@dataclass
class Config:
    profile: str = "auto"
    fail_on: str = "error"
    exclude: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    disable: set[str] = field(default_factory=set)
    enable: set[str] = field(default_factory=set)
    accepted_terms: set[str] = field(default_factory=set)
    placeholder_patterns: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    backend: str = "embedded"
    lexicons: list[Path] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rules: dict[str, dict] = field(default_factory=dict)
    limits: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    ignore: dict[str, set[str]] = field(default_factory=dict)
    profiles: dict[str, dict] = field(default_factory=dict)
    redact: bool = False
    root: Path | None = None  # the folder of the config file; relative paths in it are relative to this
    source: Path | None = None  # the file it came from (None: defaults)

    # --- queries the rest of the code uses -------------------------------------------------
    def rule_enabled(self, rule_id: str) -> bool:
        return rule_id not in self.disable or rule_id in self.enable

    def severity_for(self, rule_id: str, default: Severity) -> Severity:
        return self.severity.get(rule_id, default)

    def rule_options(self, rule_id: str) -> dict:
        return self.rules.get(rule_id, {})

    def is_accepted(self, text: str) -> bool:
        return text.lower() in self._accepted_lower

    @property
    def _accepted_lower(self) -> set[str]:
        return {t.lower() for t in self.accepted_terms}

    def ignored_rules_for(self, path: str | None) -> set[str]:
        """Rules switched off for this path by ``[ignore]`` (globs relative to the config's folder)."""
        if not path or not self.ignore:
            return set()
        rel = _relative(path, self.root)
        out: set[str] = set()
        for pattern, rules in self.ignore.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern.rstrip("/") + "/*"):
                out |= rules
        return out

    def is_excluded(self, path: str) -> bool:
        rel = _relative(path, self.root)
        return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p.rstrip("/") + "/*") for p in self.exclude)

    def is_template_path(self, path: str | None) -> bool:
        if not path:
            return False
        rel = _relative(path, self.root)
        return any(rel.startswith(t.rstrip("/") + "/") or fnmatch.fnmatch(rel, t) for t in self.templates)


def _relative(path: str, root: Path | None) -> str:
    p = Path(path)
    if root is not None:
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside root, or a symlink loop
            pass
    return p.as_posix()


def _check_type(key: str, value: Any, where: str) -> None:
    expected = _KEYS[key]
    if not isinstance(value, expected):
        raise ConfigError(f"nyckeln '{key}' har fel typ ({type(value).__name__}); se README under Konfiguration", where)


def from_mapping(data: dict, root: Path | None = None, source: Path | None = None) -> Config:
    """Validate a mapping (the ``[tool.klarsprak]`` table) and build a :class:`Config`."""
    where = str(source) if source else "konfiguration"
    cfg = Config(root=root, source=source)
    for key, value in data.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"okänd nyckel '{key}' (kända nycklar: {known})", where)
        _check_type(key, value, where)
    if "profile" in data:
        if data["profile"] not in PROFILES:
            raise ConfigError(f"nyckeln 'profile' måste vara en av {', '.join(PROFILES)}", where)
        cfg.profile = data["profile"]
    if "fail-on" in data:
        if data["fail-on"] not in FAIL_LEVELS:
            raise ConfigError(f"nyckeln 'fail-on' måste vara en av {', '.join(FAIL_LEVELS)}", where)
        cfg.fail_on = data["fail-on"]
    cfg.exclude = [str(p) for p in data.get("exclude", [])]
    cfg.include = [str(p) for p in data.get("include", [])]
    cfg.disable = {_rule_id(r, "disable", where) for r in data.get("disable", [])}
    cfg.enable = {_rule_id(r, "enable", where) for r in data.get("enable", [])}
    cfg.accepted_terms = {str(t) for t in data.get("accepted-terms", [])}
    cfg.placeholder_patterns = _patterns(data.get("placeholder-patterns", []), where)
    cfg.templates = [str(p) for p in data.get("templates", [])]
    cfg.backend = data.get("backend", "embedded")
    base = root or Path.cwd()
    cfg.lexicons = [(base / p) for p in data.get("lexicons", [])]
    for rule, sev in data.get("severity", {}).items():
        _rule_id(rule, "severity", where)
        if str(sev) not in ("info", "warning", "error"):
            raise ConfigError(f"nyckeln 'severity.{rule}' måste vara info, warning eller error", where)
        cfg.severity[rule] = Severity(sev)
    for rule, opts in data.get("rules", {}).items():
        _rule_id(rule, "rules", where)
        if not isinstance(opts, dict):
            raise ConfigError(f"nyckeln 'rules.{rule}' måste vara en tabell", where)
        cfg.rules[rule] = dict(opts)
    for key, value in data.get("limits", {}).items():
        if key not in DEFAULT_LIMITS:
            raise ConfigError(f"okänd nyckel 'limits.{key}' (kända: {', '.join(DEFAULT_LIMITS)})", where)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"nyckeln 'limits.{key}' måste vara ett positivt tal", where)
        cfg.limits[key] = value
    for pattern, rules in data.get("ignore", {}).items():
        if not isinstance(rules, list):
            raise ConfigError(f"nyckeln 'ignore.\"{pattern}\"' måste vara en lista med regel-id", where)
        cfg.ignore[pattern] = {_rule_id(r, f"ignore.{pattern}", where) for r in rules}
    for name, table in data.get("profiles", {}).items():
        if name not in PROFILES or not isinstance(table, dict):
            raise ConfigError(f"nyckeln 'profiles.{name}' måste vara en tabell för en känd profil", where)
        cfg.profiles[name] = dict(table)
    cfg.redact = bool(data.get("redact", False))
    return cfg


def _rule_id(value: Any, key: str, where: str) -> str:
    text = str(value).upper()
    if not (len(text) == 5 and text.startswith("KS") and text[2:].isdigit()):
        raise ConfigError(f"nyckeln '{key}' innehåller '{value}', som inte är ett regel-id (KSnnn)", where)
    return text


def _patterns(values: list, where: str) -> list[str]:
    import re

    out = []
    for v in values:
        try:
            re.compile(str(v))
        except re.error as exc:
            raise ConfigError(f"ogiltigt reguljärt uttryck i 'placeholder-patterns': {v!r} ({exc})", where) from None
        out.append(str(v))
    return out


def load_file(path: Path) -> Config:
    """Load a config file: ``pyproject.toml`` (its ``[tool.klarsprak]``) or a ``.klarsprak.toml``."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError("konfigurationsfilen finns inte", str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"konfigurationsfilen är inte giltig TOML ({exc})", str(path)) from None
    except OSError as exc:
        raise ConfigError(f"konfigurationsfilen kan inte läsas ({exc.strerror})", str(path)) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("klarsprak", {})
    elif isinstance(data.get("tool"), dict) and "klarsprak" in data["tool"]:
        data = data["tool"]["klarsprak"]
    return from_mapping(data, root=path.parent, source=path)


def find_config_file(start: Path) -> Path | None:
    """The nearest ``.klarsprak.toml`` or ``pyproject.toml`` with a ``[tool.klarsprak]`` table."""
    here = start if start.is_dir() else start.parent
    here = here.resolve()
    for folder in (here, *here.parents):
        candidate = folder / ".klarsprak.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_klarsprak_table(pyproject):
            return pyproject
    return None


def _has_klarsprak_table(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return "klarsprak" in tomllib.load(fh).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


_cache: dict[Path | None, Config] = {}


def config_for(path: str | None, explicit: Path | None = None) -> Config:
    """The config that applies to ``path``: ``explicit`` if given, else the nearest file, else defaults."""
    if explicit is not None:
        key: Path | None = explicit.resolve()
    elif path and path != "-":
        key = find_config_file(Path(path))
    else:
        key = find_config_file(Path.cwd())
    if key not in _cache:
        _cache[key] = load_file(key) if key is not None else Config()
    return _cache[key]
