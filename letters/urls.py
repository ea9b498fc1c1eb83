from django.urls import path

from . import pdf_views
from . import views as letters

urlpatterns = [
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
        "meetings/<str:code>/letters/<int:pk>/copy/",
        letters.LetterCopyView.as_view(),
        name="letter-copy",
    ),
    path(
        "meetings/<str:code>/letters/<int:pk>/delete/",
        letters.LetterDeleteView.as_view(),
        name="letter-delete",
    ),
    path(
        "meetings/<str:code>/letters/<int:pk>/pdf/",
        pdf_views.LetterPdfView.as_view(),
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
        pdf_views.VersionPdfView.as_view(),
        name="version-pdf",
    ),
    path(
        "meetings/<str:code>/compare/<slug:old>...<slug:new>/pdf/",
        pdf_views.ComparisonPdfView.as_view(),
        name="comparison-pdf",
    ),
]
