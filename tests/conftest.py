"""Shared fixtures: the fixed cast of users, service markers, and the browser."""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
STAFF_PASSWORD = "correct-horse-battery-staple-42"


# --- Services: skipped when absent, a failure when CI says they must be there --------------------
def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and not settings.IS_POSTGRES:
        pytest.skip("needs PostgreSQL: set DATABASE_URL")
    if item.get_closest_marker("redis") and not settings.REDIS_URL:
        pytest.skip("needs Redis: set REDIS_URL")
    if item.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SERVICES and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped, but REQUIRE_SERVICES=1 forbids skips: {report.longrepr}"


# --- Celery: in-process unless a test asks for the real broker ----------------------------------
@pytest.fixture(autouse=True)
def _celery_eager():
    from cpi.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def celery_broker_switch(app, url: str) -> None:
    """Point this process's Celery app at another broker, dropping every pooled connection.

    Celery and kombu cache connection and producer pools (kombu's in a module-level registry);
    a pool closed for one broker must not be handed to the next test.
    """
    import kombu.pools

    app.conf.broker_url = url
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    kombu.pools.reset()


@pytest.fixture
def celery_broker(_celery_eager):
    """Send tasks to the real broker (settings.CELERY_BROKER_URL) for this test.

    Tests that move the broker (a closed port, a private Redis) use celery_broker_switch; the
    settings' broker and fresh pools are restored afterwards either way.
    """
    from cpi.celery import app

    celery_broker_switch(app, settings.CELERY_BROKER_URL)
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = True
    celery_broker_switch(app, settings.CELERY_BROKER_URL)


@pytest.fixture(autouse=True)
def _fresh_queue_counters():
    """The queue's counters are cached (a few seconds; the closed total a minute) per database
    name, which every test in a worker shares: each test counts its own rows."""
    from triage.queue_counters import queue_counters_forget

    # Tests that stop the cache's Redis on purpose must not fail here (it never raises).
    queue_counters_forget()
    yield


# --- The fixed cast ---------------------------------------------------------------------------
@pytest.fixture
def handler_user(db):
    from tests.factories import UserFactory

    return UserFactory(username="hannah.handler", role="handler")


@pytest.fixture
def other_handler_user(db):
    from tests.factories import UserFactory

    return UserFactory(username="harry.handler", role="handler")


@pytest.fixture
def supervisor_user(db):
    from tests.factories import UserFactory

    return UserFactory(username="sam.supervisor", role="supervisor")


@pytest.fixture
def outsider_user(db):
    """Signed in, but in neither staff group: sees nothing."""
    from tests.factories import UserFactory

    return UserFactory(username="oliver.outsider", role=None)


def _signed_in_client(user):
    """Signed in with both factors: a password session plus a verified TOTP device."""
    from django.test import Client

    from tests.accounts.otp import session_verify, totp_device_for

    client = Client()
    client.force_login(user)
    session = client.session
    session_verify(session, totp_device_for(user))
    session.save()
    return client


@pytest.fixture
def handler_client(handler_user):
    return _signed_in_client(handler_user)


@pytest.fixture
def other_handler_client(other_handler_user):
    return _signed_in_client(other_handler_user)


@pytest.fixture
def supervisor_client(supervisor_user):
    return _signed_in_client(supervisor_user)


@pytest.fixture
def outsider_client(outsider_user):
    return _signed_in_client(outsider_user)


# --- Browser ----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def staff_sign_in():
    """Sign a user in through the real pages, password then TOTP code: staff_sign_in(page, user)."""

    def sign_in(page, user, password: str = STAFF_PASSWORD):
        from tests.accounts.otp import totp_code, totp_device_for

        device = totp_device_for(user)
        page.goto("/accounts/sign-in/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        # The second factor: the code the user's authenticator app would show now.
        page.fill("#id_otp_token", totp_code(device))
        # The page's own button: the header's "Sign out" is a submit button too, and comes first.
        page.click("main button[type=submit]")
        page.wait_for_load_state()

    return sign_in


@pytest.fixture
def axe():
    """axe(page) runs axe-core on the current page and fails on any violation."""
    if not AXE_JS.exists():
        pytest.fail("axe-core is not installed: run `npm install`")
    source = AXE_JS.read_text(encoding="utf-8")

    def check(page, context: str | None = None):
        # evaluate() runs over the DevTools protocol, so the page's CSP does not block axe.
        page.evaluate(source)
        result = page.evaluate(
            "async (ctx) => await axe.run(ctx || document, {runOnly: {type: 'tag', "
            "values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','best-practice']}})",
            context,
        )
        violations = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
        assert violations == [], f"axe violations on {page.url}:\n" + json.dumps(
            violations, indent=2
        )

    return check
