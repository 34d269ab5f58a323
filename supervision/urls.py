from django.urls import path

from supervision import report_views, template_views, views

app_name = "supervision"
urlpatterns = [
    path("", views.trail, name="trail"),
    path("export.csv", views.trail_export, name="trail_export"),
    path("submissions/<str:reference>/", views.submission_timeline, name="submission"),
    path("users/<int:user_id>/", views.user_trail, name="user"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("approvals/", views.approvals, name="approvals"),
    path("approvals/<str:reference>/", views.approval, name="approval"),
    path("partner-report/", report_views.partner_report, name="partner_report"),
    path("source-email/", template_views.source_email_template, name="source_email_template"),
    path("partner-report.csv", report_views.partner_report_csv, name="partner_report_csv"),
]
