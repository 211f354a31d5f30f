"""The files of a scan: ``api.iter_files`` with the config looked up once per folder.

A scan walks thousands of files; looking for ``.klarsprak.toml``/``pyproject.toml`` upward from
every file (as ``api.iter_files`` does for a handful) would cost more than a warm re-scan itself.
The rules are the same: supported suffixes, no Word lock files (``~$``), ``exclude`` honoured,
a file reached twice (symlinks) listed once, a path that does not exist yielded as it is."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from klarsprak.api import SUPPORTED_SUFFIXES
from klarsprak.config import Config, config_for


class ConfigLookup:
    """``config_for`` memoised per folder (configs apply to whole folders)."""

    def __init__(self, explicit: Config | None):
        self.explicit = explicit
        self._by_folder: dict[str, Config] = {}

    def __call__(self, path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        folder = os.path.dirname(os.path.abspath(path))
        config = self._by_folder.get(folder)
        if config is None:
            config = self._by_folder[folder] = config_for(path)
        return config


def iter_files(paths: Iterable[str], configs: ConfigLookup) -> Iterator[str]:
    for raw in paths:
        top = Path(raw)
        if not top.is_dir():
            yield raw
            continue
        seen: set[str] = set()
        for root, dirs, files in os.walk(top, followlinks=False):
            dirs.sort()
            for name in sorted(files):
                if os.path.splitext(name)[1].lower() not in SUPPORTED_SUFFIXES or name.startswith("~$"):
                    continue
                child = str(Path(root, name))  # as api.iter_files writes it ("./a/b" -> "a/b")
                if configs(child).is_excluded(child):
                    continue
                try:
                    real = os.path.realpath(child) if os.path.islink(child) else os.path.abspath(child)
                except (OSError, RuntimeError):  # a symlink loop: reading it gives the clear error
                    real = child
                if real in seen:
                    continue
                seen.add(real)
                yield child
