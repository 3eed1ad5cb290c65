from django.contrib.auth import views as auth_views
from django.urls import path

from ui import views
from ui.forms import SignInForm

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    # Django's LogoutView only accepts POST: signing out is a form button, never a link.
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
