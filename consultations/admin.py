from django.contrib import admin

from .models import Meeting, Membership, RegionalGroup, State


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
