"""Django's ModelBackend, asked only about permissions that are Django model permissions.

Most permission names in this project are `rules` predicates ("partners.module", "audit.bekijken",
"core.beheer"), not rows of auth_permission. When the rules backend said no (the menu asks every
entry's permission on every page), Django went on to ModelBackend, which loaded the user's and their
groups' permissions: two queries on each logged-in page for an answer that could only be no (issue 9:
"a logged-in request costs about 3 ms more"). A superuser still has every permission (User.has_perm
answers that before any backend); add/change/delete/view and Meta.permissions go to ModelBackend as before.
"""

from functools import cache

from django.apps import apps
from django.contrib.auth.backends import ModelBackend


@cache
def model_permissions() -> frozenset[str]:
    """Every permission name Django creates for the installed models ("app_label.codename"), from the
    model options alone (no query), as `create_permissions` does after migrate."""
    namen = set()
    for model in apps.get_models():
        opts = model._meta
        for actie in opts.default_permissions:
            namen.add(f"{opts.app_label}.{actie}_{opts.model_name}")
        for codename, _naam in opts.permissions:
            namen.add(f"{opts.app_label}.{codename}")
    return frozenset(namen)


class ModelPermissionBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if perm not in model_permissions():
            return False
        return super().has_perm(user_obj, perm, obj)
