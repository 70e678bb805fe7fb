"""Demo arrangementen on the demo voorzieningen (issue 11), after the cases demo (its pupils) and partners'
provisions. Idempotent: the demo cases are found again by their `client_referentie`, an arrangement by its
case and voorziening. Everything goes through the services, so the tijdlijn and the history are as in use.

The full "Herstart (demo)" gets a request on its waiting list; the others get places taken (toegekend,
gestart) and one ended arrangement, so the dekkend netwerk page shows occupancy that follows from cases.
"""

import datetime

from django.utils import timezone

from partners.models import Voorziening
from swv.core.plugins import DemoContext

from .models import Arrangement, Casus, Leerling
from .services_arrangement import arrangement_aanvragen, arrangement_status_wijzigen
from .services_casus import AanmeldingVelden, aanmelding_opslaan, casus_overgang
from .workflow import Status

TEKSTEN: AanmeldingVelden = {
    "vraagstelling": "Welke plek past bij deze leerling nu de huidige aanpak niet genoeg helpt?",
    "ondersteuningsbehoefte": "Kleine groep, vaste begeleider, korte lijnen met thuis.",
    "bevorderende_factoren": "Gemotiveerd, betrokken ouders.",
    "belemmerende_factoren": "Veel verzuim in de afgelopen maanden.",
    "al_gedaan": "Handelingsplan en gesprekken met het ondersteuningsteam.",
    "resultaat_al_gedaan": "Kleine verbetering, niet genoeg.",
    "visie_ouders": "Ouders steunen een tijdelijk arrangement.",
    "ouders_geinformeerd": True,
}

# (voorziening, the statuses it goes through, reason); the n-th entry uses the n-th demo pupil.
ARRANGEMENTEN = [
    ("Herstart (demo)", [], "Thuiszitter sinds zes weken; terugkeer naar school via Herstart."),
    ("OCTA onderwijs-zorgarrangement (demo)", ["toegekend", "gestart"], "Hoogbegaafd met angstklachten."),
    (
        "Zorg-onderwijscombinatie De Brug (demo)",
        ["toegekend"],
        "Gedragsproblemen in de klas; zorg en onderwijs samen.",
    ),
    (
        "Zorg-onderwijscombinatie De Brug (demo)",
        ["toegekend", "gestart", "beeindigd"],
        "Tijdelijke plaatsing.",
    ),
]


def _demo_casus(demo: DemoContext, leerling: Leerling, nummer: int) -> Casus:
    referentie = f"demo-arrangement-{nummer}"
    casus = Casus.objects.filter(swv=demo.swv, client_referentie=referentie).first()
    if casus is not None:
        return casus
    casus = aanmelding_opslaan(
        school=leerling.school, by=None, leerling=leerling, client_referentie=referentie, **TEKSTEN
    )
    casus = casus_overgang(casus=casus, naar=Status.AANGEMELD, by=None)
    return casus_overgang(casus=casus, naar=Status.IN_BEHANDELING, by=None)


def load_demo_arrangementen(demo: DemoContext) -> dict[str, int]:
    swv = demo.swv
    leerlingen = list(
        Leerling.objects.filter(swv=swv, school__isnull=False).select_related("school").order_by("pk")
    )
    aantal = 0
    vandaag = timezone.localdate()
    for nummer, (naam, stappen, reden) in enumerate(ARRANGEMENTEN):
        voorziening = Voorziening.objects.filter(swv=swv, naam=naam).first()
        if voorziening is None or nummer >= len(leerlingen):
            continue
        casus = _demo_casus(demo, leerlingen[nummer], nummer)
        if Arrangement.objects.filter(casus=casus, voorziening=voorziening).exists():
            continue
        arrangement = arrangement_aanvragen(
            casus=casus,
            voorziening=voorziening,
            reden=reden,
            startdatum=vandaag - datetime.timedelta(days=30 * len(stappen)),
            by=None,
        )
        for stap in stappen:
            arrangement = arrangement_status_wijzigen(
                arrangement=arrangement,
                naar=stap,
                reden="Doelen bereikt; terug naar de eigen school." if stap == "beeindigd" else "",
                # The demo may fill a provision over its typed number: confirmed, as a user would.
                bevestigd=True,
                by=None,
            )
        aantal += 1
    return {"arrangementen": aantal}
