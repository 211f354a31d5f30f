"""Spelling verdicts, suggestions and rare-word verdicts per word type, kept in the process and in
the user cache dir.

Asking the Hunspell dictionary costs 1-2 ms a word and a suggestion search up to a second, so
what it said is remembered across runs in ``<user cache dir>/klarsprak/stavning-<key>.json``
(``KLARSPRAK_CACHE_DIR`` overrides the folder; the folder is created readable by the user only).
The key changes when the dictionary files, wordfreq's version or this module's logic change, so a
stale cache is never read. The file is written atomically; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path

LOGIC_VERSION = "13"  # bump when the verdict logic in spelling.py changes
MAX_ENTRIES = 200_000

_lock = threading.Lock()
_verdicts: dict[str, bool] | None = None
_suggestions: dict[str, list[str]] = {}
_rare: dict[str, str] = {}  # KS106: "<options>|<form>" -> the word's key when rare, "" when not
_dirty = False
_last_save: float | None = None
_exit_hook = False
SAVE_INTERVAL_S = 5.0


from klarsprak.resources import cache_dir  # noqa: E402 — one cache folder for all of klarsprak


def _key() -> str:
    from klarsprak.checks.speller import dictionary_base

    base = dictionary_base()
    h = hashlib.sha256(LOGIC_VERSION.encode())
    try:
        from importlib.metadata import version

        h.update(version("wordfreq").encode())  # the frequency data decides verdicts too
    except Exception:  # noqa: BLE001 - no metadata (a frozen app): the logic version must do
        pass
    for suffix in (".aff", ".dic"):
        st = Path(str(base) + suffix).stat()
        h.update(f"{st.st_size}:{int(st.st_mtime)}".encode())
    return h.hexdigest()[:16]


def _path() -> Path:
    return cache_dir() / f"stavning-{_key()}.json"


def _load() -> dict[str, bool]:
    global _verdicts, _suggestions
    if _verdicts is None:
        verdicts: dict[str, bool] = {}
        try:
            with open(_path(), encoding="utf-8") as fh:
                data = json.load(fh)
            verdicts = {str(k): bool(v) for k, v in data.get("verdicts", {}).items()}
            _suggestions.update({str(k): [str(x) for x in v] for k, v in data.get("suggestions", {}).items()})
            _rare.update({str(k): str(v) for k, v in data.get("rare", {}).items()})
        except (OSError, ValueError, AttributeError, TypeError):
            pass
        _verdicts = verdicts
    return _verdicts


def get(form: str) -> bool | None:
    return _load().get(form)


def put(form: str, verdict: bool) -> None:
    global _dirty
    with _lock:
        verdicts = _load()
        if len(verdicts) < MAX_ENTRIES:
            verdicts[form] = verdict
            _dirty = True


def get_suggestions(form: str) -> list[str] | None:
    _load()
    found = _suggestions.get(form)
    return None if found is None else list(found)


def put_suggestions(form: str, found: list[str]) -> None:
    global _dirty
    with _lock:
        _suggestions[form] = list(found)
        _dirty = True


def get_rare(key: str) -> str | None:
    _load()
    return _rare.get(key)


def put_rare(key: str, value: str) -> None:
    global _dirty
    with _lock:
        if len(_rare) < MAX_ENTRIES:
            _rare[key] = value
            _dirty = True


def save(force: bool = False) -> None:
    """Write the cache if it changed (atomically: a temporary file renamed over the old one).

    In a batch the file is written at most every few seconds, and once more when the process ends."""
    global _dirty, _last_save, _exit_hook
    with _lock:
        if not _dirty or _verdicts is None:
            return
        if not _exit_hook:
            atexit.register(save, True)
            _exit_hook = True
        now = time.monotonic()
        if not force and _last_save is not None and now - _last_save < SAVE_INTERVAL_S:
            return
        _last_save = now
        try:
            folder = cache_dir()
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            data = json.dumps({"verdicts": _verdicts, "suggestions": _suggestions, "rare": _rare}, ensure_ascii=False)
            fd, tmp = tempfile.mkstemp(prefix=".stavning-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(data)
                os.replace(tmp, _path())
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            _dirty = False
        except OSError:
            pass  # a read-only home or a full disk: the cache is an optimisation only
