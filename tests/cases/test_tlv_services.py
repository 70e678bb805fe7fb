"""TLV services: validity in whole school years (the edges), the two advices the law asks, the
beschikkingsnummer per SWV per year, who may do what, and every step on the tijdlijn."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.models import TijdlijnGebeurtenis, Tlv, TlvNummering
from cases.services_tlv import advies_vastleggen, tlv_aanvragen, tlv_besluiten, tlv_einddatum
from swv.core.models import Rol
from tests.cases.factories_plan import maak_casus
from tests.cases.factories_tlv import geef_adviezen, maak_aanvraag, school_van
from tests.factories import PersoonFactory, SamenwerkingsverbandFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("ingang", "jaren", "eind"),
    [
        # On 1 August the first school year is a full one.
        (D(2026, 8, 1), 1, D(2027, 7, 31)),
        (D(2026, 8, 1), 2, D(2028, 7, 31)),
        # The next day is mid-year: the rest of this year on top of one full year.
        (D(2026, 8, 2), 1, D(2028, 7, 31)),
        (D(2027, 1, 15), 1, D(2028, 7, 31)),
        # 31 July is the last day of a school year: one day of it, plus the full year(s).
        (D(2027, 7, 31), 1, D(2028, 7, 31)),
        (D(2027, 7, 31), 3, D(2030, 7, 31)),
        # Leap years: 29 February is mid-year; the end is 31 July whatever the length of the year.
        (D(2028, 2, 29), 1, D(2029, 7, 31)),
        (D(2028, 2, 29), 2, D(2030, 7, 31)),
        (D(2027, 8, 1), 1, D(2028, 7, 31)),
    ],
)
def test_validity_is_whole_school_years_ending_31_july_and_mid_year_gets_the_rest_on_top(ingang, jaren, eind):
    assert tlv_einddatum(ingang, jaren) == eind


def test_validity_of_less_than_one_school_year_is_refused():
    with pytest.raises(ValidationError) as e:
        tlv_einddatum(D(2026, 8, 1), 0)
    assert "ten minste één volledig schooljaar" in str(e.value)


def test_deciding_without_the_two_advices_is_refused_with_the_reasons(swv, users):
    tlv = maak_aanvraag(swv, users)
    with pytest.raises(ValidationError) as e:
        tlv_besluiten(tlv=tlv, by=users[Rol.SWV_COORDINATOR], toekennen=True, motivering="Past in het SO.")
    meldingen = e.value.message_dict["adviezen"]
    assert any("orthopedagoog of psycholoog ontbreekt" in m for m in meldingen)
    assert any("tweede deskundige ontbreekt" in m for m in meldingen)
    # One advice of the first kind is not enough: the second is still named.
    advies_vastleggen(
        tlv=tlv,
        by=users[Rol.SWV_DESKUNDIGE],
        discipline="psycholoog",
        datum=D(2026, 10, 1),
        uitkomst="positief",
        advies="Positief.",
    )
    with pytest.raises(ValidationError) as e:
        tlv_besluiten(tlv=tlv, by=users[Rol.SWV_COORDINATOR], toekennen=True, motivering="Past in het SO.")
    assert e.value.message_dict["adviezen"][1:] == [
        "Het advies van een tweede deskundige ontbreekt (kinder- of jeugdpsycholoog, pedagoog, "
        "kinderpsychiater, maatschappelijk werker of arts)."
    ]
    tlv.refresh_from_db()
    assert tlv.status == Tlv.Status.AANGEVRAAGD
    assert tlv.beschikkingsnummer == ""
    assert not TlvNummering.objects.exists()


def test_two_advices_of_the_first_group_do_not_make_the_second(swv, users):
    tlv = maak_aanvraag(swv, users)
    for discipline, persoon in (("orthopedagoog", None), ("psycholoog", PersoonFactory(swv=swv))):
        advies_vastleggen(
            tlv=tlv,
            by=users[Rol.SWV_COORDINATOR] if persoon else users[Rol.SWV_DESKUNDIGE],
            discipline=discipline,
            datum=D(2026, 10, 1),
            uitkomst="positief",
            advies="Positief.",
            deskundige_persoon=persoon,
        )
    with pytest.raises(ValidationError) as e:
        tlv_besluiten(tlv=tlv, by=users[Rol.SWV_COORDINATOR], toekennen=True, motivering="Past.")
    assert any("tweede deskundige" in m for m in e.value.message_dict["adviezen"])


def test_an_advice_dated_after_the_besluitdatum_does_not_count(swv, users):
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users, datum=D(2026, 11, 20))
    with pytest.raises(ValidationError) as e:
        tlv_besluiten(
            tlv=tlv,
            by=users[Rol.SWV_COORDINATOR],
            toekennen=True,
            motivering="Past.",
            besluitdatum=D(2026, 11, 10),
        )
    assert "Adviezen van na de besluitdatum tellen niet mee." in e.value.message_dict["adviezen"]


def test_a_decision_gets_the_next_number_of_its_swv_and_year_with_its_period(swv, users):
    coordinator = users[Rol.SWV_COORDINATOR]
    nummers = []
    for _ in range(3):
        tlv = maak_aanvraag(swv, users)
        geef_adviezen(tlv, users)
        tlv = tlv_besluiten(
            tlv=tlv,
            by=coordinator,
            toekennen=True,
            motivering="Past in het SO.",
            besluitdatum=D(2026, 11, 2),
            ingangsdatum=D(2027, 1, 5),
        )
        nummers.append(tlv.beschikkingsnummer)
        assert (tlv.status, tlv.ingangsdatum, tlv.einddatum) == ("toegekend", D(2027, 1, 5), D(2028, 7, 31))
        assert tlv.bekostigingscategorie == "midden"
    assert nummers == ["PO9801-2026-00001", "PO9801-2026-00002", "PO9801-2026-00003"]
    # The year is the besluitdatum's (a decision taken on paper last year keeps last year's series).
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users, datum=D(2025, 12, 1))
    tlv = tlv_besluiten(
        tlv=tlv, by=coordinator, toekennen=False, motivering="Niet nodig.", besluitdatum=D(2025, 12, 30)
    )
    assert tlv.beschikkingsnummer == "PO9801-2025-00001"
    assert (tlv.status, tlv.einddatum, tlv.ingangsdatum) == ("afgewezen", None, None)
    # Another SWV counts on its own.
    ander = SamenwerkingsverbandFactory(code="PO9805")
    assert TlvNummering.objects.filter(swv=ander).count() == 0
    titels = list(
        TijdlijnGebeurtenis.objects.filter(casus=tlv.casus, soort="tlv").values_list("titel", flat=True)
    )
    assert titels[0].startswith("TLV aangevraagd")
    assert titels[-1] == "TLV afgewezen (PO9801-2025-00001)"


def test_a_besluit_in_the_future_or_an_ingang_before_it_is_refused_and_nothing_is_numbered(swv, users):
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users)
    with pytest.raises(ValidationError) as e:
        tlv_besluiten(
            tlv=tlv,
            by=users[Rol.SWV_COORDINATOR],
            toekennen=True,
            motivering="Past.",
            besluitdatum=D(2099, 1, 1),
            ingangsdatum=D(2098, 1, 1),
        )
    assert set(e.value.message_dict) == {"besluitdatum", "ingangsdatum"}
    assert not TlvNummering.objects.exists()


def test_a_granted_so_tlv_needs_a_category_and_a_sbao_tlv_has_none(swv, users):
    tlv = maak_aanvraag(swv, users, categorie="")
    geef_adviezen(tlv, users)
    with pytest.raises(ValidationError) as e:
        tlv_besluiten(tlv=tlv, by=users[Rol.SWV_COORDINATOR], toekennen=True, motivering="Past.")
    assert "bekostigingscategorie" in e.value.message_dict
    tlv = tlv_besluiten(
        tlv=tlv,
        by=users[Rol.SWV_COORDINATOR],
        toekennen=True,
        motivering="Past.",
        bekostigingscategorie="hoog",
    )
    assert tlv.bekostigingscategorie == "hoog"
    with pytest.raises(ValidationError) as e:
        tlv_aanvragen(
            casus=maak_casus(swv, school=school_van(users)),
            by=users[Rol.SWV_COORDINATOR],
            soort="sbao",
            bekostigingscategorie="laag",
            onderbouwing="Kleine groepen.",
        )
    assert "bekostigingscategorie" in e.value.message_dict


def test_a_po_swv_does_not_decide_on_vso_pro_or_lwoo_and_so_needs_cluster_3_or_4(swv, users):
    casus = maak_casus(swv, school=school_van(users))
    for soort in ("vso", "pro", "lwoo"):
        with pytest.raises(ValidationError) as e:
            tlv_aanvragen(
                casus=casus, by=users[Rol.SWV_COORDINATOR], soort=soort, onderbouwing="x", cluster=3
            )
        assert "andere sector" in e.value.message_dict["soort"][0]
    with pytest.raises(ValidationError) as e:
        tlv_aanvragen(casus=casus, by=users[Rol.SWV_COORDINATOR], soort="so", onderbouwing="x", cluster=2)
    assert "commissie van onderzoek" in e.value.message_dict["cluster"][0]


def test_pro_and_lwoo_are_their_own_kinds_of_decision_in_a_vo_swv(db):
    from tests.conftest import ORGANISATIE_VOOR_ROL  # noqa: F401 - the same organisations as `users`
    from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

    vo = SamenwerkingsverbandFactory(code="VO9811", sector="VO")
    bureau = OrganisatieFactory(swv=vo, swv_bureau=True)
    users = {}
    for rol in (Rol.SWV_COORDINATOR, Rol.SWV_DESKUNDIGE):
        users[rol.value] = UserFactory()
        LidmaatschapFactory(swv=vo, user=users[rol.value], organisatie=bureau, rol=rol)
    for soort in ("pro", "lwoo"):
        casus = maak_casus(vo)
        tlv = tlv_aanvragen(
            casus=casus, by=users[Rol.SWV_COORDINATOR], soort=soort, onderbouwing="Praktisch leren."
        )
        geef_adviezen(tlv, users, datum=D(2026, 7, 1))
        tlv = tlv_besluiten(
            tlv=tlv,
            by=users[Rol.SWV_COORDINATOR],
            toekennen=True,
            motivering="Voldoet aan de criteria.",
            besluitdatum=D(2026, 8, 1),
            schooljaren=2,
        )
        assert (tlv.soort, tlv.bekostigingscategorie, tlv.einddatum) == (soort, "", D(2028, 7, 31))
    assert Tlv.objects.filter(swv=vo).values_list("beschikkingsnummer", flat=True).order_by("pk")[1] == (
        "VO9811-2026-00002"
    )


def test_only_the_coordinator_decides_and_a_school_may_request_for_its_own_case(swv, users):
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users)
    for rol in (Rol.SWV_MEDEWERKER, Rol.SWV_DESKUNDIGE, Rol.ZORGCOORDINATOR):
        with pytest.raises(ValidationError) as e:
            tlv_besluiten(tlv=tlv, by=users[rol], toekennen=True, motivering="Past.")
        assert "Alleen de coördinator" in e.value.messages[0]
    casus = maak_casus(swv, school=school_van(users))
    eigen = tlv_aanvragen(
        casus=casus, by=users[Rol.INTERN_BEGELEIDER], soort="sbao", onderbouwing="Kleine groepen nodig."
    )
    assert eigen.aangevraagd_door == users[Rol.INTERN_BEGELEIDER]
    andere = maak_casus(swv)
    with pytest.raises(ValidationError):
        tlv_aanvragen(casus=andere, by=users[Rol.INTERN_BEGELEIDER], soort="sbao", onderbouwing="x")
    with pytest.raises(ValidationError):
        advies_vastleggen(
            tlv=eigen,
            by=users[Rol.ZORGCOORDINATOR],
            discipline="arts",
            datum=D(2026, 10, 1),
            uitkomst="positief",
            advies="x",
            deskundige_persoon=PersoonFactory(swv=swv),
        )


def test_an_advice_names_a_deskundige_of_this_swv_once(swv, users):
    tlv = maak_aanvraag(swv, users)
    kwargs = {
        "tlv": tlv,
        "discipline": "arts",
        "datum": D(2026, 10, 1),
        "uitkomst": "positief",
        "advies": "Ok.",
    }
    with pytest.raises(ValidationError) as e:
        advies_vastleggen(
            by=users[Rol.SWV_COORDINATOR], deskundige_gebruiker=users[Rol.SWV_MEDEWERKER], **kwargs
        )
    assert "geen deskundige" in e.value.message_dict["deskundige_gebruiker"][0]
    with pytest.raises(ValidationError) as e:
        advies_vastleggen(by=users[Rol.SWV_COORDINATOR], **kwargs)
    assert "Kies de deskundige" in e.value.message_dict["deskundige_gebruiker"][0]
    vreemd = PersoonFactory(swv=SamenwerkingsverbandFactory(code="PO9806"))
    with pytest.raises(ValidationError) as e:
        advies_vastleggen(by=users[Rol.SWV_COORDINATOR], deskundige_persoon=vreemd, **kwargs)
    assert "ander samenwerkingsverband" in e.value.message_dict["deskundige_persoon"][0]
    advies_vastleggen(by=users[Rol.SWV_DESKUNDIGE], **kwargs)
    with pytest.raises(ValidationError) as e:
        advies_vastleggen(by=users[Rol.SWV_DESKUNDIGE], **kwargs)
    assert "al advies gegeven" in e.value.message_dict["deskundige_gebruiker"][0]


def test_a_decided_tlv_is_not_decided_again_and_takes_no_more_advice(swv, users):
    tlv = maak_aanvraag(swv, users)
    geef_adviezen(tlv, users)
    tlv_besluiten(tlv=tlv, by=users[Rol.SWV_COORDINATOR], toekennen=True, motivering="Past.")
    with pytest.raises(ValidationError) as e:
        tlv_besluiten(tlv=tlv, by=users[Rol.SWV_COORDINATOR], toekennen=False, motivering="Toch niet.")
    assert "intussen al besloten" in e.value.message_dict["status"][0]
    with pytest.raises(ValidationError):
        advies_vastleggen(
            tlv=tlv,
            by=users[Rol.SWV_COORDINATOR],
            discipline="arts",
            datum=D(2026, 10, 1),
            uitkomst="positief",
            advies="x",
            deskundige_persoon=PersoonFactory(swv=swv),
        )
    assert TlvNummering.objects.get().laatste == 1
