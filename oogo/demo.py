"""Demo OOGO (issue 13) for the demo SWV: three meetings with the demo gemeenten and the people of the
partner registry, the ontwikkelagenda with progress and an ondersteuningsplan cycle. Registered in apps.py
after the other demos (the gemeenten and persons of partners/demo.py, the coordinators who get the tasks).

- a held OOGO bestuurlijk (about two months ago) with decisions, an agreement, an item without agreement
  that went to the geschillencommissie, an item that was not finished (carried over), an action done, an
  action past its deadline and one still running;
- the next OOGO bestuurlijk with its agenda sent (the carried-over item and open actions are on it);
- an ambtelijk voorportaal, planned.

Everything through oogo.services, as the pages do. Idempotent: nothing is made when the demo SWV already
has a meeting with the first title. Dates count from today; no real person is in here.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from partners.models import Persoon
from swv.core.plugins import DemoContext

from . import services
from .models import Overleg
from .workflow import ActiepuntStatus, AgendapuntStatus, OverlegSoort, OverlegStatus, Thema

GEHOUDEN_TITEL = "OOGO bestuurlijk voorjaar (demo)"


def _moment(dag: datetime.date, uur: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur, 0)))


def _personen(swv, gemeenten) -> list[Persoon]:
    """The registry's people at the demo gemeenten (wethouders, beleidsadviseur) and at the SWV."""
    return list(
        Persoon.objects.filter(swv=swv, rollen__organisatie__in=[*gemeenten, *_swv_organisaties(swv)])
        .distinct()
        .order_by("achternaam", "voornaam")
    )


def _swv_organisaties(swv):
    from partners.models import Organisatie

    return list(Organisatie.objects.filter(swv=swv, soort="swv"))


def load_demo_oogo(demo: DemoContext) -> dict[str, int]:
    swv = demo.swv
    if Overleg.objects.filter(swv=swv, titel=GEHOUDEN_TITEL).exists():
        return {}
    gemeenten = list(demo.gedeeld["gemeenten"].values())
    personen = _personen(swv, gemeenten)
    eigenaar = personen[0] if personen else None
    vandaag = timezone.localdate()

    # The ontwikkelagenda first: agenda items point at its goals.
    jaar = vandaag.year
    doelen = [
        services.ontwikkeldoel_maken(
            swv=swv,
            by=None,
            thema=Thema.JEUGDHULP,
            ambitie="Jeugdhulp in en om de school, zonder wachtlijst voor de leerling.",
            doel="Eén jeugdhulploket per schoolcluster",
            van_jaar=jaar,
            tot_jaar=jaar + 2,
        ),
        services.ontwikkeldoel_maken(
            swv=swv,
            by=None,
            thema=Thema.LEERPLICHT,
            ambitie="Geen kind langer dan drie maanden thuis zonder aanbod.",
            doel="Thuiszitterspact: elke thuiszitter binnen zes weken een aanbod",
            van_jaar=jaar - 1,
            tot_jaar=jaar + 3,
        ),
        services.ontwikkeldoel_maken(
            swv=swv,
            by=None,
            thema=Thema.LEERLINGENVERVOER,
            ambitie="Vervoer dat past bij het onderwijs, met korte reistijden.",
            doel="Gezamenlijke aanbesteding leerlingenvervoer",
            van_jaar=jaar,
            tot_jaar=jaar + 1,
        ),
    ]

    dag = vandaag - datetime.timedelta(days=60)
    gehouden = services.overleg_plannen(
        swv=swv,
        by=None,
        soort=OverlegSoort.BESTUURLIJK,
        titel=GEHOUDEN_TITEL,
        begin=_moment(dag, 14),
        einde=_moment(dag, 16),
        locatie="Gemeentehuis Lindedal, raadzaal",
        gemeenten=gemeenten,
        genodigden=personen,
    )
    akkoord = services.agendapunt_toevoegen(
        overleg=gehouden,
        by=None,
        titel="Jeugdhulploket per schoolcluster",
        thema=Thema.JEUGDHULP,
        ambitie=doelen[0],
    )
    betwist = services.agendapunt_toevoegen(
        overleg=gehouden,
        by=None,
        titel="Kosten leerlingenvervoer SBO",
        thema=Thema.LEERLINGENVERVOER,
        ambitie=doelen[2],
    )
    open_punt = services.agendapunt_toevoegen(
        overleg=gehouden, by=None, titel="Monitor thuiszitters", thema=Thema.LEERPLICHT, ambitie=doelen[1]
    )
    for punt in (akkoord, betwist, open_punt):
        services.agendapunt_status_zetten(agendapunt=punt, by=None, status=AgendapuntStatus.GEAGENDEERD)
    services.overleg_status_zetten(overleg=gehouden, by=None, status=OverlegStatus.AGENDA_VERSTUURD)
    services.agendapunt_status_zetten(
        agendapunt=akkoord,
        by=None,
        status=AgendapuntStatus.OVEREENSTEMMING,
        uitkomst="Start met twee schoolclusters in Lindedal en Waterveld.",
    )
    services.agendapunt_status_zetten(
        agendapunt=betwist,
        by=None,
        status=AgendapuntStatus.GEEN_OVEREENSTEMMING,
        uitkomst="Geen overeenstemming over de verdeling van de extra kosten.",
    )
    services.besluit_vastleggen(
        overleg=gehouden, by=None, agendapunt=akkoord, tekst="Het jeugdhulploket start na de zomervakantie."
    )
    services.besluit_vastleggen(
        overleg=gehouden, by=None, tekst="Het ondersteuningsplan is besproken; de gemeenten stemmen in."
    )
    acties = 0
    if eigenaar is not None:
        klaar = services.actiepunt_toevoegen(
            overleg=gehouden,
            by=None,
            agendapunt=akkoord,
            omschrijving="Afspraken jeugdhulploket op papier zetten",
            eigenaar=eigenaar,
            deadline=dag + datetime.timedelta(days=21),
        )
        services.actiepunt_status_zetten(actiepunt=klaar, by=None, status=ActiepuntStatus.GEREED)
        services.actiepunt_toevoegen(
            overleg=gehouden,
            by=None,
            agendapunt=betwist,
            omschrijving="Kostenoverzicht leerlingenvervoer aanleveren",
            eigenaar=personen[-1],
            deadline=vandaag - datetime.timedelta(days=10),  # past its deadline: the overdue list
        )
        services.actiepunt_toevoegen(
            overleg=gehouden,
            by=None,
            omschrijving="Cijfers thuiszitters per gemeente verzamelen",
            eigenaar=eigenaar,
            deadline=vandaag + datetime.timedelta(days=30),
        )
        acties = 3
    services.aanwezigheid_vastleggen(
        overleg=gehouden,
        by=None,
        aanwezigheid={p.pk: ("afgemeld" if i == 1 else "aanwezig") for i, p in enumerate(personen)},
    )
    services.overleg_status_zetten(overleg=gehouden, by=None, status=OverlegStatus.GEHOUDEN)
    geschillen = 0
    geschil = services.geschil_voorleggen(
        agendapunt=betwist,
        by=None,
        gemeente=gemeenten[0],
        ingediend_door="swv",
        ingediend_op=dag + datetime.timedelta(days=7),
    )
    services.geschil_bijwerken(
        geschil=geschil, by=None, verweer_ontvangen_op=dag + datetime.timedelta(days=18)
    )
    geschillen += 1

    # The next OOGO: planned after the held one, so the unfinished item and open actions come along.
    volgende_dag = vandaag + datetime.timedelta(days=14)
    volgende = services.overleg_plannen(
        swv=swv,
        by=None,
        soort=OverlegSoort.BESTUURLIJK,
        titel="OOGO bestuurlijk najaar (demo)",
        begin=_moment(volgende_dag, 14),
        einde=_moment(volgende_dag, 16),
        videolink="https://video.example/oogo-najaar",
        gemeenten=gemeenten,
        genodigden=personen,
    )
    services.agendapunt_toevoegen(
        overleg=volgende, by=None, titel="Voortgang ontwikkelagenda", thema=Thema.OVERIG
    )
    services.overleg_status_zetten(overleg=volgende, by=None, status=OverlegStatus.AGENDA_VERSTUURD)
    voorportaal_dag = vandaag + datetime.timedelta(days=45)
    voorportaal = services.overleg_plannen(
        swv=swv,
        by=None,
        soort=OverlegSoort.VOORPORTAAL,
        titel="Ambtelijk voorportaal (demo)",
        begin=_moment(voorportaal_dag, 10),
        einde=_moment(voorportaal_dag, 12),
        locatie="Kantoor samenwerkingsverband",
        gemeenten=gemeenten,
        genodigden=personen[:2],
    )
    services.agendapunt_toevoegen(
        overleg=voorportaal,
        by=None,
        titel="Voorbereiding aanbesteding vervoer",
        thema=Thema.LEERLINGENVERVOER,
    )

    voortgang = 0
    for doel, notitie in (
        (doelen[0], "Twee schoolclusters gekozen; de gemeenten leveren de jeugdconsulenten."),
        (doelen[1], "Twaalf thuiszitters in beeld, acht met een aanbod binnen zes weken."),
        (doelen[2], "Kosten nog niet verdeeld; voorgelegd aan de geschillencommissie."),
    ):
        services.voortgang_vastleggen(doel=doel, by=None, notitie=notitie, overleg=gehouden)
        voortgang += 1
    services.voortgang_vastleggen(
        doel=doelen[1],
        by=None,
        notitie="Werkgroep Thuiszitterspact gestart.",
        datum=vandaag - datetime.timedelta(days=20),
    )
    voortgang += 1

    # The plan cycle: the next period, its OOGO held and adopted; not yet sent to the Inspectie.
    plan = services.ondersteuningsplan_maken(
        swv=swv,
        by=None,
        titel=f"Ondersteuningsplan {jaar + 1}-{jaar + 5} (demo)",
        periode_van=datetime.date(jaar + 1, 8, 1),
        periode_tot=datetime.date(jaar + 5, 7, 31),
    )
    services.ondersteuningsplan_oogo_koppelen(plan=plan, by=None, overleg=gehouden)
    services.ondersteuningsplan_vaststellen(plan=plan, by=None, op=dag + datetime.timedelta(days=14))

    return {
        "oogo_overleggen": 3,
        "oogo_actiepunten": acties,
        "oogo_ontwikkeldoelen": len(doelen),
        "oogo_voortgang": voortgang,
        "oogo_ondersteuningsplannen": 1,
        "oogo_geschillen": geschillen,
    }
