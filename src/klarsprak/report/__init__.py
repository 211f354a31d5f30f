"""Report formatters, one module per output format, and the one place that writes them.

Each formatter module has ``render(report, options) -> str``. ``write_outputs`` parses the
``--format NAME[:FILE]`` values of ``klarsprak check``: a bare name goes to ``output`` (or standard
out), ``NAME:FILE`` to that file. Files are written atomically and never over an input document."""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import Iterable

from klarsprak.errors import OutputError
from klarsprak.findings import Report

FORMAT_NAMES: tuple[str, ...] = ("text", "json", "sarif", "github", "gitlab", "junit")

_MODULES = {"text": "text", "json": "json", "sarif": "sarif", "github": "github", "gitlab": "gitlab", "junit": "junit"}


def parse_format(value: str) -> tuple[str, str | None]:
    """``"sarif:ut.sarif"`` -> ``("sarif", "ut.sarif")``; ``"text"`` -> ``("text", None)``."""
    name, sep, path = value.partition(":")
    name = name.strip().lower()
    if name not in FORMAT_NAMES:
        raise OutputError(f"okänt format '{value}'; välj bland {', '.join(FORMAT_NAMES)} (t.ex. --format sarif:ut.sarif)")
    if sep and not path:
        raise OutputError(f"formatet '{value}' saknar filnamn efter kolonet")
    return name, (path or None)


def use_color(stream=None, env: "os._Environ[str] | dict | None" = None) -> bool:
    """Colours only on a terminal and never when NO_COLOR is set (https://no-color.org)."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR", "") != "":
        return False
    stream = stream if stream is not None else sys.stdout
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def render(report: Report, name: str, options: dict | None = None) -> str:
    """The report in format ``name`` as a string."""
    if name not in _MODULES:
        raise OutputError(f"okänt format '{name}'; välj bland {', '.join(FORMAT_NAMES)}")
    module = import_module(f"klarsprak.report.{_MODULES[name]}")
    return module.render(report, dict(options or {}))


def write_outputs(
    report: Report, formats: Iterable[str], output: str | None = None, options: dict | None = None
) -> None:
    """Render ``report`` in every requested format and send each to its destination."""
    from klarsprak.writeback.atomic import write_atomic

    wanted = [parse_format(f) for f in formats] or [("text", None)]
    bare = [name for name, path in wanted if path is None]
    if output is not None and len(bare) > 1:
        raise OutputError(f"--output kan bara ta emot ett format, men {', '.join(bare)} saknar filnamn; skriv t.ex. --format json:ut.json")
    targets = [path for _, path in wanted if path is not None] + ([output] if output and bare else [])
    if len(set(map(os.path.abspath, targets))) != len(targets):
        raise OutputError("två format skrivs till samma fil; ge varje format ett eget filnamn")
    inputs = [d.path for d in report.documents if d.path and d.path not in ("-", "<text>")]
    opts = dict(options or {})
    for name, path in wanted:
        dest = path or output
        if dest is None:
            text = render(report, name, {**opts, "color": opts.get("color", use_color(sys.stdout))})
            _echo(text)
        else:
            text = render(report, name, {**opts, "color": False})
            write_atomic(dest, text, inputs=inputs, force=True)


def _echo(text: str) -> None:
    if not text:
        return
    stream = sys.stdout
    stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()
