"""The library API. The CLI, the web app, the language server and the batch scan all call this.

Data flows one way: extract (one reader per format) -> document model -> nlp (one backend
interface) -> checks (one module per rule family) -> findings -> report / write-back.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from klarsprak import extract, limits
from klarsprak.config import Config, config_for
from klarsprak.errors import BackendError, KlarsprakError
from klarsprak.findings import DocumentResult, Report
from klarsprak.model import Document

SUPPORTED_SUFFIXES = (".docx", ".dotx", ".pdf", ".txt", ".md", ".markdown")


def lint(
    path_or_text: "str | os.PathLike[str]",
    profile: str | None = None,
    config: Config | None = None,
    fmt: str | None = None,
) -> Report:
    """Lint one file (a path) or a text (a ``str`` that is not an existing file's path).

    >>> report = lint("Din ansökan har erhållits av nämnden.")
    >>> report.documents[0].findings[0].rule  # doctest: +SKIP
    'KS101'
    """
    if isinstance(path_or_text, os.PathLike) or (
        isinstance(path_or_text, str) and "\n" not in path_or_text and len(path_or_text) < 4096 and _is_file(path_or_text)
    ):
        return Report(documents=[lint_file(str(path_or_text), profile=profile, config=config)])
    return Report(documents=[lint_text(str(path_or_text), profile=profile, config=config, fmt=fmt or "txt")])


def _is_file(candidate: str) -> bool:
    try:
        return Path(candidate).is_file()
    except (OSError, ValueError):
        return False


def lint_text(
    text: str, profile: str | None = None, config: Config | None = None, fmt: str = "txt", name: str = "<text>"
) -> DocumentResult:
    cfg = config or Config()
    try:
        document = extract.read_text(text, fmt=fmt, path=name, config=cfg)
    except KlarsprakError as exc:
        return DocumentResult(path=name, format=fmt, errors=[exc.message])
    return lint_document(document, profile=profile, config=cfg)


def lint_file(path: str, profile: str | None = None, config: Config | None = None) -> DocumentResult:
    """Lint one file; an unreadable file gives a result with a Swedish one-line error, never an exception."""
    from klarsprak.checks import engine  # the rules load here, not when ``klarsprak --help`` imports the API

    cfg = config or config_for(path)
    engine.warm_up(cfg)
    try:
        with limits.time_limit(limits.seconds_for(cfg)):  # one budget for reading and checking
            document = extract.read(path, config=cfg)
            return lint_document(document, profile=profile, config=cfg)
    except BackendError:
        raise  # not about this file: one message for the whole run
    except KlarsprakError as exc:
        return DocumentResult(path=path, format=extract.format_of(path), errors=[exc.message])
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop a batch; the line says so
        return DocumentResult(path=path, format=extract.format_of(path), errors=[UNEXPECTED.format(name=type(exc).__name__)])


UNEXPECTED = "filen kunde inte granskas på grund av ett oväntat fel ({name}); rapportera gärna felet med filen"


def lint_document(document: Document, profile: str | None = None, config: Config | None = None) -> DocumentResult:
    """Run the NLP stage and every enabled check on an extracted document."""
    from klarsprak.checks import engine

    cfg = config or Config()
    return engine.run(document, config=cfg, profile=profile)


def iter_files(paths: Iterable[str], config: Config | None = None) -> Iterator[str]:
    """Expand files and directories (recursively, by extension), honouring ``exclude`` in config.

    A path that does not exist is yielded as it is, so the caller reports it as an error."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            seen: set[Path] = set()
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    child = Path(root) / name
                    if child.suffix.lower() not in SUPPORTED_SUFFIXES or name.startswith("~$"):
                        continue
                    cfg = config or config_for(str(child))
                    if cfg.is_excluded(str(child)):
                        continue
                    try:
                        real = child.resolve()
                    except (OSError, RuntimeError):  # a symlink loop: reading it gives the clear error
                        real = child
                    if real in seen:
                        continue
                    seen.add(real)
                    yield str(child)
        else:
            yield raw


def lint_paths(
    paths: Iterable[str], profile: str | None = None, config: Config | None = None
) -> Iterator[DocumentResult]:
    """Lint every file below ``paths``, one result at a time; bad files give results with errors."""
    for path in iter_files(paths, config):
        if path == "-":
            import sys

            data = sys.stdin.buffer.read()
            cfg = config or config_for(None)
            try:
                document = extract.read_bytes(data, fmt="txt", path="-", config=cfg)
            except KlarsprakError as exc:
                yield DocumentResult(path="-", format="txt", errors=[exc.message])
                continue
            yield lint_document(document, profile=profile, config=cfg)
        else:
            yield lint_file(path, profile=profile, config=config)
