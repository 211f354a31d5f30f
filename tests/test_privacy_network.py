"""No network access anywhere: the whole CLI runs with networking blocked, on documents that point
at remote templates, linked images and local files, and behaves exactly as with networking on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from robust_cli import BESLUT, HOSTILE, no_traceback, run_cli

# Any attempt to reach the network is written to a log and refused. Unix-domain sockets (used by
# multiprocessing) and binding to the loopback address (urllib3 probes for IPv6 support when it is
# imported) reach nothing outside the machine and are let through.
BLOCK_NETWORK = """
import os, socket, sys
_log = os.environ["KS_NET_LOG"]
_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
           "socket.sendto", "socket.sendmsg", "socket.bind", "urllib.Request", "http.client.connect",
           "ftplib.connect", "smtplib.connect", "webbrowser.open"}
def _local(event, args):
    address = args[1] if len(args) > 1 else None
    if isinstance(address, (str, bytes)):
        return True  # a Unix-domain socket path
    return event == "socket.bind" and isinstance(address, tuple) and address[0] in ("::1", "127.0.0.1")
def _hook(event, args):
    if event in _EVENTS and not _local(event, args):
        with open(_log, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {args!r}\\n")
        raise OSError("nätverket är avstängt i testet")
sys.addaudithook(_hook)
"""

DOCUMENTS = [
    HOSTILE / "external_refs.docx",
    HOSTILE / "xinclude.docx",
    BESLUT / "docx" / "05-delvis-avslag-klarsprak.docx",
    BESLUT / "pdf" / "10-tillfalligt-boende-byrakratisk.pdf",
    BESLUT / "txt" / "12-informationsbrev-byrakratisk.txt",
]


def test_every_command_runs_with_the_network_blocked(tmp_path):
    log = tmp_path / "natverk.log"
    env = {"KS_NET_LOG": str(log)}
    work = tmp_path / "in"
    work.mkdir()
    for path in DOCUMENTS:
        shutil.copy(path, work / path.name)
    out = tmp_path / "ut"
    out.mkdir()
    runs = {
        "check": run_cli("check", work, "--format", f"json:{out / 'r.json'}", "--format", f"sarif:{out / 'r.sarif'}",
                         watcher=BLOCK_NETWORK, env=env, tmp=tmp_path),
        "annotate": run_cli("annotate", work / "external_refs.docx", "-o", out / "a.docx", watcher=BLOCK_NETWORK, env=env, tmp=tmp_path),
        "fix": run_cli("fix", work / "05-delvis-avslag-klarsprak.docx", "-o", out / "f.docx", watcher=BLOCK_NETWORK, env=env, tmp=tmp_path),
        "rules": run_cli("rules", watcher=BLOCK_NETWORK, env=env, tmp=tmp_path),
        "scan": run_cli("scan", work, "-j", "1", "--no-cache", "--format", "json", "-o", out / "s.json", "-q",
                        watcher=BLOCK_NETWORK, env=env, tmp=tmp_path),
    }
    for name, proc in runs.items():
        no_traceback(proc)
        assert proc.returncode in (0, 1), (name, proc.stderr)
    assert not log.exists(), log.read_text(encoding="utf-8")
    report = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert all(not d["errors"] for d in report["documents"])
    assert "root:" not in (out / "r.json").read_text(encoding="utf-8")


def _can_unshare() -> bool:
    if shutil.which("unshare") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="unshare -n kräver root och stöd för nätverksnamnrymder")
def test_same_report_in_a_network_namespace_without_interfaces(tmp_path):
    """The kernel's answer: in a fresh network namespace nothing outside the process is reachable."""
    out = tmp_path / "ut"
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KLARSPRAK_", "PYTHON"))}
    env["KLARSPRAK_CACHE_DIR"] = str(tmp_path / "cache")
    args = ["check", *map(str, DOCUMENTS), "--format"]
    isolated = subprocess.run(["unshare", "-n", sys.executable, "-m", "klarsprak", *args, f"json:{out / 'utan.json'}"],
                              capture_output=True, text=True, env=env, timeout=600, stdin=subprocess.DEVNULL)
    normal = run_cli(*args, f"json:{out / 'med.json'}", tmp=tmp_path)
    no_traceback(isolated)
    assert isolated.returncode == normal.returncode == 1, isolated.stderr
    assert (out / "utan.json").read_bytes() == (out / "med.json").read_bytes()
