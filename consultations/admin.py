from django.contrib import admin

from .models import (
    Annex,
    BureauNomination,
    BureauSeats,
    CompilationPublication,
    Consultation,
    Letter,
    Letterhead,
    Meeting,
    Membership,
    Proposal,
    RegionalGroup,
    State,
    StoredPdf,
    WorkingPaper,
)


class ReadOnlyWhenFrozen:
    """Shows a frozen object (a sent letter, an issued version) but never offers to change
    or delete it: the model would refuse. Bulk delete is left out, as it could reach one."""

    def is_frozen(self, obj) -> bool:
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        frozen = obj is not None and self.is_frozen(obj)
        return not frozen and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        frozen = obj is not None and self.is_frozen(obj)
        return not frozen and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(RegionalGroup)
class RegionalGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "regional_group"]
    list_filter = ["status", "regional_group"]
    list_select_related = ["regional_group"]
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    autocomplete_fields = ["state"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "start_date", "end_date", "venue", "chair_state"]
    list_select_related = ["chair_state"]
    search_fields = ["code", "title", "venue", "chair_name"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["chair_state"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "meeting", "role", "state"]
    list_filter = ["role", "meeting"]
    list_select_related = ["user", "meeting", "state"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "state__name"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["state"]


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

    list_display = ["__str__", "letter", "version", "rendered_at"]
    list_select_related = ["letter__meeting", "version__document__meeting"]
    readonly_fields = ["letter", "version", "file", "rendered_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["meeting", "date", "start_time", "end_time", "format", "topic", "facilitator"]
    list_filter = ["meeting", "format"]
    list_select_related = ["meeting", "facilitator"]
    search_fields = ["topic", "rooms", "platform"]
    date_hierarchy = "date"
    raw_id_fields = ["version"]
    autocomplete_fields = ["facilitator"]


@admin.register(BureauSeats)
class BureauSeatsAdmin(admin.ModelAdmin):
    list_display = ["meeting", "regional_group", "seats"]
    list_filter = ["meeting"]
    list_select_related = ["meeting", "regional_group"]


@admin.register(BureauNomination)
class BureauNominationAdmin(admin.ModelAdmin):
    list_display = ["state", "regional_group", "meeting", "nominated_on"]
    list_filter = ["meeting", "regional_group"]
    list_select_related = ["state", "regional_group", "meeting"]
    autocomplete_fields = ["state"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "state", "kind", "status", "submitted_at"]
    list_filter = ["meeting", "status", "kind"]
    list_select_related = ["meeting", "state", "version__document__meeting"]
    search_fields = ["text", "comment", "state__name"]
    raw_id_fields = ["version", "element", "author", "decided_by"]


@admin.register(CompilationPublication)
class CompilationPublicationAdmin(admin.ModelAdmin):
    list_display = ["meeting", "published_at", "published_by"]
    raw_id_fields = ["published_by"]


@admin.register(WorkingPaper)
class WorkingPaperAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "state", "submitted_at"]
    list_filter = ["meeting"]
    list_select_related = ["meeting", "state"]
    search_fields = ["title", "state__name"]
    raw_id_fields = ["author"]
