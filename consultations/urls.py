from django.urls import path

from . import views

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/<str:code>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
]
