"""The app in a real browser: ``streamlit run`` driven by Debian's Chromium through Playwright.

Skipped, saying why, where /usr/bin/chromium or the playwright package is missing (Playwright's own
browser downloads are never used: the project stays offline). The server is one subprocess for the
module, on a free port, with the same cache home as tests/test_app.py, so the built-in catalog is
embedded once per test run (about 40 s on a 2-core machine when no earlier test did it). Every page
logs the requests it makes and the dialogs it opens, so a test can show that nothing went elsewhere.

The layout is checked at a desktop and a phone size (no cut text, no overlapping cards, a name on every
button), with a screenshot of each step kept under ``test-artifacts/`` (git-ignored, kept by CI), and the
pages are checked for accessibility with axe-core (``npm install --no-package-lock``, see package.json).
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
SIZES = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}
ARTIFACTS = ROOT / "test-artifacts"  # screenshots for a person to look at (CI keeps them)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


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
def viewport() -> dict[str, int]:
    """The window size of the ``page`` fixture: a desktop unless a test asks for another."""
    return SIZES["desktop"]


@pytest.fixture
def page(browser, app_url: str, viewport: dict[str, int], requests: list[str], dialogs: list[str]) -> Iterator:
    context = browser.new_context(viewport=viewport)
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
    page.get_by_role("button", name="Why this one?").first.click()
    expect(page.get_by_role("dialog").locator(".js-plotly-plot").first).to_be_visible(timeout=ANSWER_MS)
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
    idle(page)  # the rerun that drew the answer with meaning has finished: nothing redraws the drop-down now
    page.get_by_test_id("stMultiSelect").get_by_role("combobox").click()
    option = page.get_by_role("option").filter(has_text="1. Acme0 Laptop 0")  # a product name: drawn as typed
    expect(option).to_contain_text(HOSTILE)
    # closed without choosing: a choice reruns the comparison, and a click during that run can be lost
    page.keyboard.press("Escape")
    expect(page.get_by_role("option")).to_have_count(0)
    page.get_by_role("button", name="Why this one?").first.click()  # a product's explanation in a dialog
    expect(page.get_by_role("dialog").locator(".js-plotly-plot")).to_have_count(3, timeout=ANSWER_MS)
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


# ---- how the app looks: layout at two sizes, accessibility -------------------------------------------
#: The problems a shopper would see, found in the page: text cut in a button or label (it is wider than its
#: box), cards that overlap or do not line up, and buttons with no name once their icon is left out.
LAYOUT_PROBLEMS = """() => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  // an icon is a glyph drawn from its name ("add"), not text that can be cut
  const icon = el => el.closest("[data-testid^=stIcon], [aria-hidden=true]") ||
    getComputedStyle(el).fontFamily.includes("Material");
  const cut = [];
  for (const el of document.querySelectorAll("button, label, [data-testid=stWidgetLabel]")) {
    if (!shown(el)) continue;
    for (const part of [el, ...el.querySelectorAll("*")].filter(part => !icon(part))) {
      if (part.clientWidth > 1 && part.scrollWidth > part.clientWidth + 1) { cut.push(el.innerText.trim()); break; }
    }
  }
  const unnamed = [];
  for (const button of document.querySelectorAll("button")) {
    if (!shown(button)) continue;
    const text = button.cloneNode(true);
    text.querySelectorAll("[data-testid^=stIcon], [aria-hidden=true], svg").forEach(icon => icon.remove());
    const name = button.getAttribute("aria-label") || text.textContent.trim() || button.title;
    if (!name) unnamed.push(button.outerHTML.slice(0, 200));
  }
  const cards = [...document.querySelectorAll("[class*=st-key-card-]")].filter(shown).map(card => {
    const box = card.getBoundingClientRect();
    return {name: card.className.match(/st-key-(card-[\\w-]+)/)[1], left: box.left, right: box.right,
            top: box.top, bottom: box.bottom};
  });
  const overlaps = [];
  cards.forEach((a, i) => cards.slice(i + 1).forEach(b => {
    const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const high = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (wide > 1 && high > 1) overlaps.push(a.name + " over " + b.name);
  }));
  const ragged = cards.filter(c => Math.abs(c.left - cards[0].left) > 1 || Math.abs(c.right - cards[0].right) > 1);
  return {cut, unnamed, overlaps, ragged: ragged.map(c => c.name), cards: cards.length};
}"""


def looks_right(page, step: str) -> int:
    """Keep a screenshot of ``step`` and fail on anything a shopper would see as broken; the number of cards."""
    idle(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{step}.png", full_page=True)
    no_exception(page)
    found = page.evaluate(LAYOUT_PROBLEMS)
    assert found["cut"] == [], f"{step}: text cut in {found['cut']}"
    assert found["unnamed"] == [], f"{step}: buttons without a name: {found['unnamed']}"
    assert found["overlaps"] == [], f"{step}: cards overlap: {found['overlaps']}"
    assert found["ragged"] == [], f"{step}: cards out of line: {found['ragged']}"
    return found["cards"]


def sidebar_of(page):
    """The sidebar, opened first where a phone-sized window keeps it closed."""
    opener = page.get_by_test_id("stExpandSidebarButton")
    if opener.is_visible():
        opener.click()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Use your own catalog")).to_be_in_viewport()
    return sidebar


#: A shop's catalog without a name column: its products are labelled from brand and specs.
SPECS_ONLY = (
    "brand,processor,RAM (GB),storage,price\n"
    "Acme,Core i5,8,512GB SSD,₹45000\n"
    "Zenbook,Core i7,16,1TB SSD,₹72000\n"
    "Acme,Ryzen 5,16,512GB SSD,₹52000\n"
).encode()


@pytest.mark.parametrize("viewport", list(SIZES.values()), ids=list(SIZES))
def test_the_layout_holds_on_a_desktop_and_a_phone(page, viewport):
    size = next(name for name, window in SIZES.items() if window == viewport)
    chat_input(page)
    looks_right(page, f"{size}-1-start")
    say(page, CLASSIC)
    assert looks_right(page, f"{size}-2-answer") == 5  # the classic query's five cards, in line
    page.get_by_role("button", name="Why this one?").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".js-plotly-plot")).to_have_count(3, timeout=ANSWER_MS)
    assert dialog.locator(".js-plotly-plot").first.bounding_box()["width"] >= min(600, viewport["width"] - 80)
    looks_right(page, f"{size}-3-why-this-one")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    sidebar = sidebar_of(page)
    upload(sidebar, "laptops without names.csv", SPECS_ONLY)
    use = sidebar.get_by_role("button", name="Use this catalog")
    expect(use).to_be_visible(timeout=ANSWER_MS)
    looks_right(page, f"{size}-4-upload-review")
    use.click()
    expect(sidebar).to_contain_text("laptops without names.csv", timeout=ANSWER_MS)
    if size == "phone":
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    say(page, "laptop with 16GB RAM")
    answer = page.get_by_test_id("stChatMessage").last
    expect(answer).to_contain_text("Zenbook · Core i7 · 16 GB · 1TB SSD")  # brand and key specs, no row number
    assert looks_right(page, f"{size}-5-upload-answer") == 3


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical accessibility violations on the page as it is now."""
    idle(page)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def test_no_serious_accessibility_violations_on_the_chat_and_the_model_lab(page):
    if not AXE.is_file():
        pytest.skip(f"{AXE.relative_to(ROOT)} not found: run `npm install --no-package-lock` (package.json)")
    chat_input(page)
    assert serious_violations(page) == []
    say(page, CLASSIC)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Model lab").click()
    expect(page.get_by_role("heading", name="Model lab")).to_be_visible(timeout=ANSWER_MS)
    assert serious_violations(page) == []
