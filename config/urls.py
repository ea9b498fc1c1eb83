"""Top-level URL map."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.signin import throttle_context

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(extra_context=throttle_context()),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("meetings.urls")),
    path("", include("drafting.urls")),
    path("", include("consultations.urls")),
    path("", include("letters.urls")),
]

handler500 = "meetings.views.server_error"
