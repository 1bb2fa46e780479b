"""The app in a real browser: ``streamlit run`` driven by Debian's Chromium through Playwright.

Skipped, saying why, where /usr/bin/chromium or the playwright package is missing (Playwright's own
browser downloads are never used: the project stays offline). The server is one subprocess for the
module, on a free port, with the same cache home as tests/test_app.py, so the built-in catalog is
embedded once per test run (about 40 s on a 2-core machine when no earlier test did it).
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

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium for the browser test", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
expect = sync_api.expect

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
def page(browser, app_url: str) -> Iterator:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
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
