from django.urls import path

from submissions import views

app_name = "submissions"
urlpatterns = [
    path("", views.start, name="start"),
    path("eligibility/<slug:slug>/", views.eligibility, name="eligibility"),
    path("stop/<slug:reason>/", views.stop, name="stop"),
    path("form/check-your-answers/", views.check, name="check"),
    path("form/before-you-continue/", views.urgency, name="urgency"),
    path("form/confirmation/", views.confirmation, name="confirmation"),
    path("form/start-again/", views.clear, name="clear"),
    path("form/<slug:slug>/", views.step, name="step"),
    path("form/<slug:slug>/add/", views.item_add, name="item_add"),
    path("form/<slug:slug>/<int:index>/change/", views.item_change, name="item_change"),
    path("form/<slug:slug>/<int:index>/remove/", views.item_remove, name="item_remove"),
]
