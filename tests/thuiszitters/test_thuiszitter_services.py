"""Thuiszitter registrations (issue 12, part thuiszitter): the registration rules, one open registration per
pupil (also under two requests at once), who may write, the days-at-home counter, and the events on the case's
tijdlijn."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from cases.models import TijdlijnGebeurtenis
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_casus import CasusFactory
from tests.factories import LeerlingFactory
from tests.thuiszitters.factories import ThuiszitterFactory
from thuiszitters.models import Thuiszitter, ThuiszitterEvent
from thuiszitters.selectors_thuiszitter import drie_maanden_voor
from thuiszitters.services_thuiszitter import (
    thuiszitter_beeindigen,
    thuiszitter_bijwerken,
    thuiszitter_registreren,
)

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 9, 1)


def _registreer(by, leerling, **extra):
    velden = {"soort": "langdurig_relatief", "startdatum": START, **extra}
    return thuiszitter_registreren(swv=leerling.swv, by=by, leerling=leerling, **velden)


def test_a_registration_takes_the_pupils_school_and_woongemeente_and_names_who(users, leerlingen):
    coordinator = users[Rol.SWV_COORDINATOR]
    t = _registreer(coordinator, leerlingen.eigen, redenen=["psychisch", "wachtlijst"])
    t.refresh_from_db()
    assert (t.school_id, t.gemeente_id) == (leerlingen.eigen.school_id, leerlingen.gemeente.pk)
    assert t.redenen == ["psychisch", "wachtlijst"]
    assert t.geregistreerd_door == coordinator
    event = ThuiszitterEvent.objects.get(pgh_obj_id=t.pk, pgh_label="create")
    assert event.pgh_context.metadata["user"] == coordinator.pk


def test_a_vrijstelling_needs_its_article_and_only_a_vrijstelling_has_one(users, leerlingen):
    coordinator = users[Rol.SWV_COORDINATOR]
    with pytest.raises(ValidationError) as fout:
        _registreer(coordinator, leerlingen.eigen, soort="vrijstelling")
    assert fout.value.message_dict == {
        "vrijstelling_artikel": ["Kies het artikel bij een vrijstelling (en alleen dan)."]
    }
    with pytest.raises(ValidationError) as fout:
        _registreer(coordinator, leerlingen.eigen, vrijstelling_artikel="5a")
    assert "vrijstelling_artikel" in fout.value.message_dict
    t = _registreer(coordinator, leerlingen.eigen, soort="vrijstelling", vrijstelling_artikel="5a")
    assert t.get_vrijstelling_artikel_display().startswith("Artikel 5 onder a")


def test_absoluut_verzuim_has_no_school(users, leerlingen):
    coordinator = users[Rol.SWV_COORDINATOR]
    with pytest.raises(ValidationError) as fout:
        _registreer(coordinator, leerlingen.eigen, soort="absoluut", school=leerlingen.eigen.school)
    assert "nergens ingeschreven" in fout.value.message_dict["school"][0]
    t = _registreer(coordinator, leerlingen.eigen, soort="absoluut")
    assert t.school is None


def test_relatief_verzuim_at_a_school_where_the_pupil_was_not_enrolled_is_refused(users, leerlingen):
    with pytest.raises(ValidationError) as fout:
        _registreer(users[Rol.SWV_COORDINATOR], leerlingen.eigen, school=leerlingen.andere_school.school)
    assert fout.value.message_dict["school"] == [
        "De leerling stond op de startdatum niet op deze school ingeschreven."
    ]


def test_a_start_in_the_future_is_refused(users, leerlingen):
    with pytest.raises(ValidationError) as fout:
        _registreer(
            users[Rol.SWV_COORDINATOR],
            leerlingen.eigen,
            startdatum=datetime.date.today() + datetime.timedelta(days=1),
        )
    assert "startdatum" in fout.value.message_dict


def test_one_open_registration_per_pupil_and_a_new_one_after_the_end(users, leerlingen):
    coordinator = users[Rol.SWV_COORDINATOR]
    eerste = _registreer(coordinator, leerlingen.eigen)
    with pytest.raises(ValidationError) as fout:
        _registreer(coordinator, leerlingen.eigen)
    assert fout.value.message_dict == {"leerling": ["Deze leerling staat al als thuiszitter geregistreerd."]}
    thuiszitter_beeindigen(
        by=coordinator,
        thuiszitter=eerste,
        einddatum=datetime.date(2026, 10, 1),
        reden_einde="terug_naar_school",
    )
    assert _registreer(coordinator, leerlingen.eigen, startdatum=datetime.date(2026, 11, 1)).pk != eerste.pk


@pytest.mark.django_db(transaction=True)
def test_two_registrations_at_the_same_moment_make_one_and_the_other_gets_the_dutch_error(users, leerlingen):
    coordinator, lpa = users[Rol.SWV_COORDINATOR], users[Rol.LEERPLICHTAMBTENAAR]
    uitkomsten: list = []
    start = threading.Barrier(2)

    def registreer(by) -> None:
        try:
            start.wait()
            uitkomsten.append(_registreer(by, leerlingen.eigen))
        except ValidationError as exc:
            uitkomsten.append(exc.message_dict)
        finally:
            connection.close()

    draden = [threading.Thread(target=registreer, args=(by,)) for by in (coordinator, lpa)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert Thuiszitter.objects.filter(leerling=leerlingen.eigen).count() == 1
    fouten = [u for u in uitkomsten if isinstance(u, dict)]
    assert fouten == [{"leerling": ["Deze leerling staat al als thuiszitter geregistreerd."]}]


@pytest.mark.parametrize("rol", [Rol.INTERN_BEGELEIDER, Rol.KETENPARTNER, Rol.BESTUURDER, Rol.BEHEERDER])
def test_a_school_and_the_other_roles_do_not_register(users, leerlingen, rol):
    with pytest.raises(PermissionDenied):
        _registreer(users[rol], leerlingen.eigen)
    assert not Thuiszitter.objects.exists()


def test_leerplicht_registers_for_its_own_gemeente_only(users, leerlingen):
    lpa = users[Rol.LEERPLICHTAMBTENAAR]
    assert _registreer(lpa, leerlingen.eigen).gemeente_id == leerlingen.gemeente.pk
    with pytest.raises(PermissionDenied):
        _registreer(lpa, leerlingen.andere_school)


def test_leerplicht_of_another_gemeente_does_not_change_a_registration(users, leerlingen):
    t = _registreer(users[Rol.SWV_COORDINATOR], leerlingen.andere_school)
    with pytest.raises(PermissionDenied):
        thuiszitter_bijwerken(by=users[Rol.LEERPLICHTAMBTENAAR], thuiszitter=t, perspectief="x")


def test_a_pupil_of_another_swv_is_refused(users, leerlingen):
    with pytest.raises(ValidationError):
        thuiszitter_registreren(
            swv=leerlingen.eigen.swv,
            by=users[Rol.SWV_COORDINATOR],
            leerling=leerlingen.ander_swv,
            soort="absoluut",
            startdatum=START,
            gemeente=leerlingen.gemeente,
        )


def test_update_and_end_change_the_registration_and_an_ended_one_stays_as_it_is(users, leerlingen):
    lpa = users[Rol.LEERPLICHTAMBTENAAR]
    t = _registreer(lpa, leerlingen.eigen)
    t = thuiszitter_bijwerken(
        by=lpa,
        thuiszitter=t,
        perspectief="Terug naar school na de herfstvakantie.",
        doorzettingsmacht="gemeente",
        doorzettingsmacht_persoon="Wethouder onderwijs",
        redenen=["gedrag"],
    )
    assert (t.doorzettingsmacht, t.redenen) == ("gemeente", ["gedrag"])
    with pytest.raises(ValidationError) as fout:
        thuiszitter_bijwerken(by=lpa, thuiszitter=t, aanbod="Herstart")
    assert "aanbod_vanaf" in fout.value.message_dict
    t = thuiszitter_beeindigen(
        by=lpa, thuiszitter=t, einddatum=datetime.date(2026, 11, 1), reden_einde="onderwijs_zorg"
    )
    with pytest.raises(ValidationError):
        thuiszitter_bijwerken(by=lpa, thuiszitter=t, perspectief="later")
    with pytest.raises(ValidationError):
        thuiszitter_beeindigen(
            by=lpa, thuiszitter=t, einddatum=datetime.date(2026, 11, 2), reden_einde="overig"
        )
    assert Thuiszitter.objects.get(pk=t.pk).reden_einde == "onderwijs_zorg"


def test_the_events_are_on_the_tijdlijn_of_the_pupils_open_case(users, leerlingen):
    casus = CasusFactory(swv=leerlingen.eigen.swv, leerling=leerlingen.eigen, status="in_behandeling")
    coordinator = users[Rol.SWV_COORDINATOR]
    t = _registreer(coordinator, leerlingen.eigen)
    assert t.casus == casus
    t = thuiszitter_bijwerken(
        by=coordinator, thuiszitter=t, aanbod="Herstart-traject", aanbod_vanaf=datetime.date(2026, 11, 2)
    )
    thuiszitter_beeindigen(
        by=coordinator, thuiszitter=t, einddatum=datetime.date(2026, 11, 2), reden_einde="onderwijs_zorg"
    )
    titels = list(
        TijdlijnGebeurtenis.objects.filter(casus=casus, bron="thuiszitters")
        .order_by("op", "pk")
        .values_list("titel", flat=True)
    )
    assert titels == [
        "Geregistreerd als thuiszitter (Langdurig relatief verzuim)",
        "Aanbod gevonden voor thuiszitter (vanaf 02-11-2026)",
        "Thuiszitterregistratie beëindigd: Combinatie van onderwijs en zorg",
    ]
    gebeurtenis = TijdlijnGebeurtenis.objects.filter(casus=casus, bron="thuiszitters").first()
    assert (gebeurtenis.object_type, gebeurtenis.object_id, gebeurtenis.door) == (
        "thuiszitters.thuiszitter",
        str(t.pk),
        coordinator,
    )


def test_the_tijdlijn_events_show_on_the_case_page(users, leerlingen, client_for):
    casus = CasusFactory(swv=leerlingen.eigen.swv, leerling=leerlingen.eigen, status="in_behandeling")
    _registreer(users[Rol.SWV_COORDINATOR], leerlingen.eigen)
    response = client_for(users[Rol.INTERN_BEGELEIDER]).get(f"/casussen/{casus.pk}/tijdlijn/")
    assert response.status_code == 200
    assert "Geregistreerd als thuiszitter" in response.content.decode()


def test_a_pupil_without_a_case_gets_its_case_linked_at_a_later_event(users, leerlingen):
    coordinator = users[Rol.SWV_COORDINATOR]
    t = _registreer(coordinator, leerlingen.eigen)
    assert t.casus is None
    assert not TijdlijnGebeurtenis.objects.exists()
    casus = CasusFactory(swv=leerlingen.eigen.swv, leerling=leerlingen.eigen, status="aangemeld")
    thuiszitter_beeindigen(
        by=coordinator, thuiszitter=t, einddatum=datetime.date(2026, 10, 1), reden_einde="zorg"
    )
    assert Thuiszitter.objects.get(pk=t.pk).casus == casus
    assert TijdlijnGebeurtenis.objects.filter(casus=casus, bron="thuiszitters").count() == 1


def test_a_chosen_case_must_be_about_the_pupil(users, leerlingen):
    andere = CasusFactory(swv=leerlingen.eigen.swv, leerling=leerlingen.andere_school, status="aangemeld")
    with pytest.raises(ValidationError) as fout:
        _registreer(users[Rol.SWV_COORDINATOR], leerlingen.eigen, casus=andere)
    assert "casus" in fout.value.message_dict


def test_days_at_home_count_to_today_or_to_the_end_date(leerlingen):
    t = ThuiszitterFactory(leerling=leerlingen.eigen, startdatum=datetime.date(2026, 9, 1))
    assert t.dagen_thuis(datetime.date(2026, 9, 1)) == 0
    assert t.dagen_thuis(datetime.date(2026, 12, 1)) == 91
    t.einddatum = datetime.date(2026, 9, 29)
    assert t.dagen_thuis(datetime.date(2026, 12, 1)) == 28


@pytest.mark.parametrize(
    ("op", "grens"),
    [
        (datetime.date(2026, 12, 1), datetime.date(2026, 9, 1)),
        (datetime.date(2026, 5, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2026, 2, 15), datetime.date(2025, 11, 15)),
    ],
)
def test_three_months_are_calendar_months(op, grens):
    assert drie_maanden_voor(op) == grens


def test_the_school_of_the_registration_sees_it_and_another_school_not(users, leerlingen):
    t = ThuiszitterFactory(leerling=leerlingen.eigen)
    anders = ThuiszitterFactory(leerling=LeerlingFactory(swv=leerlingen.eigen.swv))
    school_user = users[Rol.ZORGCOORDINATOR]
    assert Lidmaatschap.objects.get(user=school_user).organisatie_id == t.school_id
    assert list(Thuiszitter.objects.visible_to(school_user)) == [t]
    assert anders not in Thuiszitter.objects.visible_to(users[Rol.LEERPLICHTAMBTENAAR])
