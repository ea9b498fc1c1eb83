from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and States")

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from .history import fill_history_row

        pre_create_historical_record.connect(fill_history_row, dispatch_uid="fill_history_row")
