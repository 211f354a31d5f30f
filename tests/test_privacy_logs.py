"""No document text in logs unless asked, and caches readable by the user only.

With the report written to a file, standard error carries only one-line errors and short notes:
no sentence, word or name from the documents (they may go to a CI log)."""

from __future__ import annotations

import os
import re
import shutil
import stat

from robust_cli import BAD, BESLUT, no_traceback, run_cli

# Words from the documents used below that never occur in klarsprak's own messages.
SECRETS = ("Haddad", "Amina", "19870412", "Lövstigen", "Lindqvist", "försörjningsstöd för mars", "tillgodose sina behov")

# Start the child with umask 0: the cache must be user-only because klarsprak asks for it, not
# because the user's umask happened to be strict.
OPEN_UMASK = "import os\nos.umask(0)\n"


def _folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(BESLUT / "txt" / "02-beviljas-byrakratisk.txt", folder / "a.txt")
    shutil.copy(BESLUT / "docx" / "04-avslag-byrakratisk.docx", folder / "b.docx")
    shutil.copy(BAD / "truncated.docx", folder / "trasig.docx")
    return folder


def test_stderr_holds_no_document_text(tmp_path):
    folder = _folder(tmp_path)
    out = tmp_path / "ut"
    out.mkdir()
    runs = [
        run_cli("check", folder, "--format", f"json:{out / 'r.json'}", "--verbose", tmp=tmp_path),
        run_cli("annotate", folder / "b.docx", "-o", out / "b.docx", tmp=tmp_path),
        run_cli("scan", folder, "-j", "1", "--no-cache", "-o", out / "scan.txt", tmp=tmp_path),
    ]
    for proc in runs:
        no_traceback(proc)
        for secret in SECRETS:
            assert secret not in proc.stderr, (proc.args, secret)
    assert "trasig.docx" in runs[0].stderr  # the error line is there, and it names the file only
    report = (out / "r.json").read_text(encoding="utf-8")
    assert "tillgodose sina behov" in report  # the report itself is where document text belongs


def test_caches_are_readable_by_the_user_only(tmp_path):
    folder = _folder(tmp_path)
    scan_cache = tmp_path / "scancache"
    for args in (("check", folder, "--format", f"json:{tmp_path / 'r.json'}"),
                 ("scan", folder, "-j", "1", "--cache", scan_cache, "-o", tmp_path / "s.txt")):
        proc = run_cli(*args, watcher=OPEN_UMASK, tmp=tmp_path)
        no_traceback(proc)
    created = [p for root in (tmp_path / "cache", scan_cache) for p in [root, *root.rglob("*")]]
    assert any(p.is_file() for p in created), "no cache was written: the test would prove nothing"
    for path in created:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        assert mode & 0o077 == 0, (path, oct(mode))
    texts = [p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert any(re.search(rb"[a-z\xc3]", t) for t in texts)  # it holds words from the documents: hence 0600
