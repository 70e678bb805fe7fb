"""All verzuim checks together (issue 12): one query per rule whatever the data, reruns add nothing, a worker
that dies halfway leaves neither duplicates nor gaps after a rerun, the command and the beat task, and the
signals land with the flags that make the right people see them."""

import dataclasses
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError

from swv.core.models import Rol
from tests.factories import LeerlingFactory
from tests.thuiszitters.factories import AbsentieFactory, ThuiszitterFactory, VerzuimmeldingFactory
from thuiszitters import controles
from thuiszitters.controles import DRIE_MAANDEN_ZONDER_AANBOD, REGELS, verzuimcontroles
from thuiszitters.models import Signaal

D = datetime.date
PEILDATUM = D(2027, 6, 7)  # a Monday
VERWACHT = {
    "meldplicht_16_uur": 2,
    "vier_weken_afwezig": 1,
    "drie_maanden_zonder_aanbod": 1,
    "melding_niet_behandeld": 1,
    "vrijstelling_verlengen": 1,
    "einde_leerplicht": 1,
}
GEEN = dict.fromkeys(VERWACHT, 0)


def lesdagen(van, tot):
    dag = van
    while dag <= tot:
        if dag.isoweekday() < 6:
            yield dag
        dag += datetime.timedelta(days=1)


def scenario(**leerling_velden) -> None:
    """One pupil (or registration) per rule, each just over its edge on PEILDATUM; 7 signals in all."""
    # 16 hours in one lesweek (meldplicht)
    a = LeerlingFactory(**leerling_velden)
    for dag in lesdagen(D(2027, 5, 31), D(2027, 6, 3)):
        AbsentieFactory(leerling=a, datum=dag, uren=Decimal("4"))
    # absent Monday 3 May ... Friday 4 June: 4 weeks (and meldplicht as well)
    b = LeerlingFactory(**leerling_velden)
    for dag in lesdagen(D(2027, 5, 3), D(2027, 6, 4)):
        AbsentieFactory(leerling=b, datum=dag, uren=Decimal("6"))
    # at home since 4 January without aanbod
    ThuiszitterFactory(leerling=LeerlingFactory(**leerling_velden), startdatum=D(2027, 1, 4))
    # a melding of Monday 31 May still geregistreerd: 5 werkdagen on 7 June
    VerzuimmeldingFactory(
        leerling=LeerlingFactory(**leerling_velden),
        ingediend_op=datetime.datetime(2027, 5, 31, 10, 0, tzinfo=datetime.UTC),
    )
    # a vrijstelling (renew before 1 July) of a pupil whose leerplicht ends on 31 July 2027
    ThuiszitterFactory(
        leerling=LeerlingFactory(geboortedatum=D(2011, 3, 12), **leerling_velden),
        soort="vrijstelling",
        vrijstelling_artikel="5a",
        startdatum=D(2026, 9, 1),
    )


def sleutels() -> list[tuple[int, str, str]]:
    return sorted(Signaal.objects.values_list("leerling_id", "regel", "periode"))


@pytest.mark.django_db
def test_all_rules_raise_their_signals_and_a_rerun_adds_nothing():
    scenario()
    assert verzuimcontroles(PEILDATUM) == VERWACHT
    eerst = sleutels()
    assert len(eerst) == 7
    assert verzuimcontroles(PEILDATUM) == GEEN
    assert verzuimcontroles(PEILDATUM + datetime.timedelta(days=1)) == GEEN
    assert sleutels() == eerst


@pytest.mark.django_db
@pytest.mark.parametrize("keer", [1, 4])
def test_the_query_count_does_not_grow_with_the_data(keer, django_assert_num_queries):
    for _ in range(keer):
        scenario()
    with django_assert_num_queries(len(REGELS)):  # one statement per rule
        resultaat = verzuimcontroles(PEILDATUM)
    assert resultaat == {regel: aantal * keer for regel, aantal in VERWACHT.items()}


@dataclass(frozen=True)
class Gestopt:
    """A rule during which the worker dies."""

    naam: str = "vier_weken_afwezig"

    def uitvoeren(self, peildatum):
        raise SystemExit("worker gestopt")


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_check_and_rerun_gives_neither_duplicate_nor_missing_signals(monkeypatch):
    scenario()
    monkeypatch.setattr(controles, "REGELS", (REGELS[0], Gestopt(), *REGELS[1:]))
    with pytest.raises(SystemExit):
        verzuimcontroles(PEILDATUM)
    # The first rule committed on its own; nothing after it ran.
    assert {regel for _, regel, _ in sleutels()} == {"meldplicht_16_uur"}
    assert len(sleutels()) == 2

    monkeypatch.setattr(controles, "REGELS", REGELS)
    assert verzuimcontroles(PEILDATUM) == {**VERWACHT, "meldplicht_16_uur": 0}
    assert len(sleutels()) == 7 == len(set(sleutels()))


@pytest.mark.django_db(transaction=True)
def test_a_rule_that_fails_halfway_leaves_no_half_result():
    eerste = ThuiszitterFactory(startdatum=D(2027, 1, 4))
    tweede = ThuiszitterFactory(startdatum=D(2027, 1, 4))
    # The same rule, but its statement fails on the second row (division by zero) after the first.
    kapot = dataclasses.replace(
        DRIE_MAANDEN_ZONDER_AANBOD,
        select_sql=DRIE_MAANDEN_ZONDER_AANBOD.select_sql.replace(
            "true AS voor_swv", f"(1 / (t.id - {tweede.pk}) IS NOT NULL) AS voor_swv"
        ),
    )
    with pytest.raises(DatabaseError):
        kapot.uitvoeren(PEILDATUM)
    assert not Signaal.objects.exists()
    assert DRIE_MAANDEN_ZONDER_AANBOD.uitvoeren(PEILDATUM) == 2
    assert set(Signaal.objects.values_list("leerling_id", flat=True)) == {
        eerste.leerling_id,
        tweede.leerling_id,
    }


@pytest.mark.django_db
def test_the_command_prints_the_count_per_rule_for_its_peildatum():
    scenario()
    uit = io.StringIO()
    call_command("verzuimcontroles", "--peildatum", PEILDATUM.isoformat(), stdout=uit)
    assert uit.getvalue().splitlines() == [f"{regel}: {aantal} nieuw" for regel, aantal in VERWACHT.items()]
    uit = io.StringIO()
    call_command("verzuimcontroles", "--peildatum", PEILDATUM.isoformat(), stdout=uit)
    assert uit.getvalue().splitlines() == [f"{regel}: 0 nieuw" for regel in VERWACHT]


@pytest.mark.django_db
def test_the_beat_task_runs_every_rule_for_today():
    from thuiszitters.tasks import verzuimcontroles as taak

    assert settings.CELERY_BEAT_SCHEDULE["thuiszitters-verzuimcontroles"]["task"] == taak.name
    assert taak.run() == GEEN


def test_every_rule_has_a_name_a_source_and_a_callable():
    assert [regel.naam for regel in REGELS] == list(VERWACHT)
    assert all(regel.bron and callable(regel.uitvoeren) for regel in REGELS)


@pytest.mark.django_db
def test_signals_reach_the_school_leerplicht_and_the_swv_as_the_rule_says(users, leerlingen):
    """The school's own pupil, living in the leerplicht team's gemeente, absent 4 weeks: the meldplicht
    signal is the school's, the thuiszitter proposal leerplicht's and the SWV's."""
    leerling = leerlingen.eigen
    for dag in lesdagen(D(2027, 5, 3), D(2027, 6, 4)):
        AbsentieFactory(leerling=leerling, datum=dag, uren=Decimal("6"))
    for dag in lesdagen(D(2027, 5, 3), D(2027, 6, 4)):  # another pupil, another gemeente and school
        AbsentieFactory(leerling=leerlingen.andere_school, datum=dag, uren=Decimal("6"))
    verzuimcontroles(PEILDATUM)

    def zichtbaar(rol):
        return set(Signaal.objects.visible_to(users[rol]).values_list("leerling_id", "regel").order_by())

    eigen, ander = leerling.pk, leerlingen.andere_school.pk
    assert zichtbaar(Rol.ZORGCOORDINATOR) == {(eigen, "meldplicht_16_uur")}
    assert zichtbaar(Rol.LEERPLICHTAMBTENAAR) == {(eigen, "vier_weken_afwezig")}
    assert zichtbaar(Rol.SWV_COORDINATOR) == {(eigen, "vier_weken_afwezig"), (ander, "vier_weken_afwezig")}
    assert zichtbaar(Rol.KETENPARTNER) == set()
    assert not Signaal.objects.visible_to(users["outsider"]).exists()
    assert Signaal.objects.get(leerling=leerling, regel="meldplicht_16_uur").school == leerling.school
