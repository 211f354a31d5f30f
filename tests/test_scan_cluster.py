"""``klarsprak scan --scheduler``: the same scan on a Dask cluster gives the same JSON as a local run.

The test starts a LocalCluster (worker processes on the loopback interface) and points the CLI at
its scheduler. Skips when the ``dask`` extra (distributed) is not installed."""

from __future__ import annotations

import pytest

from scan_helpers import make_sample, run_scan


def test_cluster_scan_equals_local_scan(tmp_path):
    distributed = pytest.importorskip("distributed", reason="installera extrat: pip install 'klarsprak[dask]'")
    make_sample(tmp_path)
    local = run_scan(["dokument", "--jobs", "1", "--no-cache", "--format", "json"], tmp_path)
    assert local.returncode == 1, local.stderr
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        remote = run_scan(
            ["dokument", "--no-cache", "--scheduler", cluster.scheduler_address, "--format", "json"], tmp_path
        )
    assert remote.returncode == 1, remote.stderr
    assert "Traceback" not in remote.stderr
    assert remote.stdout == local.stdout


def test_unreachable_scheduler_is_a_clean_error(tmp_path):
    pytest.importorskip("distributed", reason="installera extrat: pip install 'klarsprak[dask]'")
    make_sample(tmp_path)
    out = run_scan(["dokument", "--no-cache", "--scheduler", "tcp://127.0.0.1:9", "--format", "json"], tmp_path, timeout=120)
    assert out.returncode == 2
    assert "kunde inte ansluta till Dask-schemaläggaren tcp://127.0.0.1:9" in out.stderr
    assert "Traceback" not in out.stderr
