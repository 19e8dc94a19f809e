"""The workbench in a real browser: headless Chromium driven by Selenium, for what
only a browser can show (a selection coded with a key, the review keys, blind mode).

Skipped, with one line saying why, when Chromium, its driver or Selenium is missing;
CI installs them (.ci/run). With MENTORQUAL_SCREENSHOTS=DIR the tests save
screenshots of the interview page and the review page there.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mentorqual import Project
from mentorqual.web import create_app

from .web_fixtures import workbench_project

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
try:
    import selenium  # noqa: F401
except ImportError:  # pragma: no cover - depends on the machine
    selenium = None

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER and selenium),
    reason="browser tests skipped: needs chromium, chromium-driver and selenium",
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workbench_project(tmp_path_factory.mktemp("browser"))


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project.db"
    copy.write_bytes(template.read_bytes())
    return copy


def _server(db: Path, coder: str, blind: bool = False) -> Iterator[str]:
    import waitress

    server = waitress.create_server(create_app(db, coder, blind), host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(5)


@pytest.fixture
def server(db: Path) -> Iterator[str]:
    yield from _server(db, "A")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def wait(browser: Any, condition: Any, timeout: float = 10) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition)


def rendered(browser: Any, at_least: int = 1) -> None:
    wait(
        browser,
        lambda b: (
            int(b.find_element("id", "transcript").get_attribute("data-rendered") or 0) >= at_least
        ),
    )


def select(browser: Any, words: str) -> None:
    """Select ``words`` in the transcript, as a mouse would."""
    found = browser.execute_script(
        """
        const words = arguments[0];
        for (const text of document.querySelectorAll('#transcript .text')) {
          const node = text.firstChild;
          if (!node || node.nodeType !== Node.TEXT_NODE) continue;
          const at = node.data.indexOf(words);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + words.length);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          return true;
        }
        return false;
        """,
        words,
    )
    assert found, words


def press(browser: Any, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).send_keys(key).perform()


def highlights(browser: Any, kind: str = "human") -> list[str]:
    return [e.text for e in browser.find_elements("css selector", f"#transcript .hl.{kind}")]


def screenshot(browser: Any, name: str) -> None:
    folder = os.environ.get("MENTORQUAL_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(folder) / name))


def test_select_a_passage_and_code_it_with_a_key(browser: Any, server: str, db: Path) -> None:
    browser.get(f"{server}/interviews/T01")
    rendered(browser)
    select(browser, "mange papirer")
    press(browser, "3")  # the third code: administration
    rendered(browser, 2)
    assert highlights(browser) == ["mange papirer"]
    browser.refresh()
    rendered(browser)
    assert highlights(browser) == ["mange papirer"]
    span = browser.find_element("css selector", "#transcript .hl.human")
    assert "Administration — A" in span.get_attribute("title")
    assert list(Project(db).codings()["text"]) == ["mange papirer"]
    screenshot(browser, "interview.png")
    span.click()  # removes it
    rendered(browser, 2)
    assert highlights(browser) == []
    assert Project(db).codings().empty


def test_review_accept_reject_and_undo(browser: Any, server: str, db: Path) -> None:
    browser.get(f"{server}/review")

    def shown(b: Any) -> str:
        return str(b.find_element("id", "review").get_attribute("data-paragraph") or "")

    first = wait(browser, shown)
    press(browser, "3")
    screenshot(browser, "review.png")
    press(browser, "a")
    second = wait(browser, lambda b: shown(b) not in ("", first) and shown(b))
    press(browser, "x")
    wait(browser, lambda b: shown(b) not in ("", first, second))
    table = Project(db).codings()
    assert list(zip(table["code"], table["coder"], strict=True)) == [("administration", "A")]
    press(browser, "u")  # takes back the rejection
    wait(browser, lambda b: shown(b) == second)
    press(browser, "u")  # and the acceptance
    wait(browser, lambda b: shown(b) == first)
    assert Project(db).codings().empty


def test_blind_mode_hides_the_other_coder(browser: Any, db: Path) -> None:
    text = Project(db).interview_view("T01", "B").paragraphs[1]
    Project(db).add_span_coding("B", "T01", text.start, text.start + 7, "administration")
    for blind, expected in ((False, ["Der er "]), (True, [])):
        for url in _server(db, "A", blind):
            browser.get(f"{url}/interviews/T01")
            rendered(browser)
            assert [h.strip() for h in highlights(browser)] == [e.strip() for e in expected]
