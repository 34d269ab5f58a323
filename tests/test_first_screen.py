"""What a newcomer meets first: the README's opening screen and what `make run` does."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
# A first screen: what fits in a terminal or a browser window before scrolling.
FIRST_SCREEN_LINES = 60


def _first_screen() -> str:
    return "\n".join(
        ROOT.joinpath("README.md").read_text(encoding="utf-8").splitlines()[:FIRST_SCREEN_LINES]
    )


def _make_run() -> str:
    makefile = ROOT.joinpath("Makefile").read_text(encoding="utf-8")
    return re.search(r"^run:.*?(?=^\S)", makefile, re.M | re.S).group(0)


def test_the_readmes_first_screen_says_how_to_sign_in_and_where_each_role_starts():
    screen = _first_screen()
    assert "make run" in screen
    assert "PORT=" in screen
    for said in ("password", "authenticator app", "`handler`", "`supervisor`", "DEBUG"):
        assert said in screen, said
    # Where each role starts, as the URLconf has it.
    assert "http://127.0.0.1:8000/ " in screen or "http://127.0.0.1:8000/**" in screen
    assert f"http://127.0.0.1:8000{reverse('triage:queue')}" in screen
    assert f"http://127.0.0.1:8000{reverse('supervision:dashboard')}" in screen
    # The command it names for a code without an app is shipped with the project.
    command = re.search(r"manage\.py (\w+) handler", screen).group(1)
    assert command in get_commands()


def test_make_run_seeds_a_newcomers_demo_data_and_serves_on_port():
    run = _make_run()
    assert "create_demo_users" in run
    assert "seed_demo --newcomer" in run
    assert "$(PORT)" in run
    assert "DEBUG=1" in run.split("seed_demo")[0].splitlines()[-1]
