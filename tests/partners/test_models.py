"""The partner registry's models: identifiers are checked, rules hold in the database, and every model
shows a member only their own SWV's rows."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partners.models import (
    Afspraak,
    Domein,
    Jeugdzorgregio,
    Organisatie,
    Persoon,
    Sleutelfiguur,
    Voorziening,
    domein_van,
)
from swv.core.models import Rol
from tests.factories import (
    AfspraakFactory,
    JeugdzorgregioFactory,
    OrganisatieFactory,
    PersoonFactory,
    SamenwerkingsverbandFactory,
    SleutelfiguurFactory,
    VoorzieningFactory,
)

pytestmark = pytest.mark.django_db


# --- identifiers ---


@pytest.mark.parametrize("code", ["05KO00", "99AB01", "05ko00"])
def test_a_school_with_a_brin_and_two_digits_is_valid(swv, code):
    school = Organisatie(swv=swv, naam="De Linde", soort="school", code=code)
    school.full_clean()
    assert school.code == code.upper()


@pytest.mark.parametrize("code", ["05KO", "05KO0", "05KOAB", "AAKO00", "05KO001"])
def test_a_school_code_that_is_not_brin_plus_two_digits_is_refused_in_dutch(swv, code):
    school = Organisatie(swv=swv, naam="De Linde", soort="school", code=code)
    with pytest.raises(ValidationError) as e:
        school.full_clean()
    assert "code" in e.value.message_dict
    assert any("BRIN" in m or "vestigingscode" in m for m in e.value.message_dict["code"])


@pytest.mark.parametrize("code", ["0363", "1234"])
def test_a_gemeente_with_a_four_digit_cbs_code_is_valid(swv, code):
    Organisatie(swv=swv, naam="Gemeente X", soort="gemeente", code=code).full_clean()


@pytest.mark.parametrize("code", ["363", "GM0363", "03633", "abcd"])
def test_a_gemeente_code_that_is_not_four_digits_is_refused(swv, code):
    with pytest.raises(ValidationError) as e:
        Organisatie(swv=swv, naam="Gemeente X", soort="gemeente", code=code).full_clean()
    assert "CBS" in " ".join(e.value.message_dict["code"])


def test_other_organisations_may_have_no_code(swv):
    Organisatie(swv=swv, naam="GGD Regio", soort="ggd").full_clean()


def test_a_schoolbestuur_code_is_its_bevoegd_gezag_number(swv):
    bestuur = Organisatie(swv=swv, naam="Stichting X", soort="schoolbestuur", code="41234")
    bestuur.full_clean()
    assert bestuur.bevoegd_gezag_nummer == "41234"


def test_only_a_gemeente_can_be_in_the_werkgebied(swv):
    with pytest.raises(ValidationError) as e:
        Organisatie(swv=swv, naam="GGD", soort="ggd", in_werkgebied=True).full_clean()
    assert "in_werkgebied" in e.value.message_dict


def test_a_gemeente_cannot_join_another_swvs_jeugdzorgregio(swv):
    regio = JeugdzorgregioFactory()
    with pytest.raises(ValidationError) as e:
        Organisatie(
            swv=swv, naam="Gemeente X", soort="gemeente", code="0001", jeugdzorgregio=regio
        ).full_clean()
    assert "jeugdzorgregio" in e.value.message_dict


def test_a_code_is_unique_per_swv_and_soort(swv):
    OrganisatieFactory(swv=swv, soort="school", code="05KO00")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisatieFactory(swv=swv, soort="school", code="05KO00")
    OrganisatieFactory(swv=SamenwerkingsverbandFactory(), soort="school", code="05KO00")


@pytest.mark.parametrize(
    ("soort", "domein"),
    [
        ("school", Domein.ONDERWIJS),
        ("cluster2", Domein.ONDERWIJS),
        ("ggd", Domein.ZORG),
        ("smw", Domein.ZORG),
        ("leerplicht", Domein.GEMEENTE),
        ("halt", Domein.GEMEENTE),
        ("bedrijf", Domein.WERK),
        ("overig", Domein.OVERIG),
    ],
)
def test_the_domein_follows_from_the_soort(soort, domein):
    assert domein_van(soort) == domein
    assert Organisatie(soort=soort).domein == domein


def test_every_soort_has_a_domein():
    from partners.models import DOMEIN_PER_SOORT

    assert set(DOMEIN_PER_SOORT) == set(Organisatie.Soort.values)


# --- database rules ---


@pytest.mark.parametrize("veld", ["capaciteit", "bezetting", "wachttijd_weken"])
def test_a_negative_capacity_occupancy_or_waiting_time_is_refused_by_the_database(swv, veld):
    voorziening = VoorzieningFactory(swv=swv)
    with pytest.raises(IntegrityError), transaction.atomic():
        Voorziening.objects.filter(pk=voorziening.pk).update(**{veld: -1})


def test_a_role_cannot_end_before_it_starts_in_the_database(swv):
    sleutelfiguur = SleutelfiguurFactory(swv=swv)
    with pytest.raises(IntegrityError), transaction.atomic():
        Sleutelfiguur.objects.filter(pk=sleutelfiguur.pk).update(tot="2000-01-01")


def test_a_reminder_is_stored_once_per_agreement_kind_and_date(swv):
    from partners.models import AfspraakHerinnering

    afspraak = AfspraakFactory(swv=swv)
    AfspraakHerinnering.objects.create(swv=swv, afspraak=afspraak, soort="verloopt", datum="2030-01-01")
    with pytest.raises(IntegrityError), transaction.atomic():
        AfspraakHerinnering.objects.create(swv=swv, afspraak=afspraak, soort="verloopt", datum="2030-01-01")


def test_a_provision_is_a_bottleneck_when_full_or_when_the_wait_is_too_long(swv, settings):
    settings.DEKKEND_NETWERK_MAX_WACHTTIJD_WEKEN = 6
    assert not VoorzieningFactory.build(capaciteit=10, bezetting=9, wachttijd_weken=6).knelpunt
    assert VoorzieningFactory.build(capaciteit=10, bezetting=10, wachttijd_weken=0).knelpunt
    assert VoorzieningFactory.build(capaciteit=10, bezetting=2, wachttijd_weken=7).knelpunt


def test_a_persons_name_includes_the_tussenvoegsel():
    assert Persoon(voornaam="Anouk", tussenvoegsel="van der", achternaam="Berg").naam == "Anouk van der Berg"


# --- visibility (tenancy) ---


@pytest.fixture
def registers(swv):
    """One row of every model in the users' SWV and one in another SWV."""
    ander = SamenwerkingsverbandFactory()
    return {
        "eigen": [
            JeugdzorgregioFactory(swv=swv),
            OrganisatieFactory(swv=swv, ggd=True),
            PersoonFactory(swv=swv),
            SleutelfiguurFactory(swv=swv),
            AfspraakFactory(swv=swv),
            VoorzieningFactory(swv=swv),
        ],
        "ander": [
            JeugdzorgregioFactory(swv=ander),
            OrganisatieFactory(swv=ander, ggd=True),
            PersoonFactory(swv=ander),
            SleutelfiguurFactory(swv=ander),
            AfspraakFactory(swv=ander),
            VoorzieningFactory(swv=ander),
        ],
    }


MODELS = [Jeugdzorgregio, Organisatie, Persoon, Sleutelfiguur, Afspraak, Voorziening]


@pytest.mark.parametrize("rol", list(Rol))
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_member_reads_their_own_swvs_registry_and_nothing_of_another(users, registers, rol, model):
    zichtbaar = set(model.objects.visible_to(users[rol]).values_list("pk", flat=True))
    eigen = next(o for o in registers["eigen"] if isinstance(o, model))
    ander = next(o for o in registers["ander"] if isinstance(o, model))
    assert eigen.pk in zichtbaar
    assert ander.pk not in zichtbaar


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_member_of_another_swv_sees_none_of_ours(users, registers, model):
    eigen = next(o for o in registers["eigen"] if isinstance(o, model))
    assert not model.objects.visible_to(users["outsider"]).filter(pk=eigen.pk).exists()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_someone_without_a_membership_sees_nothing(registers, model):
    from django.contrib.auth.models import AnonymousUser

    from tests.factories import UserFactory

    assert not model.objects.visible_to(UserFactory()).exists()
    assert not model.objects.visible_to(AnonymousUser()).exists()


def test_an_api_client_reads_the_registry_of_its_own_swv(swv, registers):
    from swv.core.api.authentication import ApiClientUser
    from tests.factories import ApiClientFactory

    client = ApiClientFactory(swv=swv, organisatie=OrganisatieFactory(swv=swv), scopes=["partners:lezen"])
    zichtbaar = set(Organisatie.objects.visible_to(ApiClientUser(client)).values_list("pk", flat=True))
    assert registers["eigen"][1].pk in zichtbaar
    assert registers["ander"][1].pk not in zichtbaar


@pytest.mark.parametrize(
    ("rol", "mag"),
    [
        (Rol.SWV_COORDINATOR, True),
        (Rol.SWV_MEDEWERKER, True),
        (Rol.BEHEERDER, True),
        (Rol.SWV_DESKUNDIGE, False),
        (Rol.ZORGCOORDINATOR, False),
        (Rol.LEERPLICHTAMBTENAAR, False),
        (Rol.KETENPARTNER, False),
        (Rol.BESTUURDER, False),
    ],
)
def test_only_coordinator_medewerker_and_beheerder_may_change_the_registry(users, registers, rol, mag):
    organisatie = registers["eigen"][1]
    assert users[rol].has_perm("partners.wijzigen") is mag
    assert users[rol].has_perm("partners.wijzigen", organisatie) is mag
    assert users[rol].has_perm("partners.lezen", organisatie)


def test_nobody_may_change_another_swvs_registry(users, registers):
    assert not users[Rol.SWV_COORDINATOR].has_perm("partners.wijzigen", registers["ander"][1])
    assert not users["outsider"].has_perm("partners.lezen", registers["eigen"][1])


def test_the_registrys_write_history_is_removed_after_the_audit_period(swv):
    from django.db import connection

    from swv.audit.models import VoorzieningEvent
    from swv.audit.retention import apply_retention

    voorziening = VoorzieningFactory(swv=swv)
    oud = VoorzieningEvent.objects.get(pgh_obj_id=voorziening.pk)
    # Retention uses the database clock; age the event as only the owner (the test's superuser) may.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_voorzieningevent DISABLE TRIGGER USER")
        cursor.execute(
            "UPDATE audit_voorzieningevent SET pgh_created_at = now() - interval '8 years' WHERE pgh_id = %s",
            [oud.pgh_id],
        )
        cursor.execute("ALTER TABLE audit_voorzieningevent ENABLE TRIGGER USER")
    recent = VoorzieningFactory(swv=swv)

    counts = apply_retention()

    assert counts["voorziening_historie_verlopen"] == 1
    assert not VoorzieningEvent.objects.filter(pgh_obj_id=voorziening.pk).exists()
    assert VoorzieningEvent.objects.filter(pgh_obj_id=recent.pk).exists()


def test_the_registrys_write_history_tables_are_append_only(swv):
    from django.db import DatabaseError, connection

    from partners.models import SchoolSwv
    from swv.audit.models import EVENT_MODELS

    # One write to every tracked table, so each history table has a row the triggers can refuse.
    SleutelfiguurFactory(swv=swv)
    JeugdzorgregioFactory(swv=swv)
    AfspraakFactory(swv=swv)
    VoorzieningFactory(swv=swv)
    SchoolSwv.objects.create(
        swv=swv, school=OrganisatieFactory(swv=swv, school=True), swv_code="PO9801", sector="PO"
    )
    for object_type, model in EVENT_MODELS.items():
        if not object_type.startswith("partners."):
            continue
        assert model.objects.exists(), object_type
        table = model._meta.db_table
        for sql in (f"UPDATE {table} SET pgh_label = 'x'", f"DELETE FROM {table}"):  # noqa: S608
            with (
                pytest.raises(DatabaseError, match="alleen-toevoegen"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql)
