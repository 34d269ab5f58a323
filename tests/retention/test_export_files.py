"""Export files are deleted RETENTION_EXPORT_FILE_DAYS after they are made; the export stays and
its pages say plainly that the file has expired."""

import datetime as dt
import os

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEvent
from intelligence.exports import export_path, export_produce
from intelligence.models import Export
from retention.services import retention_purge_run
from tests.intelligence.conftest import CLEAN_TEXT, make_log

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "exports"
    return settings.EXPORT_DIR


def _export(user, *, days_ago: float) -> Export:
    export = Export.objects.create(
        requester=user, format="csv", purpose="Briefing", recipient="Neighbourhood team"
    )
    export = export_produce(export_id=export.pk)
    Export.objects.filter(pk=export.pk).update(completed_at=NOW - dt.timedelta(days=days_ago))
    export.refresh_from_db()
    return export


def _age(path, *, days: float) -> None:
    then = (NOW - dt.timedelta(days=days)).timestamp()
    os.utime(path, (then, then))


def test_the_default_period_is_a_week(settings):
    assert settings.RETENTION_EXPORT_FILE_DAYS == 7


def test_an_export_file_is_deleted_a_week_after_it_was_made(handler_user, export_dir):
    make_log(text=CLEAN_TEXT)
    old = _export(handler_user, days_ago=8)
    recent = _export(handler_user, days_ago=6)
    assert export_path(old).is_file() and export_path(recent).is_file()
    counts = retention_purge_run(now=NOW)
    assert counts.export_files_deleted == 1
    assert not export_path(old).exists()
    assert export_path(recent).is_file()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.file_deleted_at == NOW and old.file_expired
    assert recent.file_deleted_at is None
    # The export itself stays: it is the record of who disclosed what, to whom and why.
    assert (old.purpose, old.recipient, old.exported_count) == ("Briefing", "Neighbourhood team", 1)
    event = AuditEvent.objects.get(action=Action.RETENTION_PURGE)
    assert event.details["export_files_deleted"] == 1
    assert event.details["policy_days"]["export_files"] == 7


def test_a_second_run_deletes_nothing_more(handler_user, export_dir):
    _export(handler_user, days_ago=8)
    assert retention_purge_run(now=NOW).export_files_deleted == 1
    assert retention_purge_run(now=NOW).export_files_deleted == 0


def test_an_export_whose_file_is_already_gone_is_still_marked(handler_user, export_dir):
    export = _export(handler_user, days_ago=8)
    export_path(export).unlink()  # a run that stopped between deleting and marking
    assert retention_purge_run(now=NOW).export_files_deleted == 0
    export.refresh_from_db()
    assert export.file_expired


def test_the_period_comes_from_settings(handler_user, export_dir, settings):
    settings.RETENTION_EXPORT_FILE_DAYS = 1
    export = _export(handler_user, days_ago=2)
    assert retention_purge_run(now=NOW).export_files_deleted == 1
    assert not export_path(export).exists()


def test_a_dry_run_counts_the_files_and_deletes_none(handler_user, export_dir):
    export = _export(handler_user, days_ago=8)
    assert retention_purge_run(now=NOW, dry_run=True).export_files_deleted == 1
    assert export_path(export).is_file()
    export.refresh_from_db()
    assert not export.file_expired


def test_old_half_written_files_go_and_nothing_else_in_the_directory_is_touched(
    handler_user, export_dir
):
    export = _export(handler_user, days_ago=1)
    killed = export_dir / f".{export.file_name}.{'a' * 32}.body"
    killed.write_text("half an export")
    _age(killed, days=8)
    running = export_dir / f".{export.file_name}.{'b' * 32}.tmp"
    running.write_text("being written")
    orphan = export_dir / "0b7c6a52-3e0f-4c5e-9d55-1f2a3b4c5d6e.json"  # its export row is gone
    orphan.write_text("{}")
    _age(orphan, days=30)
    unrelated = export_dir / "README.txt"
    unrelated.write_text("not ours")
    _age(unrelated, days=30)
    _age(export_path(export), days=30)  # an export's own file goes by its completion date

    assert retention_purge_run(now=NOW).export_files_deleted == 2
    assert not killed.exists() and not orphan.exists()
    assert running.exists() and unrelated.exists() and export_path(export).exists()


def test_the_download_of_an_expired_export_says_so_plainly(
    handler_client, handler_user, export_dir
):
    export = _export(handler_user, days_ago=8)
    retention_purge_run(now=NOW)
    response = handler_client.get(reverse("intelligence:export_download", args=[export.pk]))
    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">This export\'s file has expired</h1>' in page
    assert "kept for 7 days after they are made" in page
    assert reverse("intelligence:export_new") in page
    assert not AuditEvent.objects.filter(action=Action.EXPORT_DOWNLOADED).exists()


def test_the_export_page_shows_the_file_has_expired_instead_of_a_download_button(
    handler_client, handler_user, export_dir
):
    export = _export(handler_user, days_ago=8)
    detail = reverse("intelligence:export_detail", args=[export.pk])
    assert 'id="download"' in handler_client.get(detail).content.decode()
    retention_purge_run(now=NOW)
    page = handler_client.get(detail).content.decode()
    assert 'id="download"' not in page
    assert 'id="export-expired"' in page and "has expired" in page
    listing = handler_client.get(reverse("intelligence:export_list")).content.decode()
    assert "File expired" in listing


def test_a_file_missing_without_the_purge_gets_the_same_clear_page(
    handler_client, handler_user, export_dir
):
    export = _export(handler_user, days_ago=0)
    export_path(export).unlink()
    response = handler_client.get(reverse("intelligence:export_download", args=[export.pk]))
    assert response.status_code == 410
    assert "no longer on the server" in response.content.decode()
    assert not AuditEvent.objects.filter(action=Action.EXPORT_DOWNLOADED).exists()


def test_an_expired_export_is_still_hidden_from_everyone_but_its_requester(
    handler_user, other_handler_client, export_dir
):
    export = _export(handler_user, days_ago=8)
    retention_purge_run(now=NOW)
    url = reverse("intelligence:export_download", args=[export.pk])
    assert other_handler_client.get(url).status_code == 404
