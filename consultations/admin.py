from django.contrib import admin

from .models import (
    BureauNomination,
    BureauSeats,
    CompilationPublication,
    Consultation,
    Proposal,
    WorkingPaper,
)


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
