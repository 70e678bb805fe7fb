"""The cases part of `manage.py genereer_testdata` (cases/testdata.py): every workflow state with its
team, consents, plans, actions and evaluations; valid BSNs; rows that pass the models' own validation and
the visibility rules; the same rows for the same seed; and only in an empty database."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from stdnum.nl import bsn as stdnum_bsn

from cases.models import (
    Actie,
    Casus,
    Evaluatie,
    Inschrijving,
    Leerling,
    OtLid,
    Ouder,
    Plan,
    Statusovergang,
    TijdlijnGebeurtenis,
    Toestemming,
)
from cases.testdata import AANTALLEN
from cases.workflow import GESLOTEN, Status, mag_overgaan
from swv.core.models import Lidmaatschap, Rol, Samenwerkingsverband, User

pytestmark = pytest.mark.django_db


def genereer(seed: int = 7, *extra: str) -> str:
    uit = io.StringIO()
    call_command("genereer_testdata", "--schaal", "klein", "--seed", str(seed), *extra, stdout=uit)
    return uit.getvalue()


def inhoud() -> list[tuple]:
    """The generated rows without their ids (the sequences differ between runs)."""
    return [
        *Leerling.objects.order_by("swv__code", "bsn", "onderwijsnummer").values_list(
            "swv__code", "bsn", "onderwijsnummer", "voornaam", "achternaam", "geboortedatum", "school__naam"
        ),
        *Casus.objects.order_by("swv__code", "leerling__bsn", "leerling__onderwijsnummer").values_list(
            "leerling__bsn", "status", "vraagstelling", "aangemeld_op"
        ),
        *Plan.objects.order_by("casus__leerling__bsn", "versie").values_list(
            "casus__leerling__bsn", "versie", "status", "doelen"
        ),
        *Ouder.objects.order_by("leerling__bsn", "email").values_list("leerling__bsn", "voornaam", "relatie"),
        (
            Statusovergang.objects.count(),
            OtLid.objects.count(),
            Toestemming.objects.count(),
            Actie.objects.count(),
            Evaluatie.objects.count(),
            TijdlijnGebeurtenis.objects.count(),
        ),
    ]


def test_klein_makes_every_state_with_its_parts_and_valid_bsns():
    uitvoer = genereer()

    assert "casussen" in uitvoer
    assert Leerling.objects.count() == AANTALLEN["klein"]["leerlingen"]
    assert Casus.objects.count() == AANTALLEN["klein"]["casussen"]
    assert Inschrijving.objects.count() == Leerling.objects.count()
    for swv in Samenwerkingsverband.objects.all():
        casussen = Casus.objects.filter(swv=swv)
        # Every state in every SWV, with what belongs to it.
        assert set(casussen.values_list("status", flat=True)) == set(Status.values)
        assert Leerling.objects.filter(swv=swv).values("school").distinct().count() == 6
        assert not casussen.exclude(school__swv=swv).exists()
        assert not casussen.exclude(leerling__swv=swv).exists()
    for status in (Status.PLAN_VASTGESTELD, Status.LOPEND, Status.GEEVALUEERD, Status.AFGESLOTEN):
        for casus in Casus.objects.filter(status=status):
            assert casus.plannen.filter(status=Plan.Status.VASTGESTELD).count() == 1, status
            assert casus.acties.exists()
            assert casus.ot_leden.filter(rol=OtLid.Rol.SWV).exists()
    for casus in Casus.objects.filter(status=Status.GEEVALUEERD):
        assert casus.evaluaties.filter(met_ouders=True).exists()
    assert (
        not Casus.objects.filter(status__in=[Status.CONCEPT, Status.AANGEMELD])
        .filter(ot_leden__isnull=False)
        .exists()
    )
    assert Plan.objects.filter(status=Plan.Status.VERVANGEN).exists()
    assert Plan.objects.filter(status=Plan.Status.CONCEPT).exists()
    assert (
        Toestemming.objects.filter(ingetrokken_op__isnull=False).exists() or Toestemming.objects.count() < 20
    )
    # Each case's transitions follow the workflow from concept to its status, one tijdlijn event each.
    for casus in Casus.objects.prefetch_related("overgangen"):
        overgangen = list(casus.overgangen.all())
        assert overgangen[0].van == ""
        assert overgangen[0].naar == Status.CONCEPT
        assert all(mag_overgaan(o.van, o.naar) for o in overgangen[1:])
        assert overgangen[-1].naar == casus.status
        assert [o.op for o in overgangen] == sorted(o.op for o in overgangen)
        assert (casus.afgesloten_op is not None) == (casus.status in GESLOTEN)
        assert casus.tijdlijn.filter(soort__in=["status", "aanmelding"]).count() == len(overgangen)
    # Valid, unique BSNs (11-proef); the few without one have an onderwijsnummer.
    bsns: list[tuple[int, str]] = list(Leerling.objects.filter(bsn__isnull=False).values_list("swv", "bsn"))  # type: ignore[arg-type]
    assert bsns
    assert all(stdnum_bsn.is_valid(bsn) for _swv, bsn in bsns)
    assert len(set(bsns)) == len(bsns)
    assert not Leerling.objects.filter(bsn__isnull=True, onderwijsnummer__isnull=True).exists()
    # No BSN in a tijdlijn text.
    for titel, toelichting in TijdlijnGebeurtenis.objects.values_list("titel", "toelichting"):
        assert not any(bsn in titel + toelichting for _swv, bsn in bsns[:50])


def test_generated_rows_pass_the_models_own_validation():
    genereer()

    for model in (Leerling, Inschrijving, Casus, Plan, Actie, OtLid, Toestemming):
        for obj in model.objects.all()[:300]:
            obj.full_clean()


def test_the_history_records_the_generated_rows_as_testdata():
    from cases.models import CasusEvent

    genereer()

    assert CasusEvent.objects.count() == Casus.objects.count()
    assert CasusEvent.objects.filter(pgh_context__metadata__bron="testdata").count() == Casus.objects.count()


def test_partners_in_a_team_see_the_case_only_with_a_valid_consent():
    genereer()
    swv = Samenwerkingsverband.objects.order_by("code")[0]
    lid = (
        OtLid.objects.filter(swv=swv, rol=OtLid.Rol.PARTNER, beeindigd_op__isnull=True)
        .select_related("casus")
        .first()
    )
    assert lid is not None
    assert lid.organisatie is not None
    # Give the member an account at its organisation; the generated consent must open the case to it.
    user = User.objects.create(username="partner-test")
    Lidmaatschap.objects.create(swv=swv, user=user, organisatie=lid.organisatie, rol=Rol.KETENPARTNER)
    lid.gebruiker = user
    lid.save(update_fields=["gebruiker"])

    assert Casus.objects.visible_to(user).filter(pk=lid.casus_id).exists()
    # Every running partner membership is covered by a valid consent for its organisation.
    for lid in OtLid.objects.filter(rol=OtLid.Rol.PARTNER, beeindigd_op__isnull=True):
        assert (
            Toestemming.objects.geldig()
            .filter(leerling=lid.casus.leerling_id, organisatie=lid.organisatie_id, doel="deelname_ot")
            .exists()
        )


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    with transaction.atomic():
        genereer(seed=7)
        eerst = inhoud()
        transaction.set_rollback(True)
    with transaction.atomic():
        genereer(seed=8)
        ander = inhoud()
        transaction.set_rollback(True)
    genereer(seed=7)

    assert inhoud() == eerst
    assert len(eerst) > 400
    assert ander != eerst


def test_it_refuses_a_database_with_data_without_force(swv):
    with pytest.raises(CommandError, match="alleen in een lege database"):
        genereer()
    assert not Leerling.objects.exists()

    genereer(7, "--force")
    assert Casus.objects.exclude(swv=swv).exists()
    assert not Casus.objects.filter(swv=swv).exists()
