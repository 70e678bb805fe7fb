"""Betrokkenheid (issue 11): match and signals, no leak of content, expiry, renew/end, the privacy officer,
and the BSN never in a URL, a log line, the audit or the history."""

import datetime
import json
import logging
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from cases.models import Betrokkenheid, BetrokkenheidEvent, Betrokkenheidssignaal, Taak
from cases.services_betrokkenheid import (
    betrokkenheden_laten_verlopen,
    betrokkenheid_beeindigen,
    betrokkenheid_vastleggen,
    betrokkenheid_verlengen,
)
from swv.audit.models import AuditEvent
from swv.core.models import Rol
from tests.factories import (
    ApiClientFactory,
    LeerlingFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    UserFactory,
    _bsn_voor,
)

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
BSN = _bsn_voor(4242)
ANDER_BSN = _bsn_voor(4243)


@pytest.fixture
def jeugdhulp(swv):
    """A second partner organisation with its own professional."""
    organisatie = OrganisatieFactory(swv=swv, naam="Jeugdhulp De Brug")
    user = UserFactory(username="jeugdhulp", first_name="Jet", last_name="de Brug")
    LidmaatschapFactory(swv=swv, user=user, organisatie=organisatie, rol=Rol.KETENPARTNER)
    return user


def _vastleggen(user, bsn=BSN, **extra):
    velden = {"contact_naam": user.get_full_name() or user.username, "contact_telefoon": "0612345678"}
    velden.update(extra)
    return betrokkenheid_vastleggen(by=user, bsn=bsn, **velden)


def test_two_organisations_with_the_same_pupil_each_get_a_signal_with_the_others_contact(users, jeugdhulp):
    wijkteam = users[Rol.KETENPARTNER.value]
    eerste = _vastleggen(wijkteam, contact_naam="Wim Wijkteam", eigen_kenmerk="WT-17")
    assert Betrokkenheidssignaal.objects.count() == 0
    assert Taak.objects.count() == 0

    tweede = _vastleggen(jeugdhulp, contact_naam="Jet de Brug", contact_email="jet@example.nl")

    aan_wijkteam = Betrokkenheidssignaal.objects.get(betrokkenheid=eerste)
    aan_jeugdhulp = Betrokkenheidssignaal.objects.get(betrokkenheid=tweede)
    assert (aan_wijkteam.andere, aan_jeugdhulp.andere) == (tweede, eerste)
    # The task in "Mijn taken" names the other's organisation and contact, and the own reference.
    assert aan_wijkteam.taak.gebruiker == wijkteam
    assert "Jeugdhulp De Brug" in aan_wijkteam.taak.omschrijving
    assert "jet@example.nl" in aan_wijkteam.taak.omschrijving
    assert "WT-17" in aan_wijkteam.taak.omschrijving
    assert aan_jeugdhulp.taak.gebruiker == jeugdhulp
    assert "Wim Wijkteam" in aan_jeugdhulp.taak.omschrijving


def test_a_different_pupil_or_an_ended_involvement_gives_no_signal(users, jeugdhulp):
    wijkteam = users[Rol.KETENPARTNER.value]
    eerste = _vastleggen(wijkteam)
    _vastleggen(jeugdhulp, bsn=ANDER_BSN)
    betrokkenheid_beeindigen(betrokkenheid=eerste, by=wijkteam)
    _vastleggen(jeugdhulp)
    assert Betrokkenheidssignaal.objects.count() == 0


def test_the_same_bsn_in_another_swv_does_not_match(users, jeugdhulp):
    _vastleggen(users[Rol.KETENPARTNER.value])
    _vastleggen(users["outsider"])
    assert Betrokkenheidssignaal.objects.count() == 0


def test_an_organisation_is_involved_once_per_pupil_and_bad_input_stores_nothing(users):
    wijkteam = users[Rol.KETENPARTNER.value]
    _vastleggen(wijkteam)
    with pytest.raises(ValidationError) as fout:
        _vastleggen(wijkteam, bsn=BSN.replace("", " ").strip())  # typed with spaces: the same pupil
    assert "al betrokken" in str(fout.value.message_dict["bsn"])
    with pytest.raises(ValidationError) as fout:
        _vastleggen(wijkteam, bsn="123456789")
    assert "geen geldig BSN" in str(fout.value.message_dict["bsn"])
    assert "123456789" not in str(fout.value)
    with pytest.raises(ValidationError):
        _vastleggen(wijkteam, bsn=ANDER_BSN, eigen_kenmerk=f"dossier {BSN}")
    assert Betrokkenheid.objects.count() == 1


def test_a_bestuurder_may_not_record(users):
    with pytest.raises(PermissionDenied):
        _vastleggen(users[Rol.BESTUURDER.value])


def test_the_bsn_is_stored_nowhere_only_its_keyed_hash(users, swv):
    LeerlingFactory(swv=swv, bsn=BSN)
    rij = _vastleggen(users[Rol.KETENPARTNER.value])
    assert rij.leerling is not None  # linked for the privacy log, never shown to the professional
    assert BSN not in rij.sleutel
    assert len(rij.sleutel) == 64
    for event in BetrokkenheidEvent.objects.all():
        assert BSN not in json.dumps(
            {f.name: str(getattr(event, f.attname)) for f in event._meta.concrete_fields}
        )


def test_the_professional_sees_nothing_about_the_pupil(users, swv, client_for, jeugdhulp):
    leerling = LeerlingFactory(swv=swv, bsn=BSN, voornaam="Zoë", achternaam="Geheimhouder")
    _vastleggen(jeugdhulp)
    client = client_for(users[Rol.KETENPARTNER.value])
    response = client.post(
        "/api/v1/betrokkenheden", {"bsn": BSN, "contactNaam": "Wim"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    tekst = response.content.decode()
    for geheim in (BSN, "Geheimhouder", "Zoë", str(leerling.geboortedatum), "leerling"):
        assert geheim not in tekst
    assert response.json()["signalen"][0]["organisatie"]["naam"] == "Jeugdhulp De Brug"
    pagina = client.get("/casussen/betrokkenheid/").content.decode()
    assert "Jeugdhulp De Brug" in pagina
    for geheim in (BSN, "Geheimhouder", "Zoë"):
        assert geheim not in pagina


def test_the_bsn_is_never_in_a_url_a_log_line_or_the_audit(users, client_for, caplog):
    client = client_for(users[Rol.KETENPARTNER.value])
    with caplog.at_level(logging.DEBUG):
        response = client.post("/casussen/betrokkenheid/nieuw/", {"bsn": BSN, "contact_naam": "Wim Wijkteam"})
        fout = client.post("/casussen/betrokkenheid/nieuw/", {"bsn": "123456789", "contact_naam": "Wim"})
        api = client.post(
            "/api/v1/betrokkenheden",
            {"bsn": ANDER_BSN, "contactNaam": "Wim"},
            content_type="application/json",
        )
    assert response.status_code == 302
    assert response["Location"] == "/casussen/betrokkenheid/"
    assert fout.status_code == 400
    assert "geen geldig BSN" in fout.content.decode()
    assert api.status_code == 201
    assert Betrokkenheid.objects.count() == 2
    for nummer in (BSN, ANDER_BSN, "123456789"):
        assert nummer not in caplog.text
        assert nummer not in response["Location"]
    for event in AuditEvent.objects.all():
        rij = json.dumps({f.name: str(getattr(event, f.attname)) for f in event._meta.concrete_fields})
        assert BSN not in rij
        assert ANDER_BSN not in rij
    assert AuditEvent.objects.filter(object_type="cases.betrokkenheid", action="create").count() == 2


def test_an_involvement_ends_by_itself_after_the_period_unless_renewed(users, jeugdhulp, settings):
    settings.BETROKKENHEID_DUUR_DAGEN = 30
    wijkteam = users[Rol.KETENPARTNER.value]
    with time_machine.travel(datetime.datetime(2026, 9, 1, 12, tzinfo=AMS), tick=False):
        blijft = _vastleggen(wijkteam)
        verloopt = _vastleggen(jeugdhulp)
        assert verloopt.tot == datetime.date(2026, 10, 1)
        signaal = Betrokkenheidssignaal.objects.get(betrokkenheid=blijft)
    with time_machine.travel(datetime.datetime(2026, 9, 20, 12, tzinfo=AMS), tick=False):
        blijft = betrokkenheid_verlengen(betrokkenheid=blijft, by=wijkteam)
        assert blijft.tot == datetime.date(2026, 10, 20)
    with time_machine.travel(datetime.datetime(2026, 10, 1, 23, tzinfo=AMS), tick=False):
        assert betrokkenheden_laten_verlopen() == 0  # the last day still counts
    with time_machine.travel(datetime.datetime(2026, 10, 2, 1, tzinfo=AMS), tick=False):
        call_command("betrokkenheden_verlopen")
        assert betrokkenheden_laten_verlopen() == 0  # idempotent
    verloopt.refresh_from_db()
    blijft.refresh_from_db()
    assert verloopt.reden_einde == Betrokkenheid.Einde.VERLOPEN
    assert verloopt.beeindigd_op is not None
    assert blijft.beeindigd_op is None
    # The signal about the expired involvement is moot: its task closes.
    signaal.taak.refresh_from_db()
    assert signaal.taak.afgehandeld_op is not None
    with pytest.raises(ValidationError):
        betrokkenheid_verlengen(betrokkenheid=verloopt, by=jeugdhulp)


def test_the_celery_task_ends_expired_involvements(users):
    from cases.tasks import betrokkenheden_verlopen

    rij = _vastleggen(users[Rol.KETENPARTNER.value])
    Betrokkenheid.objects.filter(pk=rij.pk).update(
        van=datetime.date(2020, 1, 1), tot=datetime.date(2020, 12, 31)
    )
    assert betrokkenheden_verlopen.apply().get() == 1


def test_renew_and_end_through_the_pages_for_the_own_organisation_only(users, client_for, jeugdhulp):
    rij = _vastleggen(jeugdhulp)
    wijkteam = client_for(users[Rol.KETENPARTNER.value])
    assert wijkteam.post(f"/casussen/betrokkenheid/{rij.pk}/beeindigen/").status_code == 404
    eigen = client_for(jeugdhulp)
    assert eigen.get(f"/casussen/betrokkenheid/{rij.pk}/verlengen/").status_code == 200
    assert eigen.post(f"/casussen/betrokkenheid/{rij.pk}/verlengen/").status_code == 302
    assert eigen.post(f"/casussen/betrokkenheid/{rij.pk}/beeindigen/").status_code == 302
    rij.refresh_from_db()
    assert rij.reden_einde == Betrokkenheid.Einde.BEEINDIGD
    again = eigen.post(f"/casussen/betrokkenheid/{rij.pk}/beeindigen/")
    assert again.status_code == 400
    assert "al beëindigd" in again.content.decode()


def test_the_api_renews_ends_and_lists_only_the_own_organisation(users, client_for, jeugdhulp):
    andere = _vastleggen(jeugdhulp)
    client = client_for(users[Rol.KETENPARTNER.value])
    eigen = client.post(
        "/api/v1/betrokkenheden", {"bsn": BSN, "contactNaam": "W"}, content_type="application/json"
    ).json()
    lijst = client.get("/api/v1/betrokkenheden").json()["results"]
    assert [r["id"] for r in lijst] == [eigen["id"]]
    assert client.post(f"/api/v1/betrokkenheden/{andere.pk}/beeindigen").status_code == 404
    assert client.post(f"/api/v1/betrokkenheden/{eigen['id']}/verlengen").status_code == 200
    beeindigd = client.post(f"/api/v1/betrokkenheden/{eigen['id']}/beeindigen")
    assert beeindigd.status_code == 200
    assert beeindigd.json()["redenEinde"] == "beeindigd"
    opnieuw = client.post(f"/api/v1/betrokkenheden/{eigen['id']}/beeindigen")
    assert opnieuw.status_code == 400
    assert opnieuw["Content-Type"] == "application/problem+json"
    ongeldig = client.post(
        "/api/v1/betrokkenheden", {"bsn": "12", "contactNaam": "W"}, content_type="application/json"
    )
    assert ongeldig.status_code == 400
    assert "bsn" in json.dumps(ongeldig.json())


def test_a_partner_system_has_no_access_yet(swv, client):
    api_client = ApiClientFactory(swv=swv, scopes=["leerlingen:lezen", "casussen:lezen"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_client.token}"}
    assert client.get("/api/v1/betrokkenheden", **headers).status_code == 403
    response = client.post(
        "/api/v1/betrokkenheden", {"bsn": BSN, "contactNaam": "X"}, content_type="application/json", **headers
    )
    assert response.status_code == 403
    assert Betrokkenheid.objects.count() == 0


def test_the_privacy_officer_sees_every_involvement_and_finds_a_pupil_by_bsn(users, client_for, jeugdhulp):
    _vastleggen(users[Rol.KETENPARTNER.value])
    _vastleggen(jeugdhulp)
    _vastleggen(jeugdhulp, bsn=ANDER_BSN)
    officer = client_for(users[Rol.SWV_COORDINATOR.value])
    alles = officer.get("/casussen/betrokkenheid/privacy/")
    assert alles.status_code == 200
    assert alles.content.decode().count('data-testid="betrokkenheid"') == 3
    gezocht = officer.post("/casussen/betrokkenheid/privacy/", {"bsn": ANDER_BSN})
    assert gezocht.content.decode().count('data-testid="betrokkenheid"') == 1
    assert AuditEvent.objects.filter(reason="betrokkenheden (privacy): gezocht op BSN").count() == 1
    assert (
        client_for(users[Rol.KETENPARTNER.value]).get("/casussen/betrokkenheid/privacy/").status_code == 403
    )
    # The outsider (a coördinator of another SWV) sees none of this SWV's rows.
    elders = client_for(users["outsider"]).get("/casussen/betrokkenheid/privacy/")
    assert 'data-testid="betrokkenheid"' not in elders.content.decode()


def test_the_write_history_is_in_the_privacy_log_registry():
    from swv.audit import registry

    entries = {entry.object_type: entry for entry in registry.tracked()}
    assert entries["cases.betrokkenheid"].pupil_column == "leerling_id"
