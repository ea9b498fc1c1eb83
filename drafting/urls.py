from django.urls import path

from .views import reading

urlpatterns = [
    path(
        "meetings/<str:code>/drafts/<slug:slug>/",
        reading.VersionDetailView.as_view(),
        name="version-detail",
    ),
]
