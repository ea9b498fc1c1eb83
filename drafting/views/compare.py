"""Comparing two versions: inline redline, side by side, and one paragraph's history."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from meetings.access import Access
from meetings.mixins import MeetingAccessMixin
from meetings.models import Meeting

from .. import diff, redline
from ..models import Element, Version


class VersionPairMixin(MeetingAccessMixin):
    """Finds the two versions named in the address among those the user may read."""

    def versions(self):
        return Version.objects.filter(document__meeting=self.meeting).visible_to(self.access)

    def get_version(self, slug: str) -> Version:
        return get_object_or_404(self.versions(), slug=slug)


class CompareChooseView(VersionPairMixin, TemplateView):
    """Pick two versions; answers with the readable address of their comparison."""

    template_name = "drafting/compare_choose.html"

    def get(self, request, *args, **kwargs):
        old, new = request.GET.get("from"), request.GET.get("to")
        if old and new:
            self.get_version(old), self.get_version(new)
            return HttpResponseRedirect(
                reverse("compare", kwargs={"code": self.meeting.code, "old": old, "new": new})
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = list(self.versions().order_by("-date", "-id"))
        context.update(
            versions=versions,
            default_to=versions[0].slug if versions else "",
            default_from=versions[1].slug if len(versions) > 1 else "",
        )
        return context


class CompareView(VersionPairMixin, TemplateView):
    """Tracked changes between two versions, inline or side by side, optionally one item."""

    template_name = "drafting/compare.html"
    side_by_side = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        old_version = self.get_version(kwargs["old"])
        new_version = self.get_version(kwargs["new"])
        old_tree, new_tree = old_version.tree(), new_version.tree()
        change_set = diff.compare(old_tree, new_tree)
        rows = redline.redline_rows(old_tree, new_tree, change_set)
        item = self.request.GET.get("item") or None
        items = [row for row in rows if row.depth == 0 and row.kind == "agenda_item"]
        if item and not any(row.agenda_item_key == item for row in items):
            raise Http404("No such agenda item in these versions.")
        context.update(
            old_version=old_version,
            new_version=new_version,
            change_set=change_set,
            summary=change_set.summary,
            rows=[row for row in rows if not item or row.agenda_item_key == item],
            changes=change_set.for_item(item) if item else change_set.changes,
            footnotes=list(redline.footnote_rows(old_tree, new_tree, change_set)),
            agenda_items=items,
            item=item,
            side_by_side=self.side_by_side,
        )
        return context


class ParagraphHistoryView(MeetingAccessMixin, TemplateView):
    """One element's text through every version the user may read that holds it, back into
    earlier meetings whose outcome this document started from (the lineage key is kept)."""

    template_name = "drafting/paragraph_history.html"

    def readable_elements(self, key) -> list[Element]:
        holders = list(
            Element.objects.filter(key=key)
            .select_related("version__document__meeting")
            # The working draft has no date yet: it comes after every issued version.
            .order_by(F("version__date").asc(nulls_last=True), "version__id")
        )
        by_meeting: dict[Meeting, list[int]] = defaultdict(list)
        for element in holders:
            by_meeting[element.version.document.meeting].append(element.version_id)
        readable: set[int] = set()
        for meeting, version_ids in by_meeting.items():
            access = (
                self.access if meeting == self.meeting else Access.of(self.request.user, meeting)
            )
            versions = Version.objects.filter(pk__in=version_ids).visible_to(access)
            readable.update(versions.values_list("pk", flat=True))
        return [e for e in holders if e.version_id in readable]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        elements = self.readable_elements(kwargs["key"])
        if not any(e.version.document.meeting_id == self.meeting.pk for e in elements):
            raise Http404("No such paragraph in the versions you can read.")
        steps = []
        previous = None
        for element in elements:
            fragments = diff.word_diff(previous.text if previous else "", element.text)
            steps.append(
                {
                    "element": element,
                    "version": element.version,
                    "meeting": element.version.document.meeting,
                    "changed": previous is not None and previous.text != element.text,
                    "redline": redline.fragments_html(fragments) if previous else None,
                }
            )
            previous = element
        context.update(steps=steps, key=kwargs["key"], latest=elements[-1])
        return context
