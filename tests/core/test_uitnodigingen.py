"""An account of another SWV joins only when its owner accepts the beheerder's invitation."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from swv.audit.models import AuditEvent, LidmaatschapEvent
from swv.core.models import Lidmaatschap, Rol, Uitnodiging
from swv.core.uitnodigingen import uitnodiging_beantwoorden, uitnodiging_maken

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(users, client_for):
    user = users["beheerder"]
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="core",
            content_type__model__in=["user", "lidmaatschap", "uitnodiging"],
            codename__regex=r"^(view|add|change)_",
        )
    )
    return client_for(user)


@pytest.fixture
def organisatie(users):
    return users["swv_coordinator"].lidmaatschappen.get().organisatie


def invite(users, swv, organisatie, rol=Rol.SWV_DESKUNDIGE) -> Uitnodiging:
    return uitnodiging_maken(
        swv=swv, user=users["outsider"], organisatie=organisatie, rol=rol, by=users["beheerder"]
    )


def test_beheerder_invites_an_account_of_another_swv_which_is_not_linked_until_accepted(
    users, swv, organisatie, beheerder
):
    outsider = users["outsider"]

    response = beheerder.post(
        "/beheer/core/uitnodiging/add/",
        {
            "gebruikersnaam": outsider.username,
            "swv": swv.pk,
            "organisatie": organisatie.pk,
            "rol": Rol.SWV_DESKUNDIGE,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:core_uitnodiging_changelist")
    uitnodiging = Uitnodiging.objects.get(user=outsider)
    assert uitnodiging.status == Uitnodiging.Status.OPEN
    assert uitnodiging.uitgenodigd_door == users["beheerder"]
    assert not Lidmaatschap.objects.filter(user=outsider, swv=swv).exists()
    assert (
        f"/beheer/core/user/{outsider.pk}/change/" not in beheerder.get("/beheer/core/user/").content.decode()
    )
    assert AuditEvent.objects.filter(object_type="core.uitnodiging", object_id=str(uitnodiging.pk)).exists()


def test_an_invitation_for_an_unknown_account_is_refused_in_dutch_and_keeps_the_input(
    swv, organisatie, beheerder
):
    response = beheerder.post(
        "/beheer/core/uitnodiging/add/",
        {
            "gebruikersnaam": "bestaat-niet",
            "swv": swv.pk,
            "organisatie": organisatie.pk,
            "rol": Rol.SWV_DESKUNDIGE,
        },
    )

    body = response.content.decode()
    assert "Er is geen actief account met deze gebruikersnaam." in body
    assert 'value="bestaat-niet"' in body
    assert not Uitnodiging.objects.exists()


def test_the_owner_sees_the_invitation_accepts_it_and_then_the_beheerder_still_cannot_take_the_account_over(
    users, swv, organisatie, beheerder, client_for
):
    outsider = users["outsider"]
    uitnodiging = invite(users, swv, organisatie)
    owner = client_for(outsider)

    start = owner.get("/").content.decode()
    page = owner.get("/uitnodigingen/").content.decode()
    response = owner.post(
        "/uitnodigingen/", {"uitnodiging": uitnodiging.pk, "besluit": "accepteren"}, follow=True
    )

    assert "U heeft een uitnodiging van een ander samenwerkingsverband" in start
    assert "Samenwerkingsverband Testdal (PO9801) nodigt u uit als SWV-deskundige" in page
    assert "U bent nu SWV-deskundige voor" in response.content.decode()
    lidmaatschap = Lidmaatschap.objects.get(user=outsider, swv=swv)
    assert lidmaatschap.rol == Rol.SWV_DESKUNDIGE
    assert lidmaatschap.actief
    # Written through the membership service: the history says the owner accepted it.
    event = LidmaatschapEvent.objects.get(pgh_obj_id=lidmaatschap.pk, pgh_label="create")
    assert event.pgh_context.metadata["user"] == outsider.pk
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == Uitnodiging.Status.GEACCEPTEERD
    assert AuditEvent.objects.filter(
        actor=outsider, object_type="core.uitnodiging", reason__startswith="uitnodiging geaccepteerd"
    ).exists()
    # Now a member of both SWVs: the beheerder sees the account, but its password stays the owner's.
    assert outsider.username in beheerder.get("/beheer/core/user/").content.decode()
    refused = beheerder.get(f"/beheer/core/user/{outsider.pk}/password/", follow=True)
    assert "hoort ook bij een ander samenwerkingsverband" in refused.content.decode()


def test_the_owner_declines_and_nothing_is_linked(users, swv, organisatie, client_for):
    uitnodiging = invite(users, swv, organisatie)

    client_for(users["outsider"]).post(
        "/uitnodigingen/", {"uitnodiging": uitnodiging.pk, "besluit": "weigeren"}
    )

    uitnodiging.refresh_from_db()
    assert uitnodiging.status == Uitnodiging.Status.GEWEIGERD
    assert not Lidmaatschap.objects.filter(user=users["outsider"], swv=swv).exists()


def test_nobody_else_can_accept_someone_elses_invitation(users, swv, organisatie, client_for):
    uitnodiging = invite(users, swv, organisatie)
    other = client_for(users["swv_medewerker"])

    response = other.post("/uitnodigingen/", {"uitnodiging": uitnodiging.pk, "besluit": "accepteren"})

    assert response.status_code == 400
    assert "Deze uitnodiging bestaat niet (meer) of is al beantwoord." in response.content.decode()
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == Uitnodiging.Status.OPEN
    assert not Lidmaatschap.objects.filter(user=users["swv_medewerker"], rol=Rol.SWV_DESKUNDIGE).exists()


def test_an_expired_invitation_cannot_be_accepted(users, swv, organisatie, client_for):
    uitnodiging = invite(users, swv, organisatie)
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(verloopt_op=timezone.now())

    response = client_for(users["outsider"]).post(
        "/uitnodigingen/", {"uitnodiging": uitnodiging.pk, "besluit": "accepteren"}
    )

    assert response.status_code == 400
    assert not Lidmaatschap.objects.filter(user=users["outsider"], swv=swv).exists()


def test_accepting_again_after_the_membership_ended_makes_it_active_again_with_history(
    users, swv, organisatie, client_for
):
    outsider = users["outsider"]
    uitnodiging = invite(users, swv, organisatie)
    # Meanwhile an ended membership of the same kind turned up (an earlier one, ended by the beheerder).
    lidmaatschap = Lidmaatschap.objects.create(
        swv=swv, user=outsider, organisatie=organisatie, rol=Rol.SWV_DESKUNDIGE, actief=False
    )

    # The service itself (not only the page, whose request context names the user too) records the owner.
    uitnodiging_beantwoorden(uitnodiging_id=uitnodiging.pk, user=outsider, accepteren=True)

    lidmaatschap.refresh_from_db()
    assert lidmaatschap.actief
    assert Lidmaatschap.objects.filter(user=outsider, swv=swv).count() == 1
    event = LidmaatschapEvent.objects.filter(pgh_obj_id=lidmaatschap.pk).latest("pgh_id")
    assert event.actief is True
    assert event.pgh_context.metadata["user"] == outsider.pk
