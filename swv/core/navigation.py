"""The main navigation: one entry per module, shown only when the acting role may use it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    permission: str


MENU = [
    MenuItem(_("Start"), "start", ""),
    MenuItem(_("Ketenpartners"), "partners:index", "partners.module"),
    MenuItem(_("Casussen"), "cases:index", "cases.module"),
    MenuItem(_("Verzuim en thuiszitters"), "thuiszitters:index", "thuiszitters.module"),
    MenuItem(_("OOGO"), "oogo:index", "oogo.module"),
    MenuItem(_("Privacy-log"), "audit:timeline", "audit.bekijken"),
    MenuItem(_("Beheer"), "admin:index", "core.beheer"),
]


def menu_for(user, current_path: str) -> list[dict]:
    items = []
    for item in MENU:
        if item.permission and not user.has_perm(item.permission):
            continue
        url = reverse(item.url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "active": active})
    return items
