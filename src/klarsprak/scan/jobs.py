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


UNEXPECTED = "filen kunde inte granskas på grund av ett oväntat fel ({name}); rapportera gärna felet med filen"


def init_worker(backend: str = "embedded") -> None:
    """Load the NLP pipeline and the rule data once per worker process, not once per file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the main process
    warm_up(backend)


def warm_up(backend: str = "embedded") -> None:
    from klarsprak import api

    api.lint_text("Nämnden har beslutat att bevilja din ansökan.", config=Config(backend=backend))


def process(job: Job) -> tuple[str, str, dict]:
    """Lint one document; returns ``(path, key, record)``. Never raises for a bad document."""
    from klarsprak import api, extract
    from klarsprak.errors import KlarsprakError
    from klarsprak.scan.record import error_record, record_of

    try:
        document = extract.read_bytes(job.data, job.fmt, job.path, job.config)
        result = api.lint_document(document, profile=job.profile, config=job.config)
        record = record_of(result)
    except KlarsprakError as exc:
        record = error_record(job.fmt, exc.message)
        # A time limit depends on the machine's load, not on the file: try again next time.
        record["transient"] = "max-seconds" in exc.message
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop a batch of thousands
        record = error_record(job.fmt, UNEXPECTED.format(name=type(exc).__name__))
    record["template_path"] = job.template
    return job.path, job.key, record
