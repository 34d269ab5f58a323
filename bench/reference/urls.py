from django.contrib.auth import views as auth_views
from django.urls import path

from bench.reference import views

urlpatterns = [
    path("", views.queue, name="queue"),
    path("submissions/<str:reference>/", views.detail, name="detail"),
    path("login/", auth_views.LoginView.as_view(template_name="reference/login.html")),
    path("report/", views.report, name="report"),
    path("report/done/", views.report_done, name="report_done"),
]
