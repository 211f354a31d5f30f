"""Content-hash cache of scan records, so a re-scan only processes changed files.

The key is the SHA-256 of the file's bytes together with everything else that decides the result:
the record version, klarsprak's version and the digest of its code and rule files, the format the
file name promises, ``--profile`` and the effective config for that path. Change any of them and the
old entries are simply never asked for again.

Entries are encoded records (``record.encode``: zlib-compressed JSON parts) in
``<cache>/scan-v1/<ab>/<key>.json.z``. Decision texts hold
personal data: folders are created 0700 and files 0600 (user-only), written atomically. A file
that cannot be read is cached too (a corrupt file stays corrupt), except when the cause is not the
content: a time limit, or a file that vanished or could not be opened (those never get a key).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
import zlib
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from klarsprak.config import Config
from klarsprak.scan.record import COLLECTED, RECORD_VERSION, decode

LAYOUT = "scan-v1"


def default_dir() -> Path:
    from klarsprak.resources import cache_dir

    return cache_dir() / "scan"


class Cache:
    def __init__(self, root: "str | os.PathLike[str]"):
        self.root = Path(root) / LAYOUT
        self.hits = 0
        self.misses = 0
        self.write_failed = False

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json.z"

    def get(self, key: str, parts: tuple[str, ...] = COLLECTED) -> tuple[dict, bytes] | None:
        """``(record with only parts decoded, encoded record)`` or None."""
        try:
            with open(self._path(key), "rb") as fh:
                blob = fh.read()
            record = decode(blob, parts)
        except (OSError, ValueError, zlib.error, struct.error):
            self.misses += 1
            return None
        self.hits += 1
        return record, blob

    def put(self, key: str, record: dict, payload: bytes) -> None:
        """``record``: decoded with its ``meta`` (which says whether the result is transient)."""
        if record.get("transient") or self.write_failed:
            return
        target = self._path(key)
        try:
            _private_dirs(target.parent)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)  # mkstemp: mode 0600
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(payload)
                os.replace(tmp, target)
            except BaseException:
                _remove(tmp)
                raise
        except OSError:
            self.write_failed = True  # a full or read-only disk makes the scan slower, not wrong


def _private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0700 (``mkdir(parents=True)`` would give the
    parents the default mode); folders that exist already are left as they are."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass
        os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask; we want exactly 0700


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def content_key(data: bytes, context: str) -> str:
    h = hashlib.sha256()
    h.update(context.encode("utf-8"))
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


def context_of(path: str, fmt: str | None, profile: str | None, config: Config, redact: bool = False) -> str:
    """Everything besides the file's bytes that decides its record, as one string."""
    return _context(
        fmt,
        profile,
        config_digest(config),
        config.is_template_path(path) if config.templates else False,
        tuple(sorted(config.ignored_rules_for(path))) if config.ignore else (),
        redact,
    )


@lru_cache(maxsize=256)  # the same few combinations for thousands of files
def _context(fmt: str | None, profile: str | None, config: str, template_path: bool, ignored: tuple, redact: bool) -> str:
    return json.dumps(
        {
            "record": RECORD_VERSION,
            "code": code_digest(),
            "format": fmt,
            "profile": profile,
            "config": config,
            "template_path": template_path,
            "ignored": list(ignored),
            "redact": redact,
        },
        sort_keys=True,
    )


# Output-only code: a change there cannot change a record, so it does not empty the cache.
_NOT_IN_DIGEST = ("cli/", "report/", "writeback/", "scan/assets/", "scan/html_report.py", "scan/charts.py",
                  "scan/outputs.py", "scan/progress.py", "scan/writing.py", "scan/cluster.py")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """klarsprak's version plus a digest of its Python code and rule files (edits invalidate)."""
    from klarsprak import __version__
    from klarsprak.resources import rules_dir

    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parents[1]
    for base in (package, rules_dir()):  # code, the NLP model and the rule data
        for file in sorted(base.rglob("*")):
            rel = file.relative_to(base).as_posix()
            if file.is_file() and "__pycache__" not in file.parts and not rel.startswith(_NOT_IN_DIGEST):
                h.update(rel.encode())
                h.update(file.read_bytes())
    return h.hexdigest()


_config_digests: dict[int, tuple[Config, str]] = {}


def config_digest(config: Config) -> str:
    cached = _config_digests.get(id(config))
    if cached is not None and cached[0] is config:
        return cached[1]
    h = hashlib.sha256()
    for f in fields(config):
        if f.name in ("root", "source"):
            continue
        h.update(f.name.encode())
        h.update(repr(_stable(getattr(config, f.name))).encode())
    for lexicon in sorted(config.lexicons):
        try:
            h.update(Path(lexicon).read_bytes())
        except OSError:
            h.update(b"missing")
    digest = h.hexdigest()
    _config_digests[id(config)] = (config, digest)
    return digest


def _stable(value):
    if isinstance(value, dict):
        return sorted((str(k), _stable(v)) for k, v in value.items())
    if isinstance(value, (set, frozenset, list, tuple)):
        items = [_stable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return str(value)
