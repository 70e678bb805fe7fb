"""TLVs and arrangementen of `manage.py genereer_testdata` (cases/testdata_tlv.py) on `klein`: every kind
per sector, gap-free beschikkingsnummers per SWV and year matching `TlvNummering`, two valid advices on every
decision, validity as the service computes it, arrangementen on the SWV's own voorzieningen, model
validation, the expiry rule finding work, and the same rows for the same seed."""

import io
import re
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from cases.deadlines import controleer_deadlines, schooljaar
from cases.models import Arrangement, Tlv, TlvAdvies, TlvNummering
from cases.models.tlv import EERSTE_DESKUNDIGE, SOORTEN_PER_SECTOR, TWEEDE_DESKUNDIGE
from cases.services_tlv import ontbrekende_adviezen, tlv_einddatum
from cases.testdata_tlv import VARIANTEN
from cases.workflow import GESLOTEN
from swv.core.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db


def genereer(seed: int = 7) -> str:
    uit = io.StringIO()
    call_command("genereer_testdata", "--schaal", "klein", "--seed", str(seed), stdout=uit)
    return uit.getvalue()


def test_klein_has_every_kind_granted_refused_and_open_per_swv():
    genereer()

    swvs = list(Samenwerkingsverband.objects.all())
    assert {s.sector for s in swvs} == {"PO", "VO"}
    for swv in swvs:
        tlvs = Tlv.objects.filter(swv=swv)
        assert set(tlvs.values_list("soort", flat=True)) == SOORTEN_PER_SECTOR[swv.sector]
        for soort, cluster, categorie in VARIANTEN[swv.sector]:
            assert tlvs.filter(
                soort=soort, cluster=cluster, bekostigingscategorie=categorie, status=Tlv.Status.TOEGEKEND
            ).exists(), (soort, cluster, categorie)
        for soort in SOORTEN_PER_SECTOR[swv.sector]:
            for status in Tlv.Status.values:
                assert tlvs.filter(soort=soort, status=status).exists(), (swv.sector, soort, status)
        assert not tlvs.exclude(casus__swv=swv).exists()
        # One TLV per case, on the case's own pupil; open requests only on open cases.
        assert tlvs.values("casus").distinct().count() == tlvs.count()
        for tlv in tlvs.select_related("casus"):
            assert tlv.leerling_id == tlv.casus.leerling_id
        assert not tlvs.filter(status=Tlv.Status.AANGEVRAAGD, casus__status__in=GESLOTEN).exists()


def test_numbers_are_unique_and_gap_free_per_swv_and_year_and_match_the_counter():
    genereer()

    vandaag = timezone.localdate()
    for swv in Samenwerkingsverband.objects.all():
        besloten = Tlv.objects.filter(swv=swv).exclude(status=Tlv.Status.AANGEVRAAGD)
        assert besloten.exists()
        assert not besloten.filter(beschikkingsnummer="").exists()
        assert (
            not Tlv.objects.filter(swv=swv, status=Tlv.Status.AANGEVRAAGD)
            .exclude(beschikkingsnummer="")
            .exists()
        )
        per_jaar: dict[int, list[int]] = defaultdict(list)
        for nummer, besluitdatum in besloten.values_list("beschikkingsnummer", "besluitdatum"):
            m = re.fullmatch(rf"{re.escape(swv.code)}-(\d{{4}})-(\d{{5}})", nummer)
            assert m, nummer
            assert int(m.group(1)) == besluitdatum.year
            assert besluitdatum < vandaag
            per_jaar[int(m.group(1))].append(int(m.group(2)))
        teller = dict(TlvNummering.objects.filter(swv=swv).values_list("jaar", "laatste"))
        assert teller == {jaar: len(nummers) for jaar, nummers in per_jaar.items()}
        for nummers in per_jaar.values():
            assert sorted(nummers) == list(range(1, len(nummers) + 1))
        # The numbers follow the order of the decisions.
        volgorde = list(besloten.order_by("besluitdatum", "pk").values_list("beschikkingsnummer", flat=True))
        for jaar in per_jaar:
            van_jaar = [n for n in volgorde if f"-{jaar}-" in n]
            assert van_jaar == sorted(van_jaar)


def test_every_decision_has_two_valid_advices_and_a_valid_period():
    genereer()

    for tlv in Tlv.objects.exclude(status=Tlv.Status.AANGEVRAAGD).prefetch_related("adviezen"):
        adviezen = list(tlv.adviezen.all())
        assert len(adviezen) == 2
        assert adviezen[0].discipline in EERSTE_DESKUNDIGE or adviezen[1].discipline in EERSTE_DESKUNDIGE
        assert {a.discipline for a in adviezen} & TWEEDE_DESKUNDIGE
        assert ontbrekende_adviezen(tlv, op=tlv.besluitdatum) == []
        assert len({(a.deskundige_persoon_id, a.deskundige_gebruiker_id) for a in adviezen}) == 2
        uitkomst = "positief" if tlv.status == Tlv.Status.TOEGEKEND else "negatief"
        assert {a.uitkomst for a in adviezen} == {uitkomst}
        if tlv.status == Tlv.Status.TOEGEKEND:
            assert tlv.ingangsdatum >= tlv.besluitdatum
            jaren = tlv.einddatum.year - tlv_einddatum(tlv.ingangsdatum, 1).year + 1
            assert jaren >= 1
            assert tlv.einddatum == tlv_einddatum(tlv.ingangsdatum, jaren)
            assert tlv.bekostigingscategorie or tlv.soort not in ("so", "vso")
    assert (
        TlvAdvies.objects.filter(tlv__status=Tlv.Status.AANGEVRAAGD).count()
        < 3 * Tlv.objects.filter(status=Tlv.Status.AANGEVRAAGD).count()
    )
    # Some granted TLVs end this school year: on its last day the expiry rule raises a task for each.
    eind = schooljaar(timezone.localdate())[1]
    aflopend = Tlv.objects.filter(status=Tlv.Status.TOEGEKEND, einddatum=eind).count()
    assert aflopend > 0
    assert controleer_deadlines(eind)["tlv_verloopt"]["nieuw"] == aflopend


def test_arrangementen_use_voorzieningen_of_the_same_swv_with_mixed_statuses():
    genereer()

    arrangementen = Arrangement.objects.select_related("voorziening", "casus")
    assert arrangementen.exists()
    assert set(arrangementen.values_list("status", flat=True)) == set(Arrangement.Status.values)
    for arr in arrangementen:
        assert arr.voorziening.swv_id == arr.swv_id == arr.casus.swv_id
        assert arr.voorziening.sector in (arr.casus.swv.sector, "beide")
        if arr.casus.status in GESLOTEN:
            assert arr.status == Arrangement.Status.BEEINDIGD
        if arr.status == Arrangement.Status.BEEINDIGD:
            assert arr.einddatum is not None
            assert arr.reden_einde


def test_generated_tlvs_and_arrangementen_pass_the_models_own_validation():
    genereer()

    for model in (Tlv, TlvAdvies, Arrangement):
        for obj in model.objects.all()[:300]:
            obj.full_clean()


def test_the_same_seed_gives_the_same_tlvs():
    def inhoud() -> list[tuple]:
        return list(
            Tlv.objects.order_by("beschikkingsnummer", "casus__leerling__bsn").values_list(
                "casus__leerling__bsn", "soort", "status", "beschikkingsnummer", "einddatum"
            )
        ) + list(
            Arrangement.objects.order_by("casus__leerling__bsn").values_list(
                "casus__leerling__bsn", "voorziening__naam", "status", "startdatum"
            )
        )

    with transaction.atomic():
        genereer(seed=7)
        eerst = inhoud()
        transaction.set_rollback(True)
    genereer(seed=7)

    assert inhoud() == eerst
    assert eerst


def test_the_history_records_the_generated_tlvs_and_arrangementen_as_testdata():
    from cases.models import ArrangementEvent, TlvAdviesEvent, TlvEvent

    genereer()

    for event, model in ((TlvEvent, Tlv), (TlvAdviesEvent, TlvAdvies), (ArrangementEvent, Arrangement)):
        assert (
            event.objects.filter(pgh_context__metadata__bron="testdata").count() == model.objects.count() > 0
        )


def test_a_real_decision_continues_the_generated_numbers():
    from cases.services_tlv import volgend_beschikkingsnummer

    genereer()
    swv = Samenwerkingsverband.objects.order_by("code")[0]
    jaar, laatste = TlvNummering.objects.filter(swv=swv).order_by("-jaar").values_list("jaar", "laatste")[0]

    with transaction.atomic():
        nummer = volgend_beschikkingsnummer(swv, jaar)

    assert nummer == f"{swv.code}-{jaar}-{laatste + 1:05d}"
    assert not Tlv.objects.filter(swv=swv, beschikkingsnummer=nummer).exists()
