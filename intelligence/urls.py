from django.urls import path

from intelligence import views

app_name = "intelligence"
urlpatterns = [
    path("logs/", views.log_list, name="log_list"),
    path("logs/<uuid:pk>/print/", views.log_print, name="log_print"),
    path("exports/", views.export_list, name="export_list"),
    path("exports/new/", views.export_new, name="export_new"),
    path("exports/<uuid:pk>/", views.export_detail, name="export_detail"),
    path("exports/<uuid:pk>/download/", views.export_download, name="export_download"),
]
