"""Demo TLVs (issue 11, part TLV) for the demo SWV (a PO-SWV): a granted SBaO and SO TLV in each
bekostigingscategorie, one that ends this school year (so its reminder shows) and one refused. Written
through cases.services_tlv, after the demo pupils. Each case is closed after the decision (the pupil moved
on): an open demo case would block the other demo journeys, which start a new case for a demo pupil (one
open case per pupil and school).

Idempotent: nothing is added when the demo SWV has TLVs already. No real person is in here."""

import datetime

from django.utils import timezone

from swv.core.models import Lidmaatschap, Rol
from swv.core.plugins import DemoContext

from .deadlines import schooljaar
from .models import Casus, Leerling, Tlv
from .services_tlv import advies_vastleggen, tlv_aanvragen, tlv_besluiten


def load_demo_tlvs(demo: DemoContext) -> dict[str, int]:
    from partners.models import Persoon

    swv = demo.swv
    if swv.sector != "PO" or Tlv.objects.filter(swv=swv).exists():
        return {"tlvs": 0}
    deskundige = (
        Lidmaatschap.objects.filter(swv=swv, rol=Rol.SWV_DESKUNDIGE, actief=True)
        .select_related("user")
        .first()
    )
    persoon = Persoon.objects.filter(swv=swv).order_by("pk").first()
    if deskundige is None or persoon is None:
        return {"tlvs": 0}
    vandaag = timezone.localdate()
    begin_dit_jaar = schooljaar(vandaag)[0]
    vorig_jaar = begin_dit_jaar.replace(year=begin_dit_jaar.year - 1)
    # (soort, categorie, besluitdatum or None for open, toekennen, schooljaren)
    plan = [
        ("sbao", "", begin_dit_jaar, True, 1),  # ends on 31 July of this school year: the reminder shows
        ("so", "laag", vorig_jaar, True, 3),
        ("so", "midden", vandaag - datetime.timedelta(days=10), True, 1),
        ("so", "hoog", vorig_jaar + datetime.timedelta(days=40), True, 3),
        ("sbao", "", vandaag - datetime.timedelta(days=5), False, 1),
    ]
    # The third and fourth pupil of each school: the first two of a school are where the other demo
    # journeys (and their browser tests) start new cases, and a pupil has one open case per school.
    leerlingen: list[Leerling] = []
    scholen = Leerling.objects.filter(swv=swv).order_by("school_id").values_list("school_id", flat=True)
    for school_id in scholen.distinct():
        leerlingen += list(
            Leerling.objects.filter(swv=swv, school_id=school_id, geanonimiseerd_op__isnull=True).order_by(
                "pk"
            )[2:4]
        )
    aantal = 0
    for leerling, (soort, categorie, besluitdatum, toekennen, jaren) in zip(leerlingen, plan, strict=False):
        casus = Casus.objects.create(
            swv=swv,
            leerling=leerling,
            school=leerling.school,
            status=Casus.Status.IN_BEHANDELING,
            aangemeld_op=timezone.now(),
        )
        tlv = tlv_aanvragen(
            casus=casus,
            by=None,
            soort=soort,
            cluster=4 if soort == "so" else None,
            bekostigingscategorie=categorie,
            onderbouwing="Heeft een kleine groep, voorspelbaarheid en meer begeleiding nodig dan de school kan bieden.",
        )
        advies_datum = (besluitdatum or vandaag) - datetime.timedelta(days=7)
        advies_vastleggen(
            tlv=tlv,
            by=None,
            discipline="orthopedagoog",
            datum=advies_datum,
            uitkomst="positief" if toekennen or besluitdatum is None else "negatief",
            advies="Na observatie en gesprek met ouders en school: zie de onderbouwing.",
            deskundige_gebruiker=deskundige.user,
        )
        if besluitdatum is not None:
            advies_vastleggen(
                tlv=tlv,
                by=None,
                discipline="maatschappelijk_werker",
                datum=advies_datum,
                uitkomst="positief" if toekennen else "negatief",
                advies="Sluit aan bij wat thuis nodig is.",
                deskundige_persoon=persoon,
            )
            tlv_besluiten(
                tlv=tlv,
                by=None,
                toekennen=toekennen,
                motivering="Beide deskundigen adviseren eensluidend.",
                besluitdatum=besluitdatum,
                schooljaren=jaren,
            )
        Casus.objects.filter(pk=casus.pk).update(status=Casus.Status.AFGESLOTEN, afgesloten_op=timezone.now())
        aantal += 1
    return {"tlvs": aantal}
