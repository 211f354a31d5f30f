"""Runs the scan's jobs on a Dask cluster (``--scheduler tcp://HOST:8786``, extra ``klarsprak[dask]``).

The jobs and the worker function are the same as for the local pool (``scan.jobs``); only the
transport differs. Jobs carry the file's bytes, so workers need klarsprak installed but no access
to the files. The cache, the spool and the outputs stay on this machine, so the results are the
same as a local run's."""

from __future__ import annotations

from typing import Callable, Iterator

from klarsprak.errors import KlarsprakError
from klarsprak.scan.jobs import Job, process, warm_up
from klarsprak.scan.record import error_record

IN_FLIGHT_PER_THREAD = 3
CONNECT_SECONDS = 20
LOST = "arbetsprocessen i klustret avbröts medan filen granskades ({name}); rapportera gärna felet med filen"


def _plugin_class():
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmUp(WorkerPlugin):
        """Loads the NLP pipeline once per cluster worker, when it joins (like a pool initializer)."""

        name = "klarsprak-warm-up"

        def __init__(self, backend: str):
            self.backend = backend

        def setup(self, worker) -> None:
            warm_up(self.backend)

    return WarmUp


class ClusterExecutor:
    def __init__(self, settings, finish: Callable):
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise KlarsprakError(
                "--scheduler kräver Dask; installera det med: pip install 'klarsprak[dask]'"
            ) from None
        self.settings = settings
        self.finish = finish
        try:
            self.client = Client(settings.scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise KlarsprakError(
                f"kunde inte ansluta till Dask-schemaläggaren {settings.scheduler} ({type(exc).__name__}); "
                "kontrollera adressen, t.ex. tcp://10.0.0.5:8786"
            ) from None
        from klarsprak.scan.runner import _backend

        plugin = _plugin_class()(_backend(settings))
        register = getattr(self.client, "register_plugin", None) or self.client.register_worker_plugin
        register(plugin)
        threads = sum(self.client.nthreads().values()) or 1
        self.window = threads * IN_FLIGHT_PER_THREAD
        self.running = as_completed(loop=self.client.loop)
        self.pending: dict = {}  # future key -> (future, job)

    def submit(self, job: Job) -> Iterator:
        future = self.client.submit(process, job, pure=False, key=f"klarsprak-{job.key[:16]}-{id(job)}")
        self.pending[future.key] = (future, job)
        self.running.add(future)
        while self.running.count() >= self.window:
            yield self._collect(next(self.running))

    def drain(self) -> Iterator:
        for future in self.running:
            yield self._collect(future)

    def _collect(self, future):
        from klarsprak.scan.runner import Outcome

        _, job = self.pending.pop(future.key)
        try:
            path, key, blob = future.result()
        except KlarsprakError:
            raise  # a backend that cannot be loaded: the whole scan stops with its message
        except Exception as exc:  # noqa: BLE001 - a lost worker (KilledWorker) fails one file, not the scan
            return Outcome(job.path, error_record(job.fmt, LOST.format(name=type(exc).__name__)), False)
        finally:
            future.release()
        return self.finish(self.settings, path, key, blob)

    def close(self, abort: bool = False) -> None:
        if abort:
            self.client.cancel([future for future, _ in self.pending.values()])
        self.client.close()
