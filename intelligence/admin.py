"""Logs and exports in the Django admin: read-only, no actions, and log content only through the
export gate. The admin never shows the submission a log came from (that is the way to its source).
"""

from django.contrib import admin
from django.utils.html import format_html_join

from intelligence.gate import log_release_check
from intelligence.models import Export, IntelligenceLog


class ReadOnlyAdmin(admin.ModelAdmin):
    actions = None

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IntelligenceLog)
class IntelligenceLogAdmin(ReadOnlyAdmin):
    list_display = ("reference", "status", "grading", "created_at", "review_date")
    list_filter = ("status", "handling_code")
    search_fields = ("reference",)
    date_hierarchy = "created_at"
    # No text, subject details or submission here: the content is shown only as released_content.
    fields = (
        "reference",
        "status",
        "grading",
        "created_by",
        "created_at",
        "approved_by",
        "approved_at",
        "review_date",
        "released_content",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("text", "subjects", "persons_of_concern", "places", "vehicles")
        )

    @admin.display(description="Content (checked by the export gate)")
    def released_content(self, obj: IntelligenceLog):
        result = log_release_check(obj)
        if not result.allowed:
            return f"Withheld: the export gate found {result.reason_text}."
        record = result.record
        rows = [
            ("Categories", ", ".join(record["categories"])),
            ("Handling conditions", record["handling_conditions"]),
            ("Text", record["text"]),
        ]
        return format_html_join("", "<p><strong>{}</strong>: {}</p>", rows)


@admin.register(Export)
class ExportAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "requester",
        "format",
        "status",
        "exported_count",
        "refused_count",
    )
    list_filter = ("status", "format")
    # The file itself is downloadable only by its requester, through the app.
    fields = (
        "requester",
        "format",
        "purpose",
        "recipient",
        "date_from",
        "date_to",
        "category",
        "approval",
        "status",
        "exported_count",
        "refused_count",
        "refused",
        "created_at",
        "started_at",
        "completed_at",
        "attempts",
    )
    readonly_fields = fields
