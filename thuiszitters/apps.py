from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThuiszittersConfig(AppConfig):
    name = "thuiszitters"
    verbose_name = _("Verzuim en thuiszitters")
