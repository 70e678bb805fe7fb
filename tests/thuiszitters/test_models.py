"""The database keeps the verzuim and thuiszitter rules that no service may break (issue 12, domain.md)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.thuiszitters.factories import (
    AbsentieFactory,
    SignaalFactory,
    ThuiszitterFactory,
    VerzuimmeldingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("uren", [Decimal("0"), Decimal("-1"), Decimal("12.25")])
def test_absence_hours_outside_a_school_day_are_refused_by_the_database(uren):
    with pytest.raises(IntegrityError), transaction.atomic():
        AbsentieFactory(uren=uren)


def test_absence_of_twelve_hours_and_of_a_quarter_hour_are_stored():
    assert AbsentieFactory(uren=Decimal("12")).uren == Decimal("12")
    assert AbsentieFactory(uren=Decimal("0.25")).uren == Decimal("0.25")


def test_the_senders_id_is_unique_per_school_so_a_resent_row_cannot_be_stored_twice():
    eerste = AbsentieFactory(extern_id="MAG-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        AbsentieFactory(leerling=eerste.leerling, extern_id="MAG-1")
    # Another school may use the same id for its own row.
    assert AbsentieFactory(extern_id="MAG-1").school_id != eerste.school_id


def test_a_closed_melding_needs_a_reason_and_an_open_one_has_none():
    melding = VerzuimmeldingFactory()
    melding.status = "afgesloten"
    with pytest.raises(ValidationError) as fout:
        melding.full_clean()
    assert "reden_afgesloten" in fout.value.message_dict
    melding.reden_afgesloten = "terug_naar_school"
    melding.full_clean()
    melding.status = "in_behandeling"
    with pytest.raises(ValidationError):
        melding.full_clean()


def test_melding_end_date_before_start_is_refused_on_the_field():
    melding = VerzuimmeldingFactory.build(
        leerling=VerzuimmeldingFactory().leerling, begindatum=datetime.date(2026, 10, 5)
    )
    melding.swv, melding.school = melding.leerling.swv, melding.leerling.school
    melding.einddatum = datetime.date(2026, 10, 4)
    with pytest.raises(ValidationError) as fout:
        melding.full_clean()
    assert fout.value.message_dict["einddatum"] == ["De einddatum ligt voor de begindatum."]


def test_one_open_thuiszitter_registration_per_pupil_and_a_new_one_after_the_end():
    eerste = ThuiszitterFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ThuiszitterFactory(leerling=eerste.leerling)
    eerste.einddatum, eerste.reden_einde = datetime.date(2026, 11, 1), "terug_naar_school"
    eerste.save()
    assert ThuiszitterFactory(leerling=eerste.leerling, startdatum=datetime.date(2026, 11, 20)).pk


def test_a_vrijstelling_needs_its_article_and_only_a_vrijstelling_has_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        ThuiszitterFactory(soort="vrijstelling")
    with pytest.raises(IntegrityError), transaction.atomic():
        ThuiszitterFactory(soort="langdurig_relatief", vrijstelling_artikel="5a")
    assert ThuiszitterFactory(soort="vrijstelling", vrijstelling_artikel="5a").pk


def test_only_absoluut_verzuim_may_have_no_school():
    with pytest.raises(IntegrityError), transaction.atomic():
        ThuiszitterFactory(soort="langdurig_relatief", school=None)
    assert ThuiszitterFactory(soort="absoluut", school=None).pk


def test_an_end_date_needs_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        ThuiszitterFactory(einddatum=datetime.date(2026, 10, 1))


def test_days_at_home_count_to_the_end_date_or_the_given_day():
    thuiszitter = ThuiszitterFactory.build(startdatum=datetime.date(2026, 9, 1))
    assert thuiszitter.dagen_thuis(datetime.date(2026, 12, 1)) == 91
    thuiszitter.einddatum = datetime.date(2026, 9, 29)
    assert thuiszitter.dagen_thuis(datetime.date(2026, 12, 1)) == 28


def test_a_signal_is_raised_once_per_pupil_rule_and_period():
    eerste = SignaalFactory(periode="2026-10-05")
    with pytest.raises(IntegrityError), transaction.atomic():
        SignaalFactory(leerling=eerste.leerling, periode="2026-10-05")
    assert SignaalFactory(leerling=eerste.leerling, periode="2026-11-02").pk


def test_a_signal_is_for_somebody():
    with pytest.raises(IntegrityError), transaction.atomic():
        SignaalFactory(voor_school=False)
