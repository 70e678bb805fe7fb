"""What a logged-in request costs before the view: the permission checks of the menu no longer load
the user's Django permissions (swv/core/backends.py, issue 9), and model permissions still work."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from swv.core.backends import model_permissions
from swv.core.models import Rol
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _permissie_queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "auth_permission" in q["sql"]]


def test_a_logged_in_page_does_not_load_django_permissions_for_the_menu(users, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/partners/")
    assert response.status_code == 200
    # The menu asks "core.beheer", which the coordinator lacks: no entry, and no query to find that out.
    assert 'href="/beheer/"' not in response.content.decode()
    assert _permissie_queries(ctx) == []


def test_a_rules_permission_is_never_granted_by_a_model_permission_row(users):
    coordinator = users[Rol.SWV_COORDINATOR]
    with CaptureQueriesContext(connection) as ctx:
        assert not coordinator.has_perm("core.beheer")
        assert not coordinator.has_perm("oogo.bestaat_niet")
    assert _permissie_queries(ctx) == []
    assert "audit.bekijken" not in model_permissions()


def test_model_permissions_and_the_superuser_still_work():
    gebruiker = UserFactory()
    gebruiker.user_permissions.add(
        Permission.objects.get(content_type__app_label="partners", codename="view_organisatie")
    )
    assert "partners.view_organisatie" in model_permissions()
    assert gebruiker.has_perm("partners.view_organisatie")
    assert not gebruiker.has_perm("partners.change_organisatie")
    superuser = UserFactory(is_superuser=True)
    assert superuser.has_perm("audit.bekijken")
    assert superuser.has_perm("partners.change_organisatie")
