"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every test gets a fresh page; on the way out its screenshot is saved under
``test-artifacts/screenshots/<test name>.png`` (CI keeps the folder as an artefact; ``shot``
adds one per step of a journey), and any Content-Security-Policy violation or JavaScript error
reported by the page fails the test.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # Live-server tests are transactional: keep the taxonomy (loaded by a migration).
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def _browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django must still allow the ORM.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(_browser, live_server, request):
    # A common office screen: officials' menu bar is spread out from 1400 px (below, it folds
    # into the menu button, which the phone-sized smoke test covers).
    context = _browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1440, "height": 900}
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    assert problems == []


def shot(page, name: str) -> None:
    """An extra screenshot at a step of a journey."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, email: str, password: str, *, language: str = "vi") -> None:
    """Log in through the log-in page, in ``language`` (Vietnamese pages have no prefix)."""
    page.goto("/accounts/login/" if language == "vi" else f"/{language}/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    # The log-in form's own button: the layout's language switch has submit buttons too.
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def vi(message: str, plural: str = "", count: int = 1, **values) -> str:
    """``message`` as the Vietnamese pages show it, from the compiled catalogue (values
    filled in, lazy ones in Vietnamese too): the journeys click what a Vietnamese user reads."""
    from django.utils import translation
    from django.utils.functional import Promise

    with translation.override("vi"):
        values = {name: str(v) if isinstance(v, Promise) else v for name, v in values.items()}
        text = (
            translation.ngettext(message, plural, count) if plural else translation.gettext(message)
        )
        return text % values if values else text
