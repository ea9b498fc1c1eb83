from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftingConfig(AppConfig):
    name = "drafting"
    verbose_name = _("Outcome documents")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import Publication

        post_save.connect(public_pages_changed, sender=Publication, dispatch_uid="published")
        post_delete.connect(public_pages_changed, sender=Publication, dispatch_uid="withdrawn")


def public_pages_changed(sender: type, instance, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """A draft published or a publication withdrawn: the meeting's public pages change."""
    from django.db import transaction

    from meetings.public_pages import changed

    meeting_id = instance.version.document.meeting_id
    changed(meeting_id)
    # Also once the transaction commits: a page rendered meanwhile must not outlive it.
    transaction.on_commit(lambda: changed(meeting_id))
