"""Starting the real ``klarsprak serve`` (uvicorn) on a free port for the web tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVE_HINT = "webbtesterna behöver tillägget serve: pip install 'klarsprak[serve]'"


def require_serve_extra() -> None:
    for module in ("starlette", "uvicorn", "python_multipart", "jinja2"):
        pytest.importorskip(module, reason=SERVE_HINT)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, base: str, process: subprocess.Popen, log_path: Path):
        self.base = base
        self.process = process
        self.log_path = log_path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """(status, headers, body bytes) of a real HTTP request; 4xx/5xx are answers, not exceptions."""
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.headers, err.read()

    def post_form(self, path: str, fields: dict, files: dict | None = None):
        body, content_type = multipart(fields, files or {})
        return self.request("POST", path, body, {"Content-Type": content_type})

    def post_json(self, path: str, data):
        return self.request("POST", path, json.dumps(data).encode("utf-8"), {"Content-Type": "application/json"})


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    """A multipart/form-data body: ``files`` maps field -> (file name, bytes)."""
    boundary = uuid.uuid4().hex
    out = bytearray()
    for name, value in fields.items():
        out += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n".encode()
        out += str(value).encode("utf-8") + b"\r\n"
    for name, (filename, data) in files.items():
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode("utf-8")
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


@contextmanager
def running_server(tmp_dir: Path, *extra: str):
    """``klarsprak serve`` as a subprocess (its own uvicorn, its own NLP pipeline), ready to answer."""
    port = free_port()
    log_path = tmp_dir / "serve.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "klarsprak", "serve", "--port", str(port), *extra],
            stdout=log, stderr=subprocess.STDOUT, cwd=tmp_dir, env=env,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log_path)
    try:
        deadline = time.monotonic() + 180  # a cold NLP load on a busy machine
        while True:
            if process.poll() is not None:
                pytest.fail(f"klarsprak serve avslutades direkt:\n{server.log()}")
            try:
                if server.request("GET", "/api/health")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"klarsprak serve svarade inte inom 180 s:\n{server.log()}")
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
