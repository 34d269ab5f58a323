from django.urls import path

from links import views

app_name = "links"
urlpatterns = [
    path("<uuid:link_id>/decision/", views.decide, name="decide"),
]
