"""Comparing two versions: inline redline, side by side, and one paragraph's history."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.generic import TemplateView

from meetings.access import Access
from meetings.mixins import MeetingAccessMixin
from meetings.models import Meeting
from meetings.public_pages import PublicPageMixin

from .. import cached, diff
from ..change_summary import change_summary
from ..diff import ChangeSet
from ..models import Element, Version, trees_of
from ..rendering import redline_html
from ..rendering.markup import DocumentNumbering, fragments_html, inline_html
from ..rendering.redline import Redline
from ..tree import Tree


class VersionPairMixin(MeetingAccessMixin):
    """Finds the two versions named in the address among those the user may read."""

    def versions(self):
        versions = Version.objects.filter(document__meeting=self.meeting).visible_to(self.access)
        return versions.select_related("document__meeting")

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


class ComparisonHtml(NamedTuple):
    """What the compare page shows of the comparison: its head (title, views, summary) and
    the rest (filter, legend, redline, footnotes); a reader's own part goes between."""

    head: SafeString
    body: SafeString


class CompareView(PublicPageMixin, VersionPairMixin, TemplateView):
    """Tracked changes between two versions, inline or side by side, optionally one item,
    and for those who prepare letters a summary of the changes for the cover letter.

    What the page shows of the comparison is the same for every reader: for two issued
    versions it is rendered once per release (``cached.body``), as is the summary.
    """

    template_name = "drafting/compare.html"
    side_by_side = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.old_version = old_version = self.get_version(kwargs["old"])
        self.new_version = new_version = self.get_version(kwargs["new"])
        item = self.request.GET.get("item") or ""
        context.update(
            old_version=old_version,
            new_version=new_version,
            side_by_side=self.side_by_side,
            item=item,
        )
        view = "side-by-side" if self.side_by_side else "inline"
        versions = [old_version, new_version]
        context["content"] = cached.body(
            "compare", versions, lambda: self.render_content(context), view, item
        )
        if self.access.can_prepare_letters:
            context["letter_summary"] = cached.body("letter-summary", versions, self.letter_summary)
        return context

    @cached_property
    def comparison(self) -> tuple[Tree, Tree, ChangeSet]:
        """The two trees and their change set, made once per request whoever asks."""
        old, new = self.old_version.pk, self.new_version.pk
        trees = trees_of([old, new])
        return trees[old], trees[new], diff.compare(trees[old], trees[new])

    def letter_summary(self) -> str:
        """The changes as a paragraph for the chair's cover letter (plain text)."""
        old_tree, new_tree, change_set = self.comparison
        old, new = self.old_version, self.new_version
        return change_summary(change_set, old_tree, new_tree, old.label, new.label, old.date).text

    def render_content(self, context: dict) -> ComparisonHtml:
        """The comparison itself: heading, summary, filter, redline and footnotes. What it
        is made from is added to ``context`` too."""
        old_version, new_version, item = (
            context["old_version"],
            context["new_version"],
            context["item"],
        )
        old_tree, new_tree, change_set = self.comparison
        redline = Redline(old_tree, new_tree, change_set)
        if item and not any(option.key == item for option in redline.agenda_items):
            raise Http404("No such agenda item in these versions.")
        every_row = redline.side_by_side if self.side_by_side else redline.rows
        rows = [row for row in every_row if not item or row.agenda_item_key == item]
        links = redline_html.Links(
            old_label=old_version.label,
            new_label=new_version.label,
            comparison=self.request.path,
            old_version=old_version.get_absolute_url(),
            history=self.history_url(),
            total=len(change_set.changes),
        )
        write = redline_html.side_by_side_html if self.side_by_side else redline_html.inline_html
        context.update(
            change_set=change_set,
            summary=change_set.summary,
            rows=rows,
            changes=change_set.for_item(item) if item else change_set.changes,
            agenda_items=redline.agenda_items,
        )
        return ComparisonHtml(
            render_to_string("drafting/_compare_head.html", context),
            render_to_string(
                "drafting/_compare_content.html",
                {
                    **context,
                    "body": write(redline, rows, links),
                    "footnotes": redline_html.footnotes_html(redline.footnotes, links),
                },
            ),
        )

    def history_url(self) -> Callable[[str], str]:
        """The address of an element's history by its key, reversed once for every row."""
        blank = uuid.UUID(int=0)
        address = reverse("paragraph-history", kwargs={"code": self.meeting.code, "key": blank})
        return lambda key: address.replace(str(blank), key)


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
        versions = Version.objects.filter(pk__in={e.version_id for e in elements})
        numbers = versions.footnote_numbers()
        steps = []
        previous, previous_numbering = None, None
        for element in elements:
            numbering = DocumentNumbering(numbers.get(element.version_id, {}))
            fragments = diff.word_diff(previous.text, element.text) if previous else ()
            steps.append(
                {
                    "element": element,
                    "version": element.version,
                    "meeting": element.version.document.meeting,
                    "changed": previous is not None and previous.text != element.text,
                    "text": inline_html(element.text, numbering),
                    "redline": fragments_html(fragments, numbering, previous_numbering)
                    if previous
                    else None,
                }
            )
            previous, previous_numbering = element, numbering
        context.update(steps=steps, key=kwargs["key"], latest=elements[-1])
        return context
