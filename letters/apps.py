from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("Letters and circulation")

    def ready(self) -> None:
        # Drafting announces issued versions without knowing this layer; their PDFs are
        # rendered here, in the background, as soon as they are issued.
        from drafting.signals import version_issued

        from . import tasks

        version_issued.connect(tasks.queue_issued_version_pdf, dispatch_uid="letters-version-pdf")
