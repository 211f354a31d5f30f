"""``klarsprak scan`` end to end: real processes, a real cache, the project's decision corpus.

One cold scan (2 jobs, progress on a pseudo-terminal), one without cache (1 job) and warm scans
from the cache; their JSON must be byte-identical (issue 8, item 6)."""

from __future__ import annotations

import json
import os
import pty
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from scan_helpers import make_sample, run_scan


def _run_with_tty_stderr(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run the scan with stderr on a pseudo-terminal (so the progress bar shows) and collect it."""
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    proc = subprocess.Popen(
        [sys.executable, "-m", "klarsprak", "scan", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env={**os.environ, "NO_COLOR": "1"},
    )
    os.close(slave)
    code = proc.wait(timeout=900)
    reader.join(timeout=10)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    base = tmp_path_factory.mktemp("scan")
    make_sample(base)
    cache = base / "cache"
    code, tty = _run_with_tty_stderr(
        ["dokument", "--jobs", "2", "--cache", str(cache), "--format", "json", "-o", "kall.json", "--report", "rapport.html"],
        base,
    )
    fresh = run_scan(["dokument", "--jobs", "1", "--no-cache", "--format", "json", "-o", "utan-cache.json"], base)
    warm = run_scan(["dokument", "--jobs", "1", "--cache", str(cache), "--format", "json"], base)
    warm_report = run_scan(["dokument", "--jobs", "2", "--cache", str(cache), "--report", "varm.html", "-q"], base)
    return {"base": base, "cache": cache, "code": code, "tty": tty, "fresh": fresh, "warm": warm, "warm_report": warm_report}


def test_json_is_byte_identical_with_1_or_2_jobs_and_from_the_cache(scanned):
    base = scanned["base"]
    cold = (base / "kall.json").read_text(encoding="utf-8")
    assert (base / "utan-cache.json").read_text(encoding="utf-8") == cold
    assert scanned["warm"].stdout == cold
    assert "10 filer (10 från cachen, 0 granskade)" in scanned["warm"].stderr  # bad files are cached too
    assert "granskade" in scanned["fresh"].stderr and "0 från cachen" in scanned["fresh"].stderr


def test_html_report_is_byte_identical_from_the_cache(scanned):
    base = scanned["base"]
    assert scanned["warm_report"].returncode == scanned["code"]
    assert (base / "varm.html").read_bytes() == (base / "rapport.html").read_bytes()


def test_progress_bar_on_a_terminal_and_silent_otherwise(scanned):
    tty = scanned["tty"]
    assert "\r[" in tty and "/10 filer" in tty and " ord" in tty
    assert "\r[" not in scanned["warm"].stderr and "filer/s" not in scanned["warm"].stderr


def test_bad_files_are_listed_and_do_not_decide_the_exit_code(scanned):
    assert scanned["code"] == 1  # findings at error level in the bureaucratic letters
    assert scanned["warm"].returncode == 1
    stderr = scanned["warm"].stderr
    assert "klarsprak: fel: dokument/trasiga/nul.txt: " in stderr
    assert "klarsprak: fel: dokument/trasiga/truncated.docx: " in stderr
    assert "Traceback" not in stderr
    data = json.loads(scanned["warm"].stdout)
    assert [e["path"] for e in data["errors"]] == ["dokument/trasiga/nul.txt", "dokument/trasiga/truncated.docx"]
    assert data["summary"]["unreadable"] == 2 and data["summary"]["read"] == 8


def test_documents_have_rates_metrics_structure_and_a_score(scanned):
    data = json.loads(scanned["warm"].stdout)
    docs = {d["path"]: d for d in data["documents"]}
    assert list(docs) == sorted(docs)
    plain, bureaucratic = docs["dokument/brev/01-beviljas-klarsprak.txt"], docs["dokument/brev/02-beviljas-byrakratisk.txt"]
    for doc in (plain, bureaucratic):
        assert set(doc["per_1000_words"]) == {"vardat", "enkelt", "begripligt", "struktur"}
        assert {"lix", "ovix", "nominal_ratio", "passive_share", "mean_sentence_length"} <= set(doc["metrics"])
        assert doc["structure"]["required"]  # a decision: required sections are checked
    assert bureaucratic["score"] > 5 * plain["score"]
    assert bureaucratic["per_1000_words"]["begripligt"] > plain["per_1000_words"]["begripligt"]
    assert plain["structure"]["complete"] == 1.0 and bureaucratic["structure"]["complete"] < 1.0
    expected = round(1000 * bureaucratic["categories"]["enkelt"] / bureaucratic["words"], 1)
    assert bureaucratic["per_1000_words"]["enkelt"] == expected


def test_templates_ranked_with_their_letters(scanned):
    data = json.loads(scanned["warm"].stdout)
    templates = data["templates"]
    assert [t["path"] for t in templates] == ["dokument/mallar/16-mall-byrakratisk.txt", "dokument/mallar/15-mall-klarsprak.txt"]
    assert templates[0]["score"] > templates[1]["score"]
    # corpora/beslut/manifest.yaml: 16's standard paragraphs recur word for word in 02 and 06.
    assert {"dokument/brev/02-beviljas-byrakratisk.txt", "dokument/brev/06-delvis-avslag-byrakratisk.txt"} <= set(templates[0]["letters"])
    assert "dokument/brev/01-beviljas-klarsprak.txt" in templates[1]["letters"]
    docs = {d["path"]: d for d in data["documents"]}
    assert docs["dokument/brev/02-beviljas-byrakratisk.txt"]["template_of"] == "dokument/mallar/16-mall-byrakratisk.txt"


def test_standard_wordings_ranked_by_impact(scanned):
    data = json.loads(scanned["warm"].stdout)
    wordings = data["wordings"]
    impacts = [w["impact"] for w in wordings]
    assert impacts == sorted(impacts, reverse=True)
    assert all(w["impact"] == w["documents"] * len(w["findings"]) for w in wordings)
    # corpora/beslut/manifest.yaml: 16's Lagrum paragraph recurs in 02, its Barnperspektiv paragraph in 06.
    for start, letter in (
        ("Enligt 4 kap 1§ SoL har den som inte själv kan tillgodose", "02-beviljas-byrakratisk"),
        ("Enligt 1 kap 2§ SoL skall vid åtgärder som rör barn", "06-delvis-avslag-byrakratisk"),
    ):
        found = [w for w in wordings if w["kind"] == "stycke" and w["text"].startswith(start)]
        assert found, start
        top = found[0]
        assert top["documents"] >= 2 and top["templates"] == 1 and top["findings"] and top["direction"]
        assert {"dokument/mallar/16-mall-byrakratisk.txt", f"dokument/brev/{letter}.txt"} <= set(top["examples"])
    shown = json.dumps(wordings, ensure_ascii=False)
    for personal in ("Amina Haddad", "19870412", "Lövstigen"):
        assert personal not in shown


def test_text_summary_by_default(scanned):
    out = run_scan(["dokument", "--cache", str(scanned["cache"]), "--top", "3", "-q"], scanned["base"])
    assert out.returncode == 1
    text = out.stdout
    assert text.startswith("klarsprak scan: 10 dokument (8 lästa, 2 kunde inte läsas)")
    assert "Mallar, sämst först" in text and "Standardformuleringar, störst påverkan först" in text
    assert "Förslag: " in text and "Filer som inte kunde läsas (2):" in text
    assert out.stderr == ""  # --quiet


def test_cache_files_are_user_only(scanned):
    cache = scanned["cache"]
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert len(files) == 10  # 8 documents and the 2 bad files (a corrupt file stays corrupt)
    for path in [cache, *cache.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_a_rescan_processes_only_changed_files(scanned, tmp_path):
    base = scanned["base"]
    letter = base / "dokument" / "brev" / "03-avslag-klarsprak.txt"
    original = letter.read_text(encoding="utf-8")
    try:
        letter.write_text(original + "\nErhållandet av beslutet föreligger härmed.\n", encoding="utf-8")
        out = run_scan(["dokument", "--jobs", "1", "--cache", str(scanned["cache"]), "--format", "json"], base)
    finally:
        letter.write_text(original, encoding="utf-8")
    assert "9 från cachen, 1 granskade" in out.stderr
    before = {d["path"]: d for d in json.loads(scanned["warm"].stdout)["documents"]}
    after = {d["path"]: d for d in json.loads(out.stdout)["documents"]}
    changed = [p for p in after if after[p] != before[p]]
    assert changed == ["dokument/brev/03-avslag-klarsprak.txt"]


def test_exit_codes(tmp_path, scanned):
    empty = tmp_path / "tom"
    empty.mkdir()
    out = run_scan([str(empty), "--no-cache"], tmp_path)
    assert out.returncode == 2 and "inga dokument hittades" in out.stderr
    only_bad = run_scan([str(scanned["base"] / "dokument" / "trasiga"), "--no-cache", "-j", "1"], tmp_path)
    assert only_bad.returncode == 2 and "Traceback" not in only_bad.stderr
    assert "kunde inte läsas" in only_bad.stdout
    both = run_scan([str(empty), "--cache", "c", "--no-cache"], tmp_path)
    assert both.returncode == 2
    never = run_scan(["dokument", "--cache", str(scanned["cache"]), "--fail-on", "never", "-q"], scanned["base"])
    assert never.returncode == 0


def test_outputs_never_replace_a_scanned_document(scanned):
    base = scanned["base"]
    letter = base / "dokument" / "brev" / "02-beviljas-byrakratisk.txt"
    before = letter.read_bytes()
    out = run_scan(["dokument", "--cache", str(scanned["cache"]), "-q", "-o", str(letter)], base)
    assert out.returncode == 2 and "granskade filerna" in out.stderr
    assert letter.read_bytes() == before
    assert not [p for p in letter.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_configured_templates_folder_makes_templates(tmp_path):
    from scan_helpers import BESLUT

    (tmp_path / "mallar").mkdir()
    (tmp_path / "brev").mkdir()
    (tmp_path / ".klarsprak.toml").write_text('templates = ["mallar/"]\n', encoding="utf-8")
    (tmp_path / "mallar" / "beviljas.txt").write_bytes((BESLUT / "txt" / "01-beviljas-klarsprak.txt").read_bytes())
    (tmp_path / "brev" / "beviljas.txt").write_bytes((BESLUT / "txt" / "02-beviljas-byrakratisk.txt").read_bytes())
    out = run_scan([".", "--no-cache", "-j", "1", "--format", "json"], tmp_path)
    data = json.loads(out.stdout)
    assert [t["path"] for t in data["templates"]] == ["mallar/beviljas.txt"]
    assert {d["path"]: d["template"] for d in data["documents"]} == {"brev/beviljas.txt": False, "mallar/beviljas.txt": True}


def test_ctrl_c_stops_at_once_and_leaves_no_files(tmp_path):
    import signal
    import time

    from scan_helpers import BESLUT

    docs = tmp_path / "många"
    docs.mkdir()
    source = (BESLUT / "txt" / "02-beviljas-byrakratisk.txt").read_text(encoding="utf-8")
    for i in range(3000):  # far more work than the seconds below: the interrupt always lands mid-scan
        (docs / f"brev-{i:04d}.txt").write_text(source + f"\nÄrende nummer {i} i serien.\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "klarsprak", "scan", "många", "-j", "2", "--no-cache", "--format", "json", "-o", "ut.json", "--report", "ut.html"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:  # the workers have started
        time.sleep(0.2)
    time.sleep(3)  # ... and are busy with files
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    started = time.monotonic()
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert time.monotonic() - started < 30
    assert "avbrutet" in stderr and "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["många"]  # no output, no temporary file
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:  # the workers are gone too
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("worker processes are still running after Ctrl-C")


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def test_a_killed_worker_does_not_stop_the_scan(tmp_path):
    """What the OOM killer does: SIGKILL to a worker. The scan goes on; the files that were in
    flight are re-run one by one, so no document is lost or wrongly blamed."""
    import signal
    import time

    from scan_helpers import BESLUT

    docs = tmp_path / "brev"
    docs.mkdir()
    source = (BESLUT / "txt" / "04-avslag-byrakratisk.txt").read_text(encoding="utf-8")
    count = 200  # enough work that a worker is still busy when it is killed (48 was too few once tagging got faster)
    for i in range(count):
        (docs / f"brev-{i:03d}.txt").write_text(source + f"\nÄrende nummer {i} i serien.\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "klarsprak", "scan", "brev", "-j", "2", "--no-cache", "--format", "json", "-o", "ut.json"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    victim = None
    while victim is None and time.monotonic() < deadline and proc.poll() is None:
        for child in _children(proc.pid):
            with open(f"/proc/{child}/cmdline", "rb") as fh:
                if b"spawn_main" in fh.read():
                    victim = child
                    break
        time.sleep(0.5)
    assert victim is not None, "no worker process was started"
    time.sleep(1)
    os.kill(victim, signal.SIGKILL)  # a worker lives as long as the pool: the scan is still running
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 1, stderr
    assert "Traceback" not in stderr
    data = json.loads((tmp_path / "ut.json").read_text(encoding="utf-8"))
    assert data["summary"]["documents"] == count
    assert data["summary"]["unreadable"] == 0, data["errors"]
