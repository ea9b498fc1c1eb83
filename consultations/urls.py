from django.urls import path

from . import bureau_views as bureau
from . import input_views as inputs
from . import letter_views as letters
from . import schedule_views as schedule
from . import views

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/<str:code>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<str:code>/letters/", letters.LetterListView.as_view(), name="letter-list"),
    path(
        "meetings/<str:code>/letters/new/",
        letters.LetterCreateView.as_view(),
        name="letter-create",
    ),
    path(
        "meetings/<str:code>/letters/<int:pk>/",
        letters.LetterDetailView.as_view(),
        name="letter-detail",
    ),
    path(
        "meetings/<str:code>/letters/<int:pk>/edit/",
        letters.LetterUpdateView.as_view(),
        name="letter-update",
    ),
    path(
        "meetings/<str:code>/letters/<int:pk>/send/",
        letters.LetterSendView.as_view(),
        name="letter-send",
    ),
    path(
        "meetings/<str:code>/letters/<int:pk>/pdf/",
        letters.LetterPdfView.as_view(),
        name="letter-pdf",
    ),
    path(
        "meetings/<str:code>/letters/<int:pk>/annexes/new/",
        letters.AnnexCreateView.as_view(),
        name="annex-create",
    ),
    path(
        "meetings/<str:code>/letters/<int:pk>/annexes/<int:annex>/edit/",
        letters.AnnexUpdateView.as_view(),
        name="annex-update",
    ),
    path(
        "meetings/<str:code>/letters/<int:pk>/annexes/<int:annex>/delete/",
        letters.AnnexDeleteView.as_view(),
        name="annex-delete",
    ),
    path(
        "meetings/<str:code>/letterheads/new/",
        letters.LetterheadCreateView.as_view(),
        name="letterhead-create",
    ),
    path(
        "meetings/<str:code>/letterheads/<int:pk>/edit/",
        letters.LetterheadUpdateView.as_view(),
        name="letterhead-update",
    ),
    path(
        "meetings/<str:code>/drafts/<slug:slug>/pdf/",
        letters.VersionPdfView.as_view(),
        name="version-pdf",
    ),
    path(
        "meetings/<str:code>/compare/<slug:old>...<slug:new>/pdf/",
        letters.ComparisonPdfView.as_view(),
        name="comparison-pdf",
    ),
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
