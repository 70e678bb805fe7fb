"""Demo: one warm overdracht PO -> VO in progress (issue 11), registered after the cases demo (its pupils).

The demo intern begeleider of school 99AB00 submits an aanmelding for a groep-8 pupil of that school and offers the
case to a VO school of the region (added to the registry here: the receiving school is a network partner
of the PO SWV) on the legal basis of the onderwijskundig rapport. The offer stays open, so the VO school's
side can be shown. Idempotent: a second run finds the offer and adds nothing. Fictional data only.
"""

import datetime
import random

from django.db import transaction

from partners import services as partner_services
from partners.models import Organisatie
from swv.core.plugins import DemoContext

from . import services as leerling_services
from .demo import demo_bsn
from .models import Leerling, Overdracht
from .services_casus import aanmelding_indienen, aanmelding_opslaan
from .services_overdracht import overdracht_aanbieden

VO_CODE = "99VO00"
# The handover's own pupil (fictional, generated with a fixed seed; the leerlingen demo's test leaves it out).
OVERDRACHT_BSN = demo_bsn(random.Random(9950))  # noqa: S311 - demo data, not security
VO_NAAM = "Demo Lyceum Rivierenland (VO)"


def load_demo_overdracht(demo: DemoContext) -> dict[str, int]:
    swv = demo.swv
    if Overdracht.objects.filter(swv=swv, soort=Overdracht.Soort.PO_VO).exists():
        return {"overdrachten": 0}
    po = demo.organisaties[("school", "99AB00")]
    ib = demo.users["ib"]
    # A groep-8 pupil of its own (the other demo parts give the school's pupils open cases, and one open case
    # per pupil and school is the rule): fictional, with a generated BSN, found again by it on a rerun.
    bsn = OVERDRACHT_BSN
    leerling = Leerling.objects.filter(swv=swv, bsn=bsn).first()
    if leerling is None:
        leerling = leerling_services.leerling_create(
            swv=swv,
            by=None,
            bsn=bsn,
            voornaam="Noor",
            achternaam="Overstapper",
            geboortedatum=datetime.date(2014, 5, 12),
            school=po,
            woongemeente=po.gemeente,
        )
        leerling_services.inschrijving_toevoegen(
            leerling=leerling, by=None, school=po, ingeschreven_op=datetime.date(2018, 8, 20)
        )
        leerling_services.ouder_toevoegen(
            leerling=leerling,
            by=None,
            voornaam="Sanne",
            achternaam="Overstapper",
            relatie="moeder",
            gezag=True,
            telefoon="06-12345678",
            email="sanne.overstapper@example.org",
            adres="Schoolstraat 1, 9999 ZZ Demodorp",
        )
    with transaction.atomic():
        vo = Organisatie.objects.filter(swv=swv, soort="school", code=VO_CODE).first()
        if vo is None:
            vo = partner_services.organisatie_create(
                swv=swv, by=None, soort="school", code=VO_CODE, naam=VO_NAAM, gemeente=po.gemeente
            )
        # The pupil has no open case here (chosen above): a new aanmelding.
        casus = aanmelding_opslaan(
            school=po,
            by=ib,
            leerling=leerling,
            vraagstelling="Hoe zorgen we dat de overstap naar het voortgezet onderwijs goed verloopt?",
            ondersteuningsbehoefte="Structuur en een vast aanspreekpunt in het eerste leerjaar.",
            bevorderende_factoren="Gemotiveerd, goede band met de leerkracht.",
            belemmerende_factoren="Raakt overprikkeld bij veel wisselingen.",
            al_gedaan="Vaste plek in de klas, dagplanning op papier.",
            resultaat_al_gedaan="Rustiger in de klas, minder conflicten.",
            visie_ouders="Ouders willen een kleine school met begeleiding.",
            ouders_geinformeerd=True,
        )
        casus = aanmelding_indienen(casus=casus, by=ib)
        overdracht_aanbieden(
            casus=casus,
            by=ib,
            soort=Overdracht.Soort.PO_VO,
            naar_school=vo,
            delen=[Overdracht.Deel.AANMELDING, Overdracht.Deel.PLAN],
            grondslag=Overdracht.Grondslag.WETTELIJKE_TAAK,
            toelichting="Warme overdracht: graag een gesprek met de mentor in de eerste weken.",
        )
    return {"overdrachten": 1}
