from django.urls import path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting-list"),
    # People type the address of the list as /meetings/, where each meeting lives.
    path("meetings/", RedirectView.as_view(pattern_name="meeting-list")),
]
