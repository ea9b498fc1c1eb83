from django.urls import path

from . import views

urlpatterns = [
    path(
        "meetings/<str:code>/drafts/<slug:slug>/",
        views.VersionDetailView.as_view(),
        name="version-detail",
    ),
]
