"""The workbench in a real browser: headless Chromium driven by Selenium, for what
only a browser can show (a selection coded with a key, the review keys, blind mode).

Skipped, with one line saying why, when Chromium, its driver or Selenium is missing;
CI installs them (.ci/run). With MENTORQUAL_SCREENSHOTS=DIR the screenshot test
saves the README's pictures of the interview page and the review page there
(`make screenshots`).
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

from .conftest import TRANSCRIPTS
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


def open_panel(browser: Any, words: str) -> Any:
    """Click your highlight of ``words``; returns the panel it opens."""
    mine = browser.find_elements("css selector", "#transcript .hl.mine")
    next(e for e in mine if e.text == words).click()
    return wait(browser, lambda b: b.find_element("id", "coding-panel").is_displayed()
                and b.find_element("id", "coding-panel"))  # fmt: skip


def panel_button(panel: Any, text: str) -> Any:
    return panel.find_element("xpath", f".//button[normalize-space()='{text}']")


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


def test_review_accept_reject_and_undo(browser: Any, server: str, db: Path) -> None:
    browser.get(f"{server}/review")

    def shown(b: Any) -> str:
        return str(b.find_element("id", "review").get_attribute("data-paragraph") or "")

    first = wait(browser, shown)
    press(browser, "3")
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


def test_a_highlight_opens_a_panel_to_change_its_code_memo_or_remove_it(
    browser: Any, server: str, db: Path
) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    browser.get(f"{server}/interviews/T01")
    rendered(browser)
    select(browser, "mange papirer")
    press(browser, "3")  # administration
    rendered(browser, 2)
    panel = open_panel(browser, "mange papirer")
    assert "»mange papirer«" in panel.text
    Select(panel.find_element("css selector", "select")).select_by_visible_text("Kurser")
    panel_button(panel, "Gem").click()
    rendered(browser, 3)
    browser.refresh()
    rendered(browser)
    span = browser.find_element("css selector", "#transcript .hl.mine")
    assert span.get_attribute("title") == "Kurser — A"

    panel = open_panel(browser, "mange papirer")
    memo = panel.find_element("css selector", "textarea")
    memo.send_keys("Hun nævner 3 slags papirer, u")  # no shortcut fires while typing
    panel_button(panel, "Gem").click()
    rendered(browser, 2)
    span = browser.find_element("css selector", "#transcript .hl.mine")
    assert span.get_attribute("title") == "Kurser — A\nMemo: Hun nævner 3 slags papirer, u"
    table = Project(db).codings()
    assert list(zip(table["text"], table["code"], strict=True)) == [("mange papirer", "kurser")]

    open_panel(browser, "mange papirer")
    press(browser, Keys.ESCAPE)
    wait(browser, lambda b: not b.find_element("id", "coding-panel").is_displayed())
    panel_button(open_panel(browser, "mange papirer"), "Fjern").click()
    rendered(browser, 3)
    assert highlights(browser) == []
    assert Project(db).codings().empty


def passage(project: Project, interview: str, words: str) -> tuple[int, int]:
    """Where ``words`` stand in an interview's canonical text."""
    for p in project.interview_view(interview, "A").paragraphs:
        if words in p.text:
            start = p.start + p.text.index(words)
            return start, start + len(words)
    raise AssertionError(words)


def test_screenshots_of_the_workbench(browser: Any, db: Path) -> None:
    """The README's pictures (1280x800): a sample interview with A's and B's codings
    beside the rules' suggestions, and /review with a suggestion, the question before
    it and the rule's words marked."""
    project = Project(db)
    project.import_paths([TRANSCRIPTS / "HS01.txt"])
    project.tag_rules()
    for coder, words, code, memo in SCREENSHOT_CODINGS:
        coding, _ = project.add_span_coding(coder, "HS01", *passage(project, "HS01", words), code)
        if memo:
            project.change_span_coding(coder, coding, memo=memo)
    viewport(browser, 1280, 800)
    try:
        for url in _server(db, "A"):
            browser.get(f"{url}/interviews/HS01")
            rendered(browser)
            assert highlights(browser, "human") and highlights(browser, "machine")
            panel = open_panel(browser, SCREENSHOT_CODINGS[0][1])
            memo = panel.find_element("css selector", "textarea").get_property("value")
            assert memo == SCREENSHOT_CODINGS[0][3]
            screenshot(browser, "workbench-interview.png")
            browser.get(f"{url}/review")
            for _ in range(10):  # skip (space) to the first paragraph a rule fired in
                shown = wait(browser, lambda b: b.find_element("id", "review").get_attribute(
                    "data-paragraph"))  # fmt: skip
                if browser.find_elements("css selector", "#paragraph mark"):
                    break
                press(browser, " ")
                wait(browser, lambda b, shown=shown: b.find_element("id", "review").get_attribute(
                    "data-paragraph") not in ("", shown))  # fmt: skip
            assert browser.find_element("id", "question").text
            assert browser.find_elements("css selector", "#paragraph mark")
            assert "Læserækkefølge" in browser.find_element("id", "model").text
            screenshot(browser, "workbench-review.png")
    finally:
        browser.set_window_size(1100, 900)


def viewport(browser: Any, width: int, height: int) -> None:
    """Size the window so that the page itself is ``width`` x ``height``."""
    browser.set_window_size(width, height)
    inner = browser.execute_script("return [window.innerWidth, window.innerHeight]")
    browser.set_window_size(2 * width - inner[0], 2 * height - inner[1])


# (coder, words of HS01, code, memo): what the interview picture shows.
SCREENSHOT_CODINGS = (
    ("A", "Jeg startede faktisk som sagsbehandler", "kompetenceafklaring",
     "Erfaring fra kontanthjælpsområdet: kender borgernes sager indefra."),
    ("A", "kommer ikke til at gå, hvis vedkommende skal stå helt alene med det", "tryghed", ""),
    ("B", "vant til mennesker, der har det lidt svært", "kompetenceafklaring", ""),
)  # fmt: skip
