"""The page of ``klarsprak serve`` in a real browser: Debian's headless Chromium driven by Playwright
(no browser download). Uploads a real decision, reads the highlights and an explanation with the
keyboard, downloads the Word copy with comments and reads the comments back. Screenshots go to
tests/artifacts/."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from web_helpers import ROOT, require_serve_extra, running_server

require_serve_extra()

DOCX = ROOT / "corpora" / "beslut" / "docx" / "04-avslag-byrakratisk.docx"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("Chromium saknas: installera det med 'apt-get install chromium'")
    return exe


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    exe = _chromium()
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright saknas: pip install playwright (ingen webbläsare laddas ned)")
    with running_server(tmp_path_factory.mktemp("serve")) as server, \
            tempfile.TemporaryDirectory(prefix="klarsprak-chromium-") as profile, \
            sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=exe, headless=True, args=CHROMIUM_ARGS, accept_downloads=True,
            viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(server.base + "/")
            yield server, page
        finally:
            context.close()


def test_upload_highlight_explain_and_download(browser_page, tmp_path):
    import docx

    server, page = browser_page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_input_files("#fil", str(DOCX))
    page.select_option("#profil", "beslut")
    page.click("#granska-knapp")
    page.wait_for_selector("mark.hl, #resultat .error", timeout=120_000)
    errors = page.locator("#resultat .error").all_text_contents()
    assert not errors, f"{errors}\n{server.log()}"

    marks = page.locator("mark.hl")
    assert marks.count() > 10
    for category in ("begripligt", "enkelt"):
        assert page.locator(f"mark.hl.cat-{category}").count() > 0
    assert page.text_content("#status").startswith("Granskningen är klar")
    assert "LIX" in page.inner_text(".metrics")
    assert page.locator(".outline li").count() >= 3
    assert page.locator("li.finding").count() > 10
    page.screenshot(path=str(ARTIFACTS / "serve-result.png"), full_page=False)

    # Keyboard only: Tab from the "Granska" button until a highlight has the focus.
    page.focus("#granska-knapp")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.hl')"):
            break
    else:
        pytest.fail("ingen markering gick att nå med Tab")
    focused = page.locator("mark.hl:focus")
    tip = focused.locator(".tip")
    assert tip.is_visible()
    described = focused.get_attribute("aria-describedby").split()[0]
    explanation = page.locator(f"#{described} details p").first.text_content().strip()
    assert explanation and explanation[:40] in tip.inner_text()
    assert page.locator(f"#{described}").evaluate("li => li.classList.contains('active')")
    focused.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "serve-explanation.png"))
    page.keyboard.press("Escape")
    assert not tip.is_visible()

    # Filter a category away: its highlights and list items go.
    page.check("input[data-category=begripligt]")
    page.uncheck("input[data-category=begripligt]")
    assert page.locator("li.finding.cat-begripligt:visible").count() == 0

    with page.expect_download(timeout=120_000) as download_info:
        page.click("button[data-download=annotate]")
    download = download_info.value
    assert download.suggested_filename == "04-avslag-byrakratisk.granskad.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(str(saved))
    comments = [c.text for c in docx.Document(str(saved)).comments]
    shown = [m.strip() for m in page.locator("li.finding .message").all_text_contents()]
    assert comments and len(comments) <= len(shown)
    assert any(" ".join(text.split("\n")[0].split()) in shown for text in comments)
    page.wait_for_selector(".download-status:has-text('Klart')")


def test_the_page_fits_a_phone(browser_page):
    server, page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server.base + "/")
    page.fill("#text", "Du har erhållit bistånd i enlighet med beslutet. Vi har fattat beslut om att avslå ansökan.")
    page.click("#granska-knapp")
    page.wait_for_selector("mark.hl, #resultat .error", timeout=120_000)
    assert not page.locator("#resultat .error").count()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "sidan ska inte behöva rullas i sidled på en mobil"
    page.screenshot(path=str(ARTIFACTS / "serve-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
