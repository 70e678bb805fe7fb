"""Accounts in the admin: a beheerder manages the people of their own SWV and nothing more.

No superuser, staff or permissions from a beheerder; no password, e-mail or second factor of an account
that also belongs to another SWV; no linking of someone else's account without the owner.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from swv.audit.models import LidmaatschapEvent
from swv.core import twofactor
from swv.core.models import Lidmaatschap, Rol, User
from tests.factories import PASSWORD, LidmaatschapFactory, OrganisatieFactory, SamenwerkingsverbandFactory
from tests.twofactor import enrol

pytestmark = pytest.mark.django_db

INLINE = "lidmaatschappen"


@pytest.fixture
def beheerder(users, client_for):
    """The beheerder of the SWV with the rights the demo gives them (view, add and change accounts)."""
    user = users["beheerder"]
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="core",
            content_type__model__in=["user", "lidmaatschap"],
            codename__regex=r"^(view|add|change)_",
        )
    )
    return client_for(user)


@pytest.fixture
def gedeeld(users, swv):
    """A coordinator of the other SWV who (after accepting an invitation) also works in this SWV."""
    outsider = users["outsider"]
    organisatie = users["swv_coordinator"].lidmaatschappen.get().organisatie
    LidmaatschapFactory(swv=swv, user=outsider, organisatie=organisatie, rol=Rol.SWV_DESKUNDIGE)
    return outsider


def change_data(user, **overrides) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        f"{INLINE}-TOTAL_FORMS": "0",
        f"{INLINE}-INITIAL_FORMS": "0",
        f"{INLINE}-MIN_NUM_FORMS": "0",
        f"{INLINE}-MAX_NUM_FORMS": "1000",
        "_save": "Opslaan",
    }
    data.update(overrides)
    return data


def test_beheerder_cannot_make_themselves_superuser_staff_or_give_permissions(users, beheerder):
    me = users["beheerder"]
    perms_before = set(me.user_permissions.values_list("pk", flat=True))
    all_perms = list(Permission.objects.values_list("pk", flat=True))

    page = beheerder.get(f"/beheer/core/user/{me.pk}/change/").content.decode()
    response = beheerder.post(
        f"/beheer/core/user/{me.pk}/change/",
        change_data(
            me,
            is_superuser="on",
            is_staff="on",
            user_permissions=all_perms,
            groups=[],
            first_name="Beheer",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:core_user_changelist")
    for field in ["is_superuser", "is_staff", "user_permissions", "groups"]:
        assert f'name="{field}"' not in page
    me.refresh_from_db()
    assert me.first_name == "Beheer"  # the form was saved ...
    assert not me.is_superuser  # ... without what a beheerder may not grant
    assert set(me.user_permissions.values_list("pk", flat=True)) == perms_before
    assert beheerder.get("/beheer/core/user/").content.decode().count("buitenstaander") == 0


def test_beheerder_cannot_make_a_colleague_superuser_either(users, beheerder):
    collega = users["swv_medewerker"]

    response = beheerder.post(
        f"/beheer/core/user/{collega.pk}/change/",
        change_data(collega, is_superuser="on", is_staff="on", last_name="Collega"),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:core_user_changelist")
    collega.refresh_from_db()
    assert collega.last_name == "Collega"
    assert not collega.is_superuser
    assert not collega.is_staff


def test_a_platform_superuser_still_grants_staff(users, client_for):
    admin = User.objects.create_superuser("platform", "platform@example.org", PASSWORD)
    collega = users["swv_medewerker"]

    page = client_for(admin).get(f"/beheer/core/user/{collega.pk}/change/").content.decode()

    assert 'name="is_superuser"' in page
    assert 'name="user_permissions"' in page


def test_beheerder_cannot_link_an_account_of_another_swv_through_the_membership_admin(users, swv, beheerder):
    outsider = users["outsider"]
    organisatie = users["swv_coordinator"].lidmaatschappen.get().organisatie

    response = beheerder.post(
        "/beheer/core/lidmaatschap/add/",
        {"user": outsider.pk, "swv": swv.pk, "organisatie": organisatie.pk, "rol": Rol.SWV_COORDINATOR},
    )

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Lidmaatschap.objects.filter(user=outsider, swv=swv).exists()
    assert outsider.username not in beheerder.get("/beheer/core/user/").content.decode()


def test_beheerder_still_gives_a_member_of_their_own_swv_another_membership(users, swv, beheerder):
    collega = users["swv_medewerker"]
    organisatie = users["swv_coordinator"].lidmaatschappen.get().organisatie

    beheerder.post(
        "/beheer/core/lidmaatschap/add/",
        {"user": collega.pk, "swv": swv.pk, "organisatie": organisatie.pk, "rol": Rol.SWV_DESKUNDIGE},
    )

    assert Lidmaatschap.objects.filter(user=collega, rol=Rol.SWV_DESKUNDIGE).exists()


def test_beheerder_cannot_set_the_password_of_an_account_that_also_belongs_to_another_swv(gedeeld, beheerder):
    url = f"/beheer/core/user/{gedeeld.pk}/password/"

    page = beheerder.get(url, follow=True)
    response = beheerder.post(
        url, {"password1": "overgenomen-wachtwoord-1", "password2": "overgenomen-wachtwoord-1"}, follow=True
    )

    assert "hoort ook bij een ander samenwerkingsverband" in page.content.decode()
    assert "hoort ook bij een ander samenwerkingsverband" in response.content.decode()
    gedeeld.refresh_from_db()
    assert gedeeld.check_password(PASSWORD)


def test_beheerder_cannot_change_the_email_or_name_of_an_account_that_also_belongs_to_another_swv(
    gedeeld, beheerder
):
    page = beheerder.get(f"/beheer/core/user/{gedeeld.pk}/change/").content.decode()
    beheerder.post(
        f"/beheer/core/user/{gedeeld.pk}/change/",
        change_data(gedeeld, email="aanvaller@kwaadwillend.example", username="overgenomen"),
    )

    assert 'name="email"' not in page
    assert "hoort ook bij een ander samenwerkingsverband" in page
    gedeeld.refresh_from_db()
    assert gedeeld.email == "buitenstaander@test.ketenregie.example"
    assert gedeeld.username == "buitenstaander"


def test_beheerder_cannot_reset_the_second_factor_of_an_account_that_also_belongs_to_another_swv(
    gedeeld, users, beheerder
):
    enrol(gedeeld)
    eigen = users["swv_medewerker"]
    enrol(eigen)

    response = beheerder.post(
        "/beheer/core/user/",
        {"action": "tweestaps_resetten", "_selected_action": [gedeeld.pk, eigen.pk]},
        follow=True,
    )

    body = response.content.decode()
    assert "Niet gereset: buitenstaander." in body
    assert "hoort ook bij een ander samenwerkingsverband" in body
    assert TOTPDevice.objects.filter(user=gedeeld).exists()
    assert not TOTPDevice.objects.filter(user=eigen).exists()


def test_beheerder_still_sets_the_password_of_an_account_of_their_own_swv_only(users, beheerder):
    eigen = users["swv_medewerker"]
    nieuw = "een-nieuw-wachtwoord-2026"

    beheerder.post(
        f"/beheer/core/user/{eigen.pk}/password/",
        {"password1": nieuw, "password2": nieuw, "usable_password": "true"},
    )

    eigen.refresh_from_db()
    assert eigen.check_password(nieuw)


def test_beheerder_creates_a_new_account_with_a_membership_of_their_own_swv(users, swv, beheerder):
    organisatie = users["swv_coordinator"].lidmaatschappen.get().organisatie

    response = beheerder.post(
        "/beheer/core/user/add/",
        {
            "username": "nieuwe-collega",
            "usable_password": "true",
            "password1": "een-goed-wachtwoord-2026",
            "password2": "een-goed-wachtwoord-2026",
            f"{INLINE}-TOTAL_FORMS": "1",
            f"{INLINE}-INITIAL_FORMS": "0",
            f"{INLINE}-MIN_NUM_FORMS": "1",
            f"{INLINE}-MAX_NUM_FORMS": "1000",
            f"{INLINE}-0-swv": swv.pk,
            f"{INLINE}-0-organisatie": organisatie.pk,
            f"{INLINE}-0-rol": Rol.SWV_MEDEWERKER,
            f"{INLINE}-0-actief": "on",
        },
    )

    nieuw = User.objects.get(username="nieuwe-collega")
    assert response.status_code == 200
    # The new account has no authenticator app: the beheerder gets its one-time link, once.
    body = response.content.decode()
    assert "Kopieer deze links nu" in body
    link = re.search(
        r'data-testid="koppellink">https?://[^/<]+/tweestapsverificatie/koppelen/\?token=([^<]+)<', body
    )
    assert twofactor.koppellink_vinden(user=nieuw, token=link.group(1))
    assert Lidmaatschap.objects.get(user=nieuw).swv == swv
    assert not nieuw.is_staff
    assert not nieuw.is_superuser


def test_beheerder_cannot_create_an_account_without_a_membership_of_their_swv(beheerder):
    beheerder.post(
        "/beheer/core/user/add/",
        {
            "username": "zwevend",
            "usable_password": "true",
            "password1": "een-goed-wachtwoord-2026",
            "password2": "een-goed-wachtwoord-2026",
            f"{INLINE}-TOTAL_FORMS": "0",
            f"{INLINE}-INITIAL_FORMS": "0",
            f"{INLINE}-MIN_NUM_FORMS": "1",
            f"{INLINE}-MAX_NUM_FORMS": "1000",
        },
    )

    assert not User.objects.filter(username="zwevend").exists()


# --- memberships through their services, also for a beheerder of two SWVs (issue 8 point 3) ------------


@pytest.fixture
def swv_b(users):
    """A second SWV the beheerder also manages, with an organisation of its own."""
    swv_b = SamenwerkingsverbandFactory(code="PO9804", naam="Samenwerkingsverband Tweede")
    organisatie_b = OrganisatieFactory(swv=swv_b, naam="Bureau Tweede")
    LidmaatschapFactory(swv=swv_b, user=users["beheerder"], organisatie=organisatie_b, rol=Rol.BEHEERDER)
    return swv_b


def test_a_beheerder_of_two_swvs_cannot_make_a_membership_of_one_for_an_organisation_of_the_other(
    users, swv, swv_b, beheerder
):
    collega = users["swv_medewerker"]
    organisatie_b = swv_b.organisaties.get(naam="Bureau Tweede")

    response = beheerder.post(
        "/beheer/core/lidmaatschap/add/",
        {"user": collega.pk, "swv": swv.pk, "organisatie": organisatie_b.pk, "rol": Rol.SWV_DESKUNDIGE},
    )

    assert response.status_code == 200
    assert "Deze organisatie hoort bij een ander samenwerkingsverband." in response.content.decode()
    assert not Lidmaatschap.objects.filter(user=collega, organisatie=organisatie_b).exists()


def test_the_same_on_an_accounts_page(users, swv, swv_b, beheerder):
    collega = users["swv_medewerker"]
    bestaand = collega.lidmaatschappen.get()
    organisatie_b = swv_b.organisaties.get(naam="Bureau Tweede")

    response = beheerder.post(
        f"/beheer/core/user/{collega.pk}/change/",
        change_data(
            collega,
            **{
                f"{INLINE}-TOTAL_FORMS": "1",
                f"{INLINE}-INITIAL_FORMS": "1",
                f"{INLINE}-0-id": bestaand.pk,
                f"{INLINE}-0-user": collega.pk,
                f"{INLINE}-0-swv": swv.pk,
                f"{INLINE}-0-organisatie": organisatie_b.pk,
                f"{INLINE}-0-rol": bestaand.rol,
                f"{INLINE}-0-actief": "on",
            },
        ),
    )

    assert response.status_code == 200
    assert "Deze organisatie hoort bij een ander samenwerkingsverband." in response.content.decode()
    bestaand.refresh_from_db()
    assert bestaand.organisatie.swv == swv


def test_a_membership_change_on_an_accounts_page_is_written_with_the_beheerder_in_its_history(
    users, swv, beheerder
):
    collega = users["swv_medewerker"]
    bestaand = collega.lidmaatschappen.get()

    response = beheerder.post(
        f"/beheer/core/user/{collega.pk}/change/",
        change_data(
            collega,
            **{
                f"{INLINE}-TOTAL_FORMS": "1",
                f"{INLINE}-INITIAL_FORMS": "1",
                f"{INLINE}-0-id": bestaand.pk,
                f"{INLINE}-0-user": collega.pk,
                f"{INLINE}-0-swv": swv.pk,
                f"{INLINE}-0-organisatie": bestaand.organisatie_id,
                f"{INLINE}-0-rol": Rol.SWV_DESKUNDIGE,
            },
        ),
    )

    assert response.status_code == 302
    bestaand.refresh_from_db()
    assert (bestaand.rol, bestaand.actief) == (Rol.SWV_DESKUNDIGE, False)
    event = LidmaatschapEvent.objects.filter(pgh_obj_id=bestaand.pk).latest("pgh_id")
    assert (event.pgh_label, event.rol, event.actief) == ("update", Rol.SWV_DESKUNDIGE, False)
    assert event.pgh_context.metadata["user"] == users["beheerder"].pk


def test_a_beheerder_ends_a_membership_but_does_not_delete_it(users, beheerder):
    # Even with Django's delete permission: the admin's own rule refuses.
    users["beheerder"].user_permissions.add(Permission.objects.get(codename="delete_lidmaatschap"))
    bestaand = users["swv_medewerker"].lidmaatschappen.get()

    response = beheerder.post(f"/beheer/core/lidmaatschap/{bestaand.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Lidmaatschap.objects.filter(pk=bestaand.pk).exists()
