"""The scan's HTML report: self-contained, accessible, and working in a real browser.

The browser tests drive the system Chromium (Debian package) with Playwright's Python driver; no
browser is downloaded. They skip with a message when Chromium or playwright is missing."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

from scan_helpers import make_sample, run_scan

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BAR_BLUE = (0x1F, 0x5F, 0xA8)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("rapport")
    make_sample(base)
    out = run_scan(["dokument", "--jobs", "1", "--no-cache", "--report", "rapport.html", "-q"], base)
    assert out.returncode == 1, out.stderr
    return base / "rapport.html"


@pytest.fixture(scope="module")
def tree(report):
    return lxml_html.fromstring(report.read_bytes())


# --- the file itself ---------------------------------------------------------------------------------


def test_self_contained_no_external_assets(report, tree):
    text = report.read_text(encoding="utf-8")
    assert tree.get("lang") == "sv"
    assert not tree.xpath("//link | //img | //iframe | //object | //embed | //script[@src] | //*[@style and contains(@style, 'url(')]")
    for attr in ("href", "src", "action"):
        for value in tree.xpath(f"//@{attr}"):
            assert value.startswith("#"), f"{attr}={value}"
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and "default-src 'none'" in csp[0]
    assert not re.search(r"url\(\s*['\"]?(?:https?:|//)", text)
    assert "@import" not in text


def test_tables_are_semantic(tree):
    tables = tree.xpath("//table")
    assert {t.get("id") for t in tables} >= {"tabell-mallar", "tabell-formuleringar", "tabell-dokument", "tabell-fel"}
    for table in tables:
        assert table.xpath("./caption"), table.get("id")
        headers = table.xpath("./thead/tr/th")
        assert headers and all(th.get("scope") == "col" for th in headers)
        assert "sortable" in table.get("class", "") or table.get("id") == "tabell-fel"


def test_every_link_has_a_target_and_ids_are_unique(tree):
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    known = set(ids)
    for href in tree.xpath("//a/@href"):
        assert href[1:] in known, href


def test_charts_and_texts_are_present(tree):
    charts = tree.xpath("//*[local-name()='svg' and contains(@class, 'chart')]")
    assert {c.get("id") for c in charts} == {"chart-kategorier", "chart-lix", "chart-heatmap", "chart-formuleringar"}
    for chart in charts:
        assert chart.get("role") == "img" and chart.xpath("./*[local-name()='title']") and chart.xpath("./*[local-name()='desc']")
    articles = tree.xpath("//article[contains(@class, 'doc')]")
    assert len(articles) == 8  # every readable document of the sample
    assert tree.xpath("//article//mark")
    bad = tree.xpath("//table[@id='tabell-fel']/tbody/tr")
    assert len(bad) == 2
    body = tree.text_content()
    assert "Standardformuleringar" in body and "Förslag:" in body and "Problempoäng" in body


# --- in a browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_page(report):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium saknas: installera chromium: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright saknas: installera det med pip install playwright (ingen webbläsare laddas ned)")
    with tempfile.TemporaryDirectory(prefix="klarsprak-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium, args=CHROMIUM_ARGS, headless=True, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(report.as_uri())
        yield page, requests
        context.close()


def test_no_request_leaves_the_file(browser_page):
    page, requests = browser_page
    assert requests and all(url.startswith(("file://", "data:")) for url in requests), requests


def test_sort_the_documents_table_with_the_keyboard(browser_page):
    page, _ = browser_page
    table = page.locator("#tabell-dokument")
    table.locator("thead th button").first.focus()
    labels = table.locator("thead th").all_inner_texts()
    lix = next(i for i, label in enumerate(labels) if label.strip().startswith("LIX"))
    for _ in range(lix):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "LIX"
    page.keyboard.press("Enter")
    header = table.locator("thead th").nth(lix)
    assert header.get_attribute("aria-sort") == "ascending"
    values = [float(v) for v in table.locator(f"tbody tr td:nth-child({lix + 1})").evaluate_all("cells => cells.map(c => c.dataset.sort)")]
    assert values == sorted(values) and len(values) == 8
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    values = [float(v) for v in table.locator(f"tbody tr td:nth-child({lix + 1})").evaluate_all("cells => cells.map(c => c.dataset.sort)")]
    assert values == sorted(values, reverse=True)
    assert "sorteras efter LIX, fallande" in page.locator("#sort-status").inner_text()


def test_follow_a_document_link_to_its_text(browser_page):
    page, _ = browser_page
    link = page.locator("#tabell-dokument tbody tr").first.locator("a").first
    target = link.get_attribute("href")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '{target}'")
    article = page.locator(target)
    top = article.evaluate("el => el.getBoundingClientRect().top")
    assert abs(top) < 5, top  # scrolled to the document's section
    assert article.locator("h3").inner_text().startswith("dokument/")
    assert article.locator(".doctext p").count() > 5
    page.goto(page.url.split("#")[0] + "#diagram")


def test_charts_render_and_the_screenshot_is_not_blank(browser_page):
    from PIL import Image

    page, _ = browser_page
    page.goto(page.url.split("#")[0] + "#diagram")
    charts = page.locator("svg.chart")
    assert charts.count() == 4
    for i in range(4):
        chart = charts.nth(i)
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 80
    bars = page.locator("#chart-kategorier rect.bar")
    assert bars.count() == 4 and all(bars.nth(i).bounding_box()["width"] > 1 for i in range(4))
    assert page.locator("#chart-heatmap rect.cell").count() == 2 * 7  # 2 templates × 7 rule families
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "scan-report-charts.png"
    page.locator("#diagram").screenshot(path=str(shot))
    page.screenshot(path=str(ARTIFACTS / "scan-report-top.png"))
    image = Image.open(shot).convert("RGB")
    total = image.width * image.height
    colours = image.getcolors(maxcolors=total)  # [(count, (r, g, b)), ...]
    non_white = sum(n for n, rgb in colours if rgb != (255, 255, 255))
    blue = sum(n for n, rgb in colours if all(abs(a - b) <= 6 for a, b in zip(rgb, BAR_BLUE)))
    assert non_white > total * 0.05, "the chart screenshot is (almost) blank"
    assert blue > 2000, "the bars are not drawn in the chart colour"
    assert len(colours) > 50  # text, bars and the heatmap's shades
