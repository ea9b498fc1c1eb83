from django.urls import path

from . import views

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting-list"),
]
