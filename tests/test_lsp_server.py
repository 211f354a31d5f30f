"""``klarsprak lsp`` speaks the Language Server Protocol: the real server as a subprocess, JSON-RPC
over its standard in/out (initialize, didOpen, publishDiagnostics, hover, codeAction, didChange,
shutdown, exit)."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time

import pytest

pytest.importorskip("pygls", reason="språkservern behöver tillägget serve: pip install 'klarsprak[serve]'")

URI = "file:///tmp/klarsprak-lsp-test/beslut.md"
TEXT = """# Beslut om ekonomiskt bistånd

Socialnämnden har beslutat att avslå din ansökan om ekonomiskt bistånd.

## Skäl för beslutet

Du har erhållit pengar för hyran i mars. Vi kan inte betala samma kostnad två gånger.

## Hur du överklagar

Om du vill överklaga beslutet ska du skriva till förvaltningsrätten inom tre veckor från den dag du fick beslutet.
"""


class Client:
    def __init__(self):
        self.process = subprocess.Popen([sys.executable, "-m", "klarsprak", "lsp", "--debounce", "0.2"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            self.messages.put(json.loads(out.read(int(headers["content-length"]))))

    def send(self, message: dict):
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict):
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None, timeout: float = 120):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m, timeout)

    def wait(self, match, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail("svaret från språkservern kom aldrig")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if match(message):
                return message

    def wait_notification(self, method: str, timeout: float = 120) -> dict:
        return self.wait(lambda m: m.get("method") == method, timeout)["params"]


@pytest.fixture(scope="module")
def client():
    c = Client()
    yield c
    if c.process.poll() is None:
        c.process.kill()
    c.process.wait()


def _diagnostics_with(client, version: int) -> list[dict]:
    while True:
        params = client.wait_notification("textDocument/publishDiagnostics")
        if params["uri"] == URI and params.get("version") == version:
            return params["diagnostics"]


def _position_of(word: str, text: str) -> dict:
    for n, line in enumerate(text.splitlines()):
        if word in line:
            return {"line": n, "character": line.index(word)}
    raise AssertionError(word)


def test_the_protocol_from_initialize_to_exit(client):
    init = client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    caps = init["result"]["capabilities"]
    assert caps["hoverProvider"] and caps["codeActionProvider"]
    assert init["result"]["serverInfo"]["name"] == "klarsprak"
    client.notify("initialized", {})

    client.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": TEXT}})
    diagnostics = _diagnostics_with(client, 1)
    assert "6 av 6 stycken" in client.wait_notification("window/logMessage")["message"]
    by_rule = {d["code"]: d for d in diagnostics}
    assert "KS101" in by_rule
    start = _position_of("erhållit", TEXT)
    assert by_rule["KS101"]["range"]["start"] == start
    assert by_rule["KS101"]["range"]["end"] == {"line": start["line"], "character": start["character"] + len("erhållit")}
    assert by_rule["KS101"]["source"] == "klarsprak"

    hover = client.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": {**start, "character": start["character"] + 2}})
    value = hover["result"]["contents"]["value"]
    assert "KS101" in value and "erhålla" in value and "Förslag" in value  # the rule's explanation and the suggestion

    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": URI}, "range": by_rule["KS101"]["range"], "context": {"diagnostics": [by_rule["KS101"]]},
    })["result"]
    fix = next(a for a in actions if "erhållit" in a["title"])
    edit = fix["edit"]["changes"][URI][0]
    assert edit["range"] == by_rule["KS101"]["range"] and edit["newText"]  # e.g. "fått"

    # Two quick changes to one paragraph: debounced into one run that lints only that paragraph.
    line = start["line"]
    for version, new in ((2, "Du har fått pengar"), (3, "Du har fått pengar och vi ska tillse")):
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": URI, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                          "end": {"line": line, "character": len(TEXT.splitlines()[line].split(" för hyran")[0])}},
                                "text": new}],
        })
    diagnostics = _diagnostics_with(client, 3)
    assert "1 av 6 stycken" in client.wait_notification("window/logMessage")["message"]
    flagged = [d for d in diagnostics if d["code"] == "KS101"]
    assert flagged and all(d["range"]["start"]["line"] == line for d in flagged)
    assert not any("erhållit" in d["message"] for d in diagnostics)
    assert any("tillse" in d["message"] for d in flagged)
    assert any(d["code"] == "KS406" for d in diagnostics) == ("KS406" in by_rule)  # document-scope kept

    # Columns are UTF-16 code units, as LSP counts them by default: an emoji counts two.
    other = "file:///tmp/klarsprak-lsp-test/brev.txt"
    line_text = "Åsa 😀 har erhållit pengarna för mars."
    client.notify("textDocument/didOpen", {"textDocument": {"uri": other, "languageId": "plaintext", "version": 1, "text": line_text + "\n"}})
    while True:
        params = client.wait_notification("textDocument/publishDiagnostics")
        if params["uri"] == other:
            break
    ks101 = next(d for d in params["diagnostics"] if d["code"] == "KS101")
    prefix = line_text[: line_text.index("erhållit")]
    assert ks101["range"]["start"] == {"line": 0, "character": len(prefix.encode("utf-16-le")) // 2}
    client.notify("textDocument/didClose", {"textDocument": {"uri": other}})

    assert client.request("shutdown", None)["result"] is None
    client.notify("exit", None)
    assert client.process.wait(timeout=30) == 0
