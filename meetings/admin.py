from django.contrib import admin

from .models import Meeting, Membership, RegionalGroup, State


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
