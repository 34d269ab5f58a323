from django.contrib import admin
from django.urls import include, path

from cpi import views

urlpatterns = [
    path("", include("submissions.urls")),
    path("staff/", include("triage.urls")),
    path("staff/links/", include("links.urls")),
    path("staff/intelligence/", include("intelligence.urls")),
    path("staff/audit/", include("supervision.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]

handler400 = "cpi.views.bad_request"
handler403 = "cpi.views.permission_denied"
handler404 = "cpi.views.page_not_found"
handler500 = "cpi.views.server_error"
