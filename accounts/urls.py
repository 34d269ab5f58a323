from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("confirm/", views.confirm, name="confirm"),
    path("sign-out/", views.sign_out, name="logout"),
]
