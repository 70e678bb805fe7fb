"""The main navigation: one entry per module, shown only when the acting role may use it.

The platform's own entries are listed here; each app registers its entry from its AppConfig.ready()
(swv/core/plugins.py `register_menu_item`), so the platform names no app. Sorted by `order`.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .plugins import MenuItem, menu_items

PLATFORM_MENU = [
    MenuItem(_("Start"), "start", "", order=0),
    MenuItem(_("Privacy-log"), "audit:timeline", "audit.bekijken", order=900),
    MenuItem(_("Beheer"), "admin:index", "core.beheer", order=1000),
]


def menu() -> list[MenuItem]:
    return sorted([*PLATFORM_MENU, *menu_items()], key=lambda item: item.order)


def menu_for(user, current_path: str) -> list[dict]:
    items = []
    for item in menu():
        if item.permission and not user.has_perm(item.permission):
            continue
        items.append({"label": item.label, "url": reverse(item.url_name), "active": False})
    # One entry is the current page: the longest address the path starts with, so that
    # /casussen/leerlingen/ marks "Leerlingen" and not also "Casussen" (/casussen/).
    matching = [entry for entry in items if _matches(current_path, entry["url"])]
    if matching:
        max(matching, key=lambda entry: len(str(entry["url"])))["active"] = True
    return items


def _matches(path: str, url: object) -> bool:
    url = str(url)
    return path == url if url == "/" else path.startswith(url)
