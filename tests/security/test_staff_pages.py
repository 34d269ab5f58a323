"""Every staff page (found by walking the URL configuration) is marked and never cached."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from intelligence.exports import export_produce
from intelligence.services import export_request
from links.models import Link
from tests.factories import IntelligenceLogFactory, SubmissionFactory

MARKING = b"OFFICIAL-SENSITIVE"
# Pages a supervisor must be able to open: if one stops answering 200, the walk below proves
# less, so this list fails loudly instead.
MUST_OPEN = {
    "triage:queue",
    "triage:detail",
    "intelligence:log_list",
    "intelligence:log_print",
    "intelligence:export_list",
    "intelligence:export_new",
    "intelligence:export_detail",
    "intelligence:export_download",
    "supervision:trail",
    "supervision:dashboard",
    "supervision:submission",
    "supervision:user",
}


def staff_routes(patterns=None, prefix="", namespace=""):
    """(route, view name, converter names) for every URL under /staff/."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            space = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from staff_routes(entry.url_patterns, route, space)
        elif isinstance(entry, URLPattern) and route.startswith("staff/"):
            yield route, f"{namespace}{entry.name}", list(entry.pattern.converters)


@pytest.fixture
def objects(supervisor_user, settings, tmp_path):
    settings.EXPORT_DIR = tmp_path
    submission = SubmissionFactory()
    submission.assigned_to = supervisor_user
    submission.claimed_at = timezone.now()
    submission.status = "in_progress"
    submission.save()
    log = IntelligenceLogFactory()
    export = export_request(
        requester=supervisor_user,
        format="csv",
        purpose="Briefing for the neighbourhood team",
        recipient="Sgt Example, Neighbourhood Policing",
    )
    # The task is queued on commit, which a test transaction never reaches: produce it here.
    export = export_produce(export_id=export.pk)
    # A link between two submissions, for the handler's decision on it.
    link = Link.objects.create(submission=submission, other=SubmissionFactory(), possible=True)
    return {
        "submission": submission,
        "log": log,
        "export": export,
        "user": supervisor_user,
        "link": link,
    }


def fill(route: str, converters: list[str], objects) -> str | None:
    path = "/" + route
    for name in converters:
        if name == "reference":
            value = objects["submission"].reference
        elif name == "user_id":
            value = objects["user"].pk
        elif name == "pk" and "logs/" in route:
            value = objects["log"].pk
        elif name == "pk" and "exports/" in route:
            value = objects["export"].pk
        elif name == "link_id":
            value = objects["link"].pk
        else:
            pytest.fail(f"Teach this test how to fill <{name}> in {route}")
        path = path.replace(f"<{name}>", str(value))
        for converter in ("str", "int", "uuid", "slug", "path"):
            path = path.replace(f"<{converter}:{name}>", str(value))
    return path.replace("^", "").replace("$", "")


@pytest.mark.django_db
def test_every_staff_page_is_marked_official_sensitive_and_never_cached(supervisor_client, objects):
    opened = set()
    for route, name, converters in staff_routes():
        path = fill(route, converters, objects)
        response = supervisor_client.get(path)
        if response.status_code in (302, 404, 405):
            continue  # a POST-only action, or a page with nothing to show for these objects
        assert response.status_code == 200, (path, response.status_code)
        opened.add(name)
        assert "no-store" in response["Cache-Control"], path
        if response["Content-Type"].startswith("text/html"):
            assert MARKING in response.content, f"{path} has no protective marking"
        else:  # a download: marked in the file and a header
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert MARKING in body[:500], f"{path} file is not marked"
            assert response["X-Protective-Marking"] == "OFFICIAL-SENSITIVE"
    assert opened >= MUST_OPEN, f"not opened: {sorted(MUST_OPEN - opened)}"


@pytest.mark.django_db
def test_sign_in_pages_are_marked_too(client):
    assert MARKING in client.get("/accounts/sign-in/").content


@pytest.mark.django_db
def test_the_audit_trail_csv_is_marked(supervisor_client):
    response = supervisor_client.get("/staff/audit/export.csv")
    assert MARKING in b"".join(response.streaming_content)[:500]


@pytest.fixture
def superuser_client(db):
    from django.contrib.auth import get_user_model

    from tests.conftest import _signed_in_client

    user = get_user_model().objects.create_superuser("ada.admin", "ada@police.example", "x")
    return _signed_in_client(user)


@pytest.mark.django_db
def test_every_admin_page_is_marked_official_sensitive_and_never_cached(superuser_client, objects):
    from django.contrib import admin
    from django.urls import reverse

    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        first = model._default_manager.first()
        if first is not None:
            pages.append(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            )
    assert len(pages) > 10
    for path in pages:
        response = superuser_client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert MARKING in response.content, f"{path} has no protective marking"
        assert "no-store" in response["Cache-Control"], path
