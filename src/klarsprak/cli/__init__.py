"""The command line: a thin face over the library (``klarsprak.api``).

Each command lives in its own module here; this module only builds the group and turns expected
failures into one Swedish line and exit code 2 (0 clean, 1 findings at/above the fail level)."""

from __future__ import annotations

import _thread
import atexit
import gc
import os
import sys
import threading
from contextlib import contextmanager

import click

from klarsprak import __version__
from klarsprak.errors import KlarsprakError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@contextmanager
def deliver_unraisable_interrupts():
    """Ctrl-C that lands inside a C extension's callback (pydantic building a validator while spaCy
    loads, a ``__del__``) is "unraisable": Python prints a traceback and drops it, and the run goes on.
    Deliver it again instead, so it reaches the handler below and the run stops with one line."""
    previous = sys.unraisablehook

    def hook(unraisable) -> None:
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
            # Not from inside the hook (it would be unraisable again): a moment later, from outside.
            later = threading.Timer(0.01, _thread.interrupt_main)
            later.daemon = True
            later.start()
            return
        previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous


def _flush_quietly() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass


class KlarsprakGroup(click.Group):
    _standalone = False  # True only when this process was started to run klarsprak

    def __call__(self, *args, **kwargs):
        self._standalone = not args and not kwargs
        if self._standalone:  # the process itself (console script, python -m), not a caller's test
            # Exiting, Python collects garbage over every object the model, word lists and
            # dictionaries made (~0.15 s CPU of a check that must start in < 1.5 s) though the process
            # ends anyway: freeze them out of it. Files and atexit handlers are closed as usual.
            atexit.register(gc.freeze)  # registered first, so it runs after every later handler
        return super().__call__(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            with deliver_unraisable_interrupts():
                return super().invoke(ctx)
        except KlarsprakError as exc:
            click.echo(f"klarsprak: fel: {exc}", err=True)
            ctx.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("klarsprak: avbrutet", err=True)
            if self._standalone:
                # Everything to clean up was cleaned while the interrupt unwound. A normal exit would
                # still join pool threads and queue feeders, which can block on a pipe that nobody
                # reads any more: the user asked to stop, so stop now (the spelling cache's last
                # save at exit is skipped with the rest: it is a cache).
                _flush_quietly()
                os._exit(130)
            ctx.exit(130)


@click.group(cls=KlarsprakGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="klarsprak", message="%(prog)s %(version)s")
def main() -> None:
    """Klarspråkslinter för myndighetsbeslut enligt språklagen 11 § (vårdat, enkelt, begripligt)."""


def _register() -> None:
    # One module per command; each defines ``command`` (a click.Command) or ``commands`` (a list).
    from importlib import import_module

    for name in COMMAND_MODULES:
        module = import_module(f"klarsprak.cli.{name}")
        for cmd in getattr(module, "commands", [getattr(module, "command", None)]):
            if cmd is not None:
                main.add_command(cmd)


# Add a command by adding its module's name here.
COMMAND_MODULES = [
    "check",
    "rules",
    "baseline",
    "annotate",
    "fix",
    "scan",
    "serve",
    "lsp",
]

_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
