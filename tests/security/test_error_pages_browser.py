"""The error pages added for issue 6 (404, 405, 413) and an expired export's page, in Chromium:
styled as the service, and clean under axe-core like every other page."""

import pytest
from django.utils import timezone

from intelligence.exports import export_produce
from intelligence.models import Export

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _heading(page) -> str:
    return page.locator("h1").inner_text()


def test_not_found_and_method_not_allowed_pages_pass_axe(page, axe):
    response = page.goto("/no-such-page/")
    assert response.status == 404
    assert _heading(page) == "Page not found"
    axe(page)

    response = page.goto("/accounts/sign-out/")  # POST only, opened as a link
    assert response.status == 405
    assert page.locator(".govuk-header").count() == 1
    axe(page)


def test_an_oversized_form_gets_the_413_page_which_passes_axe(page, axe):
    page.goto("/")
    # A form posting 3 MB, as a paste of a huge document would; the cap is well below.
    with page.expect_navigation() as navigation:
        page.evaluate(
            """() => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/form/information/';
                const field = document.createElement('textarea');
                field.name = 'information';
                field.value = 'x'.repeat(3 * 1024 * 1024);
                form.appendChild(field);
                document.body.appendChild(form);
                form.submit();
            }"""
        )
    assert navigation.value.status == 413
    assert page.locator(".govuk-header").count() == 1
    assert "x" * 100 not in page.content()  # nothing typed is echoed back
    axe(page)


def test_an_expired_exports_download_page_passes_axe(page, axe, staff_sign_in, handler_user):
    export = Export.objects.create(
        requester=handler_user, format="csv", purpose="Briefing", recipient="Neighbourhood team"
    )
    export = export_produce(export_id=export.pk)
    Export.objects.filter(pk=export.pk).update(file_deleted_at=timezone.now())
    staff_sign_in(page, handler_user)

    response = page.goto(f"/staff/intelligence/exports/{export.pk}/download/")
    assert response.status == 410
    assert "expired" in page.locator("main").inner_text().lower()
    axe(page)
