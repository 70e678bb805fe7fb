from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OogoConfig(AppConfig):
    name = "oogo"
    verbose_name = _("OOGO")
