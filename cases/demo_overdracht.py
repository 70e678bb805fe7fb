"""Demo: one warm overdracht PO -> VO in progress (issue 11), registered after the cases demo (its pupils).

The demo intern begeleider of school 99AB00 submits an aanmelding for a pupil of that school and offers the
case to a VO school of the region (added to the registry here: the receiving school is a network partner
of the PO SWV) on the legal basis of the onderwijskundig rapport. The offer stays open, so the VO school's
side can be shown. Idempotent: a second run finds the offer and adds nothing. Fictional data only.
"""

from django.db import transaction

from partners import services as partner_services
from partners.models import Organisatie
from swv.core.plugins import DemoContext

from .models import Casus, Leerling, Overdracht
from .services_casus import aanmelding_indienen, aanmelding_opslaan
from .services_overdracht import overdracht_aanbieden

VO_CODE = "99VO00"
VO_NAAM = "Demo Lyceum Rivierenland (VO)"


def load_demo_overdracht(demo: DemoContext) -> dict[str, int]:
    swv = demo.swv
    if Overdracht.objects.filter(swv=swv, soort=Overdracht.Soort.PO_VO).exists():
        return {"overdrachten": 0}
    po = demo.organisaties[("school", "99AB00")]
    ib = demo.users["ib"]
    # The oldest pupil of the school (groep 8), but never the SWV's alphabetically first pupil: the
    # browser journey of the plan (tests/e2e/test_e2e_plan.py) opens a case for that one at its school.
    eerste = Leerling.objects.filter(swv=swv).values_list("pk", flat=True).first()
    leerling = (
        Leerling.objects.filter(swv=swv, school=po)
        .exclude(pk=eerste or 0)
        .order_by("geboortedatum", "pk")
        .first()
    )
    if leerling is None:
        return {"overdrachten": 0}
    with transaction.atomic():
        vo = Organisatie.objects.filter(swv=swv, soort="school", code=VO_CODE).first()
        if vo is None:
            vo = partner_services.organisatie_create(
                swv=swv, by=None, soort="school", code=VO_CODE, naam=VO_NAAM, gemeente=po.gemeente
            )
        casus = Casus.objects.filter(swv=swv, leerling=leerling, school=po).first()
        if casus is None:
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
