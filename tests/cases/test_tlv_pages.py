"""TLV pages: request, advices and decision without JavaScript, the school sees its pupil's TLV (not the
advices' texts), the decision letter, the check by BSN from another SWV (validity only), and a save against
someone else's change refused with what changed."""

import datetime
import io

import pypdf
import pytest

from cases.models import Ouder, Tlv
from swv.audit.models import AuditEvent
from swv.core.models import Rol
from tests.cases.factories_plan import maak_casus
from tests.cases.factories_tlv import geef_adviezen, maak_aanvraag, school_van
from tests.factories import (
    LidmaatschapFactory,
    OrganisatieFactory,
    PersoonFactory,
    SamenwerkingsverbandFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def test_coordinator_requests_deskundigen_advise_and_the_coordinator_decides(swv, users, client_for):
    casus = maak_casus(swv, school=school_van(users))
    coordinator = client_for(users[Rol.SWV_COORDINATOR])
    antwoord = coordinator.post(
        f"/casussen/{casus.pk}/tlv/aanvragen/",
        {
            "soort": "so",
            "cluster": "4",
            "bekostigingscategorie": "midden",
            "onderbouwing": "Kleine groep nodig.",
        },
    )
    tlv = Tlv.objects.get(casus=casus)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"/casussen/tlv/{tlv.pk}/"

    deskundige = client_for(users[Rol.SWV_DESKUNDIGE])
    antwoord = deskundige.post(
        f"/casussen/tlv/{tlv.pk}/advies/",
        {
            "discipline": "orthopedagoog",
            "datum": "2026-10-01",
            "uitkomst": "positief",
            "advies": "Toelaatbaar.",
        },
    )
    assert antwoord.status_code == 302
    # With one advice the decision is refused, with the reason, and what was typed stays in the form.
    besluit = {"toekennen": "ja", "schooljaren": "2", "motivering": "Het SO biedt de structuur die nodig is."}
    antwoord = coordinator.post(f"/casussen/tlv/{tlv.pk}/besluit/", besluit)
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Het advies van een tweede deskundige ontbreekt" in html
    assert "Het SO biedt de structuur die nodig is." in html
    persoon = PersoonFactory(swv=swv)
    antwoord = coordinator.post(
        f"/casussen/tlv/{tlv.pk}/advies/",
        {
            "discipline": "arts",
            "datum": "2026-10-02",
            "uitkomst": "positief",
            "advies": "Medisch gezien passend.",
            "deskundige_persoon": persoon.pk,
        },
    )
    assert antwoord.status_code == 302
    antwoord = coordinator.post(f"/casussen/tlv/{tlv.pk}/besluit/", {**besluit, "besluitdatum": "2026-11-02"})
    assert antwoord.status_code == 302
    tlv.refresh_from_db()
    assert tlv.beschikkingsnummer == "PO9801-2026-00001"
    assert (tlv.ingangsdatum, tlv.einddatum) == (D(2026, 11, 2), D(2029, 7, 31))
    pagina = coordinator.get(f"/casussen/tlv/{tlv.pk}/").content.decode()
    assert "PO9801-2026-00001" in pagina
    assert "Medisch gezien passend." in pagina


def test_the_school_sees_its_pupils_tlv_without_the_advices_texts_and_cannot_decide(swv, users, client_for):
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users)
    school = client_for(users[Rol.INTERN_BEGELEIDER])
    lijst = school.get("/casussen/tlv/").content.decode()
    assert f"/casussen/tlv/{tlv.pk}/" in lijst
    pagina = school.get(f"/casussen/tlv/{tlv.pk}/").content.decode()
    assert "Orthopedagoog" in pagina
    assert "de ondersteuningsbehoefte overstijgt de basisschool" not in pagina
    assert school.get(f"/casussen/tlv/{tlv.pk}/besluit/").status_code == 403
    assert school.get(f"/casussen/tlv/{tlv.pk}/advies/").status_code == 403
    # Another school of the same SWV does not see it.
    andere_school = OrganisatieFactory(swv=swv, school=True)
    ib = UserFactory()
    LidmaatschapFactory(swv=swv, user=ib, organisatie=andere_school, rol=Rol.INTERN_BEGELEIDER)
    assert client_for(ib).get(f"/casussen/tlv/{tlv.pk}/").status_code == 404


def test_the_decision_letter_has_the_period_and_the_bezwaar_term_and_no_bsn(swv, users, client_for):
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users)
    Ouder.objects.create(
        swv=swv, leerling=tlv.leerling, voornaam="Fenna", achternaam="Bakker", relatie="moeder"
    )
    from cases.services_tlv import tlv_besluiten

    tlv_besluiten(
        tlv=tlv,
        by=users[Rol.SWV_COORDINATOR],
        toekennen=True,
        motivering="Past.",
        besluitdatum=D(2026, 11, 2),
    )
    antwoord = client_for(users[Rol.SWV_COORDINATOR]).get(f"/casussen/tlv/{tlv.pk}/pdf/")
    assert antwoord["Content-Type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(antwoord.content)).pages)
    tekst = " ".join(tekst.split())
    assert "PO9801-2026-00001" in tekst
    assert "2 november 2026 tot en met 31 juli 2028" in tekst
    assert "Fenna Bakker" in tekst
    assert "binnen zes weken" in tekst
    assert tlv.leerling.bsn not in tekst.replace(" ", "")


def test_a_school_of_another_swv_checks_a_tlv_by_bsn_and_sees_validity_only(swv, users, client_for):
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users)
    from cases.services_tlv import tlv_besluiten

    tlv = tlv_besluiten(
        tlv=tlv, by=users[Rol.SWV_COORDINATOR], toekennen=True, motivering="Zeer vertrouwelijk."
    )
    assert tlv.beschikkingsnummer
    elders = SamenwerkingsverbandFactory(code="PO9807")
    zorgcoordinator = UserFactory()
    LidmaatschapFactory(
        swv=elders,
        user=zorgcoordinator,
        organisatie=OrganisatieFactory(swv=elders, school=True),
        rol=Rol.ZORGCOORDINATOR,
    )
    client = client_for(zorgcoordinator)
    # The pages of the TLV itself stay closed to the other SWV.
    assert client.get(f"/casussen/tlv/{tlv.pk}/").status_code == 404
    antwoord = client.post("/casussen/tlv/controleren/", {"nummer": tlv.leerling.bsn})
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Speciaal onderwijs (SO)" in html
    assert "Midden (categorie 2)" in html
    assert "31 juli" in html
    for geheim in (
        tlv.leerling.achternaam,
        tlv.leerling.bsn,
        tlv.beschikkingsnummer,
        "Zeer vertrouwelijk",
        swv.naam,
        tlv.casus.school.naam,
    ):
        assert geheim not in html, geheim
    # The check is logged as a read of the pupil, without the number.
    rij = AuditEvent.objects.filter(object_type="cases.tlv", object_id="controle").get()
    assert rij.leerling_id == tlv.leerling_id
    assert tlv.leerling.bsn not in rij.reason
    # An unknown pupil and a pupil without a TLV get the same answer.
    onbekend = client.post("/casussen/tlv/controleren/", {"nummer": "111222333"}).content.decode()
    assert "Er is geen geldige TLV gevonden voor dit nummer." in onbekend
    ongeldig = client.post("/casussen/tlv/controleren/", {"nummer": "123"})
    assert ongeldig.status_code == 400


def test_an_expired_or_refused_tlv_is_not_shown_by_the_check(swv, users, client_for):
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users, datum=D(2024, 9, 1))
    from cases.services_tlv import tlv_besluiten

    tlv_besluiten(
        tlv=tlv,
        by=users[Rol.SWV_COORDINATOR],
        toekennen=True,
        motivering="Past.",
        besluitdatum=D(2024, 9, 2),
        ingangsdatum=D(2024, 9, 2),
    )  # valid until 31 July 2026: expired now
    html = client_for(users[Rol.ZORGCOORDINATOR]).post(
        "/casussen/tlv/controleren/", {"nummer": tlv.leerling.bsn}
    )
    assert "Er is geen geldige TLV gevonden" in html.content.decode()


def test_a_ketenpartner_in_the_team_sees_no_tlv(swv, users, client_for):
    tlv = maak_aanvraag(swv, users)
    for rol in (Rol.KETENPARTNER, Rol.LEERPLICHTAMBTENAAR, Rol.BESTUURDER):
        assert client_for(users[rol]).get(f"/casussen/tlv/{tlv.pk}/").status_code == 404


def test_saving_a_request_someone_else_changed_meanwhile_is_refused_with_what_changed(swv, users, client_for):
    tlv = maak_aanvraag(swv, users)
    url = f"/casussen/tlv/{tlv.pk}/wijzigen/"
    coordinator = client_for(users[Rol.SWV_COORDINATOR])
    versie = coordinator.get(url).context["form"]["versie"].value()
    school = client_for(users[Rol.ZORGCOORDINATOR])
    school_versie = school.get(url).context["form"]["versie"].value()
    basis = {"soort": "so", "cluster": "4", "bekostigingscategorie": "midden"}
    assert (
        school.post(url, {**basis, "onderbouwing": "Door de school", "versie": school_versie}).status_code
        == 302
    )
    antwoord = coordinator.post(url, {**basis, "onderbouwing": "Door het SWV", "versie": versie})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Door het SWV" in html
    tlv.refresh_from_db()
    assert tlv.onderbouwing == "Door de school"


def test_the_tlv_list_page_and_api_cost_the_same_queries_for_1_and_10_tlvs(swv, users, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coordinator = client_for(users[Rol.SWV_COORDINATOR])

    def tel(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert coordinator.get(url).status_code == 200
        return len(ctx.captured_queries)

    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users)
    een = (tel("/casussen/tlv/"), tel("/api/v1/tlvs"))
    for _ in range(9):
        geef_adviezen(maak_aanvraag(swv, users), users)
    assert (tel("/casussen/tlv/"), tel("/api/v1/tlvs")) == een
