"""End to end in headless Chromium: the report offline, and the web app with what-if.

Uses Debian's ``chromium`` (``.ci/run`` installs it) through Playwright's ``executable_path``;
Playwright's own browser downloads are never used. Without a browser these tests are skipped
with the reason. Screenshots go to ``tests/artifacts/`` (ignored by git); the time from a
slider move to the updated forecast on screen is written to
``tests/artifacts/slider-timing.txt`` (the benchmark of benchmarks/README.md reads it there).
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import threading
import time
from pathlib import Path

import pytest

from accord.models import MODELS

from conftest import EXAMPLES

pytest.importorskip("playwright", reason="playwright is not installed (the test extra)")
pytest.importorskip("uvicorn", reason="the web extra is not installed")

CHROMIUM = os.environ.get("ACCORD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM}: apt-get install chromium (or set ACCORD_CHROMIUM)",
        allow_module_level=True,
    )

from playwright.sync_api import expect, sync_playwright  # noqa: E402 (after the skips)

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CASE = EXAMPLES / "ukraine-ceasefire-2025-03.yaml"


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from accord.web import create_app

    port = free_port()
    hosts = [f"127.0.0.1:{port}"]
    app = create_app([EXAMPLES], token="browser-test-token", hosts=hosts)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


def test_the_report_opens_offline_with_every_section_and_figure(browser, tmp_path):
    from cli_inprocess import accord

    # Every section: Monte Carlo, a history store built here (the three dated versions of the
    # case study), and the simulated talks and truce.
    store = tmp_path / "history.sqlite"
    dated = sorted(EXAMPLES.glob("ukraine-ceasefire-2025-*.yaml"))
    assert len(dated) == 3
    done = accord("snapshot", *map(str, dated), "--db", str(store))
    assert done.returncode == 0, done.stderr
    report = tmp_path / "report.html"
    done = accord(
        "report", str(CASE), "--samples", "200", "--seed", "1", "--db", str(store),
        "--simulate", "-o", str(report),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    attempted: list[str] = []

    def refuse(route):
        attempted.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith("file://"), refuse)
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    sections = page.locator("section.part h2").all_text_contents()
    assert sections == [
        "Summary",
        "Where the actors stand",
        "How the rounds move",
        "How sure: distributions and what drives them",
        "Package deals",
        "Simulated talks and truce",
        "Over time",
        "Evidence",
    ]
    # 1 forecasts + 11 positions + 11 rounds per dynamic model (bdm, smp) + 11 distributions
    # + 11 tornados per model + 1 frontier + 2 simulation figures + 11 issues over time + the
    # gaps over time
    rounds, tornado_count = 11 * 2, 11 * len(MODELS)
    assert page.locator("figure svg").count() == (
        1 + 11 + rounds + 11 + tornado_count + 1 + 2 + 11 + 1
    )
    expect(page.locator("figure svg:visible")).to_have_count(1 + 11 + rounds + 11 + 11 + 1 + 2 + 12)
    for svg in page.locator("figure svg").all()[:5]:
        assert svg.bounding_box()["height"] > 50  # drawn, not empty
    assert attempted == []  # no request left the file
    page.screenshot(path=str(ARTIFACTS / "report.png"))
    page.locator("#ukraine-ceasefire-2025-03-deals").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "report-deals.png"))
    page.locator("#ukraine-ceasefire-2025-03-history h2").evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / "report-history.png"))
    tornados = page.locator("details.tornados").first
    tornados.locator("> summary").click()
    expect(tornados.locator("svg").first).to_be_visible()  # another model's tornado, on request
    page.screenshot(path=str(ARTIFACTS / "report-tornados.png"))
    # The print style sheet: no navigation, figures and sections still there.
    page.emulate_media(media="print")
    expect(page.locator("nav").first).to_be_hidden()
    expect(page.locator("#ukraine-ceasefire-2025-03-frontier svg")).to_be_visible()
    page.close()


def test_a_request_without_the_token_is_refused(browser, server):
    page = browser.new_page()
    response = page.goto(server + "/")
    assert response.status == 401
    assert "token is required" in page.content()
    page.close()


def test_the_app_what_if_moves_the_forecast_on_screen(browser, server):
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.goto(server + "/?token=browser-test-token")
    page.click(f"text={CASE.name}")
    page.wait_for_selector("#live-forecasts tbody tr")
    page.wait_for_selector("#live-deals table", timeout=60_000)
    # The report under the panel came without its deals and completes itself.
    page.wait_for_selector("#report:not([data-deals]) #r-deals figure svg", timeout=60_000)
    cell = page.locator('#live-forecasts tr[data-model="mean"] td.value')
    before_text = cell.text_content() or ""
    before = float(before_text)
    page.screenshot(path=str(ARTIFACTS / "app.png"))
    slider = page.locator('input[data-actor="RUS"][data-issue="ceasefire"][data-field="position"]')
    timings = []
    for k, value in enumerate(["60", "80", "100", "70", "90"]):
        slider.fill(value)
        page.wait_for_selector(f'#status[data-count="{k + 1}"]')
        timings.append(float(page.locator("#status").get_attribute("data-ms")))
        if k == 2:
            after = float(cell.text_content())
            assert after > before  # Russia moved towards a full ceasefire
    (ARTIFACTS / "slider-timing.txt").write_text(
        "slider move to updated forecast on screen (ms): "
        + ", ".join(f"{t:.0f}" for t in timings)
        + f"; median {statistics.median(timings):.0f}\n"
    )
    page.screenshot(path=str(ARTIFACTS / "app-moved.png"))
    page.click("#reset")
    expect(slider).to_have_value("25")
    expect(cell).to_have_text(before_text)
    page.close()


def test_a_bad_upload_shows_the_error_line(browser, server, tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: broken\ntitle: Broken\nactors: []\nissues: []\n")
    page = browser.new_page()
    page.goto(server + "/?token=browser-test-token")
    page.set_input_files("#upload-file", str(bad))
    page.click("text=Upload and open")
    error = page.locator("#upload-error")
    page.wait_for_selector("#upload-error:not(:empty)")
    text = error.text_content()
    assert text.startswith("broken.yaml") and "\n" not in text
    assert page.url.endswith("/")  # still on the start page: nothing was opened
    page.close()
