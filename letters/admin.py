from django.contrib import admin

from meetings.admin import ReadOnlyWhenFrozen

from .models import Annex, Letter, Letterhead, StoredPdf


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "layout"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["mission", "address"]


class AnnexInline(ReadOnlyWhenFrozen, admin.StackedInline):
    model = Annex
    extra = 0
    raw_id_fields = ["version", "compared_with"]

    def is_frozen(self, letter) -> bool:
        return letter.is_sent

    def has_add_permission(self, request, obj=None):
        return not (obj is not None and self.is_frozen(obj)) and super().has_add_permission(
            request, obj
        )


@admin.register(Letter)
class LetterAdmin(ReadOnlyWhenFrozen, admin.ModelAdmin):
    list_display = ["__str__", "meeting", "date", "reference", "sent_at"]
    list_filter = ["meeting", "date"]
    list_select_related = ["meeting"]
    search_fields = ["reference", "body", "meeting__code"]
    raw_id_fields = ["sent_by"]
    # Sending freezes the letter and belongs to the letter page's "Mark as sent".
    readonly_fields = ["sent_at", "sent_by", "updated_at"]
    inlines = [AnnexInline]

    def is_frozen(self, letter) -> bool:
        return letter.is_sent


@admin.register(Annex)
class AnnexAdmin(ReadOnlyWhenFrozen, admin.ModelAdmin):
    list_display = ["letter", "position", "kind", "title"]
    list_filter = ["kind", "letter__meeting"]
    list_select_related = ["letter__meeting"]
    search_fields = ["title", "text"]
    raw_id_fields = ["letter", "version", "compared_with"]

    def is_frozen(self, annex) -> bool:
        return annex.letter.is_sent


@admin.register(StoredPdf)
class StoredPdfAdmin(admin.ModelAdmin):
    """Stored PDFs are made by printing, never by hand; deleting one has it printed anew."""

    list_display = ["__str__", "status", "requested_at", "rendered_at"]
    list_filter = ["status"]
    readonly_fields = [
        "letter",
        "version",
        "compared_with",
        "status",
        "reason",
        "fingerprint",
        "task_id",
        "requested_at",
        "file",
        "rendered_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
