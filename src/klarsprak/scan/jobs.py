"""The work of one document, run in a worker (a local process or a cluster worker).

A job carries the file's bytes, not its path: the bytes hashed for the cache are exactly the bytes
linted (no race with a file that changes mid-scan), and a cluster worker needs no shared disk."""

from __future__ import annotations

import signal
from dataclasses import dataclass

from klarsprak.config import Config


@dataclass(slots=True)
class Job:
    path: str
    data: bytes
    fmt: str | None
    config: Config
    profile: str | None
    key: str
    template: bool = False  # under a configured templates path
    redact: bool = False  # mask personal data before the record leaves the worker


UNEXPECTED = "filen kunde inte granskas på grund av ett oväntat fel ({name}); rapportera gärna felet med filen"


_startup_error: BaseException | None = None


def init_worker(backend: str = "embedded") -> None:
    """Load the NLP pipeline and the rule data once per worker process, not once per file.

    Never raises: an initializer that fails breaks the whole pool, and every retry would fail the
    same way. The error is kept and raised by the first job instead, where the scan can stop
    with its one-line message (a backend that cannot be loaded) or report it per file."""
    global _startup_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the main process
    try:
        warm_up(backend)
    except Exception as exc:  # noqa: BLE001 - see above
        _startup_error = exc


def warm_up(backend: str = "embedded") -> None:
    from klarsprak.checks import engine

    engine.warm_up(Config(backend=backend))


def process(job: Job) -> tuple[str, str, bytes]:
    """Lint one document; returns ``(path, key, encoded record)``. Never raises for a bad document.

    The record travels encoded (see ``record.encode``): smaller to send, and the main process
    stores the same bytes in the cache and the spool without encoding them again."""
    from klarsprak import api, extract, limits
    from klarsprak.checks import engine
    from klarsprak.errors import BackendError, KlarsprakError
    from klarsprak.scan.record import encode, error_record, record_of

    if isinstance(_startup_error, BackendError):
        raise _startup_error
    try:
        engine.warm_up(job.config)  # a config with another backend loads it here, outside the limit
        # The same policy as ``api.lint_file``: one time budget for reading and checking.
        with limits.time_limit(limits.seconds_for(job.config)):
            document = extract.read_bytes(job.data, job.fmt, job.path, job.config)
            result = api.lint_document(document, profile=job.profile, config=job.config)
        if job.redact:
            from klarsprak.redact import redact_result

            result = redact_result(result)
        record = record_of(result)
    except BackendError:
        raise  # not about this file: the whole scan stops with its one-line message
    except KlarsprakError as exc:
        record = error_record(job.fmt, exc.message)
        # A time limit depends on the machine's load, not on the file: try again next time.
        record["transient"] = "max-seconds" in exc.message
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop a batch of thousands
        record = error_record(job.fmt, UNEXPECTED.format(name=type(exc).__name__))
    record["template_path"] = job.template
    return job.path, job.key, encode(record)
