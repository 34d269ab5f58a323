"""The Django admin for system administrators: read-only, and metadata only.

System administrators look after users, keys and retention, not intelligence. So the admin shows
where a submission is in its life (reference, status, priority, dates), never what was shared:
the Source model is not registered at all, and neither are the people, places and vehicles, whose
details are read only through the audited triage pages.
"""

from django.contrib import admin

from submissions.models import NotificationOutbox, Submission, SubmissionCategory


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable by superusers only; nothing can be added, changed or deleted here."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CategoryInline(admin.TabularInline):
    model = SubmissionCategory
    fields = ("category",)
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    # An explicit allow-list: a field added to the model later is not shown until chosen here.
    fields = (
        "reference",
        "status",
        "priority",
        "risk",
        "outcome",
        "assigned_to",
        "claimed_at",
        "closed_at",
        "created_at",
        "updated_at",
        "version",
    )
    readonly_fields = fields
    list_display = ("reference", "status", "priority", "outcome", "assigned_to", "created_at")
    list_filter = ("status", "priority", "outcome")
    search_fields = ("reference",)
    ordering = ("-created_at",)
    inlines = [CategoryInline]


@admin.register(NotificationOutbox)
class NotificationOutboxAdmin(ReadOnlyAdmin):
    fields = ("submission", "kind", "created_at", "sent_at", "attempts", "last_error")
    readonly_fields = fields
    list_display = ("submission", "kind", "created_at", "sent_at", "attempts", "last_error")
    list_filter = ("kind",)
    ordering = ("-created_at",)
