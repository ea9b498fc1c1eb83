from django.urls import path

from . import bureau_views as bureau
from . import input_views as inputs
from . import schedule_views as schedule

urlpatterns = [
    path("meetings/<str:code>/schedule/", schedule.ScheduleView.as_view(), name="schedule"),
    path(
        "meetings/<str:code>/schedule/timetable/",
        schedule.TimetableView.as_view(),
        name="timetable",
    ),
    path(
        "meetings/<str:code>/schedule/calendar.ics",
        schedule.MeetingCalendarView.as_view(),
        name="schedule-ics",
    ),
    path(
        "meetings/<str:code>/schedule/new/",
        schedule.ConsultationCreateView.as_view(),
        name="consultation-create",
    ),
    path(
        "meetings/<str:code>/schedule/<int:pk>/edit/",
        schedule.ConsultationUpdateView.as_view(),
        name="consultation-update",
    ),
    path(
        "meetings/<str:code>/schedule/<int:pk>/delete/",
        schedule.ConsultationDeleteView.as_view(),
        name="consultation-delete",
    ),
    path(
        "meetings/<str:code>/schedule/<int:pk>/calendar.ics",
        schedule.SessionCalendarView.as_view(),
        name="consultation-ics",
    ),
    path("meetings/<str:code>/bureau/", bureau.BureauView.as_view(), name="bureau"),
    path(
        "meetings/<str:code>/bureau/nominate/",
        bureau.NominateView.as_view(),
        name="bureau-nominate",
    ),
    path(
        "meetings/<str:code>/bureau/seats/", bureau.BureauSeatsView.as_view(), name="bureau-seats"
    ),
    path(
        "meetings/<str:code>/bureau/nominations/<int:pk>/withdraw/",
        bureau.WithdrawNominationView.as_view(),
        name="bureau-withdraw",
    ),
    path("meetings/<str:code>/inputs/", inputs.InputsView.as_view(), name="inputs"),
    path(
        "meetings/<str:code>/inputs/publish/",
        inputs.PublishCompilationView.as_view(),
        name="compilation-publish",
    ),
    path(
        "meetings/<str:code>/inputs/working-papers/new/",
        inputs.WorkingPaperCreateView.as_view(),
        name="working-paper-create",
    ),
    path(
        "meetings/<str:code>/inputs/working-papers/<int:pk>/",
        inputs.WorkingPaperFileView.as_view(),
        name="working-paper-file",
    ),
    path(
        "meetings/<str:code>/drafts/<slug:slug>/propose/",
        inputs.ParagraphListView.as_view(),
        name="propose-choose",
    ),
    path(
        "meetings/<str:code>/drafts/<slug:slug>/paragraphs/<uuid:key>/propose/",
        inputs.ProposeView.as_view(),
        name="propose",
    ),
    path(
        "meetings/<str:code>/drafts/<slug:slug>/compilation/",
        inputs.CompilationView.as_view(),
        name="compilation",
    ),
    path(
        "meetings/<str:code>/proposals/<int:pk>/merge/",
        inputs.MergeView.as_view(),
        name="proposal-merge",
    ),
    path(
        "meetings/<str:code>/proposals/<int:pk>/<slug:decision>/",
        inputs.DecideView.as_view(),
        name="proposal-decide",
    ),
]
