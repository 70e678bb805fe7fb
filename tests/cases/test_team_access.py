"""Who sees a case through the ondersteuningsteam (issue 10): the one rule, `Casus.objects.visible_to`.

A partner professional sees a case only while they are an active member *and* a valid consent of the
ouders covers their organisation for the purpose `deelname_ot`; leerplicht needs no consent. Withdrawing
the consent or ending the membership: the next request is a 404, on the page and in the API.
"""

import datetime

import pytest
from django.utils import timezone

from cases.models import Casus, Leerling, OtLid, Toestemming
from cases.services_team import (
    ot_lid_beeindigen,
    ot_lid_toevoegen,
    toestemming_intrekken,
    toestemming_vastleggen,
)
from swv.core.models import Rol
from tests.cases.factories_team import CasusFactory, OuderFactory
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

VANDAAG = datetime.date.today()


def _org(user):
    return user.lidmaatschappen.get().organisatie


@pytest.fixture
def casus(swv):
    return CasusFactory(swv=swv)


@pytest.fixture
def partner(users):
    return users[Rol.KETENPARTNER]


def _lid(casus, user, rol=OtLid.Rol.PARTNER):
    return ot_lid_toevoegen(casus=casus, by=None, rol=rol, organisatie=_org(user), gebruiker=user)


def _toestemming(casus, organisatie, **kwargs):
    velden = {
        "doel": Toestemming.Doel.DEELNAME_OT,
        "gegeven_op": VANDAAG - datetime.timedelta(days=5),
        "wijze": Toestemming.Wijze.SCHRIFTELIJK,
        "gegeven_door_ouder": OuderFactory(leerling=casus.leerling),
        **kwargs,
    }
    return toestemming_vastleggen(casus=casus, by=None, organisatie=organisatie, **velden)


def _ziet(user, casus) -> bool:
    return Casus.objects.visible_to(user).filter(pk=casus.pk).exists()


def test_a_partner_sees_the_case_only_as_member_with_consent(casus, partner):
    assert not _ziet(partner, casus)
    _lid(casus, partner)
    assert not _ziet(partner, casus), "membership alone is not enough"
    _toestemming(casus, _org(partner))
    assert _ziet(partner, casus)
    # ...and the pupil of that case, nothing else.
    assert list(Leerling.objects.visible_to(partner)) == [casus.leerling]


def test_consent_alone_is_not_enough(casus, partner):
    _toestemming(casus, _org(partner))
    assert not _ziet(partner, casus)
    assert not Leerling.objects.visible_to(partner).exists()


def test_withdrawn_consent_or_ended_membership_removes_access(casus, partner):
    lid = _lid(casus, partner)
    toestemming = _toestemming(casus, _org(partner))
    assert _ziet(partner, casus)

    toestemming_intrekken(toestemming=toestemming, by=None, reden="Ouders trekken in")
    assert not _ziet(partner, casus)

    _toestemming(casus, _org(partner))
    assert _ziet(partner, casus)
    ot_lid_beeindigen(lid=lid, by=None)
    assert not _ziet(partner, casus)
    assert not Leerling.objects.visible_to(partner).exists()


def test_expired_consent_does_not_count(casus, partner):
    _lid(casus, partner)
    _toestemming(
        casus,
        _org(partner),
        gegeven_op=VANDAAG - datetime.timedelta(days=100),
        geldig_tot=VANDAAG - datetime.timedelta(days=1),
    )
    assert not _ziet(partner, casus)


def test_consent_valid_until_today_counts(casus, partner):
    _lid(casus, partner)
    _toestemming(casus, _org(partner), gegeven_op=VANDAAG - datetime.timedelta(days=100), geldig_tot=VANDAAG)
    assert _ziet(partner, casus)


@pytest.mark.parametrize("doel", ["gegevens_delen", "onderzoek", "overdracht"])
def test_consent_for_another_purpose_does_not_count(casus, partner, doel):
    _lid(casus, partner)
    _toestemming(casus, _org(partner), doel=doel)
    assert not _ziet(partner, casus)


def test_consent_for_another_organisation_does_not_count(casus, partner):
    _lid(casus, partner)
    _toestemming(casus, OrganisatieFactory(swv=casus.swv, wijkteam=True))
    assert not _ziet(partner, casus)


def test_consent_of_another_pupil_does_not_count(casus, partner, swv):
    _lid(casus, partner)
    _toestemming(CasusFactory(swv=swv), _org(partner))
    assert not _ziet(partner, casus)


def test_a_colleague_at_the_same_organisation_who_is_no_member_sees_nothing(casus, partner):
    _lid(casus, partner)
    _toestemming(casus, _org(partner))
    collega = UserFactory()
    LidmaatschapFactory(swv=casus.swv, user=collega, organisatie=_org(partner), rol=Rol.KETENPARTNER)
    assert not _ziet(collega, casus)


def test_leerplicht_member_needs_no_consent(casus, users):
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR]
    assert not _ziet(leerplicht, casus)
    lid = _lid(casus, leerplicht, rol=OtLid.Rol.LEERPLICHT)
    assert _ziet(leerplicht, casus)
    ot_lid_beeindigen(lid=lid, by=None)
    assert not _ziet(leerplicht, casus)


def test_a_partner_membership_with_a_legal_basis_still_needs_consent(casus, partner):
    # Even a row that claims a legal basis (written around the service) opens nothing to a partner.
    OtLid.objects.create(
        swv=casus.swv,
        casus=casus,
        rol=OtLid.Rol.PARTNER,
        organisatie=_org(partner),
        gebruiker=partner,
        grondslag=OtLid.Grondslag.WETTELIJKE_TAAK,
    )
    assert not _ziet(partner, casus)


def test_an_outsider_partner_never_sees_the_case(casus, partner, swv):
    from tests.factories import SamenwerkingsverbandFactory

    _lid(casus, partner)
    _toestemming(casus, _org(partner))
    elders = SamenwerkingsverbandFactory(code="PO9866")
    buiten = UserFactory()
    LidmaatschapFactory(
        swv=elders,
        user=buiten,
        organisatie=OrganisatieFactory(swv=elders, wijkteam=True),
        rol=Rol.KETENPARTNER,
    )
    assert not _ziet(buiten, casus)
    assert not Leerling.objects.visible_to(buiten).exists()


def test_the_partner_acting_in_another_role_does_not_see_it(casus, partner, swv):
    # Access follows the acting membership: the same account acting for another organisation sees nothing.
    _lid(casus, partner)
    _toestemming(casus, _org(partner))
    ander = LidmaatschapFactory(
        swv=swv, user=partner, organisatie=OrganisatieFactory(swv=swv, wijkteam=True), rol=Rol.KETENPARTNER
    )

    partner.lidmaatschap = ander  # what ActingMembershipMiddleware sets for the chosen membership
    assert not _ziet(partner, casus)


def test_consent_given_today_counts_today(casus, partner):
    _lid(casus, partner)
    _toestemming(casus, _org(partner), gegeven_op=timezone.localdate())
    assert _ziet(partner, casus)
