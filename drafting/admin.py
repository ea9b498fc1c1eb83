"""Admin for documents and versions. Issued versions and their contents are shown, never
offered for change: the models refuse it (``VersionFrozen``), so the admin does not ask."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.admin import ReadOnlyWhenFrozen

from . import inline
from .models import Element, Footnote, OutcomeDocument, Publication, Version


class FrozenWhenIssued(ReadOnlyWhenFrozen):
    """Read-only for an issued version and for the elements and footnotes in it."""

    def is_frozen(self, obj) -> bool:
        return obj.version.is_issued


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ElementInline(ReadOnlyInline):
    model = Element
    fields = ["position", "kind", "level", "designation", "plain_text"]
    readonly_fields = fields

    @admin.display(description="text")
    def plain_text(self, element: Element) -> str:
        return inline.plain_text(element.text)


class FootnoteInline(ReadOnlyInline):
    model = Footnote
    fields = ["plain_text"]
    readonly_fields = fields

    @admin.display(description="text")
    def plain_text(self, footnote: Footnote) -> str:
        return inline.plain_text(footnote.text)


@admin.register(OutcomeDocument)
class OutcomeDocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting"]
    list_select_related = ["meeting"]
    search_fields = ["title", "meeting__code", "meeting__title"]


@admin.register(Version)
class VersionAdmin(FrozenWhenIssued, admin.ModelAdmin):
    list_display = ["__str__", "kind", "date", "status", "issued_at"]
    list_filter = ["status", "kind", "document__meeting"]
    list_select_related = ["document__meeting"]
    search_fields = ["label", "title", "document__meeting__code"]
    prepopulated_fields = {"slug": ["label"]}
    raw_id_fields = ["based_on"]
    # Issuing copies the tree and belongs to the app's "Issue" action, not to a field.
    readonly_fields = ["status", "issued_at", "issued_by"]
    inlines = [ElementInline, FootnoteInline]

    def is_frozen(self, version) -> bool:
        return version.is_issued

    def get_readonly_fields(self, request, obj=None):
        # A version never moves to another document.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "document"] if obj is not None else fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and self.is_frozen(obj):
            return {}
        return super().get_prepopulated_fields(request, obj)


@admin.register(Element)
class ElementAdmin(FrozenWhenIssued, SimpleHistoryAdmin):
    list_display = ["__str__", "version", "kind", "level", "designation", "position"]
    list_filter = ["kind", "version__status", "version__document__meeting"]
    list_select_related = ["version__document__meeting"]
    search_fields = ["text", "designation"]
    raw_id_fields = ["version", "parent"]


@admin.register(Footnote)
class FootnoteAdmin(FrozenWhenIssued, SimpleHistoryAdmin):
    list_display = ["__str__", "version", "element"]
    list_filter = ["version__status", "version__document__meeting"]
    list_select_related = ["version__document__meeting", "element"]
    search_fields = ["text"]
    raw_id_fields = ["version", "element"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["version", "published_at", "published_by"]
    list_select_related = ["version__document__meeting", "published_by"]
    raw_id_fields = ["published_by"]
    readonly_fields = ["published_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["queryset"] = Version.objects.issued().select_related("document__meeting")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
