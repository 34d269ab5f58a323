from django.contrib import admin

from triage.models import Assessment, Note, SourceReveal


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Read-only: assessments change through the triage pages, where every change is audited."""

    list_display = ("submission", "outcome", "source_evaluation", "intelligence_assessment")
    list_filter = ("outcome",)
    fields = (
        "submission",
        "source_evaluation",
        "intelligence_assessment",
        "handling_code",
        "outcome",
        "recorded_at",
        "reviewed_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SourceReveal)
class SourceRevealAdmin(admin.ModelAdmin):
    list_display = ("submission", "revealed_by", "created_at")
    readonly_fields = ("submission", "revealed_by", "reason", "created_at")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("submission", "author", "created_at")
    readonly_fields = ("submission", "author", "text", "created_at")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
