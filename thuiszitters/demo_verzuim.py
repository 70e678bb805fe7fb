"""Demo verzuim and thuiszitters (issue 12): the school holidays, absence, verzuimmeldingen in every status
and thuiszitters of every kind, on the demo pupils of cases/demo.py (registered in apps.py after the cases
demos, so pupils and memberships exist).

What each role sees (thuiszitters/querysets.py decides; docs/verzuim.md "Demo"):
- the SWV (coordinator, deskundige, medewerker): everything;
- De Regenboog (zorgcoordinator, ib): its absence, meldingen and thuiszitters — two pupils past 16 uur
  ongeoorloofd in 4 weeks, one absent every day for five weeks, the meldingen in each status;
- Het Kompas (directeur): its own pupils' absence (one past 16 uur), a melding and a resolved thuiszitter;
- leerplicht (Team Leerplicht Lindedal): the pupils living in Lindedal, so most of De Regenboog's rows, and
  handles their meldingen (the demo itself moves them through the statuses as leerplicht would).

Written through the services: absence through `services_absentie.absenties_verwerken` (ids `demo-…`, so a
resend changes nothing), meldingen through `services_melding`, holidays through
`services_vakantie.vakantiebestand_laden` (the shipped file). Thuiszitters through the thuiszitter
service (register, offer found, end), as a user would. Idempotent: a pupil that already has a melding or a
registration is skipped. Dates count back from today; no BSN appears in any text or id.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from cases.models import Leerling
from partners.models import Organisatie
from swv.core.plugins import DemoContext

from . import services_melding
from .controles import verzuimcontroles
from .models import Schoolvakantie, Thuiszitter, Verzuimmelding
from .models.vakantie import Regio
from .services_absentie import absenties_verwerken
from .services_thuiszitter import thuiszitter_beeindigen, thuiszitter_bijwerken, thuiszitter_registreren
from .services_vakantie import GEDEELDE_BESTAND, vakantiebestand_laden

REGENBOOG, KOMPAS = "99AB00", "99AC00"


def load_demo_verzuim(demo: DemoContext) -> dict[str, int]:
    vandaag = timezone.localdate()
    vakanties = len(vakantiebestand_laden(GEDEELDE_BESTAND).aangemaakt)
    regenboog = demo.organisaties[("school", REGENBOOG)]
    kompas = demo.organisaties[("school", KOMPAS)]
    zorgcoordinator, directeur, leerplicht = (
        demo.users["zorgcoordinator"],
        demo.users["directeur"],
        demo.users["leerplicht"],
    )
    # Ordered by pk: the pupils of cases/demo.py in the order they were made (the same every run).
    r = list(Leerling.objects.filter(swv=demo.swv, school=regenboog).order_by("pk"))
    k = list(Leerling.objects.filter(swv=demo.swv, school=kompas).order_by("pk"))
    if len(r) < 12 or len(k) < 6:
        return {"schoolvakanties": vakanties}
    # The demo schools get a holiday region (the fictional Lindedal, Waterveld and Heuvelrijk lie in the middle
    # of the country: midden for all, as docs/verzuim.md "Demo" says), so the checks skip their holidays.
    # Only schools without one: a region set by a beheerder stays.
    Organisatie.objects.filter(swv=demo.swv, soort="school", vakantieregio="").update(
        vakantieregio=Regio.MIDDEN
    )
    regenboog.refresh_from_db(fields=["vakantieregio"])
    kompas.refresh_from_db(fields=["vakantieregio"])
    # Pupil 0 of each school lives in a neighbouring gemeente (cases/demo.py); the others in the school's.
    dagen = _lesdagen(regenboog.vakantieregio, vandaag, 30)

    absenties = 0
    # (pupil, on which of the last lesdagen (0 = yesterday), hours, geoorloofd, reden)
    patronen = {
        regenboog: (
            zorgcoordinator,
            [
                (
                    r[0],
                    range(0, 10, 2),
                    "4",
                    False,
                    "spijbelen",
                ),  # 20 uur, no melding yet: a meldplicht signal
                (r[1], range(0, 15, 3), "4", False, "spijbelen"),  # 20 uur in 3 weeks: past 16
                (r[2], range(1, 18, 3), "3", False, "onbekend"),  # 18 uur: past 16, has a melding
                (r[3], range(0, 25), "6", False, "onbekend"),  # every day for five weeks
                (r[4], range(2, 5), "6", True, "ziekte"),
                (r[5], range(0, 9, 4), "2", False, "te_laat"),  # 6 uur: below 16
                (r[6], range(5, 8), "6", True, "verlof"),
            ],
        ),
        kompas: (
            directeur,
            [
                (k[1], range(0, 17, 2), "2", False, "spijbelen"),  # 18 uur: past 16
                (k[2], range(3, 6), "5", True, "ziekte"),
                (k[3], range(0, 20, 4), "1", False, "te_laat"),
            ],
        ),
    }
    for school, (door, rijen_per_leerling) in patronen.items():
        lesdagen = dagen if school is regenboog else _lesdagen(school.vakantieregio, vandaag, 30)
        rijen = [
            {
                "externId": f"demo-{leerling.pk}-{lesdagen[i].isoformat()}",
                "bsn": leerling.bsn,
                "datum": lesdagen[i].isoformat(),
                "uren": uren,
                "geoorloofd": geoorloofd,
                "reden": reden,
            }
            for leerling, welke, uren, geoorloofd, reden in rijen_per_leerling
            for i in welke
        ]
        absenties += absenties_verwerken(by=door, school=school, rijen=rijen).aangemaakt

    meldingen = _meldingen(r, k, dagen, zorgcoordinator, directeur, leerplicht)
    thuiszitters = _thuiszitters(r, k, vandaag, leerplicht, demo.users["coordinator"])
    # The periodic checks, as Celery beat runs them each night (thuiszitters.tasks.verzuimcontroles), so the
    # Signalen page and Mijn taken have signals right away. They cover every SWV (one statement per rule) and a
    # rerun raises nothing twice (the unique key pupil + rule + period).
    signalen = sum(verzuimcontroles(vandaag).values())
    return {
        "schoolvakanties": vakanties,
        "absenties": absenties,
        "verzuimmeldingen": meldingen,
        "thuiszitters": thuiszitters,
        "verzuimsignalen": signalen,
    }


def _lesdagen(regio: str, vandaag: datetime.date, aantal: int) -> list[datetime.date]:
    """The last `aantal` lesdagen before today, newest first: weekdays outside the region's holidays (a
    school without a region: those of midden, the demo schools' region in practice)."""
    begin = vandaag - datetime.timedelta(days=aantal * 2 + 30)
    vakanties = list(
        Schoolvakantie.objects.filter(regio=regio or "midden", eind__gte=begin).values_list("begin", "eind")
    )
    dagen: list[datetime.date] = []
    dag = vandaag - datetime.timedelta(days=1)
    while len(dagen) < aantal:
        if dag.weekday() < 5 and not any(van <= dag <= tot for van, tot in vakanties):
            dagen.append(dag)
        dag -= datetime.timedelta(days=1)
    return dagen


def _melding(
    school_user, leerling: Leerling, begindatum: datetime.date, soort: str, **velden
) -> Verzuimmelding | None:
    if Verzuimmelding.objects.filter(leerling=leerling).exists():
        return None
    return services_melding.melding_indienen(
        by=school_user,
        leerling=leerling,
        velden={
            "begindatum": begindatum,
            "vermoedelijke_soort": soort,
            "melder_naam": school_user.get_full_name() or school_user.username,
            "melder_functie": "Zorgcoördinator",
            "melder_email": school_user.email,
            **velden,
        },
    )


def _meldingen(r, k, dagen, zorgcoordinator, directeur, leerplicht) -> int:
    """One melding in each status at De Regenboog (handled by leerplicht Lindedal), one new at Het Kompas."""
    aantal = 0
    stappen: list[tuple[Leerling, str, list[tuple[str, Any]], dict[str, Any]]] = [
        (r[2], "zestien_uur", [], {"verzuimuren": "18", "actie_school": "Gesprek met ouders gevoerd."}),
        (
            r[3],
            "langdurig",
            [("in_behandeling", leerplicht)],
            {"alle_lessen_gemist": True, "verzuimdagen": 25},
        ),
        (r[7], "beginnend", [("afgesloten", leerplicht)], {"vermoedelijke_reden": "Problemen thuis."}),
        (r[8], "luxe", [("ingetrokken", zorgcoordinator)], {"vermoedelijke_reden": "Vakantie verlengd."}),
        (r[1], "signaal", [("ter_kennisneming", leerplicht)], {"actie_gemeente_gewenst": True}),
    ]
    for leerling, soort, overgangen, velden in stappen:
        melding = _melding(zorgcoordinator, leerling, dagen[min(len(dagen) - 1, 20)], soort, **velden)
        if melding is None:
            continue
        aantal += 1
        for naar, door in overgangen:
            services_melding.melding_status(
                by=door,
                melding=melding,
                naar=naar,
                reden_afgesloten="terug_naar_school" if naar == "afgesloten" else "",
                toelichting="Gesprek op school gehad; de leerling gaat weer." if naar == "afgesloten" else "",
            )
    if _melding(directeur, k[1], dagen[15], "zestien_uur", verzuimuren="18", melder_functie="Directeur"):
        aantal += 1
    return aantal


def _thuiszitters(r, k, vandaag: datetime.date, leerplicht, coordinator) -> int:
    """Every kind: langdurig relatief (one of five weeks, one over three months without aanbod), absoluut,
    vrijstelling with its article, and one resolved with an aanbod."""
    dag = datetime.timedelta(days=1)
    registraties: list[tuple[Leerling, Any, dict[str, Any]]] = [
        (
            r[3],
            leerplicht,
            {
                "soort": "langdurig_relatief",
                "startdatum": vandaag - 35 * dag,
                "redenen": ["psychisch", "thuissituatie"],
                "perspectief": "Terug naar de eigen school met een opbouwrooster.",
            },
        ),
        (
            r[9],
            leerplicht,
            {
                "soort": "langdurig_relatief",
                "startdatum": vandaag - 130 * dag,
                "redenen": ["geen_passend_aanbod", "wachtlijst"],
                "doorzettingsmacht": "swv",
                "doorzettingsmacht_persoon": "Coördinator SWV Lindedal",
                "perspectief": "Plaatsing in het SO zodra er een plek is.",
            },
        ),
        (
            r[10],
            leerplicht,
            {
                "soort": "absoluut",
                "school": None,
                "startdatum": vandaag - 50 * dag,
                "redenen": ["overig"],
                "perspectief": "Inschrijving op een school in de buurt.",
            },
        ),
        (
            r[11],
            leerplicht,
            {
                "soort": "vrijstelling",
                "vrijstelling_artikel": "5a",
                "startdatum": vandaag - 60 * dag,
                "redenen": ["lichamelijk"],
            },
        ),
        (
            k[4],
            coordinator,
            {
                "soort": "langdurig_relatief",
                "startdatum": vandaag - 180 * dag,
                "redenen": ["gedrag"],
                # Offer found and ended below, through the service as the coordinator would.
                "_aanbod": (
                    "Herstartklas met begeleiding vanuit jeugdhulp.",
                    vandaag - 70 * dag,
                    "onderwijs_zorg",
                ),
            },
        ),
    ]
    aantal = 0
    for leerling, door, velden in registraties:
        if Thuiszitter.objects.filter(leerling=leerling).exists():
            continue
        aanbod = velden.pop("_aanbod", None)
        thuiszitter = thuiszitter_registreren(
            swv=leerling.swv, by=door, leerling=leerling, **{"school": leerling.school, **velden}
        )
        if aanbod:
            wat, vanaf, reden = aanbod
            thuiszitter = thuiszitter_bijwerken(
                by=door, thuiszitter=thuiszitter, aanbod=wat, aanbod_vanaf=vanaf
            )
            thuiszitter_beeindigen(by=door, thuiszitter=thuiszitter, einddatum=vanaf, reden_einde=reden)
        aantal += 1
    return aantal
