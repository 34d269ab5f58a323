from django.urls import path

from triage import recontact_views, views

app_name = "triage"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("take-next/", views.take_next, name="take_next"),
    path("bulk/", views.bulk, name="bulk"),
    path("submissions/<str:reference>/", views.detail, name="detail"),
    path("submissions/<str:reference>/claim/", views.claim, name="claim"),
    path("submissions/<str:reference>/release/", views.release, name="release"),
    path("submissions/<str:reference>/assign/", views.assign, name="assign"),
    path("submissions/<str:reference>/reveal/", views.reveal, name="reveal"),
    path("submissions/<str:reference>/assessment/", views.assess, name="assess"),
    path("submissions/<str:reference>/notes/", views.note, name="note"),
    path("submissions/<str:reference>/review/", views.review, name="review"),
    path("submissions/<str:reference>/urgency/", views.urgency_decide, name="urgency_decide"),
    path("submissions/<str:reference>/recontacts/", recontact_views.recontact, name="recontact"),
    path(
        "submissions/<str:reference>/source-email/",
        recontact_views.source_email,
        name="source_email",
    ),
]
