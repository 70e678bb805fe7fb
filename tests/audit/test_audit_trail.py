"""Writes are recorded by pghistory with old and new values and who did it; reads and denials by AuditEvent."""

import logging

import pghistory
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse

from cases.models import Leerling
from cases.selectors import get_leerling_for_user
from cases.services import leerling_create, leerling_update
from swv.audit.models import AuditEvent, LeerlingEvent, LidmaatschapEvent, OrganisatieEvent
from swv.core.models import Lidmaatschap, Rol
from tests.factories import OrganisatieFactory


def test_creating_a_pupil_through_the_service_records_a_create_event_with_the_actor(swv, users, leerlingen):
    coordinator = users[Rol.SWV_COORDINATOR]
    leerling = leerling_create(
        swv=swv,
        by=coordinator,
        onderwijsnummer="100000004",
        voornaam="Noor",
        achternaam="Jansen",
        geboortedatum="2016-03-01",
        school=leerlingen.eigen.school,
        woongemeente=leerlingen.gemeente,
    )

    event = LeerlingEvent.objects.get(pgh_obj_id=leerling.pk)
    assert event.pgh_label == "create"
    assert event.achternaam == "Jansen"
    assert event.pgh_context.metadata["user"] == coordinator.pk


def test_updating_a_pupil_keeps_the_old_and_the_new_value(users, leerlingen):
    leerling = leerlingen.eigen
    oud = leerling.achternaam
    leerling_update(leerling=leerling, by=users[Rol.INTERN_BEGELEIDER], achternaam="Nieuwenhuis")

    events = list(LeerlingEvent.objects.filter(pgh_obj_id=leerling.pk).order_by("pgh_id"))
    assert [e.pgh_label for e in events] == ["create", "update"]
    assert events[0].achternaam == oud
    assert events[1].achternaam == "Nieuwenhuis"
    assert events[1].pgh_context.metadata["user"] == users[Rol.INTERN_BEGELEIDER].pk


def test_bulk_and_raw_sql_writes_are_recorded_too(leerlingen):
    Leerling.objects.filter(pk=leerlingen.eigen.pk).update(voornaam="Bulk")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_leerling SET voornaam = 'Rauw' WHERE id = %s", [leerlingen.eigen.pk])
    Leerling.objects.filter(pk=leerlingen.andere_school.pk).delete()

    labels = list(
        LeerlingEvent.objects.filter(pgh_obj_id=leerlingen.eigen.pk)
        .order_by("pgh_id")
        .values_list("voornaam", flat=True)
    )
    assert labels[-2:] == ["Bulk", "Rauw"]
    deleted = LeerlingEvent.objects.get(pgh_obj_id=leerlingen.andere_school.pk, pgh_label="delete")
    assert deleted.achternaam == leerlingen.andere_school.achternaam


def test_organisations_and_memberships_are_tracked(swv, users):
    org = OrganisatieFactory(swv=swv, naam="Oud")
    org.naam = "Nieuw"
    org.save()
    lid = Lidmaatschap.objects.get(user=users[Rol.BESTUURDER])
    lid.actief = False
    lid.save()

    assert list(OrganisatieEvent.objects.filter(pgh_obj_id=org.pk).values_list("naam", flat=True)) == [
        "Oud",
        "Nieuw",
    ]
    assert LidmaatschapEvent.objects.filter(pgh_obj_id=lid.pk, pgh_label="update", actief=False).exists()


def test_a_write_through_a_page_carries_user_and_request_id_in_its_context(
    users, leerlingen, client_for, settings
):
    """pghistory context via the middleware: a POST that writes records who and which request."""
    from django.http import HttpResponse
    from django.urls import path

    from swv import urls as root_urls

    def schrijf(request):
        leerling_update(leerling=Leerling.objects.get(pk=leerlingen.eigen.pk), by=None, voornaam="Via pagina")
        return HttpResponse("ok")

    settings.ROOT_URLCONF = type(
        "Urls", (), {"urlpatterns": [path("schrijf/", schrijf), *root_urls.urlpatterns]}
    )
    response = client_for(users[Rol.INTERN_BEGELEIDER]).post("/schrijf/", headers={"X-Request-ID": "klant-7"})

    event = LeerlingEvent.objects.filter(pgh_obj_id=leerlingen.eigen.pk).latest("pgh_id")
    assert event.voornaam == "Via pagina"
    assert event.pgh_context.metadata["user"] == users[Rol.INTERN_BEGELEIDER].pk
    # The server's own id is the key; the caller's X-Request-ID is kept apart.
    assert event.pgh_context.metadata["request_id"] == response["X-Request-ID"] != "klant-7"
    assert event.pgh_context.metadata["correlatie_id"] == "klant-7"


def test_a_read_is_keyed_by_our_request_id_and_keeps_the_callers_id_apart(users, leerlingen, client_for):
    """A client cannot choose the audit key: two reads with the same X-Request-ID stay two requests."""
    client = client_for(users[Rol.INTERN_BEGELEIDER])
    url = reverse("cases:leerling_detail", args=[leerlingen.eigen.pk])
    responses = [client.get(url, headers={"X-Request-ID": "zelfde\nid"}) for _ in range(2)]

    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.request_id for e in events] == [r["X-Request-ID"] for r in responses]
    assert events[0].request_id != events[1].request_id
    assert [e.correlatie_id for e in events] == ["zelfdeid", "zelfdeid"]


def test_a_denied_write_is_recorded_without_a_request(users, leerlingen):
    with pytest.raises(PermissionDenied):
        get_leerling_for_user(users[Rol.SWV_DESKUNDIGE], leerlingen.eigen.pk, write=True)

    event = AuditEvent.objects.get()
    assert (event.action, event.result, event.rol) == ("update", "denied", Rol.SWV_DESKUNDIGE)
    assert event.ip_address is None


def test_audit_log_lines_carry_no_bsn(users, leerlingen, client_for, caplog):
    with caplog.at_level(logging.INFO):
        client_for(users[Rol.SWV_COORDINATOR]).get(
            reverse("cases:leerling_detail", args=[leerlingen.eigen.pk])
        )
        with pghistory.context(user=users[Rol.SWV_COORDINATOR].pk):
            leerling_update(leerling=leerlingen.eigen, by=users[Rol.SWV_COORDINATOR], voornaam="Ander")

    assert "audit read ok cases.leerling" in caplog.text
    assert leerlingen.eigen.bsn not in caplog.text
