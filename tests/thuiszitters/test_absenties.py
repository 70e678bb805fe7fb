"""Absence rows by hand and in batches (issue 12): idempotent by the sender's id, row errors by index with
the good rows kept, the school's own enrolled pupils only, no BSN in the audit."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Inschrijving
from swv.audit.models import AuditEvent
from swv.core.models import Lidmaatschap, Rol
from tests.factories import LeerlingFactory, OrganisatieFactory
from thuiszitters.models import Absentie
from thuiszitters.services_absentie import MAX_RIJEN, TeVeelRijen, absentie_invoeren, absenties_verwerken

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _nu():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=AMS), tick=False):
        yield


@pytest.fixture
def school(users):
    return Lidmaatschap.objects.get(user=users[Rol.INTERN_BEGELEIDER]).organisatie


def ingeschreven(school, n=1, **kwargs):
    result = []
    for _ in range(n):
        leerling = LeerlingFactory(swv=school.swv, school=school, **kwargs)
        Inschrijving.objects.create(
            swv=school.swv, leerling=leerling, school=school, ingeschreven_op=datetime.date(2026, 8, 1)
        )
        result.append(leerling)
    return result


def rij(leerling, extern_id, datum="2026-11-02", uren=4, geoorloofd=False, **extra):
    nummer = {"bsn": leerling.bsn} if leerling.bsn else {"onderwijsnummer": leerling.onderwijsnummer}
    return {"externId": extern_id, **nummer, "datum": datum, "uren": uren, "geoorloofd": geoorloofd, **extra}


def test_a_batch_is_stored_with_the_schools_pupils_and_the_senders_ids(users, school):
    a, b = ingeschreven(school, 2)
    resultaat = absenties_verwerken(
        by=users[Rol.INTERN_BEGELEIDER],
        school=school,
        rijen=[rij(a, "R1"), rij(b, "R2", uren="1.5", geoorloofd=True, reden="ziekte")],
    )
    assert (resultaat.ontvangen, resultaat.aangemaakt, resultaat.bijgewerkt, resultaat.fouten) == (
        2,
        2,
        0,
        [],
    )
    opgeslagen = {x.extern_id: x for x in Absentie.objects.filter(school=school)}
    assert opgeslagen["R1"].leerling == a
    assert opgeslagen["R1"].uren == Decimal("4")
    assert opgeslagen["R2"].geoorloofd
    assert opgeslagen["R2"].reden == "ziekte"
    assert opgeslagen["R2"].ingevoerd_door == users[Rol.INTERN_BEGELEIDER]


def test_a_resent_batch_changes_nothing_and_a_corrected_row_replaces_the_earlier(users, school):
    (a,) = ingeschreven(school)
    ib = users[Rol.INTERN_BEGELEIDER]
    absenties_verwerken(by=ib, school=school, rijen=[rij(a, "R1"), rij(a, "R2", datum="2026-11-03")])
    voor = {x.extern_id: x.gewijzigd_op for x in Absentie.objects.all()}
    with time_machine.travel(datetime.datetime(2026, 11, 20, 11, tzinfo=AMS), tick=False):
        opnieuw = absenties_verwerken(
            by=ib, school=school, rijen=[rij(a, "R1"), rij(a, "R2", datum="2026-11-03")]
        )
        assert (opnieuw.aangemaakt, opnieuw.bijgewerkt, opnieuw.ongewijzigd) == (0, 0, 2)
        assert {x.extern_id: x.gewijzigd_op for x in Absentie.objects.all()} == voor
        verbeterd = absenties_verwerken(
            by=ib, school=school, rijen=[rij(a, "R2", datum="2026-11-03", uren=2)]
        )
    assert (verbeterd.aangemaakt, verbeterd.bijgewerkt, verbeterd.ongewijzigd) == (0, 1, 0)
    assert Absentie.objects.count() == 2
    assert Absentie.objects.get(extern_id="R2").uren == Decimal("2")


@pytest.mark.parametrize(
    ("verkeerd", "reden"),
    [
        ({"externId": ""}, "externId is verplicht"),
        ({"bsn": "123456789"}, "Het BSN is ongeldig"),
        ({"datum": "02-11-2026"}, "geen datum"),
        ({"datum": "2026-11-21"}, "in de toekomst"),
        ({"uren": 0}, "uren ligt tussen 0 en 12"),
        ({"uren": 13}, "uren ligt tussen 0 en 12"),
        ({"uren": "1.005"}, "twee decimalen"),
        ({"uren": "veel"}, "uren is verplicht"),
        ({"uren": True}, "uren is verplicht"),
        ({"geoorloofd": "nee"}, "geoorloofd is verplicht"),
        ({"reden": "zomaar"}, "Onbekende reden"),
        ({"toelichting": "x" * 201}, "200 tekens"),
        ({"onderwijsnummer": "100000004"}, "precies één van beide"),
    ],
)
def test_a_bad_row_is_reported_by_index_and_the_good_rows_are_stored(users, school, verkeerd, reden):
    a, b = ingeschreven(school, 2)
    resultaat = absenties_verwerken(
        by=users[Rol.INTERN_BEGELEIDER], school=school, rijen=[rij(a, "GOED"), {**rij(b, "FOUT"), **verkeerd}]
    )
    assert resultaat.aangemaakt == 1
    assert len(resultaat.fouten) == 1
    fout = resultaat.fouten[0]
    assert fout.index == 1
    assert reden in fout.reden
    assert list(Absentie.objects.values_list("extern_id", flat=True)) == ["GOED"]


def test_a_row_that_is_not_an_object_and_a_duplicate_id_are_row_errors(users, school):
    (a,) = ingeschreven(school)
    resultaat = absenties_verwerken(
        by=users[Rol.INTERN_BEGELEIDER], school=school, rijen=["tekst", rij(a, "R1"), rij(a, "R1", uren=2)]
    )
    assert [(f.index, f.extern_id) for f in resultaat.fouten] == [(0, ""), (2, "R1")]
    assert Absentie.objects.get().uren == Decimal("4")


def test_another_schools_pupil_and_an_unknown_number_get_the_same_answer(swv, users, school):
    (eigen,) = ingeschreven(school)
    (elders,) = ingeschreven(OrganisatieFactory(swv=swv, school=True))
    onbekend = LeerlingFactory.build(bsn="111222333")
    resultaat = absenties_verwerken(
        by=users[Rol.INTERN_BEGELEIDER],
        school=school,
        rijen=[rij(elders, "A"), rij(onbekend, "B"), rij(eigen, "C")],
    )
    assert [f.reden for f in resultaat.fouten][0] == [f.reden for f in resultaat.fouten][1]
    assert "Geen leerling met dit nummer ingeschreven op deze school" in resultaat.fouten[0].reden
    assert list(Absentie.objects.values_list("extern_id", flat=True)) == ["C"]


def test_absence_outside_the_enrolment_is_refused(users, school):
    (a,) = ingeschreven(school)
    Inschrijving.objects.filter(leerling=a).update(uitgeschreven_op=datetime.date(2026, 10, 31))
    resultaat = absenties_verwerken(
        by=users[Rol.INTERN_BEGELEIDER], school=school, rijen=[rij(a, "A", datum="2026-10-31"), rij(a, "B")]
    )
    assert [f.extern_id for f in resultaat.fouten] == ["B"]


def test_a_pupil_without_bsn_is_found_by_onderwijsnummer(users, school):
    (a,) = ingeschreven(school, zonder_bsn=True)
    resultaat = absenties_verwerken(by=users[Rol.INTERN_BEGELEIDER], school=school, rijen=[rij(a, "A")])
    assert resultaat.aangemaakt == 1
    assert Absentie.objects.get().leerling == a


def test_too_many_rows_are_refused_whole():
    with pytest.raises(TeVeelRijen):
        absenties_verwerken(by=None, school=None, rijen=[{}] * (MAX_RIJEN + 1))
    assert Absentie.objects.count() == 0


def test_the_audit_has_one_row_per_pupil_and_no_bsn(users, school):
    a, b = ingeschreven(school, 2)
    absenties_verwerken(
        by=users[Rol.INTERN_BEGELEIDER],
        school=school,
        rijen=[rij(a, "1"), rij(a, "2", datum="2026-11-03"), rij(b, "3")],
    )
    events = AuditEvent.objects.filter(object_type="thuiszitters.absentie")
    assert sorted(events.values_list("leerling_id", flat=True)) == sorted([a.pk, b.pk])
    assert {e.actor_username for e in events} == {users[Rol.INTERN_BEGELEIDER].username}
    for event in events:
        assert a.bsn not in event.reason
        assert b.bsn not in event.reason


def test_a_large_batch_costs_the_same_number_of_queries_as_a_small_one(users, school):
    leerlingen = ingeschreven(school, 20)

    def zending(n, prefix):
        return [rij(leerlingen[i % 20], f"{prefix}{i}", datum=f"2026-11-{1 + i % 19:02d}") for i in range(n)]

    ib = users[Rol.INTERN_BEGELEIDER]
    with CaptureQueriesContext(connection) as klein:
        absenties_verwerken(by=ib, school=school, rijen=zending(10, "k"))
    with CaptureQueriesContext(connection) as groot:
        resultaat = absenties_verwerken(by=ib, school=school, rijen=zending(500, "g"))
    assert resultaat.aangemaakt == 500
    # COPY adds the temporary table's statements; nothing grows with the rows.
    assert len(groot) <= len(klein) + 3


def test_one_row_entered_by_hand_goes_the_same_way(users, school):
    (a,) = ingeschreven(school)
    resultaat = absentie_invoeren(
        by=users[Rol.INTERN_BEGELEIDER],
        school=school,
        leerling=a,
        datum=datetime.date(2026, 11, 19),
        uren=Decimal("3"),
        geoorloofd=False,
        reden="spijbelen",
    )
    assert resultaat.aangemaakt == 1
    opgeslagen = Absentie.objects.get()
    assert opgeslagen.extern_id.startswith("hand-")
    assert opgeslagen.reden == "spijbelen"
