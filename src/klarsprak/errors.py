"""Expected failures. Each carries a one-line Swedish message for the user: what is wrong and what to do.

Anything raised from this module is shown without a traceback and gives exit code 2."""

from __future__ import annotations


class KlarsprakError(Exception):
    """Base class: ``str(error)`` is the Swedish one-liner shown to the user."""

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(KlarsprakError):
    """A file that cannot be read as a document (corrupt, encrypted, image-only, wrong format)."""


class LimitError(InputError):
    """A file past a configured limit (size, pages, words, time)."""


class ConfigError(KlarsprakError):
    """A configuration file with a bad key or value."""


class BackendError(KlarsprakError):
    """An NLP backend that cannot be loaded (missing model, missing package)."""


class OutputError(KlarsprakError):
    """An output that cannot be written (exists without --force, would overwrite the input)."""
