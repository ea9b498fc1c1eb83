from django.urls import path

from .views import compare, downloads, editor, issuing, meetings, reading, word

urlpatterns = [
    path("meetings/<str:code>/", meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path(
        "meetings/<str:code>/drafts/<slug:slug>/",
        reading.VersionDetailView.as_view(),
        name="version-detail",
    ),
    path(
        "meetings/<str:code>/drafts/<slug:slug>/docx/",
        downloads.VersionDocxView.as_view(),
        name="version-docx",
    ),
    path(
        "meetings/<str:code>/drafts/<slug:slug>/akn/",
        downloads.VersionAknView.as_view(),
        name="version-akn",
    ),
    path(
        "meetings/<str:code>/compare/", compare.CompareChooseView.as_view(), name="compare-choose"
    ),
    path(
        "meetings/<str:code>/compare/<slug:old>...<slug:new>/",
        compare.CompareView.as_view(),
        name="compare",
    ),
    path(
        "meetings/<str:code>/compare/<slug:old>...<slug:new>/side-by-side/",
        compare.CompareView.as_view(side_by_side=True),
        name="compare-side-by-side",
    ),
    path(
        "meetings/<str:code>/compare/<slug:old>...<slug:new>/docx/",
        downloads.ComparisonDocxView.as_view(),
        name="comparison-docx",
    ),
    path(
        "meetings/<str:code>/paragraphs/<uuid:key>/",
        compare.ParagraphHistoryView.as_view(),
        name="paragraph-history",
    ),
    path("meetings/<str:code>/issue/", issuing.IssueDraftView.as_view(), name="issue-draft"),
    path(
        "meetings/<str:code>/drafts/<slug:slug>/publish/",
        issuing.PublicationView.as_view(),
        name="version-publish",
    ),
    path(
        "meetings/<str:code>/drafts/<slug:slug>/withdraw-publication/",
        issuing.PublicationView.as_view(withdraw=True),
        name="version-withdraw-publication",
    ),
    path(
        "meetings/<str:code>/start-from-earlier/",
        issuing.StartFromEarlierView.as_view(),
        name="start-from-earlier",
    ),
    path("meetings/<str:code>/from-word/", word.WordUploadView.as_view(), name="word-upload"),
    path(
        "meetings/<str:code>/from-word/<slug:token>/",
        word.WordPreviewView.as_view(),
        name="word-preview",
    ),
    path("meetings/<str:code>/working/", editor.EditorView.as_view(), name="editor"),
    path(
        "meetings/<str:code>/working/changes/",
        editor.ChangesView.as_view(),
        name="editor-changes",
    ),
    path(
        "meetings/<str:code>/working/undo/",
        editor.UndoView.as_view(),
        name="editor-undo",
    ),
    path(
        "meetings/<str:code>/working/elements/<uuid:key>/history/",
        editor.ElementHistoryView.as_view(),
        name="element-history",
    ),
    path(
        "meetings/<str:code>/working/elements/<uuid:key>/history/<int:history_id>/revert/",
        editor.RevertView.as_view(),
        name="element-revert",
    ),
    path(
        "meetings/<str:code>/working/elements/<uuid:key>/paste/",
        editor.PasteView.as_view(),
        name="editor-paste",
    ),
    path(
        "meetings/<str:code>/working/elements/<uuid:key>/<slug:action>/",
        editor.ElementActionView.as_view(),
        name="editor-element",
    ),
    path(
        "meetings/<str:code>/working/footnotes/<uuid:key>/",
        editor.FootnoteView.as_view(),
        name="editor-footnote",
    ),
]
