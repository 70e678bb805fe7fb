"""Verzuimmeldingen (issue 12): the school reports, leerplicht of the woongemeente handles, the workflow is
kept, a change nobody saw is refused, and the pupil's open case gets the events on its tijdlijn."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from cases.models import Inschrijving, TijdlijnGebeurtenis
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_casus import CasusFactory
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory
from thuiszitters.models import Verzuimmelding
from thuiszitters.services_melding import (
    melding_bijwerken,
    melding_indienen,
    melding_status,
    notitie_toevoegen,
)

pytestmark = pytest.mark.django_db

VELDEN = {
    "begindatum": datetime.date(2026, 10, 5),
    "vermoedelijke_soort": "zestien_uur",
    "vermoedelijke_reden": "Spijbelt op maandag en vrijdag.",
    "alle_lessen_gemist": False,
    "actie_school": "Gesprek met ouders op 1 oktober.",
    "melder_naam": "Fleur de Vries",
    "melder_functie": "Verzuimcoördinator",
}


@pytest.fixture
def leerling(leerlingen, users):
    school = Lidmaatschap.objects.get(user=users[Rol.INTERN_BEGELEIDER]).organisatie
    Inschrijving.objects.create(
        swv=school.swv, leerling=leerlingen.eigen, school=school, ingeschreven_op=datetime.date(2026, 8, 1)
    )
    return leerlingen.eigen


def test_the_school_reports_and_the_melding_holds_the_school_part(users, leerling):
    melding = melding_indienen(by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden=VELDEN)
    opgeslagen = Verzuimmelding.objects.get(pk=melding.pk)
    assert opgeslagen.status == "geregistreerd"
    assert opgeslagen.school_id == leerling.school_id
    assert opgeslagen.actie_school == VELDEN["actie_school"]
    assert opgeslagen.ingediend_door == users[Rol.INTERN_BEGELEIDER]


@pytest.mark.parametrize("rol", [Rol.SWV_COORDINATOR, Rol.LEERPLICHTAMBTENAAR, Rol.KETENPARTNER])
def test_only_a_school_reports(users, leerling, rol):
    with pytest.raises(PermissionDenied):
        melding_indienen(by=users[rol], leerling=leerling, velden=VELDEN)
    assert not Verzuimmelding.objects.exists()


def test_a_pupil_not_enrolled_at_the_school_on_the_begindatum_is_refused(users, leerling):
    with pytest.raises(ValidationError) as fout:
        melding_indienen(
            by=users[Rol.INTERN_BEGELEIDER],
            leerling=leerling,
            velden={**VELDEN, "begindatum": datetime.date(2026, 7, 1)},
        )
    assert "begindatum" in fout.value.message_dict


def test_missing_required_fields_are_named(users, leerling):
    with pytest.raises(ValidationError) as fout:
        melding_indienen(
            by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden={"begindatum": VELDEN["begindatum"]}
        )
    assert {"vermoedelijke_soort", "melder_naam"} <= set(fout.value.message_dict)


def test_unknown_fields_are_refused(users, leerling):
    with pytest.raises(ValidationError):
        melding_indienen(
            by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden={**VELDEN, "status": "afgesloten"}
        )


def test_leerplicht_handles_and_closes_with_a_reason(users, leerling):
    melding = melding_indienen(by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden=VELDEN)
    lpa = users[Rol.LEERPLICHTAMBTENAAR]
    melding = melding_status(by=lpa, melding=melding, naar="in_behandeling", van="geregistreerd")
    assert melding.contactpersoon == lpa
    with pytest.raises(ValidationError) as fout:
        melding_status(by=lpa, melding=melding, naar="afgesloten")
    assert "reden_afgesloten" in fout.value.message_dict
    melding = melding_status(
        by=lpa,
        melding=melding,
        naar="afgesloten",
        reden_afgesloten="terug_naar_school",
        toelichting="Weer op school.",
    )
    opgeslagen = Verzuimmelding.objects.get(pk=melding.pk)
    assert (opgeslagen.status, opgeslagen.reden_afgesloten) == ("afgesloten", "terug_naar_school")
    assert opgeslagen.afgehandeld_op is not None
    assert opgeslagen.toelichting_gemeente == "Weer op school."


def test_a_closed_melding_is_final_and_the_error_says_so(users, leerling):
    melding = melding_indienen(by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden=VELDEN)
    lpa = users[Rol.LEERPLICHTAMBTENAAR]
    melding_status(by=lpa, melding=melding, naar="ter_kennisneming")
    with pytest.raises(ValidationError) as fout:
        melding_status(by=lpa, melding=melding, naar="in_behandeling")
    assert fout.value.error_dict["status"][0].code == "afgerond"
    assert "Deze melding is ter kennisneming aangenomen en verandert niet meer." in str(fout.value)


@pytest.mark.parametrize("eind", ["afgesloten", "ingetrokken", "ter_kennisneming"])
def test_one_rule_for_a_final_melding_nothing_changes_only_a_note_is_added(users, leerling, eind):
    """services_melding.controleer_wijzigbaar: no status step and no gemeente part after a final status (the
    API and the page both write through melding_status / melding_bijwerken); a note is still added."""
    ib, lpa = users[Rol.INTERN_BEGELEIDER], users[Rol.LEERPLICHTAMBTENAAR]
    melding = melding_indienen(by=ib, leerling=leerling, velden=VELDEN)
    melding_status(
        by=ib if eind == "ingetrokken" else lpa,
        melding=melding,
        naar=eind,
        reden_afgesloten="werk" if eind == "afgesloten" else "",
        toelichting="Vastgelegd." if eind != "ingetrokken" else "",
    )
    voor = Verzuimmelding.objects.get(pk=melding.pk)
    pogingen = [
        lambda: melding_bijwerken(by=lpa, melding=melding, toelichting="Nog iets."),
        lambda: melding_bijwerken(by=lpa, melding=melding, contactpersoon=None),
        lambda: melding_status(by=lpa, melding=melding, naar="in_behandeling"),
        lambda: melding_status(by=ib, melding=melding, naar="ingetrokken"),
    ]
    for poging in pogingen:
        with pytest.raises(ValidationError) as fout:
            poging()
        assert fout.value.error_dict["status"][0].code == "afgerond"
        assert "verandert niet meer. Een nieuwe situatie is een nieuwe melding." in fout.value.messages[0]
    na = Verzuimmelding.objects.get(pk=melding.pk)
    assert (na.status, na.toelichting_gemeente, na.contactpersoon_id) == (
        voor.status,
        voor.toelichting_gemeente,
        voor.contactpersoon_id,
    )
    notitie = notitie_toevoegen(
        by=lpa, melding=melding, soort="notitie", datum=datetime.date(2026, 11, 2), tekst="Later gebeld."
    )
    assert notitie.melding_id == melding.pk


def test_melding_bijwerken_checks_the_contactpersoon_and_the_status_seen(users, leerling, swv):
    lpa = users[Rol.LEERPLICHTAMBTENAAR]
    melding = melding_indienen(by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden=VELDEN)
    vreemde = UserFactory()
    LidmaatschapFactory(
        swv=swv,
        user=vreemde,
        organisatie=OrganisatieFactory(swv=swv, gemeente=True),
        rol=Rol.LEERPLICHTAMBTENAAR,
    )
    with pytest.raises(ValidationError) as fout:
        melding_bijwerken(by=lpa, melding=melding, contactpersoon=vreemde)
    assert "contactpersoon" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        melding_bijwerken(by=lpa, melding=melding, toelichting="x", van="in_behandeling")
    assert fout.value.error_dict["status"][0].code == "gewijzigd"
    bijgewerkt = melding_bijwerken(by=lpa, melding=melding, toelichting="Gebeld.", contactpersoon=lpa)
    assert (bijgewerkt.toelichting_gemeente, bijgewerkt.contactpersoon) == ("Gebeld.", lpa)
    # ZELF (the default) leaves the contactpersoon; None clears it.
    assert melding_bijwerken(by=lpa, melding=melding, toelichting="Weer gebeld.").contactpersoon == lpa
    assert melding_bijwerken(by=lpa, melding=melding, contactpersoon=None).contactpersoon is None
    with pytest.raises(PermissionDenied):
        melding_bijwerken(by=users[Rol.INTERN_BEGELEIDER], melding=melding, toelichting="x")


def test_the_school_withdraws_only_while_nobody_handles_it(users, leerling):
    ib, lpa = users[Rol.INTERN_BEGELEIDER], users[Rol.LEERPLICHTAMBTENAAR]
    eerste = melding_indienen(by=ib, leerling=leerling, velden=VELDEN)
    assert melding_status(by=ib, melding=eerste, naar="ingetrokken").status == "ingetrokken"
    tweede = melding_indienen(by=ib, leerling=leerling, velden=VELDEN)
    melding_status(by=lpa, melding=tweede, naar="in_behandeling")
    with pytest.raises(ValidationError):
        melding_status(by=ib, melding=tweede, naar="ingetrokken")
    # And the school does not do leerplicht's steps.
    derde = melding_indienen(by=ib, leerling=leerling, velden=VELDEN)
    with pytest.raises(ValidationError):
        melding_status(by=ib, melding=derde, naar="in_behandeling")


def test_leerplicht_of_another_gemeente_and_another_school_may_not(swv, users, leerling):
    melding = melding_indienen(by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden=VELDEN)
    leerling.woongemeente = OrganisatieFactory(swv=swv, gemeente=True)
    leerling.save(update_fields=["woongemeente"])
    with pytest.raises(PermissionDenied):
        melding_status(by=users[Rol.LEERPLICHTAMBTENAAR], melding=melding, naar="in_behandeling")
    andere_school = OrganisatieFactory(swv=swv, school=True)
    Lidmaatschap.objects.filter(user=users[Rol.ZORGCOORDINATOR]).update(organisatie=andere_school)
    with pytest.raises(PermissionDenied):
        melding_status(by=users[Rol.ZORGCOORDINATOR], melding=melding, naar="ingetrokken")
    assert Verzuimmelding.objects.get(pk=melding.pk).status == "geregistreerd"


def test_a_change_the_user_did_not_see_is_refused(users, leerling):
    melding = melding_indienen(by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden=VELDEN)
    lpa = users[Rol.LEERPLICHTAMBTENAAR]
    melding_status(by=lpa, melding=melding, naar="in_behandeling")
    with pytest.raises(ValidationError) as fout:
        melding_status(by=lpa, melding=melding, naar="ter_kennisneming", van="geregistreerd")
    assert fout.value.error_dict["status"][0].code == "gewijzigd"
    assert Verzuimmelding.objects.get(pk=melding.pk).status == "in_behandeling"


@pytest.mark.django_db(transaction=True)
def test_two_handlers_at_the_same_moment_are_decided_one_after_the_other(users, leerling):
    melding = melding_indienen(by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden=VELDEN)
    lpa = users[Rol.LEERPLICHTAMBTENAAR]
    uitkomsten: list[str] = []
    start = threading.Barrier(2)

    def behandel(naar: str) -> None:
        try:
            start.wait()
            melding_status(
                by=lpa,
                melding=melding,
                naar=naar,
                van="geregistreerd",
                reden_afgesloten="terug_naar_school" if naar == "afgesloten" else "",
            )
            uitkomsten.append("ok")
        except ValidationError as exc:
            uitkomsten.append(exc.error_dict["status"][0].code or "fout")
        finally:
            connection.close()

    draden = [threading.Thread(target=behandel, args=(naar,)) for naar in ("in_behandeling", "afgesloten")]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert sorted(uitkomsten) == ["gewijzigd", "ok"]


def test_the_pupils_open_case_gets_the_events_on_its_tijdlijn(users, leerling):
    open_casus = CasusFactory(leerling=leerling, status="in_behandeling")
    gesloten = CasusFactory(
        leerling=leerling, status="afgesloten", school=OrganisatieFactory(swv=leerling.swv, school=True)
    )
    melding = melding_indienen(by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden=VELDEN)
    melding_status(by=users[Rol.LEERPLICHTAMBTENAAR], melding=melding, naar="in_behandeling")
    titels = list(
        TijdlijnGebeurtenis.objects.filter(casus=open_casus, bron="thuiszitters")
        .order_by("op")
        .values_list("titel", flat=True)
    )
    assert titels == [
        "Verzuimmelding gedaan (16 uur in 4 opeenvolgende lesweken)",
        "Verzuimmelding: In behandeling",
    ]
    assert not TijdlijnGebeurtenis.objects.filter(casus=gesloten, bron="thuiszitters").exists()


def test_a_pupil_without_a_case_gets_a_melding_without_tijdlijn(users, leerling):
    melding_indienen(by=users[Rol.INTERN_BEGELEIDER], leerling=leerling, velden=VELDEN)
    assert not TijdlijnGebeurtenis.objects.filter(bron="thuiszitters").exists()
