"""The agenda and the minutes as PDF: what is in them (read back with pypdf) and who may fetch them."""

import datetime
import io

import pypdf
import pytest

from oogo import documenten, services
from oogo.models import Deelname
from oogo.workflow import AgendapuntStatus, OverlegStatus
from tests.factories import OrganisatieFactory, PersoonFactory
from tests.oogo.factories import bestuurder_gemeente, overleg

pytestmark = pytest.mark.django_db


def _tekst(pdf: bytes) -> str:
    # Lines wrap in a table cell: compare with single spaces.
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())


def _vergadering(swv, gemeente):
    """A meeting with two invited, two items (one with an ambitie), a decision and an action."""
    genodigde = PersoonFactory(swv=swv, voornaam="Fenna", achternaam="Wethouder")
    o = overleg(
        swv,
        gemeenten=[gemeente],
        titel="OOGO najaarsoverleg",
        genodigden=[genodigde, PersoonFactory(swv=swv, voornaam="Jaap", achternaam="Beleid")],
        videolink="https://video.example/oogo",
    )
    doel = services.ontwikkeldoel_maken(
        swv=swv,
        by=None,
        thema="leerlingenvervoer",
        ambitie="Elk kind op tijd op school",
        doel="Reistijd leerlingenvervoer omlaag",
        van_jaar=2026,
        tot_jaar=2028,
    )
    vervoer = services.agendapunt_toevoegen(
        overleg=o,
        by=None,
        titel="Leerlingenvervoer",
        thema="leerlingenvervoer",
        ambitie=doel,
        toelichting="Evaluatie van de nieuwe aanbesteding.",
    )
    huisvesting = services.agendapunt_toevoegen(
        overleg=o, by=None, titel="Huisvesting VSO", thema="onderwijshuisvesting"
    )
    services.besluit_vastleggen(
        overleg=o, by=None, tekst="Eén loket voor vervoer per 1 januari", agendapunt=vervoer
    )
    services.actiepunt_toevoegen(
        overleg=o,
        by=None,
        omschrijving="Notitie reistijden opstellen",
        eigenaar=PersoonFactory(swv=swv, voornaam="Sanne", achternaam="Eigenaar"),
        deadline=datetime.date(2026, 11, 15),
    )
    return o, vervoer, huisvesting, genodigde


def test_the_agenda_pdf_has_the_meeting_the_numbered_items_and_the_open_actions(swv, users, client_for):
    gemeente = bestuurder_gemeente(users["bestuurder"])
    o, *_ = _vergadering(swv, gemeente)

    client = client_for(users["swv_deskundige"])
    assert f'href="/oogo/{o.pk}/agenda.pdf"' in client.get(f"/oogo/{o.pk}/").content.decode()
    antwoord = client.get(f"/oogo/{o.pk}/agenda.pdf")

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert "agenda-oogo-najaarsoverleg-2026-10-01.pdf" in antwoord["Content-Disposition"]
    tekst = _tekst(antwoord.content)
    assert "Agenda: OOGO najaarsoverleg" in tekst
    assert "OOGO bestuurlijk" in tekst
    assert "1 oktober 2026" in tekst
    assert "14:00" in tekst
    assert "Gemeentehuis" in tekst
    assert "https://video.example/oogo" in tekst
    assert gemeente.naam in tekst
    assert "Fenna Wethouder" in tekst
    assert "Jaap Beleid" in tekst
    assert "1 Leerlingenvervoer" in tekst
    assert "2 Huisvesting VSO" in tekst
    assert "Reistijd leerlingenvervoer omlaag" in tekst  # the ambitie
    assert "Evaluatie van de nieuwe aanbesteding." in tekst
    assert "Notitie reistijden opstellen" in tekst
    assert "Sanne Eigenaar" in tekst


def test_a_carried_over_item_is_marked_on_the_next_agenda(swv):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    eerste, *_ = _vergadering(swv, gemeente)
    tweede = overleg(swv, gemeenten=[gemeente], dag=datetime.date(2026, 12, 1), titel="OOGO winter")
    services.overleg_status_zetten(overleg=eerste, by=None, status=OverlegStatus.GEHOUDEN)

    tekst = _tekst(documenten.agenda_pdf(tweede))

    assert "Leerlingenvervoer" in tekst
    assert "overgenomen uit het overleg van 1 oktober 2026" in tekst
    # The open action moved along and is followed in the next meeting.
    assert "Notitie reistijden opstellen" in tekst


def test_the_minutes_have_attendance_outcomes_decisions_actions_and_what_moved_on(swv, users, client_for):
    gemeente = bestuurder_gemeente(users["bestuurder"])
    o, vervoer, huisvesting, genodigde = _vergadering(swv, gemeente)
    volgende = overleg(swv, gemeenten=[gemeente], dag=datetime.date(2026, 12, 1), titel="OOGO winter")
    services.agendapunt_status_zetten(agendapunt=vervoer, by=None, status=AgendapuntStatus.GEAGENDEERD)
    services.agendapunt_status_zetten(
        agendapunt=vervoer, by=None, status=AgendapuntStatus.OVEREENSTEMMING, uitkomst="Akkoord op één loket"
    )
    services.aanwezigheid_vastleggen(
        overleg=o, by=None, aanwezigheid={genodigde.pk: Deelname.Aanwezigheid.AANWEZIG}
    )
    client = client_for(users["bestuurder"])

    # Not held yet: no minutes, and it says why.
    nog_niet = client.get(f"/oogo/{o.pk}/notulen.pdf")
    assert nog_niet.status_code == 404
    assert "nog niet gehouden" in nog_niet.content.decode()
    assert "Notulen (PDF)" not in client.get(f"/oogo/{o.pk}/").content.decode()

    services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.GEHOUDEN)
    assert "Notulen (PDF)" in client.get(f"/oogo/{o.pk}/").content.decode()
    antwoord = client.get(f"/oogo/{o.pk}/notulen.pdf")

    assert antwoord.status_code == 200
    tekst = _tekst(antwoord.content)
    assert "Notulen: OOGO najaarsoverleg" in tekst
    assert "Fenna Wethouder Aanwezig" in tekst
    assert "Overeenstemming" in tekst
    assert "Akkoord op één loket" in tekst
    assert "Eén loket voor vervoer per 1 januari" in tekst
    assert "Notitie reistijden opstellen" in tekst
    assert "Sanne Eigenaar" in tekst
    assert "15 november 2026" in tekst
    # The unfinished item was carried to the next meeting.
    huisvesting.refresh_from_db()
    assert huisvesting.status == AgendapuntStatus.AANGEHOUDEN
    assert "Doorgeschoven naar het volgende overleg" in tekst
    assert f"{volgende.titel} (1 december 2026)" in tekst


def test_a_bestuurder_of_another_gemeente_and_a_school_role_get_404(swv, users, client_for):
    o, *_ = _vergadering(swv, OrganisatieFactory(swv=swv, gemeente=True))
    services.overleg_status_zetten(overleg=o, by=None, status=OverlegStatus.GEHOUDEN)

    for wie in ("bestuurder", "zorgcoordinator", "outsider"):
        client = client_for(users[wie])
        assert client.get(f"/oogo/{o.pk}/agenda.pdf").status_code == 404, wie
        assert client.get(f"/oogo/{o.pk}/notulen.pdf").status_code == 404, wie


def test_the_pdf_fetches_nothing_from_the_network(swv, monkeypatch):
    """A URL in a text (or a hostile <img>) must not make the server call out while rendering."""
    import urllib.request

    pogingen = []

    def geen_netwerk(self, url, *args, **kwargs):
        pogingen.append(url)
        raise OSError("geen netwerk in de test")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", geen_netwerk)
    o, *_ = _vergadering(swv, OrganisatieFactory(swv=swv, gemeente=True))
    html = documenten.agenda_html(o) + '<img src="http://192.0.2.1/tracker.png">'
    pdf = documenten._render(html)
    assert pdf.startswith(b"%PDF")
    assert pogingen == []
