from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demonstration data: staff accounts with known codes, and fictional submissions in every
    state (`make run`, `make bench`, `make security`). It sits above every domain app and no
    domain app imports it."""

    name = "demo"
