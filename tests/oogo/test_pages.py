"""OOGO pages: the coordinator's journey without JavaScript, and who sees which meeting."""

import datetime

import pytest

from oogo.models import Actiepunt, Agendapunt, Overleg
from oogo.workflow import AgendapuntStatus
from tests.factories import OrganisatieFactory, PersoonFactory
from tests.oogo.factories import bestuurder_gemeente, overleg

pytestmark = pytest.mark.django_db


def test_a_bestuurder_sees_only_the_meetings_of_their_own_gemeente(swv, users, client_for):
    eigen = overleg(swv, gemeenten=[bestuurder_gemeente(users["bestuurder"])], titel="OOGO Eigenstad")
    andere = overleg(swv, gemeenten=[OrganisatieFactory(swv=swv, gemeente=True)], titel="OOGO Anderdorp")
    actie = Actiepunt.objects.create(
        swv=swv,
        overleg=andere,
        opgevolgd_in=andere,
        omschrijving="Geheim",
        eigenaar=PersoonFactory(swv=swv),
        deadline=datetime.date(2026, 1, 1),
    )
    client = client_for(users["bestuurder"])

    index = client.get("/oogo/").content.decode()
    assert "OOGO Eigenstad" in index
    assert "OOGO Anderdorp" not in index
    assert client.get(f"/oogo/{eigen.pk}/").status_code == 200
    assert client.get(f"/oogo/{andere.pk}/").status_code == 404
    assert client.get(f"/oogo/actiepunten/{actie.pk}/").status_code == 404
    assert "Geheim" not in client.get("/oogo/actiepunten/").content.decode()
    assert list(Overleg.objects.visible_to(users["bestuurder"])) == [eigen]
    # The SWV sees both; a school role neither.
    assert set(Overleg.objects.visible_to(users["swv_deskundige"])) == {eigen, andere}
    assert not Overleg.objects.visible_to(users["zorgcoordinator"]).exists()
    # The bestuurder reads, does not change.
    assert (
        client.post(f"/oogo/{eigen.pk}/agendapunten/", {"titel": "X", "thema": "overig"}).status_code == 403
    )


def test_coordinator_plans_builds_the_agenda_records_outcome_and_action(swv, users, client_for):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    eigenaar = PersoonFactory(swv=swv)
    client = client_for(users["swv_coordinator"])
    data = {
        "soort": "oogo_bestuurlijk",
        "titel": "OOGO voorjaar",
        "begin": "2026-03-10T14:00",
        "einde": "2026-03-10T13:00",
        "locatie": "Stadhuis",
        "gemeenten": [gemeente.pk],
    }
    # A Dutch error on the field, nothing lost.
    fout = client.post("/oogo/nieuw/", data)
    assert fout.status_code == 400
    assert "Het einde ligt voor het begin." in fout.content.decode()
    assert 'value="OOGO voorjaar"' in fout.content.decode()

    antwoord = client.post("/oogo/nieuw/", {**data, "einde": "2026-03-10T16:00"})
    o = Overleg.objects.get(titel="OOGO voorjaar")
    assert antwoord["Location"] == f"/oogo/{o.pk}/"
    assert (
        client.post(
            f"/oogo/{o.pk}/agendapunten/", {"titel": "Vervoer", "thema": "leerlingenvervoer"}
        ).status_code
        == 302
    )
    punt = Agendapunt.objects.get(overleg=o)
    assert (
        client.post(f"/oogo/agendapunten/{punt.pk}/uitkomst/", {"status": "geagendeerd"}).status_code == 302
    )
    leeg = client.post(f"/oogo/agendapunten/{punt.pk}/uitkomst/", {"status": "overeenstemming"})
    assert leeg.status_code == 400
    assert "Beschrijf de uitkomst." in leeg.content.decode()
    client.post(
        f"/oogo/agendapunten/{punt.pk}/uitkomst/", {"status": "overeenstemming", "uitkomst": "Eén loket"}
    )
    punt.refresh_from_db()
    assert punt.status == AgendapuntStatus.OVEREENSTEMMING
    assert (
        client.post(
            f"/oogo/{o.pk}/besluiten/", {"tekst": "Loket per 1 augustus", "agendapunt": punt.pk}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"/oogo/{o.pk}/actiepunten/",
            {"omschrijving": "Notitie loket", "eigenaar": eigenaar.pk, "deadline": "2026-01-01"},
        ).status_code
        == 302
    )
    pagina = client.get(f"/oogo/{o.pk}/").content.decode()
    assert "Loket per 1 augustus" in pagina
    assert "Notitie loket" in pagina
    # The action is overdue: on the overdue list.
    assert "Notitie loket" in client.get("/oogo/actiepunten/?te_laat=1").content.decode()
    actie = Actiepunt.objects.get()
    assert client.post(f"/oogo/actiepunten/{actie.pk}/status/", {"status": "gereed"}).status_code == 302
    assert "Notitie loket" not in client.get("/oogo/actiepunten/").content.decode()
    assert client.post(f"/oogo/{o.pk}/status/", {"status": "gehouden"}).status_code == 302
