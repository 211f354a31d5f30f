"""What the commands that write copies (annotate, fix) share: reading once, linting, naming the copy."""

from __future__ import annotations

from pathlib import Path

from klarsprak import api, extract
from klarsprak.config import Config, config_for
from klarsprak.errors import InputError


def default_output(path: Path, tag: str) -> Path:
    """``beslut.docx`` -> ``beslut.granskad.docx`` next to the original."""
    return path.with_name(f"{path.stem}.{tag}{path.suffix}")


def read_input(path: Path) -> bytes:
    try:
        with extract.open_regular(path) as fh:  # read-only; a named pipe or a device is refused, not waited on
            return fh.read()
    except InputError as exc:
        exc.path = str(path)
        raise
    except FileNotFoundError:
        raise InputError("filen finns inte", str(path)) from None
    except PermissionError:
        raise InputError("filen kan inte läsas: behörighet saknas", str(path)) from None
    except OSError as exc:
        raise InputError(f"filen kan inte läsas ({exc.strerror or exc})", str(path)) from None


def lint_for_writeback(path: Path, profile: str | None, explicit: Config | None):
    """The bytes, the document model and the findings, all from one read of the file."""
    cfg = explicit or config_for(str(path))
    from klarsprak.extract import limits

    data = read_input(path)
    try:
        limits.check_size(cfg, len(data))
        document = extract.read_bytes(data, extract.format_of(path), str(path), cfg)
    except InputError as exc:
        exc.path = exc.path or str(path)
        raise
    result = api.lint_document(document, profile=profile, config=cfg)
    return data, document, result
