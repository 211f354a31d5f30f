"""The HTTP API of ``klarsprak serve``, over real HTTP against the real running server."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import pytest

from web_helpers import ROOT, require_serve_extra, running_server

require_serve_extra()

DOCX = ROOT / "corpora" / "beslut" / "docx" / "02-beviljas-byrakratisk.docx"
SECRET_WORD = "Zqxvornbladh"  # a made-up surname: must never reach the server's log


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("serve"), "--max-mb", "1") as srv:
        yield srv


def test_check_returns_exactly_what_the_cli_prints(server):
    status, headers, body = server.post_form("/api/check", {}, {"fil": (DOCX.name, DOCX.read_bytes())})
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    assert headers["Cache-Control"] == "no-store"
    cli = subprocess.run([sys.executable, "-m", "klarsprak", "check", "--format", "json", DOCX.name],
                         cwd=DOCX.parent, capture_output=True, check=False)
    assert cli.returncode == 1, cli.stderr.decode()
    assert json.loads(body) == json.loads(cli.stdout)
    assert json.loads(body)["documents"][0]["findings"]
    jsonschema = pytest.importorskip("jsonschema")
    _, _, schema = server.request("GET", "/api/schema/report-v1.json")
    jsonschema.validate(json.loads(body), json.loads(schema))


def test_pasted_text_as_json_and_as_form_with_profile(server):
    text = "Du har erhållit ekonomiskt bistånd. Vi har fattat beslut om att du ska inkomma med kontoutdrag."
    status, _, body = server.post_json("/api/check", {"text": text, "profile": "brev"})
    assert status == 200
    doc = json.loads(body)["documents"][0]
    assert doc["profile"] == "brev"
    assert "KS101" in {f["rule"] for f in doc["findings"]}
    status, _, form_body = server.post_form("/api/check", {"text": text, "profil": "brev", "format": "md"})
    assert status == 200
    assert json.loads(form_body)["documents"][0]["format"] == "md"


@pytest.mark.parametrize("call, status, words", [
    (lambda s: s.post_form("/api/check", {"profil": "beslut"}), 400, "Välj en fil"),
    (lambda s: s.post_form("/api/check", {"text": "Hej", "profil": "roman"}), 400, "Okänd profil"),
    (lambda s: s.post_form("/api/check", {}, {"fil": ("program.exe", b"MZ\x90\x00")}), 415, "stöds inte"),
    (lambda s: s.request("POST", "/api/check", b"text", {"Content-Type": "text/plain"}), 415, "multipart"),
    (lambda s: s.request("POST", "/api/check", b"{", {"Content-Type": "application/json"}), 400, "JSON"),
    (lambda s: s.post_form("/api/check", {"text": "x" * 1_100_000}), 413, "gränsen är 1 MB"),
    (lambda s: s.post_form("/api/annotate", {}, {"fil": ("brev.txt", "Hej då.".encode())}), 415, "Word-dokument"),
    (lambda s: s.request("GET", "/api/check"), 405, "Metoden"),
    (lambda s: s.request("GET", "/api/finns-inte"), 404, "finns inte"),
])
def test_bad_requests_get_a_clear_swedish_4xx(server, call, status, words):
    got, headers, body = call(server)
    assert got == status
    assert words in json.loads(body)["error"]


def test_a_damaged_docx_is_a_422_report_naming_the_problem(server):
    status, _, body = server.post_form("/api/check", {}, {"fil": ("trasig.docx", b"PK\x03\x04 inte en zip")})
    assert status == 422
    doc = json.loads(body)["documents"][0]
    assert doc["path"] == "trasig.docx" and doc["errors"] and not doc["findings"]
    status, _, body = server.post_form("/api/annotate", {}, {"fil": ("trasig.docx", b"PK\x03\x04 inte en zip")})
    assert status == 422 and json.loads(body)["error"].startswith("trasig.docx:")


def test_annotate_gives_a_word_copy_with_the_findings_as_comments(server):
    import docx

    status, headers, body = server.post_form("/api/annotate", {"profil": "beslut"}, {"fil": (DOCX.name, DOCX.read_bytes())})
    assert status == 200
    assert "02-beviljas-byrakratisk.granskad.docx" in headers["Content-Disposition"]
    comments = list(docx.Document(io.BytesIO(body)).comments)
    assert len(comments) == int(headers["X-Klarsprak-Count"]) > 0
    texts = [c.text for c in comments]
    assert any("KS101" in t for t in texts)


def test_fix_gives_a_word_copy_with_tracked_changes(server):
    status, headers, body = server.post_form("/api/fix", {}, {"fil": (DOCX.name, DOCX.read_bytes())})
    assert status == 200
    assert "02-beviljas-byrakratisk.forslag.docx" in headers["Content-Disposition"]
    xml = zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml").decode("utf-8")
    count = int(headers["X-Klarsprak-Count"])
    assert count > 0 and xml.count("<w:ins ") >= count and xml.count("<w:del ") >= 1


def test_openapi_describes_every_route_that_exists(server):
    status, _, body = server.request("GET", "/openapi.json")
    assert status == 200
    spec = json.loads(body)
    assert spec["openapi"].startswith("3.")
    assert "/api/check" in spec["paths"]
    report_ref = spec["paths"]["/api/check"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    status, _, schema = server.request("GET", report_ref)
    assert status == 200 and json.loads(schema)["$id"].endswith("report-v1.schema.json")
    for path, methods in spec["paths"].items():
        for method in methods:
            got, _, _ = server.request(method.upper(), path, b"" if method == "post" else None,
                                       {"Content-Type": "application/json"} if method == "post" else {})
            assert got not in (404, 405), (method, path)


def test_rules_carry_their_explanations(server):
    status, _, body = server.request("GET", "/api/rules")
    rules = {r["id"]: r for r in json.loads(body)}
    assert status == 200 and rules["KS101"]["explanation"] and rules["KS101"]["examples"]


def test_page_and_assets_load_nothing_from_elsewhere(server):
    status, headers, body = server.request("GET", "/")
    html = body.decode("utf-8")
    assert status == 200 and 'lang="sv"' in html
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    for asset in ("/static/klarsprak.css", "/static/klarsprak.js"):
        got, _, data = server.request("GET", asset)
        assert got == 200 and b"http://" not in data and b"https://" not in data
    assert "https://" not in html and "http://" not in html


def test_no_document_text_in_the_log(server):
    text = f"Beslutet gäller {SECRET_WORD} från och med den 1 maj. Du har erhållit bistånd."
    assert server.post_json("/api/check?namn=" + SECRET_WORD, {"text": text})[0] == 200
    assert server.post_form("/granska", {"text": text})[0] == 200
    log = server.log()
    assert "POST /api/check" in log  # the access log is on ...
    assert SECRET_WORD not in log and "erhållit" not in log  # ... and holds no text, not even the query


def test_a_huge_declared_body_is_refused_before_it_is_sent(server):
    import socket
    from urllib.parse import urlsplit

    url = urlsplit(server.base)
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 50000000000\r\n\r\n")
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert "gränsen är 1 MB" in json.loads(body)["error"]
