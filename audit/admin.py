"""The audit tables in the admin: readable, never writable, for anyone (superusers included)."""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from audit.models import AuditEvent


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "created_at", "actor_username", "action", "submission_reference"]
    list_filter = ["action"]
    search_fields = ["submission_reference", "actor_username"]
    show_full_result_count = False
    actions = None


# auditlog's own admin allows deleting entries as part of a cascade; ours never does.
if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(ReadOnlyAdminMixin, LogEntryAdmin):
    actions = None
