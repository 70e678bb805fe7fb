"""Rules on registrations and meldingen (issue 12): 3 months without aanbod (Thuiszitterspact 2016), a
melding not handled in time, vrijstellingen to renew before 1 July, the end of leerplicht."""

import datetime

import pytest

from cases.leerplicht import leerplicht_eindigt
from tests.factories import LeerlingFactory
from tests.thuiszitters.factories import ThuiszitterFactory, VerzuimmeldingFactory
from thuiszitters.controles import (
    DRIE_MAANDEN_ZONDER_AANBOD,
    EINDE_LEERPLICHT,
    MELDING_NIET_BEHANDELD,
    VRIJSTELLING_VERLENGEN,
)
from thuiszitters.models import Signaal

pytestmark = pytest.mark.django_db

D = datetime.date


def vlaggen(signaal):
    return signaal.voor_school, signaal.voor_leerplicht, signaal.voor_swv


# --- drie_maanden_zonder_aanbod ---


def test_three_months_exactly_escalates_and_a_day_less_does_not():
    thuiszitter = ThuiszitterFactory(startdatum=D(2026, 9, 1), doorzettingsmacht="swv")
    assert DRIE_MAANDEN_ZONDER_AANBOD.uitvoeren(D(2026, 11, 30)) == 0
    assert DRIE_MAANDEN_ZONDER_AANBOD.uitvoeren(D(2026, 12, 1)) == 1
    assert DRIE_MAANDEN_ZONDER_AANBOD.uitvoeren(D(2027, 1, 15)) == 0  # once per registration
    (signaal,) = Signaal.objects.filter(regel="drie_maanden_zonder_aanbod")
    assert signaal.periode == f"thuiszitter-{thuiszitter.pk}"
    assert signaal.school == thuiszitter.school
    assert vlaggen(signaal) == (False, False, True)  # doorzettingsmacht at the SWV: the coordinator
    assert "01-09-2026" in signaal.omschrijving


def test_three_months_from_the_end_of_a_month_is_the_last_day_three_months_on():
    ThuiszitterFactory(startdatum=D(2026, 8, 31))
    assert DRIE_MAANDEN_ZONDER_AANBOD.uitvoeren(D(2026, 11, 29)) == 0
    assert DRIE_MAANDEN_ZONDER_AANBOD.uitvoeren(D(2026, 11, 30)) == 1


@pytest.mark.parametrize(
    ("doorzettingsmacht", "voor_leerplicht"),
    [("gemeente", True), ("gezamenlijk", True), ("swv", False), ("", True)],
)
def test_the_holder_of_doorzettingsmacht_gets_the_escalation(doorzettingsmacht, voor_leerplicht):
    ThuiszitterFactory(startdatum=D(2026, 9, 1), doorzettingsmacht=doorzettingsmacht)
    assert DRIE_MAANDEN_ZONDER_AANBOD.uitvoeren(D(2026, 12, 1)) == 1
    assert vlaggen(Signaal.objects.get()) == (False, voor_leerplicht, True)


def test_an_aanbod_a_vrijstelling_or_an_ended_registration_stops_the_escalation():
    ThuiszitterFactory(startdatum=D(2026, 9, 1), aanbod="Plusklas", aanbod_vanaf=D(2026, 11, 1))
    ThuiszitterFactory(soort="vrijstelling", vrijstelling_artikel="5a", startdatum=D(2026, 9, 1))
    ThuiszitterFactory(startdatum=D(2026, 9, 1), einddatum=D(2026, 11, 1), reden_einde="terug_naar_school")
    later_aanbod = ThuiszitterFactory(startdatum=D(2026, 9, 1), aanbod="Plusklas", aanbod_vanaf=D(2027, 1, 4))
    assert DRIE_MAANDEN_ZONDER_AANBOD.uitvoeren(D(2026, 12, 1)) == 1  # an aanbod that has not started yet
    assert Signaal.objects.get().leerling == later_aanbod.leerling


# --- melding_niet_behandeld ---


def gemeld_op(dag, uur=10):
    return datetime.datetime(dag.year, dag.month, dag.day, uur, 0, tzinfo=datetime.UTC)


def test_a_melding_still_geregistreerd_after_5_werkdagen_gets_a_reminder():
    melding = VerzuimmeldingFactory(ingediend_op=gemeld_op(D(2026, 11, 2)))  # Monday
    VerzuimmeldingFactory(ingediend_op=gemeld_op(D(2026, 11, 2)), status="in_behandeling")
    assert MELDING_NIET_BEHANDELD.uitvoeren(D(2026, 11, 6)) == 0  # Friday: 4 werkdagen
    assert MELDING_NIET_BEHANDELD.uitvoeren(D(2026, 11, 8)) == 0  # Sunday: still 4
    assert MELDING_NIET_BEHANDELD.uitvoeren(D(2026, 11, 9)) == 1  # Monday: 5
    assert MELDING_NIET_BEHANDELD.uitvoeren(D(2026, 11, 10)) == 0
    (signaal,) = Signaal.objects.filter(regel="melding_niet_behandeld")
    assert signaal.periode == f"melding-{melding.pk}"
    assert signaal.leerling == melding.leerling
    assert vlaggen(signaal) == (False, True, False)
    assert "02-11-2026" in signaal.omschrijving


def test_the_handling_term_is_a_setting(settings):
    settings.VERZUIMMELDING_BEHANDELTERMIJN_WERKDAGEN = 1
    VerzuimmeldingFactory(ingediend_op=gemeld_op(D(2026, 11, 6)))  # Friday
    assert MELDING_NIET_BEHANDELD.uitvoeren(D(2026, 11, 8)) == 0  # the weekend is no werkdag
    assert MELDING_NIET_BEHANDELD.uitvoeren(D(2026, 11, 9)) == 1


def test_the_day_of_the_melding_is_the_local_day():
    # 23:30 UTC on Sunday 1 November is Monday 2 November in Amsterdam: counted from the Monday.
    VerzuimmeldingFactory(ingediend_op=datetime.datetime(2026, 11, 1, 23, 30, tzinfo=datetime.UTC))
    assert MELDING_NIET_BEHANDELD.uitvoeren(D(2026, 11, 6)) == 0
    assert MELDING_NIET_BEHANDELD.uitvoeren(D(2026, 11, 9)) == 1


# --- vrijstelling_verlengen ---


def test_a_vrijstelling_gets_a_renewal_signal_from_1_may_until_30_june():
    ThuiszitterFactory(soort="vrijstelling", vrijstelling_artikel="5a", startdatum=D(2026, 9, 1))
    ThuiszitterFactory(startdatum=D(2026, 9, 1))  # no vrijstelling
    assert VRIJSTELLING_VERLENGEN.uitvoeren(D(2027, 4, 30)) == 0
    assert VRIJSTELLING_VERLENGEN.uitvoeren(D(2027, 5, 1)) == 1
    assert VRIJSTELLING_VERLENGEN.uitvoeren(D(2027, 6, 30)) == 0  # the same year: once
    (signaal,) = Signaal.objects.filter(regel="vrijstelling_verlengen")
    assert signaal.periode == "vrijstelling-2027"
    assert signaal.vervalt_op == D(2027, 6, 30)
    assert vlaggen(signaal) == (False, True, False)
    assert "1 juli 2027" in signaal.omschrijving
    assert VRIJSTELLING_VERLENGEN.uitvoeren(D(2028, 5, 2)) == 1  # and again next year


def test_after_1_july_no_renewal_signal_appears():
    ThuiszitterFactory(soort="vrijstelling", vrijstelling_artikel="5b", startdatum=D(2026, 9, 1))
    assert VRIJSTELLING_VERLENGEN.uitvoeren(D(2027, 7, 1)) == 0


def test_the_renewal_start_is_a_setting(settings):
    settings.VRIJSTELLING_VERLENGEN_VANAF = "04-15"
    ThuiszitterFactory(soort="vrijstelling", vrijstelling_artikel="15", startdatum=D(2026, 9, 1))
    assert VRIJSTELLING_VERLENGEN.uitvoeren(D(2027, 4, 15)) == 1


# --- einde_leerplicht ---


@pytest.mark.parametrize(
    "geboortedatum",
    [D(2010, 7, 31), D(2010, 8, 1), D(2011, 1, 1), D(2010, 12, 31), D(2008, 2, 29), D(2011, 2, 28)],
)
def test_the_end_of_leerplicht_is_the_same_day_as_cases_leerplicht(geboortedatum):
    leerling = LeerlingFactory(geboortedatum=geboortedatum)
    ThuiszitterFactory(leerling=leerling, startdatum=D(2024, 1, 8))
    einde = leerplicht_eindigt(geboortedatum)
    assert EINDE_LEERPLICHT.uitvoeren(einde + datetime.timedelta(days=10)) == 1
    signaal = Signaal.objects.get(regel="einde_leerplicht")
    assert signaal.periode == f"einde-{einde.isoformat()}"
    assert signaal.vervalt_op == einde
    assert vlaggen(signaal) == (False, True, True)


def test_the_end_of_leerplicht_signal_appears_60_days_before():
    leerling = LeerlingFactory(geboortedatum=D(2011, 3, 12))  # 16 in March 2027: ends 31 July 2027
    ThuiszitterFactory(leerling=leerling, startdatum=D(2026, 9, 1))
    assert EINDE_LEERPLICHT.uitvoeren(D(2027, 7, 31) - datetime.timedelta(days=61)) == 0
    assert EINDE_LEERPLICHT.uitvoeren(D(2027, 7, 31) - datetime.timedelta(days=60)) == 1
    assert EINDE_LEERPLICHT.uitvoeren(D(2027, 8, 15)) == 0
    assert "31-07-2027" in Signaal.objects.get().omschrijving


def test_no_end_of_leerplicht_signal_for_an_ended_or_later_registration():
    ThuiszitterFactory(
        leerling=LeerlingFactory(geboortedatum=D(2011, 3, 12)),
        startdatum=D(2026, 9, 1),
        einddatum=D(2026, 12, 1),
        reden_einde="terug_naar_school",
    )
    # registered after leerplicht ended (kwalificatieplicht): leerplicht does not "end while registered"
    ThuiszitterFactory(leerling=LeerlingFactory(geboortedatum=D(2009, 3, 12)), startdatum=D(2026, 9, 1))
    assert EINDE_LEERPLICHT.uitvoeren(D(2027, 7, 1)) == 0
