"""Runs a scan: finds the files, answers from the cache, sends the rest to workers, streams results.

Files are read and hashed in the main process and handed to workers as bytes. At most a few jobs
per worker are in flight, and results are passed on as they finish, so memory stays flat however
many documents there are. With one job the work runs in this process (no pool to pay for)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator

from klarsprak import extract
from klarsprak.config import Config, config_for
from klarsprak.errors import KlarsprakError
from klarsprak.scan.cache import Cache, content_key, context_of
from klarsprak.scan.files import ConfigLookup, iter_files
from klarsprak.scan.jobs import Job, init_worker, process, warm_up
from klarsprak.scan.record import COLLECTED, decode, encode, error_record

IN_FLIGHT_PER_WORKER = 3
CRASHED = "klarsprak avbröts oväntat medan filen granskades (arbetsprocessen kraschade); rapportera gärna felet med filen"


@dataclass(slots=True)
class Outcome:
    path: str
    record: dict  # the COLLECTED parts of the record (see ``record.decode``)
    cached: bool
    blob: bytes | None = None  # the encoded record

    def __post_init__(self) -> None:
        if self.blob is None:  # made here, not by a worker (a file that cannot be read)
            self.blob = encode(self.record)
            self.record = decode(self.blob, COLLECTED)


@dataclass
class ScanSettings:
    jobs: int = 1
    profile: str | None = None
    config: Config | None = None  # explicit config for every file; None: each file's nearest
    cache: Cache | None = None
    scheduler: str | None = None  # a dask.distributed scheduler address
    redact: bool = False  # --redact: mask personal data in every record (config `redact` also turns it on)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def count_files(paths: Iterable[str], config: Config | None) -> int:
    return sum(1 for _ in iter_files(paths, ConfigLookup(config)))


def scan(paths: Iterable[str], settings: ScanSettings) -> Iterator[Outcome]:
    """Every file below ``paths``, one outcome at a time, in the order they finish."""
    pending = _prepare(paths, settings)
    executor = _executor(settings)
    try:
        for item in pending:
            if isinstance(item, Outcome):
                yield item
                continue
            yield from executor.submit(item)
        yield from executor.drain()
    except BaseException:  # Ctrl-C, or the consumer stopped: do not wait for the files in flight
        executor.close(abort=True)
        raise
    executor.close()


def _prepare(paths: Iterable[str], settings: ScanSettings) -> Iterator["Outcome | Job"]:
    """Cached and unreadable files become outcomes at once; the rest become jobs."""
    configs = ConfigLookup(settings.config)
    for path in iter_files(paths, configs):
        config = configs(path)
        fmt = extract.format_of(path)
        try:
            data = _read(path, config, fmt)
        except KlarsprakError as exc:
            yield Outcome(path, error_record(fmt, exc.message), False)
            continue
        redact = settings.redact or config.redact
        key = content_key(data, context_of(path, fmt, settings.profile, config, redact))
        if settings.cache is not None:
            hit = settings.cache.get(key)
            if hit is not None:
                yield Outcome(path, hit[0], True, hit[1])
                continue
        yield Job(path, data, fmt, config, settings.profile, key, config.is_template_path(path), redact)


def _read(path: str, config: Config, fmt: str | None) -> bytes:
    if fmt is None:
        extract.read(path, config)  # raises the reader's own "filtypen stöds inte" error
    # The reader's own file access: same limits and the same Swedish messages as ``check``.
    return extract.read_file_bytes(path, config)


def _finish(settings: ScanSettings, path: str, key: str, blob: bytes) -> Outcome:
    record = decode(blob, ("meta", *COLLECTED))
    if settings.cache is not None:
        settings.cache.put(key, record, blob)
    return Outcome(path, record, False, blob)


def _executor(settings: ScanSettings):
    if settings.scheduler:
        from klarsprak.scan.cluster import ClusterExecutor

        return ClusterExecutor(settings, _finish)
    if settings.jobs <= 1:
        return InlineExecutor(settings)
    return PoolExecutor(settings)


def _backend(settings: ScanSettings) -> str:
    return (settings.config or config_for(None)).backend


def _pool(settings: ScanSettings, workers: int):
    # Imported here: a warm re-scan never starts a pool, so it need not load the modules either.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(_backend(settings),),
    )


class InlineExecutor:
    def __init__(self, settings: ScanSettings):
        self.settings = settings

    def submit(self, job: Job) -> Iterator[Outcome]:
        path, key, blob = process(job)
        yield _finish(self.settings, path, key, blob)

    def drain(self) -> Iterator[Outcome]:
        return iter(())

    def close(self, abort: bool = False) -> None:
        pass


class PoolExecutor:
    """A process pool started at the first cache miss (a warm re-scan never pays for it)."""

    def __init__(self, settings: ScanSettings):
        self.settings = settings
        self.pool = None  # a ProcessPoolExecutor, once a file is not in the cache
        self.running: dict = {}  # future -> job

    def _start(self):
        if self.pool is None:
            self.pool = _pool(self.settings, self.settings.jobs)
        return self.pool

    def _send(self, job: Job) -> None:
        self.running[self._start().submit(process, job)] = job

    def submit(self, job: Job) -> Iterator[Outcome]:
        self._send(job)
        while len(self.running) >= self.settings.jobs * IN_FLIGHT_PER_WORKER:
            yield from self._collect()

    def drain(self) -> Iterator[Outcome]:
        while self.running:
            yield from self._collect()

    def _collect(self) -> Iterator[Outcome]:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        done, _ = wait(list(self.running), return_when=FIRST_COMPLETED)
        broken = []
        for future in sorted(done, key=lambda f: self.running[f].path):
            job = self.running.pop(future)
            try:
                path, key, blob = future.result()
            except BrokenProcessPool:
                broken.append(job)
                continue
            yield _finish(self.settings, path, key, blob)
        if broken:
            yield from self._recover(broken)

    def _recover(self, broken: list) -> Iterator[Outcome]:
        """A worker died (a crash in a C library, the OOM killer). Every job that was in flight
        is run again alone in a fresh process, so only the file that kills it gets the blame."""
        broken += [self.running.pop(f) for f in list(self.running)]
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
        for job in sorted(broken, key=lambda j: j.path):
            yield self._isolated(job)

    def _isolated(self, job: Job) -> Outcome:
        from concurrent.futures.process import BrokenProcessPool

        with _pool(self.settings, 1) as pool:
            try:
                path, key, blob = pool.submit(process, job).result()
            except BrokenProcessPool:
                return Outcome(job.path, error_record(job.fmt, CRASHED), False)
        return _finish(self.settings, path, key, blob)

    def close(self, abort: bool = False) -> None:
        if self.pool is None:
            return
        if abort:
            workers = list(getattr(self.pool, "_processes", {}).values())  # no public way to stop them now
            # The queue's feeder thread may be blocked writing jobs to a pipe no worker reads any
            # more; at exit Python would wait for it for ever. Its jobs are dropped on purpose.
            call_queue = getattr(self.pool, "_call_queue", None)
            if call_queue is not None:
                call_queue.cancel_join_thread()
            self.pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()
        else:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None


__all__ = ["Outcome", "ScanSettings", "scan", "count_files", "default_jobs", "warm_up"]
