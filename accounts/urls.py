from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

urlpatterns = [
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    # Django's LogoutView only accepts POST: signing out is a form button, never a link.
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/one-time-code/", views.one_time_code, name="one_time_code"),
    path("accounts/one-time-code/set-up/", views.one_time_code_setup, name="one_time_code_setup"),
]
