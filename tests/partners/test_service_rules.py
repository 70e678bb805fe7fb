"""The rules the partner services enforce, asserted on the exact Dutch error and on what is stored.

Written to kill the mutants `make mutation` found surviving (docs/quality.md): an update that skips
full_clean, a tenancy check on the wrong SWV or field, a history row that forgets who wrote. Everything
goes through the public services, so the tests hold when shared helpers move into swv/core.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partners import services
from partners.models import Afspraak, Organisatie, Sleutelfiguur, Voorziening
from swv.audit.models import AfspraakEvent, OrganisatieEvent, SleutelfiguurEvent, VoorzieningEvent
from swv.core.api.authentication import ApiClientUser
from swv.core.models import Rol
from tests.factories import (
    AfspraakFactory,
    ApiClientFactory,
    OrganisatieFactory,
    PersoonFactory,
    SamenwerkingsverbandFactory,
    SleutelfiguurFactory,
    VoorzieningFactory,
)

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2026, 11, 23)
ANDER_SWV = "Een van de gekozen organisaties hoort bij een ander samenwerkingsverband."


@pytest.fixture
def coordinator(users):
    return users[Rol.SWV_COORDINATOR]


def fouten(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def schrijver(event_model, obj, label: str = "update") -> dict:
    """pghistory's context of the newest `label` row of `obj`: who wrote it."""
    return (
        event_model.objects.filter(pgh_obj_id=obj.pk, pgh_label=label).latest("pgh_id").pgh_context.metadata
    )


def twee_geen_gemeenten(swv):
    return [
        OrganisatieFactory(swv=swv, ggd=True, naam="GGD Noord"),
        OrganisatieFactory(swv=swv, wijkteam=True, naam="Wijkteam Zuid"),
    ]


def geen_gemeenten_fout(veld: str) -> dict[str, list[str]]:
    return {veld: ["Kies alleen gemeenten; dit zijn geen gemeenten: GGD Noord, Wijkteam Zuid."]}


# --- organisaties ---


def test_an_organisation_update_is_cleaned_and_a_bad_code_is_not_stored(swv, coordinator):
    school = OrganisatieFactory(swv=swv, school=True)
    code = school.code
    with pytest.raises(ValidationError) as e:
        services.organisatie_update(organisatie=school, by=coordinator, code="XX1200")
    assert "code" in fouten(e)
    school.refresh_from_db()
    assert school.code == code


def test_a_werkgebied_update_refuses_other_swvs_non_gemeenten_and_the_gemeente_itself(swv, coordinator):
    eigen = OrganisatieFactory(swv=swv, werkgebied_gemeente=True)
    ggd = OrganisatieFactory(swv=swv, ggd=True)
    services.organisatie_update(organisatie=ggd, by=coordinator, werkgebied=[eigen])

    elders = OrganisatieFactory(swv=SamenwerkingsverbandFactory(), gemeente=True)
    with pytest.raises(ValidationError) as e:
        services.organisatie_update(organisatie=ggd, by=coordinator, werkgebied=[elders])
    assert fouten(e) == {"werkgebied": [ANDER_SWV]}
    with pytest.raises(ValidationError) as e:
        services.organisatie_update(organisatie=ggd, by=coordinator, werkgebied=twee_geen_gemeenten(swv))
    assert fouten(e) == geen_gemeenten_fout("werkgebied")
    with pytest.raises(ValidationError) as e:
        services.organisatie_update(organisatie=eigen, by=coordinator, werkgebied=[eigen])
    assert fouten(e) == {"werkgebied": ["Een gemeente kan niet haar eigen werkgebied zijn."]}
    assert list(ggd.werkgebied.all()) == [eigen]
    assert not eigen.werkgebied.exists()


def test_organisation_updates_and_endings_name_the_writer_in_the_history(swv, coordinator):
    ggd = OrganisatieFactory(swv=swv, ggd=True)
    services.organisatie_update(organisatie=ggd, by=coordinator, plaats="Lindedal")
    assert schrijver(OrganisatieEvent, ggd) == {"user": coordinator.pk}
    services.organisatie_beeindigen(organisatie=ggd, by=coordinator, per=VANDAAG)
    assert schrijver(OrganisatieEvent, ggd)["user"] == coordinator.pk
    assert OrganisatieEvent.objects.filter(pgh_obj_id=ggd.pk, pgh_label="update").count() == 2


def test_a_service_names_the_fields_it_refuses():
    with pytest.raises(TypeError, match=r"^Onbekende of niet wijzigbare velden: swv_id, zomaar$"):
        services.organisatie_update(organisatie=Organisatie(), by=None, zomaar=1, swv_id=2)


# --- sleutelfiguren ---


def test_a_role_cannot_be_added_at_an_organisation_of_another_swv(swv, coordinator):
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_create(
            swv=swv,
            organisatie=OrganisatieFactory(swv=SamenwerkingsverbandFactory()),
            voornaam="Fleur",
            achternaam="de Wit",
            functie="Jeugdarts",
            niveau="uitvoering",
            by=coordinator,
        )
    assert fouten(e) == {"organisatie": ["Deze organisatie hoort bij een ander samenwerkingsverband."]}
    assert not Sleutelfiguur.objects.exists()


def test_a_person_id_of_another_swv_is_as_unknown_as_a_missing_one(swv, coordinator):
    vreemd = PersoonFactory(swv=SamenwerkingsverbandFactory())
    for persoon_id in (vreemd.pk, 999_999):
        with pytest.raises(ValidationError) as e:
            services.sleutelfiguur_create(
                organisatie=OrganisatieFactory(swv=swv),
                persoon_id=persoon_id,
                functie="A",
                niveau="uitvoering",
                by=coordinator,
            )
        assert fouten(e) == {"persoon": ["Deze persoon bestaat niet (meer) in dit samenwerkingsverband."]}
    assert not Sleutelfiguur.objects.exists()


def test_a_role_goes_to_the_person_asked_for_and_never_to_a_person_of_another_swv(swv, coordinator):
    # The other person sorts first, so a look-up that ignored the id would pick them.
    PersoonFactory(swv=swv, achternaam="Aalders")
    gevraagd = PersoonFactory(swv=swv, achternaam="Zwart")
    rol = services.sleutelfiguur_create(
        organisatie=OrganisatieFactory(swv=swv),
        persoon_id=gevraagd.pk,
        functie="A",
        niveau="uitvoering",
        by=coordinator,
    )
    opgeslagen = Sleutelfiguur.objects.get(pk=rol.pk)
    assert (opgeslagen.persoon, opgeslagen.telefoon, opgeslagen.email) == (gevraagd, "", "")
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_create(
            organisatie=OrganisatieFactory(swv=swv),
            persoon=PersoonFactory(swv=SamenwerkingsverbandFactory()),
            functie="A",
            niveau="uitvoering",
            by=coordinator,
        )
    assert fouten(e) == {"persoon": ["Deze persoon hoort bij een ander samenwerkingsverband."]}
    assert Sleutelfiguur.objects.count() == 1


def test_a_new_role_without_a_first_name_is_refused_on_that_field(swv, coordinator):
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_create(
            organisatie=OrganisatieFactory(swv=swv),
            achternaam="de Wit",
            functie="Jeugdarts",
            niveau="uitvoering",
            by=coordinator,
        )
    assert set(fouten(e)) == {"voornaam"}


def test_a_role_is_stored_with_its_period_contact_and_gemeenten_and_its_writer(swv, coordinator):
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True)
    rol = services.sleutelfiguur_create(
        organisatie=OrganisatieFactory(swv=swv),
        voornaam="Fleur",
        achternaam="de Wit",
        functie="Jeugdarts",
        niveau="uitvoering",
        gemeenten=[gemeente],
        van=VANDAAG,
        tot=VANDAAG + datetime.timedelta(days=30),
        telefoon="0612345678",
        email="fleur@ggd.example",
        by=coordinator,
    )
    rol.refresh_from_db()
    assert (rol.van, rol.tot, rol.telefoon, rol.email) == (
        VANDAAG,
        VANDAAG + datetime.timedelta(days=30),
        "0612345678",
        "fleur@ggd.example",
    )
    assert list(rol.gemeenten.all()) == [gemeente]
    assert schrijver(SleutelfiguurEvent, rol, "create") == {"user": coordinator.pk}


def test_the_gemeenten_of_a_role_must_be_gemeenten_of_the_same_swv(swv, coordinator):
    elders = OrganisatieFactory(swv=SamenwerkingsverbandFactory(), gemeente=True)
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_create(
            organisatie=OrganisatieFactory(swv=swv),
            voornaam="A",
            achternaam="B",
            functie="X",
            niveau="uitvoering",
            gemeenten=[elders],
            by=coordinator,
        )
    assert fouten(e) == {"gemeenten": [ANDER_SWV]}
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_create(
            organisatie=OrganisatieFactory(swv=swv),
            voornaam="A",
            achternaam="B",
            functie="X",
            niveau="uitvoering",
            gemeenten=twee_geen_gemeenten(swv),
            by=coordinator,
        )
    assert fouten(e) == geen_gemeenten_fout("gemeenten")
    assert not Sleutelfiguur.objects.exists()

    rol = SleutelfiguurFactory(swv=swv)
    eigen = OrganisatieFactory(swv=swv, gemeente=True)
    services.sleutelfiguur_update(sleutelfiguur=rol, by=coordinator, gemeenten=[eigen])
    for gemeenten, fout in (
        ([elders], {"gemeenten": [ANDER_SWV]}),
        (twee_geen_gemeenten(swv), geen_gemeenten_fout("gemeenten")),
    ):
        with pytest.raises(ValidationError) as e:
            services.sleutelfiguur_update(sleutelfiguur=rol, by=coordinator, gemeenten=gemeenten)
        assert fouten(e) == fout
    assert list(rol.gemeenten.all()) == [eigen]


def test_a_role_update_cleans_subjects_and_names_the_writer(swv, coordinator):
    rol = SleutelfiguurFactory(swv=swv, onderwerpen=[])
    services.sleutelfiguur_update(sleutelfiguur=rol, by=coordinator, onderwerpen=[" OOGO ", "", " "])
    rol.refresh_from_db()
    assert rol.onderwerpen == ["OOGO"]
    assert schrijver(SleutelfiguurEvent, rol) == {"user": coordinator.pk}


def test_ending_a_role_before_it_starts_says_when_it_starts(swv, coordinator):
    rol = SleutelfiguurFactory(swv=swv, van=VANDAAG)
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_beeindigen(
            sleutelfiguur=rol, by=coordinator, per=VANDAAG - datetime.timedelta(days=1)
        )
    assert fouten(e) == {"tot": ["Deze rol begint pas op 23 november 2026 en kan niet eerder eindigen."]}
    services.sleutelfiguur_beeindigen(sleutelfiguur=rol, by=coordinator, per=VANDAAG)
    assert schrijver(SleutelfiguurEvent, rol) == {"user": coordinator.pk}


def test_a_move_says_why_it_is_refused_and_changes_nothing(swv, coordinator):
    rol = SleutelfiguurFactory(swv=swv, van=VANDAAG, tot=VANDAAG + datetime.timedelta(days=10))
    naar = OrganisatieFactory(swv=swv)
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_verhuizen(
            sleutelfiguur=rol,
            naar_organisatie=OrganisatieFactory(swv=SamenwerkingsverbandFactory()),
            functie="X",
            per=VANDAAG,
            by=coordinator,
        )
    assert fouten(e) == {"naar_organisatie": ["Deze organisatie hoort bij een ander samenwerkingsverband."]}
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_verhuizen(
            sleutelfiguur=rol,
            naar_organisatie=naar,
            functie="X",
            per=VANDAAG - datetime.timedelta(days=1),
            by=None,
        )
    assert fouten(e) == {
        "per": ["De overstap kan niet vóór het begin van de huidige rol (23 november 2026) liggen."]
    }
    # On the day the role ends it is no longer there to move (tot is the first day without the role).
    with pytest.raises(ValidationError) as e:
        services.sleutelfiguur_verhuizen(
            sleutelfiguur=rol, naar_organisatie=naar, functie="X", per=rol.tot, by=coordinator
        )
    assert fouten(e) == {"per": ["Deze rol is op die datum al beëindigd."]}
    assert Sleutelfiguur.objects.count() == 1
    rol.refresh_from_db()
    assert rol.tot == VANDAAG + datetime.timedelta(days=10)


def test_a_move_on_the_first_day_takes_new_contact_details_and_names_the_writer(swv, coordinator):
    rol = SleutelfiguurFactory(swv=swv, van=VANDAAG, telefoon="0100000000", email="oud@partner.example")
    nieuw = services.sleutelfiguur_verhuizen(
        sleutelfiguur=rol,
        naar_organisatie=OrganisatieFactory(swv=swv),
        functie="Teamleider",
        per=VANDAAG,
        telefoon="0200000000",
        email="nieuw@partner.example",
        by=coordinator,
    )
    nieuw.refresh_from_db()
    assert (nieuw.telefoon, nieuw.email, nieuw.van) == ("0200000000", "nieuw@partner.example", VANDAAG)
    # The caller's object shows the end too, without a reload.
    assert rol.tot == VANDAAG
    assert schrijver(SleutelfiguurEvent, rol) == {"user": coordinator.pk}
    assert schrijver(SleutelfiguurEvent, nieuw, "create") == {"user": coordinator.pk}


# --- afspraken ---


def test_the_parties_of_an_agreement_must_be_of_the_same_swv(swv, coordinator):
    elders = OrganisatieFactory(swv=SamenwerkingsverbandFactory())
    with pytest.raises(ValidationError) as e:
        services.afspraak_create(
            swv=swv, by=coordinator, soort="overig", titel="X", ingangsdatum=VANDAAG, partijen=[elders]
        )
    assert fouten(e) == {"partijen": [ANDER_SWV]}
    assert not Afspraak.objects.exists()

    partij = OrganisatieFactory(swv=swv)
    afspraak = AfspraakFactory(swv=swv)
    services.afspraak_update(afspraak=afspraak, by=coordinator, partijen=[partij])
    with pytest.raises(ValidationError) as e:
        services.afspraak_update(afspraak=afspraak, by=coordinator, partijen=[elders])
    assert fouten(e) == {"partijen": [ANDER_SWV]}
    services.afspraak_update(afspraak=afspraak, by=coordinator, titel="Nieuwe titel")
    afspraak.refresh_from_db()
    assert afspraak.titel == "Nieuwe titel"
    assert list(afspraak.partijen.all()) == [partij]
    assert schrijver(AfspraakEvent, afspraak) == {"user": coordinator.pk}


def test_an_agreement_recorded_by_a_partner_system_has_no_owner_and_its_history_names_the_client(swv):
    client = ApiClientFactory(swv=swv)
    afspraak = services.afspraak_create(
        swv=swv, by=ApiClientUser(client), soort="overig", titel="Via koppeling", ingangsdatum=VANDAAG
    )
    afspraak.refresh_from_db()
    assert afspraak.eigenaar is None
    assert schrijver(AfspraakEvent, afspraak, "create") == {"bron": "api", "api_client": client.pk}
    systeem = services.afspraak_create(swv=swv, by=None, soort="overig", titel="Import", ingangsdatum=VANDAAG)
    assert systeem.eigenaar is None
    assert schrijver(AfspraakEvent, systeem, "create") == {"bron": "systeem"}


# --- voorzieningen ---


def test_a_provision_is_stored_in_the_callers_swv_with_its_gemeenten_and_writer(swv, coordinator):
    gemeente = OrganisatieFactory(swv=swv, werkgebied_gemeente=True)
    voorziening = services.voorziening_create(
        swv=swv,
        by=coordinator,
        naam="Herstart",
        aanbieder=OrganisatieFactory(swv=swv, soort="jeugdhulp"),
        doelgroep="thuiszitters",
        capaciteit=12,
        gemeenten=[gemeente],
    )
    voorziening = Voorziening.objects.get(pk=voorziening.pk)
    assert (voorziening.swv, voorziening.naam, voorziening.capaciteit) == (swv, "Herstart", 12)
    assert list(voorziening.gemeenten.all()) == [gemeente]
    assert schrijver(VoorzieningEvent, voorziening, "create") == {"user": coordinator.pk}


def test_the_gemeenten_of_a_provision_must_be_gemeenten_of_the_same_swv(swv, coordinator):
    aanbieder = OrganisatieFactory(swv=swv, soort="jeugdhulp")
    elders = OrganisatieFactory(swv=SamenwerkingsverbandFactory(), gemeente=True)
    for gemeenten, fout in (
        ([elders], {"gemeenten": [ANDER_SWV]}),
        (twee_geen_gemeenten(swv), geen_gemeenten_fout("gemeenten")),
    ):
        with pytest.raises(ValidationError) as e:
            services.voorziening_create(
                swv=swv,
                by=coordinator,
                naam="Herstart",
                aanbieder=aanbieder,
                doelgroep="thuiszitters",
                gemeenten=gemeenten,
            )
        assert fouten(e) == fout
    assert not Voorziening.objects.exists()

    voorziening = VoorzieningFactory(swv=swv)
    eigen = OrganisatieFactory(swv=swv, gemeente=True)
    services.voorziening_update(voorziening=voorziening, by=coordinator, gemeenten=[eigen])
    for gemeenten, fout in (
        ([elders], {"gemeenten": [ANDER_SWV]}),
        (twee_geen_gemeenten(swv), geen_gemeenten_fout("gemeenten")),
    ):
        with pytest.raises(ValidationError) as e:
            services.voorziening_update(voorziening=voorziening, by=coordinator, gemeenten=gemeenten)
        assert fouten(e) == fout
    assert list(voorziening.gemeenten.all()) == [eigen]


def test_a_provision_update_is_cleaned_so_an_aanbieder_of_another_swv_is_not_stored(swv, coordinator):
    # The example: without full_clean in voorziening_update this went through unnoticed.
    voorziening = VoorzieningFactory(swv=swv)
    aanbieder = voorziening.aanbieder
    with pytest.raises(ValidationError) as e:
        services.voorziening_update(
            voorziening=voorziening,
            by=coordinator,
            aanbieder=OrganisatieFactory(swv=SamenwerkingsverbandFactory()),
        )
    assert fouten(e) == {"aanbieder": ["Deze organisatie hoort bij een ander samenwerkingsverband."]}
    voorziening.refresh_from_db()
    assert voorziening.aanbieder == aanbieder


def test_a_provision_ends_on_its_first_day_at_the_earliest_and_says_so(swv, coordinator):
    voorziening = VoorzieningFactory(swv=swv, ingangsdatum=VANDAAG)
    with pytest.raises(ValidationError) as e:
        services.voorziening_beeindigen(
            voorziening=voorziening, by=coordinator, per=VANDAAG - datetime.timedelta(days=1)
        )
    assert fouten(e) == {
        "einddatum": ["Deze voorziening begint pas op 23 november 2026 en kan niet eerder eindigen."]
    }
    services.voorziening_beeindigen(voorziening=voorziening, by=coordinator, per=VANDAAG)
    voorziening.refresh_from_db()
    assert voorziening.einddatum == VANDAAG
    assert schrijver(VoorzieningEvent, voorziening) == {"user": coordinator.pk}


def test_a_move_dated_in_the_future_keeps_the_gemeenten_and_the_routekaart_shows_one_contact(
    swv, coordinator
):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Dalenburg")
    rol = SleutelfiguurFactory(swv=swv, van=VANDAAG - datetime.timedelta(days=100))
    rol.gemeenten.set([gemeente])
    per = VANDAAG + datetime.timedelta(days=30)

    nieuw = services.sleutelfiguur_verhuizen(
        sleutelfiguur=rol,
        naar_organisatie=OrganisatieFactory(swv=swv),
        functie="Teamleider",
        per=per,
        by=coordinator,
    )

    # Still the gemeente's contact after the move ("aanspreekpunt voor gemeenten" carries over).
    assert list(nieuw.gemeenten.all()) == [gemeente]
    # Until the move one role is current, from that day the other: never both, never none.
    for dag, verwacht in ((VANDAAG, rol), (per - datetime.timedelta(days=1), rol), (per, nieuw)):
        assert list(Sleutelfiguur.objects.filter(persoon=rol.persoon).huidig(dag)) == [verwacht]
