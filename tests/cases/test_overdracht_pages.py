"""Overdracht pages (issue 11): offer from the case, accept and refuse as the receiving school."""

import pytest

from cases.models import Overdracht
from cases.workflow import Status
from swv.core.models import Rol
from tests.cases.factories_casus import CasusFactory
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def opzet(swv, users):
    po = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    vo = OrganisatieFactory(swv=swv, school=True, naam="Het Lyceum")
    zorg = UserFactory(username="vo-zorg")
    LidmaatschapFactory(swv=swv, user=zorg, organisatie=vo, rol=Rol.ZORGCOORDINATOR)
    return CasusFactory(swv=swv, school=po, status=Status.IN_BEHANDELING), vo, zorg


def test_the_school_offers_and_the_receiving_school_accepts_through_the_pages(users, client_for, opzet):
    casus, vo, zorg = opzet
    ib = client_for(users[Rol.INTERN_BEGELEIDER.value])
    leeg = ib.post(f"/casussen/{casus.pk}/overdragen/", {"soort": "po_vo", "naar_school": vo.pk})
    assert leeg.status_code == 400
    assert "Dit veld is verplicht" in leeg.content.decode() or "Kies" in leeg.content.decode()
    response = ib.post(
        f"/casussen/{casus.pk}/overdragen/",
        {
            "soort": "po_vo",
            "naar_school": vo.pk,
            "delen": ["aanmelding", "plan"],
            "grondslag": "wettelijke_taak",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    overdracht = Overdracht.objects.get(casus=casus)
    ontvanger = client_for(zorg)
    lijst = ontvanger.get("/casussen/overdrachten/").content.decode()
    assert f"/casussen/overdrachten/{overdracht.pk}/accepteren/" in lijst
    assert ontvanger.get(f"/casussen/{casus.pk}/").status_code == 404
    # The sender cannot decide on its own offer.
    assert ib.post(f"/casussen/overdrachten/{overdracht.pk}/accepteren/").status_code == 403
    assert ontvanger.post(f"/casussen/overdrachten/{overdracht.pk}/accepteren/").status_code == 302
    assert ontvanger.get(f"/casussen/{casus.pk}/").status_code == 200
    assert ib.get(f"/casussen/{casus.pk}/").status_code == 200
    assert ib.get(f"/casussen/{casus.pk}/overdragen/").status_code == 403


def test_the_receiving_school_refuses_with_a_reason_through_the_page(users, client_for, opzet):
    casus, vo, zorg = opzet
    ib = users[Rol.INTERN_BEGELEIDER.value]
    from cases.services_overdracht import overdracht_aanbieden

    overdracht = overdracht_aanbieden(
        casus=casus, by=ib, soort="po_vo", naar_school=vo, delen=["aanmelding"], grondslag="wettelijke_taak"
    )
    ontvanger = client_for(zorg)
    zonder = ontvanger.post(f"/casussen/overdrachten/{overdracht.pk}/weigeren/", {"reden_weigering": ""})
    assert zonder.status_code == 400
    met = ontvanger.post(f"/casussen/overdrachten/{overdracht.pk}/weigeren/", {"reden_weigering": "Vol."})
    assert met.status_code == 302
    overdracht.refresh_from_db()
    assert overdracht.status == Overdracht.Status.GEWEIGERD
    assert ontvanger.get(f"/casussen/{casus.pk}/").status_code == 404


def test_the_pdf_dossier_has_only_the_chosen_parts_and_no_bsn(users, client_for, opzet):
    import io

    import pypdf

    from cases.services_overdracht import overdracht_aanbieden

    casus, _vo, zorg = opzet
    ib = users[Rol.INTERN_BEGELEIDER.value]
    overdracht = overdracht_aanbieden(
        casus=casus,
        by=ib,
        soort="ander_swv",
        naar_extern="SWV Elders (buiten deze installatie)",
        delen=["aanmelding"],
        grondslag="wettelijke_taak",
    )
    antwoord = client_for(ib).get(f"/casussen/overdrachten/{overdracht.pk}/dossier/")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(antwoord.content)).pages)
    assert casus.leerling.achternaam in tekst
    assert "Aanmelding" in tekst
    assert "Vastgesteld plan" not in tekst
    assert casus.leerling.bsn not in tekst.replace(" ", "")
    # Another school of the SWV sees neither the handover nor its dossier.
    assert client_for(zorg).get(f"/casussen/overdrachten/{overdracht.pk}/dossier/").status_code == 404
