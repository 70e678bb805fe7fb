"""Two coordinators deciding at the same moment, on real PostgreSQL with a connection per thread (the pattern
of tests/cases/test_casussen_races.py): beschikkingsnummers without gaps or duplicates, one decision per request."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.models import Tlv, TlvNummering
from cases.services_tlv import tlv_besluiten
from swv.core.models import Rol
from tests.api.test_races import _tegelijk
from tests.cases.factories_tlv import geef_adviezen, maak_aanvraag
from tests.factories import LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = 3


@pytest.fixture
def twee_coordinatoren(swv, users):
    tweede = UserFactory(username="coordinator2")
    eerste_lidmaatschap = users[Rol.SWV_COORDINATOR].lidmaatschappen.get()
    LidmaatschapFactory(
        swv=swv, user=tweede, organisatie=eerste_lidmaatschap.organisatie, rol=Rol.SWV_COORDINATOR
    )
    return users[Rol.SWV_COORDINATOR], tweede


def test_two_coordinators_deciding_two_requests_at_once_get_consecutive_numbers(
    swv, users, twee_coordinatoren
):
    nummers: list[str] = []
    for _ in range(RUNS):
        aanvragen = [maak_aanvraag(swv, users) for _ in range(2)]
        for tlv in aanvragen:
            geef_adviezen(tlv, users)
        uitkomsten = _tegelijk(
            *[
                lambda t=t, c=c: tlv_besluiten(
                    tlv=t,
                    by=c,
                    toekennen=True,
                    motivering="Past in het SO.",
                    besluitdatum=datetime.date(2026, 11, 2),
                )
                for t, c in zip(aanvragen, twee_coordinatoren, strict=True)
            ]
        )
        assert all(isinstance(u, Tlv) for u in uitkomsten), uitkomsten
        nummers += [u.beschikkingsnummer for u in uitkomsten]
    assert sorted(nummers) == [f"PO9801-2026-{n:05d}" for n in range(1, 2 * RUNS + 1)]
    assert TlvNummering.objects.get(swv=swv, jaar=2026).laatste == 2 * RUNS


def test_the_first_decision_of_a_year_by_two_coordinators_at_once_numbers_1_and_2(
    swv, users, twee_coordinatoren
):
    # No counter row yet: both INSERT it at once; ON CONFLICT makes the second wait and count on.
    aanvragen = [maak_aanvraag(swv, users) for _ in range(2)]
    for tlv in aanvragen:
        geef_adviezen(tlv, users, datum=datetime.date(2025, 10, 1))
    uitkomsten = _tegelijk(
        *[
            lambda t=t, c=c: tlv_besluiten(
                tlv=t,
                by=c,
                toekennen=False,
                motivering="Niet nodig.",
                besluitdatum=datetime.date(2025, 11, 3),
            )
            for t, c in zip(aanvragen, twee_coordinatoren, strict=True)
        ]
    )
    assert sorted(u.beschikkingsnummer for u in uitkomsten) == ["PO9801-2025-00001", "PO9801-2025-00002"]


def test_two_coordinators_deciding_the_same_request_at_once_one_wins_and_no_number_is_lost(
    swv, users, twee_coordinatoren
):
    for run in range(RUNS):
        tlv = maak_aanvraag(swv, users)
        geef_adviezen(tlv, users)
        eerste, tweede = twee_coordinatoren
        uitkomsten = _tegelijk(
            lambda t=tlv: tlv_besluiten(tlv=t, by=eerste, toekennen=True, motivering="Past."),
            lambda t=tlv: tlv_besluiten(tlv=t, by=tweede, toekennen=False, motivering="Past niet."),
        )
        gelukt = [u for u in uitkomsten if isinstance(u, Tlv)]
        fouten = [u for u in uitkomsten if isinstance(u, ValidationError)]
        assert len(gelukt) == 1, uitkomsten
        assert len(fouten) == 1, uitkomsten
        assert "intussen al besloten" in fouten[0].message_dict["status"][0]
        assert Tlv.objects.get(pk=tlv.pk).status == gelukt[0].status
        # The loser took no number: the next decision is the next number, no gap.
        assert gelukt[0].beschikkingsnummer.endswith(f"-{run + 1:05d}")
