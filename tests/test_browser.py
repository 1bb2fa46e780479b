"""The app in a real browser: ``streamlit run`` driven by Debian's Chromium through Playwright.

Skipped, saying why, where /usr/bin/chromium or the playwright package is missing (Playwright's own
browser downloads are never used: the project stays offline). The server is one subprocess for the
module, on a free port, with the same cache home as tests/test_app.py, so the built-in catalog is
embedded once per test run (about 40 s on a 2-core machine when no earlier test did it). Every page
logs the requests it makes and the dialogs it opens, so a test can show that nothing went elsewhere.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium for the browser test", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
expect = sync_api.expect

from tests.test_app import HOSTILE, NAME_HEADER, PRICE_HEADER, WJ, markup_catalog  # noqa: E402 (after the skips above)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
CLASSIC = "I need a laptop with RAM 8GB, HDD 1TB, and processor i5 at Rs. 40000"
START_S = 120  # the server answering its health check
READY_MS = 240_000  # the finder ready: language model loaded, catalog embedded (or read from the cache)
ANSWER_MS = 60_000  # one chat turn drawn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    """Poll the health endpoint until it answers ok; fail with the server's log if it dies or never does."""
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # polling interval, not synchronisation: the loop ends on the answer
    pytest.fail(f"streamlit did not answer {url}/_stcore/health in {START_S} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run streamlit_app.py`` on a free port; stopped after the module's tests."""
    port = free_port()
    home = tmp_path_factory.getbasetemp() / "app-home"  # shared with tests/test_app.py: embeddings cached
    log = tmp_path_factory.mktemp("browser") / "streamlit.log"
    env = {**os.environ, "PRODUCT_FINDER_HOME": str(home)}
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.fileWatcherType", "none"]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def requests() -> list[str]:
    """Every URL the page requested, in order (filled by the ``page`` fixture)."""
    return []


@pytest.fixture
def dialogs() -> list[str]:
    """The message of every alert, confirm or prompt the page opened (dismissed at once)."""
    return []


@pytest.fixture
def page(browser, app_url: str, requests: list[str], dialogs: list[str]) -> Iterator:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app_url)
    try:
        yield page
    finally:
        context.close()


def chat_input(page):
    """The chat box, once the finder is ready (it is drawn after the catalog's vectors are loaded)."""
    box = page.get_by_test_id("stChatInputTextArea")
    expect(box).to_be_visible(timeout=READY_MS)
    return box


def say(page, text: str) -> None:
    """Type one message, press Enter and wait for its answer (one more assistant message, fully drawn)."""
    messages = page.get_by_test_id("stChatMessage")
    before = messages.count()
    box = chat_input(page)
    box.fill(text)
    box.press("Enter")
    expect(messages).to_have_count(before + 2, timeout=ANSWER_MS)
    idle(page)


def idle(page) -> None:
    """Wait until the script run that is drawing the page has finished (and stale elements are gone)."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=ANSWER_MS)


def no_exception(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_chat_turn_in_the_browser_and_a_reload(page):
    say(page, CLASSIC)
    answer = page.get_by_test_id("stChatMessage").last
    expect(answer).to_contain_text("₹")
    assert len(re.findall(r"₹\d", answer.inner_text())) >= 5  # a price on every card
    page.get_by_text("Why this one?").first.click()
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=ANSWER_MS)
    no_exception(page)

    page.reload()  # mid-conversation: a new session, drawn again from the start page
    expect(page.get_by_role("heading", name="Product finder")).to_be_visible(timeout=READY_MS)
    chat_input(page)
    expect(page.get_by_text(CLASSIC, exact=True)).to_be_visible()  # an example button, not the old turn
    idle(page)
    expect(page.get_by_test_id("stChatMessage")).to_have_count(0)
    no_exception(page)


def test_upload_a_catalog_in_the_browser(page):
    catalog = SHARED / "catalogs" / "laptop_price_kaggle_eur.csv"
    if not catalog.is_file():
        pytest.skip(f"{catalog} not found: ../shared is absent on this machine")
    chat_input(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(catalog)
    use = sidebar.get_by_role("button", name="Use this catalog")
    expect(use).to_be_visible(timeout=ANSWER_MS)
    use.click()
    expect(sidebar).to_contain_text("laptop_price_kaggle_eur.csv", timeout=ANSWER_MS)
    expect(sidebar).to_contain_text("EUR")
    say(page, "laptop with 16GB RAM under 1500 euros")
    answer = page.get_by_test_id("stChatMessage").last
    expect(answer).to_contain_text("€")
    assert re.search(r"€\s?\d", answer.inner_text())
    no_exception(page)


def elsewhere(requests: list[str], app_url: str) -> list[str]:
    """The requests that went to any host but the app's own (data: and blob: URLs stay in the page)."""
    own = urlsplit(app_url).netloc
    return [url for url in requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own]


def upload(sidebar, name: str, data: bytes) -> None:
    """Drop a file named ``name`` (any characters, '/' too: it never touches a disk) on the sidebar's uploader."""
    payload = {"name": name, "mimeType": "text/csv", "buffer": data}
    sidebar.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(payload)


def page_text(locator) -> str:
    """What the shopper reads there (without the invisible word joiners that keep links from forming)."""
    return locator.inner_text().replace(WJ, "")


def test_markup_from_a_catalog_shows_as_typed_and_nothing_is_fetched(page, app_url, requests, dialogs, tmp_path):
    name = "![n](http://evil.example/n.png) **shop** :red[x].csv"
    chat_input(page)
    sidebar = page.get_by_test_id("stSidebar")
    upload(sidebar, name, markup_catalog())
    use = sidebar.get_by_role("button", name="Use this catalog")
    expect(use).to_be_visible(timeout=ANSWER_MS)
    review = page_text(sidebar)
    assert f"price: {PRICE_HEADER}" in review and f"name: {NAME_HEADER}" in review
    use.click()
    expect(sidebar).to_contain_text("**shop**", timeout=ANSWER_MS)
    assert name in page_text(sidebar)
    say(page, f"laptop under 45k not Acme1 {HOSTILE}")
    answer = page.get_by_test_id("stChatMessage").last
    assert f"1. Acme0 Laptop 0 {HOSTILE}" in page_text(answer)  # a card's title, as typed
    assert page_text(page.get_by_test_id("stChatMessage").first).endswith(HOSTILE)  # the shopper's message
    # the progress bar of matching by meaning gone: the page no longer moves, which would close a drop-down
    expect(page.get_by_test_id("stProgress")).to_have_count(0, timeout=READY_MS)
    page.get_by_test_id("stMultiSelect").get_by_role("combobox").click()
    page.get_by_role("option").filter(has_text="1. Acme0 Laptop 0").click()  # a product name: drawn as typed
    expect(page.get_by_test_id("stMultiSelect")).to_contain_text(HOSTILE)
    idle(page)
    assert page.locator(".js-plotly-plot").count() >= 10  # the cards' charts are drawn too (in closed expanders)
    no_exception(page)

    links = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    assert not [href for href in links if "evil" in href]
    images = page.locator("img, image, [style*='url(']").evaluate_all(
        "els => els.map(e => e.src || e.getAttribute('href') || e.getAttribute('style'))"
    )
    assert not [src for src in images if src and "evil" in src]
    assert not page.locator("script", has_text="alert").count()
    for tag, text in (("strong", "bold"), ("del", "gone"), ("code", "code")):  # '**bold**', '~~gone~~', '`code`'
        assert not page.locator(tag).filter(has_text=re.compile(f"^{text}$")).count(), f"{text} drawn as <{tag}>"
    assert dialogs == []  # no onerror, no script ran
    assert elsewhere(requests, app_url) == []
    assert len(requests) > 10  # the log saw the page, its scripts and the upload


def test_a_file_name_with_markup_shows_as_typed_in_an_error(page, app_url, requests):
    name = "![n](http://evil.example/n.png) [x](http://evil.example) **bold**.csv"
    chat_input(page)
    sidebar = page.get_by_test_id("stSidebar")
    upload(sidebar, name, b"name,price\n")
    error = sidebar.get_by_test_id("stAlert")
    expect(error).to_contain_text("no product rows", timeout=ANSWER_MS)
    assert name in page_text(error)
    assert not page.locator("a[href*='evil'], img[src*='evil']").count()
    no_exception(page)
    assert elsewhere(requests, app_url) == []
