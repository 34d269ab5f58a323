"""Export pages: request, list, detail, download (requester only), and every role walked."""

import re

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from intelligence.exports import export_produce
from intelligence.models import Export, ExportStatus
from tests.intelligence.conftest import assert_no_source_identifier

pytestmark = pytest.mark.django_db

FORM = {
    "format": "csv",
    "purpose": "Briefing for the neighbourhood team",
    "recipient": "Sergeant Patel, Central Neighbourhood Team",
    "category": "",
    "approval": "",
}


def _complete_export(user) -> Export:
    export = Export.objects.create(
        requester=user, format="csv", purpose="Briefing", recipient="Neighbourhood team"
    )
    return export_produce(export_id=export.pk)


@pytest.mark.parametrize("name", ["export_list", "export_new", "log_list"])
def test_pages_refuse_anonymous_and_outsiders_and_serve_handlers_and_supervisors(
    name, client, outsider_client, handler_client, supervisor_client
):
    url = reverse(f"intelligence:{name}")
    assert client.get(url).status_code == 302
    assert outsider_client.get(url).status_code == 403
    for staff in (handler_client, supervisor_client):
        response = staff.get(url)
        assert response.status_code == 200
        assert b"OFFICIAL-SENSITIVE" in response.content


def test_requesting_an_export_records_it_and_produces_the_file_after_commit(
    handler_client, handler_user, clean_log, export_dir, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = handler_client.post(reverse("intelligence:export_new"), FORM)
    assert len(callbacks) == 1
    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intelligence:export_detail", args=[export.pk])
    assert (export.status, export.exported_count) == (ExportStatus.COMPLETE, 1)
    requested = AuditEvent.objects.get(action=Action.EXPORT_REQUESTED)
    assert requested.actor_id == handler_user.pk
    assert requested.details["recipient"] == FORM["recipient"]
    assert requested.details["purpose"] == FORM["purpose"]
    detail = handler_client.get(response["Location"])
    assert b"Ready to download" in detail.content


def test_the_export_form_asks_for_purpose_and_recipient(handler_client):
    response = handler_client.post(reverse("intelligence:export_new"), {"format": "csv"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.as_data()["purpose"][0].code == "required"
    assert form.errors.as_data()["recipient"][0].code == "required"
    assert not Export.objects.exists()


def test_the_export_form_labels_are_alike_and_its_dates_have_the_usual_hint(handler_client):
    page = handler_client.get(reverse("intelligence:export_new")).content.decode()
    assert "label-size" not in page  # once an attribute of the <select>s
    for name in ("category", "approval"):
        assert re.search(rf'<label for="id_{name}" class="govuk-label govuk-label--s"', page), name
    assert page.count("For example, 27 3 2026") == 2


def test_a_date_range_ending_before_it_starts_is_refused(handler_client):
    data = {
        **FORM,
        "date_from_0": "10",
        "date_from_1": "3",
        "date_from_2": "2025",
        "date_to_0": "1",
        "date_to_1": "3",
        "date_to_2": "2025",
    }
    response = handler_client.post(reverse("intelligence:export_new"), data)
    assert response.context["form"].errors.as_data()["date_to"][0].code == "range"


def test_only_the_requester_can_see_or_download_an_export(
    handler_user, other_handler_client, supervisor_client, clean_log, export_dir
):
    export = _complete_export(handler_user)
    for url in (
        reverse("intelligence:export_detail", args=[export.pk]),
        reverse("intelligence:export_download", args=[export.pk]),
    ):
        assert other_handler_client.get(url).status_code == 404
        assert supervisor_client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action=Action.EXPORT_DOWNLOADED).exists()


def test_the_requester_downloads_the_file_and_the_download_is_recorded(
    handler_client, handler_user, clean_log, leaky_log, export_dir
):
    export = _complete_export(handler_user)
    detail = handler_client.get(reverse("intelligence:export_detail", args=[export.pk]))
    assert leaky_log.reference.encode() in detail.content
    assert b"This export is incomplete" in detail.content
    response = handler_client.get(reverse("intelligence:export_download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Protective-Marking"] == "OFFICIAL-SENSITIVE"
    assert "OFFICIAL-SENSITIVE-cpi-intelligence-logs-" in response["Content-Disposition"]
    assert "-INCOMPLETE.csv" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()
    assert content.startswith("marking,reference,")
    assert clean_log.reference in content
    assert_no_source_identifier(content)
    downloaded = AuditEvent.objects.get(action=Action.EXPORT_DOWNLOADED)
    assert downloaded.actor_id == handler_user.pk
    assert downloaded.details["recipient"] == "Neighbourhood team"


def test_an_export_not_yet_ready_cannot_be_downloaded(handler_client, handler_user):
    export = Export.objects.create(
        requester=handler_user, format="csv", purpose="Briefing", recipient="Team"
    )
    response = handler_client.get(reverse("intelligence:export_download", args=[export.pk]))
    assert response.status_code == 404


def test_my_exports_lists_only_mine(handler_client, handler_user, other_handler_user):
    mine = Export.objects.create(
        requester=handler_user, format="csv", purpose="Briefing", recipient="Team A"
    )
    Export.objects.create(
        requester=other_handler_user, format="json", purpose="Briefing", recipient="Team B"
    )
    response = handler_client.get(reverse("intelligence:export_list"))
    assert list(response.context["page"].object_list) == [mine]


def test_my_exports_page_runs_a_fixed_number_of_queries(
    handler_client, handler_user, django_assert_max_num_queries
):
    for n in range(15):
        Export.objects.create(
            requester=handler_user, format="csv", purpose="Briefing", recipient=f"Team {n}"
        )
    with django_assert_max_num_queries(12):
        handler_client.get(reverse("intelligence:export_list"))


def test_the_export_task_takes_only_the_export_id_and_is_idempotent(
    handler_user, clean_log, export_dir
):
    from intelligence.tasks import export_run

    export = Export.objects.create(
        requester=handler_user, format="json", purpose="Briefing", recipient="Team"
    )
    export_run.delay(str(export.pk))
    export_run.delay(str(export.pk))  # redelivered
    export.refresh_from_db()
    assert (export.status, export.exported_count) == (ExportStatus.COMPLETE, 1)
    assert AuditEvent.objects.filter(action=Action.EXPORT_COMPLETED).count() == 1
    assert len(list(export_dir.iterdir())) == 1
