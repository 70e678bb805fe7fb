"""The coordinator's OOGO pages (oogo/views_beheer.py): edit a meeting, attendance, the ontwikkelagenda, the
ondersteuningsplan cycle and geschillen. What the page shows, what is stored, Dutch errors with the input
kept, and that a bestuurder reads but never writes."""

import datetime
import re

import pytest
from django.utils import timezone

from oogo import services
from oogo.models import Deelname, Geschil, Ondersteuningsplan, Ontwikkeldoel, Overleg, Voortgang
from oogo.workflow import AgendapuntStatus, OverlegStatus
from tests.factories import OrganisatieFactory, PersoonFactory
from tests.oogo.factories import bestuurder_gemeente, overleg

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(users, client_for):
    return client_for(users["swv_coordinator"])


@pytest.fixture
def bestuurder(users, client_for):
    return client_for(users["bestuurder"])


def _tekst(response) -> str:
    return response.content.decode()


# --- overleg bewerken ---


def test_coordinator_edits_a_meeting_and_its_invited_people(swv, coordinator):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    wethouder = PersoonFactory(swv=swv, voornaam="Wilma", achternaam="Wethouder")
    bestuurder = PersoonFactory(swv=swv, voornaam="Bert", achternaam="Bestuur")
    o = overleg(swv, gemeenten=[gemeente], titel="OOGO oud", genodigden=[wethouder])
    volgnummer = o.ics_volgnummer

    pagina = _tekst(coordinator.get(f"/oogo/{o.pk}/bewerken/"))
    assert 'value="OOGO oud"' in pagina
    assert "Bert Bestuur" in pagina

    data = {
        "soort": "oogo_bestuurlijk",
        "titel": "OOGO nieuw",
        "begin": "2026-10-02T15:00",
        "einde": "2026-10-02T14:00",
        "locatie": "Stadhuis",
        "videolink": "https://video.example/oogo",
        "gemeenten": [gemeente.pk],
        "genodigden": [bestuurder.pk],
    }
    fout = coordinator.post(f"/oogo/{o.pk}/bewerken/", data)
    assert fout.status_code == 400
    assert "Het einde ligt voor het begin." in _tekst(fout)
    assert 'value="OOGO nieuw"' in _tekst(fout)  # nothing lost
    o.refresh_from_db()
    assert o.titel == "OOGO oud"

    goed = coordinator.post(f"/oogo/{o.pk}/bewerken/", {**data, "einde": "2026-10-02T17:00"})
    assert goed["Location"] == f"/oogo/{o.pk}/"
    o.refresh_from_db()
    assert (o.titel, o.locatie, o.videolink) == ("OOGO nieuw", "Stadhuis", "https://video.example/oogo")
    assert o.ics_volgnummer > volgnummer
    assert list(o.deelnames.values_list("persoon__achternaam", flat=True)) == ["Bestuur"]
    assert "Bert Bestuur" in _tekst(coordinator.get(f"/oogo/{o.pk}/"))


def test_a_held_meeting_cannot_be_edited(swv, coordinator):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    o = overleg(swv, gemeenten=[gemeente], titel="OOGO gehouden")
    services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.GEHOUDEN)

    assert "kan niet meer worden gewijzigd" in _tekst(coordinator.get(f"/oogo/{o.pk}/bewerken/"))
    antwoord = coordinator.post(
        f"/oogo/{o.pk}/bewerken/",
        {
            "soort": "oogo_bestuurlijk",
            "titel": "Anders",
            "begin": "2026-10-01T14:00",
            "einde": "2026-10-01T16:00",
            "gemeenten": [gemeente.pk],
        },
    )
    assert antwoord.status_code == 400
    assert "Een gehouden of geannuleerd overleg kan niet meer worden gewijzigd." in _tekst(antwoord)
    assert 'value="Anders"' in _tekst(antwoord)
    o.refresh_from_db()
    assert o.titel == "OOGO gehouden"


# --- aanwezigheid ---


def test_coordinator_records_attendance_per_invited_person(swv, coordinator):
    a, b, c = (PersoonFactory(swv=swv) for _ in range(3))
    o = overleg(swv, genodigden=[a, b, c])

    pagina = _tekst(coordinator.get(f"/oogo/{o.pk}/aanwezigheid/"))
    assert a.naam in pagina
    assert "Afwezig met bericht" in pagina

    onvolledig = coordinator.post(
        f"/oogo/{o.pk}/aanwezigheid/", {f"persoon_{a.pk}": "aanwezig", f"persoon_{b.pk}": "afgemeld"}
    )
    assert onvolledig.status_code == 400
    assert "Dit veld is vereist." in _tekst(onvolledig)
    gekozen = re.search(rf'<input[^>]*id="id_persoon_{b.pk}_1"[^>]*>', _tekst(onvolledig))
    assert gekozen is not None
    assert 'value="afgemeld"' in gekozen.group(0)
    assert "checked" in gekozen.group(0)  # nothing lost

    coordinator.post(
        f"/oogo/{o.pk}/aanwezigheid/",
        {f"persoon_{a.pk}": "aanwezig", f"persoon_{b.pk}": "afgemeld", f"persoon_{c.pk}": "afwezig"},
    )
    stand = dict(Deelname.objects.filter(overleg=o).values_list("persoon_id", "aanwezigheid"))
    assert stand == {a.pk: "aanwezig", b.pk: "afgemeld", c.pk: "afwezig"}
    assert f"{b.naam} (afgemeld)" in _tekst(coordinator.get(f"/oogo/{o.pk}/"))


# --- ontwikkelagenda ---


def test_ontwikkelagenda_goals_and_progress(swv, coordinator, bestuurder):
    antwoord = coordinator.post(
        "/oogo/ontwikkelagenda/nieuw/",
        {
            "thema": "jeugdhulp",
            "doel": "Eén loket",
            "ambitie": "Hulp in de school",
            "van_jaar": 2027,
            "tot_jaar": 2026,
        },
    )
    assert antwoord.status_code == 400
    assert "Het eindjaar ligt voor het beginjaar." in _tekst(antwoord)
    assert 'value="Eén loket"' in _tekst(antwoord)

    coordinator.post(
        "/oogo/ontwikkelagenda/nieuw/",
        {
            "thema": "jeugdhulp",
            "doel": "Eén loket",
            "ambitie": "Hulp in de school",
            "van_jaar": 2026,
            "tot_jaar": 2028,
        },
    )
    doel = Ontwikkeldoel.objects.get(doel="Eén loket")
    o = overleg(swv, titel="OOGO met voortgang")
    leeg = coordinator.post(f"/oogo/ontwikkelagenda/{doel.pk}/voortgang/", {"overleg": o.pk})
    assert leeg.status_code == 400
    assert "Dit veld is vereist." in _tekst(leeg)
    coordinator.post(
        f"/oogo/ontwikkelagenda/{doel.pk}/voortgang/", {"notitie": "Twee clusters gestart", "overleg": o.pk}
    )
    assert Voortgang.objects.get(doel=doel).datum == timezone.localtime(o.begin).date()

    # The bestuurder reads the SWV-wide ontwikkelagenda, does not write.
    assert "Eén loket" in _tekst(bestuurder.get("/oogo/ontwikkelagenda/"))
    detail = _tekst(bestuurder.get(f"/oogo/ontwikkelagenda/{doel.pk}/"))
    assert "Twee clusters gestart" in detail
    assert "OOGO met voortgang" in detail
    assert "Voortgang vastleggen" not in detail
    assert bestuurder.post(f"/oogo/ontwikkelagenda/{doel.pk}/voortgang/", {"notitie": "x"}).status_code == 403
    assert bestuurder.get("/oogo/ontwikkelagenda/nieuw/").status_code == 403
    assert Voortgang.objects.filter(doel=doel).count() == 1


# --- ondersteuningsplan ---


def test_plan_longer_than_four_years_is_refused_with_the_input_kept(coordinator):
    antwoord = coordinator.post(
        "/oogo/ondersteuningsplan/nieuw/",
        {"titel": "Plan 2026-2031", "periode_van": "2026-08-01", "periode_tot": "2031-07-31"},
    )
    assert antwoord.status_code == 400
    assert "Een ondersteuningsplan geldt voor ten hoogste vier jaar." in _tekst(antwoord)
    assert 'value="Plan 2026-2031"' in _tekst(antwoord)
    assert not Ondersteuningsplan.objects.exists()


def test_plan_cycle_oogo_adoption_and_inspectie_deadline(swv, coordinator, bestuurder):
    coordinator.post(
        "/oogo/ondersteuningsplan/nieuw/",
        {"titel": "Plan 2027-2031", "periode_van": "2027-08-01", "periode_tot": "2031-07-31"},
    )
    plan = Ondersteuningsplan.objects.get()
    pagina = _tekst(coordinator.get(f"/oogo/ondersteuningsplan/{plan.pk}/"))
    assert "Uiterlijk 1 mei 2027" in pagina

    # Without the OOGO: refused, with the reason.
    zonder = coordinator.post(
        f"/oogo/ondersteuningsplan/{plan.pk}/vaststellen/", {"vaststellen-op": "2027-03-01"}
    )
    assert zonder.status_code == 400
    assert "Het OOGO over het plan moet gehouden zijn voordat het wordt vastgesteld." in _tekst(zonder)
    assert 'value="2027-03-01"' in _tekst(zonder)
    plan.refresh_from_db()
    assert plan.vastgesteld_op is None

    o = overleg(swv, dag=datetime.date(2027, 2, 10), titel="OOGO ondersteuningsplan")
    coordinator.post(f"/oogo/ondersteuningsplan/{plan.pk}/oogo/", {"overleg": o.pk})
    plan.refresh_from_db()
    assert plan.oogo_overleg == o
    # Linked but not held: still refused.
    assert (
        coordinator.post(
            f"/oogo/ondersteuningsplan/{plan.pk}/vaststellen/", {"vaststellen-op": "2027-03-01"}
        ).status_code
        == 400
    )
    services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.GEHOUDEN)
    coordinator.post(f"/oogo/ondersteuningsplan/{plan.pk}/vaststellen/", {"vaststellen-op": "2027-03-01"})
    coordinator.post(f"/oogo/ondersteuningsplan/{plan.pk}/inspectie/", {"inspectie-op": "2027-04-15"})
    plan.refresh_from_db()
    assert (plan.vastgesteld_op, plan.naar_inspectie_op) == (
        datetime.date(2027, 3, 1),
        datetime.date(2027, 4, 15),
    )
    lijst = _tekst(bestuurder.get("/oogo/ondersteuningsplan/"))
    assert "Plan 2027-2031" in lijst
    assert "15 april 2027" in lijst
    assert (
        bestuurder.post(
            f"/oogo/ondersteuningsplan/{plan.pk}/inspectie/", {"inspectie-op": "2027-04-20"}
        ).status_code
        == 403
    )
    assert bestuurder.get("/oogo/ondersteuningsplan/nieuw/").status_code == 403


# --- geschillen ---


def _punt_zonder_overeenstemming(o):
    punt = services.agendapunt_toevoegen(
        overleg=o, by=None, titel="Kosten vervoer", thema="leerlingenvervoer"
    )
    services.agendapunt_status_zetten(agendapunt=punt, by=None, status=AgendapuntStatus.GEAGENDEERD)
    services.agendapunt_status_zetten(
        agendapunt=punt, by=None, status=AgendapuntStatus.GEEN_OVEREENSTEMMING, uitkomst="Geen akkoord"
    )
    return punt


def test_geschil_submitted_from_the_item_with_its_terms_and_overdue(swv, users, coordinator, bestuurder):
    gemeente = bestuurder_gemeente(users["bestuurder"])
    o = overleg(swv, gemeenten=[gemeente])
    punt = _punt_zonder_overeenstemming(o)
    assert f"/oogo/agendapunten/{punt.pk}/geschil/" in _tekst(
        coordinator.get(f"/oogo/agendapunten/{punt.pk}/")
    )

    fout = coordinator.post(f"/oogo/agendapunten/{punt.pk}/geschil/", {"ingediend_door": "gemeente"})
    assert fout.status_code == 400
    assert "Dit veld is vereist." in _tekst(fout)
    assert 'value="gemeente" selected' in _tekst(fout)

    ingediend = timezone.localdate() - datetime.timedelta(days=20)
    antwoord = coordinator.post(
        f"/oogo/agendapunten/{punt.pk}/geschil/",
        {"gemeente": gemeente.pk, "ingediend_door": "swv", "ingediend_op": ingediend.isoformat()},
    )
    geschil = Geschil.objects.get(agendapunt=punt)
    assert antwoord["Location"] == f"/oogo/geschillen/{geschil.pk}/"
    punt.refresh_from_db()
    assert punt.status == AgendapuntStatus.VOORGELEGD

    # Verweer within two weeks (overdue now), advice four weeks after the term.
    pagina = _tekst(coordinator.get(f"/oogo/geschillen/{geschil.pk}/"))
    verweer = ingediend + datetime.timedelta(days=14)
    advies = verweer + datetime.timedelta(days=28)
    from django.utils.formats import date_format

    assert date_format(verweer, "j F Y") in pagina
    assert date_format(advies, "j F Y") in pagina
    assert pagina.count('data-testid="te-laat"') == 1  # the verweer; the advice is not due yet

    # Verweer received before the submission: the Dutch error, the input kept.
    te_vroeg = (ingediend - datetime.timedelta(days=1)).isoformat()
    fout = coordinator.post(
        f"/oogo/geschillen/{geschil.pk}/bijwerken/", {"verweer_ontvangen_op": te_vroeg, "advies": "Concept"}
    )
    assert fout.status_code == 400
    assert "Het verweer kan niet vóór de indiening zijn ontvangen." in _tekst(fout)
    assert "Concept" in _tekst(fout)
    op_tijd = (ingediend + datetime.timedelta(days=10)).isoformat()
    coordinator.post(f"/oogo/geschillen/{geschil.pk}/bijwerken/", {"verweer_ontvangen_op": op_tijd})
    geschil.refresh_from_db()
    assert geschil.verweer_ontvangen_op.isoformat() == op_tijd
    assert 'data-testid="te-laat"' not in _tekst(coordinator.get("/oogo/geschillen/"))

    # The bestuurder of that gemeente reads it, cannot change it or submit one.
    assert "Kosten vervoer" in _tekst(bestuurder.get("/oogo/geschillen/"))
    assert bestuurder.get(f"/oogo/geschillen/{geschil.pk}/").status_code == 200
    assert bestuurder.post(f"/oogo/geschillen/{geschil.pk}/bijwerken/", {"advies": "x"}).status_code == 403
    assert bestuurder.get(f"/oogo/agendapunten/{punt.pk}/geschil/").status_code == 403


def test_bestuurder_of_another_gemeente_sees_no_geschil_and_cannot_edit_meetings(swv, users, bestuurder):
    andere = OrganisatieFactory(swv=swv, gemeente=True)
    o = overleg(swv, gemeenten=[andere])
    punt = _punt_zonder_overeenstemming(o)
    geschil = services.geschil_voorleggen(
        agendapunt=punt,
        by=None,
        gemeente=andere,
        ingediend_door="swv",
        ingediend_op=datetime.date(2026, 10, 5),
    )
    assert bestuurder.get(f"/oogo/geschillen/{geschil.pk}/").status_code == 404
    assert "Kosten vervoer" not in _tekst(bestuurder.get("/oogo/geschillen/"))
    eigen = overleg(swv, gemeenten=[bestuurder_gemeente(users["bestuurder"])])
    assert bestuurder.get(f"/oogo/{eigen.pk}/bewerken/").status_code == 403
    assert bestuurder.post(f"/oogo/{eigen.pk}/aanwezigheid/").status_code == 403
    assert bestuurder.get(f"/oogo/{o.pk}/bewerken/").status_code == 404
    assert Overleg.objects.get(pk=eigen.pk).ics_volgnummer == eigen.ics_volgnummer


def test_the_index_links_the_sub_pages(coordinator):
    pagina = _tekst(coordinator.get("/oogo/"))
    for url in ("/oogo/ontwikkelagenda/", "/oogo/ondersteuningsplan/", "/oogo/geschillen/"):
        assert f'href="{url}"' in pagina
