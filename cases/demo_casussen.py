"""Demo cases (issue 10): 33 fictional cases in every status of the workflow, spread over the three demo
schools, so every demo account sees a realistic screen (registered in apps.py after the demo pupils).

Per school, eight pupils of the second round (cases/demo.py) have an open case, one per open status
(concept, aangemeld, aangemeld too long ago, teruggestuurd, in behandeling, plan vastgesteld, lopend,
geëvalueerd), and three pupils of the first round have a closed one (afgesloten after an evaluation,
ingetrokken by the school, afgesloten without a plan). The first pupil of each school has none.
Each case is told as the story it would have had, step by step through the services (services_casus,
services_team, services_plan), so the status history, the tijdlijn, the write history and the deadline
tasks are what the real product would have written. The steps are then dated back to where they belong
in the story (`_op`): a service writes "now", and a case aangemeld three weeks ago must look it.

What each role sees (README, "Demo: casussen"):
- the SWV: the queue with new, unassigned and overdue aanmeldingen, most cases with a casusregisseur
  (coordinator, deskundige, medewerker in turn), and tasks from the deadline engine (run at the end);
- a school (zorgcoordinator, ib, directeur): its own cases, concepts and sent-back ones included;
- the wijkteam professional (`ketenpartner`): the cases of De Regenboog in treatment and one of Het Kompas,
  on the ouders' consent for Wijkteam Lindedal; one more case of Het Kompas whose consent was withdrawn
  stays hidden from them;
- the leerplichtambtenaar (`leerplicht`): three cases of De Regenboog with attendance concerns (legal basis).

Idempotent: a pupil that has any case is skipped, so a second run adds nothing (the deadline check then
finds nothing new either). Deterministic: the stories are fixed tables, the pupils come from the seeded
pupil demo, dates count back from today. No BSN appears in any text.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from swv.core.demo import SWV_CODE
from swv.core.plugins import DemoContext

from . import services_casus, services_plan, services_team
from .models import Actie, Casus, Leerling, OtLid, Plan, Statusovergang, TijdlijnGebeurtenis, Toestemming
from .workflow import Status

# --- the texts: six realistic situations of a primary school pupil ------------------------------------


@dataclass(frozen=True)
class Thema:
    vraagstelling: str
    ondersteuningsbehoefte: str
    bevorderende_factoren: str
    belemmerende_factoren: str
    al_gedaan: str
    resultaat_al_gedaan: str
    visie_ouders: str
    uitstroomprofiel: str
    onderbouwing: str
    doelen: str
    begeleiding: str
    afwijking_programma: str
    # (omschrijving, owner key in `_eigenaren`): the actions the plan agrees on.
    acties: tuple[tuple[str, str], ...]
    evaluatie: str


THEMAS: dict[str, Thema] = {
    "lezen": Thema(
        vraagstelling="Wat heeft {naam} nodig om het technisch lezen weer op te pakken, nu de achterstand "
        "ondanks extra oefening groter wordt?",
        ondersteuningsbehoefte="Dagelijks kort en intensief leesonderwijs in een klein groepje, "
        "voorleessoftware bij de zaakvakken en minder tekst per opdracht.",
        bevorderende_factoren="{naam} is gemotiveerd, vertelt graag en heeft een goed taalbegrip als er wordt "
        "voorgelezen. Thuis wordt elke avond samen gelezen.",
        belemmerende_factoren="Faalangst bij hardop lezen; {naam} vermijdt leesopdrachten en raakt achter bij "
        "wereldoriëntatie.",
        al_gedaan="Twintig weken extra instructie volgens het dyslexieprotocol (niveau 3), RALFI-lezen en "
        "een leesmaatje uit groep 8.",
        resultaat_al_gedaan="Kleine vooruitgang op de DMT (van E naar E+), de achterstand op leeftijdgenoten "
        "blijft groeien.",
        visie_ouders="Ouders herkennen de leesproblemen van thuis en willen graag een dyslexieonderzoek.",
        uitstroomprofiel="vmbo_kb",
        onderbouwing="Het taalbegrip en de rekenvaardigheid passen bij vmbo-kader of hoger; het technisch "
        "lezen remt de ontwikkeling. Met compenserende middelen is een hogere uitstroom mogelijk.",
        doelen="Aan het eind van het schooljaar leest {naam} AVI-E5 op instructieniveau en gebruikt "
        "zelfstandig voorleessoftware bij wereldoriëntatie.",
        begeleiding="Vier keer per week twintig minuten leesinterventie door de remedial teacher; "
        "voorleessoftware op de laptop; toetsen worden voorgelezen.",
        afwijking_programma="Geen afwijking van de kerndoelen; minder schrijfwerk bij de zaakvakken.",
        acties=(
            ("Dyslexieonderzoek aanvragen via de gemeente (vergoede zorg).", "school"),
            ("Voorleessoftware installeren en {naam} leren gebruiken.", "school"),
            ("Leesvorderingen bespreken met ouders na de toetsweek.", "swv"),
        ),
        evaluatie="Het leestempo is verbeterd en {naam} gebruikt de voorleessoftware zelfstandig. De "
        "faalangst bij hardop lezen is minder.",
    ),
    "gedrag": Thema(
        vraagstelling="Hoe kunnen we {naam} helpen om zich in de groep aan afspraken te houden, nu "
        "conflicten op het plein bijna dagelijks escaleren?",
        ondersteuningsbehoefte="Een voorspelbare dag met een vaste begeleider, korte instructies en een "
        "time-outplek; hulp bij het herkennen van boosheid.",
        bevorderende_factoren="{naam} is sportief, behulpzaam bij jongere kinderen en reageert goed op "
        "complimenten en een persoonlijke beloning.",
        belemmerende_factoren="Snel overprikkeld in de grote groep, impulsief, weinig zicht op eigen "
        "gedrag; de thuissituatie is onrustig door een verhuizing.",
        al_gedaan="Een beloningskaart, een vaste plek vooraan, een time-outplek en gesprekken met de "
        "intern begeleider elke week.",
        resultaat_al_gedaan="In de klas rustiger, op het plein en bij gym nog steeds conflicten; twee keer "
        "een schorsing van een dag.",
        visie_ouders="Ouders maken zich zorgen en zien thuis hetzelfde gedrag; ze staan open voor hulp van "
        "het wijkteam.",
        uitstroomprofiel="vmbo_gt",
        onderbouwing="Cognitief kan {naam} vmbo-gt aan; de gedragsproblemen bepalen nu wat lukt. Met "
        "begeleiding in en buiten school is het regulier onderwijs haalbaar.",
        doelen="{naam} herkent boosheid op tijd en gebruikt de time-outkaart zelf. Het aantal incidenten "
        "op het plein halveert binnen tien weken.",
        begeleiding="Vaste pleinwacht als aanspreekpunt; Rots en Water-training; gezinsbegeleiding door het "
        "wijkteam; wekelijks kort overleg tussen leerkracht en ouders.",
        afwijking_programma="Gymles in een kleinere groep tot de kerstvakantie.",
        acties=(
            ("Gezinsbegeleiding starten en thuis dezelfde afspraken maken.", "wijkteam"),
            ("Rots en Water-training voor {naam} inplannen.", "smw"),
            ("Incidentenregistratie bijhouden en delen met het OT.", "school"),
        ),
        evaluatie="Het aantal incidenten op het plein is gedaald van dagelijks naar eens per week. Thuis "
        "helpt de gezinsbegeleiding; de time-outkaart werkt.",
    ),
    "verzuim": Thema(
        vraagstelling="{naam} is de laatste acht weken vaak afwezig en klaagt 's ochtends over buikpijn. "
        "Hoe krijgen we {naam} weer elke dag op school?",
        ondersteuningsbehoefte="Een warme ontvangst bij binnenkomst, een opbouwschema van aanwezigheid en "
        "afstemming tussen school, ouders, jeugdarts en leerplicht.",
        bevorderende_factoren="Een goede band met de leerkracht; {naam} wil graag bij de vriendjes zijn en "
        "doet op goede dagen volop mee.",
        belemmerende_factoren="Angst om naar school te gaan, slecht slapen, een zieke grootouder thuis; het "
        "verzuim loopt op tot 40 procent van de lessen.",
        al_gedaan="Verzuim gemeld, gesprekken met ouders, een aanwezigheidskaart en een vast maatje bij "
        "binnenkomst.",
        resultaat_al_gedaan="Korte tijd beter, daarna opnieuw oplopend verzuim na de herfstvakantie.",
        visie_ouders="Ouders krijgen {naam} 's ochtends moeilijk de deur uit en vragen om hulp; ze willen "
        "niet dat het gesprek over straf gaat.",
        uitstroomprofiel="havo",
        onderbouwing="De resultaten zijn op de dagen dat {naam} er is goed (havo-niveau). Het verzuim is "
        "het risico; het plan richt zich op weer volledig aanwezig zijn.",
        doelen="Binnen zes weken is {naam} weer alle ochtenden op school, binnen twaalf weken de hele week.",
        begeleiding="Opbouwschema met de jeugdarts; dagelijks een vast aanspreekpunt bij binnenkomst; "
        "leerplicht volgt het verzuim in het OT; ouders krijgen steun van het wijkteam.",
        afwijking_programma="Tijdelijk een verkort rooster volgens het opbouwschema.",
        acties=(
            ("Gesprek bij de jeugdarts over de buikpijn en het slapen.", "ggd"),
            ("Opbouwschema aanwezigheid opstellen en wekelijks bijhouden.", "school"),
            ("Verzuim volgen en met ouders bespreken volgens het verzuimprotocol.", "leerplicht"),
        ),
        evaluatie="{naam} is weer alle ochtenden aanwezig; het verzuim is gedaald tot onder de 10 procent. "
        "De buikpijn is minder sinds het slapen beter gaat.",
    ),
    "taal": Thema(
        vraagstelling="Heeft {naam} een taalontwikkelingsstoornis, en welke begeleiding past daar in de "
        "klas bij?",
        ondersteuningsbehoefte="Instructie met visuele ondersteuning, extra tijd om te antwoorden en een "
        "logopedist die met de leerkracht meedenkt.",
        bevorderende_factoren="{naam} is sterk in rekenen en tekenen en werkt nauwkeurig.",
        belemmerende_factoren="Moeite met het begrijpen van lange instructies en het vertellen van een "
        "verhaal; trekt zich terug in groepsgesprekken.",
        al_gedaan="Logopedie buiten school, pictogrammen bij de dagplanning, een preteaching-moment voor "
        "nieuwe woorden.",
        resultaat_al_gedaan="De woordenschat groeit, het begrijpend luisteren blijft ver achter.",
        visie_ouders="Ouders zien dat {naam} thuis ook moeite heeft met vertellen en willen weten of "
        "Kentalis kan helpen.",
        uitstroomprofiel="vmbo_bb",
        onderbouwing="Het rekenen ligt op gemiddeld niveau; taal en begrijpend lezen liggen twee jaar "
        "achter. Met ambulante begeleiding cluster 2 is regulier onderwijs passend.",
        doelen="{naam} vraagt zelf om herhaling als een instructie onduidelijk is en vertelt in de kring "
        "een kort verhaal met begin, midden en eind.",
        begeleiding="Ambulante begeleiding vanuit cluster 2 (Kentalis) één keer per twee weken; "
        "woordenschatlijst per thema; visuele instructiekaarten.",
        afwijking_programma="Geen.",
        acties=(
            ("Aanmelding bij Kentalis voor onderzoek en ambulante begeleiding.", "kentalis"),
            ("Woordenschatlijst per thema maken en met ouders delen.", "school"),
        ),
        evaluatie="De ambulante begeleiding is gestart; {naam} gebruikt de instructiekaarten en doet meer "
        "mee in de kring.",
    ),
    "rekenen": Thema(
        vraagstelling="{naam} loopt met rekenen twee jaar achter. Welk aanbod en welk uitstroomperspectief "
        "passen bij {naam}?",
        ondersteuningsbehoefte="Een eigen leerlijn rekenen met concreet materiaal en korte, herhaalde "
        "instructie.",
        bevorderende_factoren="Doorzettingsvermogen, een goede werkhouding en steun van thuis.",
        belemmerende_factoren="Geringe automatisering, onzeker bij toetsen, het werkgeheugen is zwak.",
        al_gedaan="Verlengde instructie, rekenmuurtjes, oefensoftware thuis en op school.",
        resultaat_al_gedaan="De tafels zijn beter geautomatiseerd; bij redactiesommen blijft {naam} "
        "vastlopen.",
        visie_ouders="Ouders willen dat {naam} op deze school blijft en zijn bereid thuis te oefenen.",
        uitstroomprofiel="pro",
        onderbouwing="Het intelligentieonderzoek en de leerresultaten wijzen op praktijkonderwijs of "
        "vmbo-basis met LWOO; de keuze volgt na de evaluatie in groep 7.",
        doelen="{naam} beheerst aan het eind van het schooljaar de leerstof rekenen van eind groep 5 "
        "(referentieniveau 1F in opbouw).",
        begeleiding="Eigen leerlijn rekenen, drie keer per week instructie aan de verlengde tafel, "
        "rekenmateriaal bij het zelfstandig werken.",
        afwijking_programma="Eigen leerlijn rekenen; de andere vakken volgen het groepsprogramma.",
        acties=(
            ("Eigen leerlijn rekenen opstellen met de rekencoördinator.", "school"),
            ("Intelligentieonderzoek laten afnemen door de orthopedagoog.", "swv"),
        ),
        evaluatie="De leerlijn werkt: {naam} haalt de doelen van blok 1 en 2. Het perspectief blijft "
        "praktijkonderwijs of vmbo-basis.",
    ),
    "sociaal": Thema(
        vraagstelling="{naam} is erg teruggetrokken en wordt buitengesloten. Hoe versterken we het "
        "welbevinden en de sociale positie in de groep?",
        ondersteuningsbehoefte="Begeleiding bij sociale situaties, een veilige groep en afstemming met "
        "de hulp die het gezin al krijgt.",
        bevorderende_factoren="{naam} is creatief, zorgzaam en heeft één goede vriendin in de klas.",
        belemmerende_factoren="Weinig zelfvertrouwen, angstig in nieuwe situaties; na een scheiding van de "
        "ouders is er thuis veel veranderd.",
        al_gedaan="Kanjertraining in de groep, gesprekjes met de intern begeleider, een maatjesproject.",
        resultaat_al_gedaan="{naam} voelt zich iets veiliger in de klas, op het plein blijft het lastig.",
        visie_ouders="Beide ouders willen samenwerken met school en staan open voor schoolmaatschappelijk "
        "werk.",
        uitstroomprofiel="havo",
        onderbouwing="De leerresultaten zijn goed; het welbevinden is het aandachtspunt. Bij een goede "
        "sociale ontwikkeling is havo haalbaar.",
        doelen="{naam} neemt deel aan een pleinactiviteit en geeft in het kindgesprek aan zich veilig te "
        "voelen in de groep.",
        begeleiding="Schoolmaatschappelijk werk (zes gesprekken), een sociale vaardigheidstraining en "
        "een vast pleinmaatje.",
        afwijking_programma="Geen.",
        acties=(
            ("Zes gesprekken schoolmaatschappelijk werk met {naam} en ouders.", "smw"),
            ("Sociale vaardigheidstraining na schooltijd aanbieden.", "wijkteam"),
        ),
        evaluatie="{naam} speelt weer buiten met klasgenoten en zegt zich veilig te voelen. De gesprekken "
        "met schoolmaatschappelijk werk worden afgerond.",
    ),
}


# --- the stories: which status each pupil's case reaches -------------------------------------------------

# Pupil index within its school (cases/demo.py makes twelve per school) -> the final status and how
# many days ago the story began. Index 0 has no case (a pupil the SWV knows without one).
AFGESLOTEN_ZONDER_PLAN = "afgesloten_zonder_plan"
TE_LAAT = "aangemeld_te_laat"
VERHALEN: dict[int, tuple[str, int]] = {
    1: (Status.AFGESLOTEN, 420),
    2: (Status.INGETROKKEN, 70),
    3: (AFGESLOTEN_ZONDER_PLAN, 140),
    4: (Status.CONCEPT, 6),
    5: (Status.AANGEMELD, 5),
    6: (TE_LAAT, 21),
    7: (Status.TERUGGESTUURD, 24),
    8: (Status.IN_BEHANDELING, 48),
    9: (Status.PLAN_VASTGESTELD, 95),
    10: (Status.LOPEND, 160),
    11: (Status.GEEVALUEERD, 260),
}
THEMA_VOLGORDE = ("lezen", "gedrag", "verzuim", "taal", "rekenen", "sociaal")
# The cases with attendance concerns at De Regenboog, where the leerplichtambtenaar takes part.
LEERPLICHT_BIJ = {("99AB00", 8), ("99AB00", 10), ("99AB00", 11)}
# The wijkteam professional takes part on the ouders' consent: De Regenboog's cases in treatment and
# later, and two of Het Kompas (the consent of index 9 is withdrawn again: that case stays hidden).
WIJKTEAM_BIJ = {("99AB00", i) for i in (1, 8, 9, 10, 11)} | {("99AC00", 9), ("99AC00", 10)}
TOESTEMMING_INGETROKKEN = {("99AC00", 9)}
# The plan of this case has the ouders' disagreement on the handelingsdeel instead of their instemming.
NIET_INGESTEMD = {("99AC00", 11)}
# This case is in treatment without a casusregisseur (the queue's "Zonder casusregisseur").
ZONDER_REGISSEUR = {("99AD00", 8)}
# Which demo account submits for each school (first membership outside a request: De Regenboog for `ib`).
INDIENERS = {"99AB00": "zorgcoordinator", "99AC00": "directeur", "99AD00": None}
REGISSEURS = ("coordinator", "deskundige", "medewerker")


def load_demo_casussen(demo: DemoContext) -> dict[str, int]:
    """The demo cases where the pupil has none yet, then the deadline check; returns what was created."""
    from .deadlines import controleer_deadlines

    vandaag = timezone.localdate()
    swv = demo.swv
    if swv.code != SWV_CODE:  # pragma: no cover - the demo has one SWV
        return {}
    scholen = [org for (soort, _code), org in demo.organisaties.items() if soort == "school"]
    verteller = _Verteller(demo, vandaag)
    aantal = 0
    for s, school in enumerate(scholen):
        leerlingen = list(Leerling.objects.filter(swv=swv, school=school).order_by("pk"))
        for index, leerling in enumerate(leerlingen):
            if index not in VERHALEN or Casus.objects.filter(leerling=leerling).exists():
                continue
            eind, begon = VERHALEN[index]
            thema = THEMAS[THEMA_VOLGORDE[(index + s) % len(THEMA_VOLGORDE)]]
            if (school.code, index) in LEERPLICHT_BIJ:
                thema = THEMAS["verzuim"]
            # A day apart per school, so the lists do not show three cases on every same day.
            verteller.vertel(school, leerling, index, eind, begon + s, thema, regisseur_nr=index + s)
            aantal += 1
    taken = sum(r["nieuw"] for r in controleer_deadlines(vandaag).values()) if aantal else 0
    return {"casussen": aantal, "taken": taken}


class _Verteller:
    """Tells one case's story through the services, dating each step back to its day in the story."""

    def __init__(self, demo: DemoContext, vandaag: datetime.date):
        self.demo = demo
        self.vandaag = vandaag
        self.users = demo.users
        orgs = demo.organisaties
        partners = demo.gedeeld.get("partners", {})
        self.swv_org = orgs[("swv", demo.swv.code)]
        self.wijkteam = orgs[("wijkteam", "WT9901")]
        self.leerplicht = orgs[("leerplicht", "LP9901")]
        self.eigenaren = {
            "swv": self.swv_org,
            "wijkteam": self.wijkteam,
            "leerplicht": self.leerplicht,
            "ggd": partners.get("ggd", self.swv_org),
            "smw": partners.get("smw", self.swv_org),
            "kentalis": partners.get("kentalis", self.swv_org),
        }

    def _moment(self, dagen_geleden: int) -> datetime.datetime:
        dag = self.vandaag - datetime.timedelta(days=max(dagen_geleden, 0))
        return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(10, 0)))

    def _dag(self, dagen_geleden: int) -> datetime.date:
        return self.vandaag - datetime.timedelta(days=max(dagen_geleden, 0))

    def vertel(
        self,
        school,
        leerling: Leerling,
        index: int,
        eind: str,
        begon: int,
        thema: Thema,
        *,
        regisseur_nr: int,
    ) -> Casus:
        sleutel = (school.code, index)
        naam = leerling.voornaam
        indiener_naam = INDIENERS.get(school.code)
        indiener = self.users[indiener_naam] if indiener_naam else None
        coordinator = self.users["coordinator"]
        regisseur = None if sleutel in ZONDER_REGISSEUR else self.users[REGISSEURS[regisseur_nr % 3]]
        ouder = leerling.ouders.filter(gezag=True).order_by("pk").first()
        dag = begon  # days ago of the current step; the story moves towards today

        def stap(dagen: int) -> int:
            return max(dag - dagen, 0)

        teksten = {
            veld: getattr(thema, veld).format(naam=naam) for veld in services_casus.VERPLICHT_BIJ_INDIENEN
        }
        met_plan = eind in (Status.PLAN_VASTGESTELD, Status.LOPEND, Status.GEEVALUEERD, Status.AFGESLOTEN)
        if eind == Status.CONCEPT:
            # A concept is unfinished: the school has written the question and the support needed only.
            teksten = {k: v for k, v in teksten.items() if k in ("vraagstelling", "ondersteuningsbehoefte")}
        opp_vanaf = None
        if met_plan or eind == Status.IN_BEHANDELING or school.code == "99AD00":
            # The decision that requires an OPP (or the SBO enrolment): the six-week rule starts here.
            opp_vanaf = self._dag(begon - 3) if eind != Status.IN_BEHANDELING else self._dag(40)
        with self._op(None, dag) as casus_ref:
            casus = services_casus.aanmelding_opslaan(
                school=school,
                by=indiener,
                leerling=leerling,
                ouders_geinformeerd=eind != Status.CONCEPT or None,
                ouders_geinformeerd_op=self._dag(begon + 2) if eind != Status.CONCEPT else None,
                opp_vereist_vanaf=opp_vanaf,
                **teksten,
            )
            casus_ref.append(casus)
        Casus.objects.filter(pk=casus.pk).update(aangemaakt_op=self._moment(dag))
        if eind == Status.CONCEPT:
            return casus

        dag = stap(2)
        with self._op(casus, dag):
            casus = services_casus.aanmelding_indienen(casus=casus, by=indiener)
        Casus.objects.filter(pk=casus.pk).update(aangemeld_op=self._moment(dag))

        if eind == Status.INGETROKKEN:
            dag = stap(6)
            with self._op(casus, dag):
                services_casus.casus_overgang(
                    casus=casus,
                    naar=Status.INGETROKKEN,
                    by=indiener,
                    reden="Het gezin verhuist naar een andere regio; de nieuwe school meldt opnieuw aan.",
                )
            return self._gesloten(casus, dag)
        if eind == Status.TERUGGESTUURD:
            dag = stap(4)
            with self._op(casus, dag):
                services_casus.casus_overgang(
                    casus=casus,
                    naar=Status.TERUGGESTUURD,
                    by=coordinator,
                    reden="Graag de resultaten van de laatste toetsen en het verslag van het gesprek met "
                    "de ouders toevoegen; dan kunnen we de vraag goed beoordelen.",
                )
            return casus
        if eind == TE_LAAT:
            return casus  # not picked up in time and nobody owns it: the queue's "Te lang niet opgepakt"
        if eind == Status.AANGEMELD:
            if school.code != "99AD00" and regisseur is not None:
                # Assigned, not yet taken into treatment; SBO De Brug's new one is still unassigned.
                with self._op(casus, dag):
                    services_casus.casusregisseur_toewijzen(casus=casus, regisseur=regisseur, by=coordinator)
            return casus

        dag = stap(2)
        if regisseur is not None:
            with self._op(casus, dag):
                casus = services_casus.casusregisseur_toewijzen(
                    casus=casus, regisseur=regisseur, by=coordinator
                )
        door = regisseur or coordinator
        with self._op(casus, dag):
            casus = services_casus.casus_overgang(casus=casus, naar=Status.IN_BEHANDELING, by=door)
        dag = stap(2)
        self._team(casus, school, leerling, sleutel, ouder, regisseur, indiener, dag, door)

        if eind == AFGESLOTEN_ZONDER_PLAN:
            dag = stap(20)
            with self._op(casus, dag):
                services_casus.casus_overgang(
                    casus=casus,
                    naar=Status.AFGESLOTEN,
                    by=door,
                    reden="Na het OT-gesprek blijkt de ondersteuning binnen de basisondersteuning van de "
                    "school te passen; geen plan nodig. School en ouders kunnen opnieuw aanmelden.",
                )
            return self._gesloten(casus, dag)

        dag = stap(7)
        with self._op(casus, dag):
            plan = services_plan.plan_concept_maken(casus=casus, by=door)
            plan = services_plan.plan_bijwerken(
                plan=plan,
                by=door,
                uitstroomprofiel=thema.uitstroomprofiel,
                onderbouwing=thema.onderbouwing.format(naam=naam),
                bevorderende_factoren=thema.bevorderende_factoren.format(naam=naam),
                belemmerende_factoren=thema.belemmerende_factoren.format(naam=naam),
                doelen=thema.doelen.format(naam=naam),
                begeleiding=thema.begeleiding.format(naam=naam),
                afwijking_programma=thema.afwijking_programma,
            )
        if eind == Status.IN_BEHANDELING:
            return casus  # the plan is a concept; the six-week OPP deadline is coming (a task)

        dag = stap(14)
        with self._op(casus, dag):
            plan = services_plan.plan_vaststellen(plan=plan, by=door, op=self._dag(dag))
            if ouder is not None:
                if sleutel in NIET_INGESTEMD:
                    plan = services_plan.instemming_vastleggen(
                        plan=plan,
                        by=door,
                        instemming=Plan.Instemming.NIET_INGESTEMD,
                        op=self._dag(dag),
                        door=ouder,
                        toelichting="Ouders willen geen verkort rooster en vinden de begeleiding buiten "
                        "schooltijd te zwaar; een vervolggesprek is gepland.",
                    )
                else:
                    plan = services_plan.instemming_vastleggen(
                        plan=plan,
                        by=door,
                        instemming=Plan.Instemming.INGESTEMD,
                        op=self._dag(dag),
                        door=ouder,
                    )
            # Vaststellen moved the case to "plan vastgesteld" itself (decision 38).
            casus.refresh_from_db()
            acties = [
                services_plan.actie_toevoegen(
                    casus=casus,
                    by=door,
                    omschrijving=omschrijving.format(naam=naam),
                    eigenaar_organisatie=school if eigenaar == "school" else self.eigenaren[eigenaar],
                    # Deadlines in the coming weeks; the running cases get an overdue one below.
                    deadline=self.vandaag + datetime.timedelta(days=14 + 21 * n),
                    status=Actie.Status.OPEN,
                )
                for n, (omschrijving, eigenaar) in enumerate(thema.acties)
            ]
        if eind == Status.PLAN_VASTGESTELD:
            return casus

        dag = stap(10)
        with self._op(casus, dag):
            casus = services_casus.casus_overgang(casus=casus, naar=Status.LOPEND, by=door)
            self._actie_af(acties[0], door, dag)
            services_plan.actie_bijwerken(actie=acties[1], by=door, status=Actie.Status.BEZIG)
        if eind == Status.LOPEND:
            # Overdue and not done: the deadline engine raises a task for the casusregisseur. Agreed when
            # the plan started running (the tijdlijn shows it there).
            with self._op(casus, dag):
                services_plan.actie_bijwerken(actie=acties[-1], by=door, deadline=self._dag(6))
            if school.code == "99AB00":
                # A new version in the making, to compare with the vastgesteld one.
                with self._op(casus, 3):
                    concept = services_plan.plan_concept_maken(casus=casus, by=door)
                    services_plan.plan_bijwerken(
                        plan=concept,
                        by=door,
                        doelen=thema.doelen.format(naam=naam)
                        + f" Daarnaast werkt {naam} aan het plannen van het eigen werk.",
                    )
            return casus

        dag = stap(60)
        with self._op(casus, dag):
            for actie in acties[1:]:
                self._actie_af(actie, door, dag)
            services_plan.evaluatie_vastleggen(
                casus=casus,
                by=door,
                datum=self._dag(dag),
                met_ouders=True,
                conclusie="behaald" if eind == Status.AFGESLOTEN else "deels",
                verslag=thema.evaluatie.format(naam=naam),
                vervolg="Afsluiten; de school zet de aanpak voort binnen de basisondersteuning."
                if eind == Status.AFGESLOTEN
                else "Plan loopt door; over drie maanden opnieuw evalueren met ouders.",
            )
            casus = services_casus.casus_overgang(casus=casus, naar=Status.GEEVALUEERD, by=door)
        if eind == Status.GEEVALUEERD:
            return casus

        dag = stap(30)
        with self._op(casus, dag):
            services_casus.casus_overgang(
                casus=casus,
                naar=Status.AFGESLOTEN,
                by=door,
                reden="De doelen zijn behaald; de school biedt de ondersteuning verder zelf.",
            )
        return self._gesloten(casus, dag)

    def _team(self, casus, school, leerling, sleutel, ouder, regisseur, indiener, dag: int, by) -> None:
        """The ondersteuningsteam: the school, the casusregisseur, the ouders and, where the story says so,
        the wijkteam professional (on the ouders' consent) and the leerplichtambtenaar (legal basis)."""
        van = self._dag(dag)
        with self._op(casus, dag):
            if indiener is not None:
                services_team.ot_lid_toevoegen(
                    casus=casus,
                    by=by,
                    rol=OtLid.Rol.SCHOOL,
                    organisatie=school,
                    gebruiker=indiener,
                    functie="Zorgcoördinator" if school.code == "99AB00" else "Directeur",
                    van=van,
                    uitnodigen=False,
                )
            if regisseur is not None:
                services_team.ot_lid_toevoegen(
                    casus=casus,
                    by=by,
                    rol=OtLid.Rol.SWV,
                    organisatie=self.swv_org,
                    gebruiker=regisseur,
                    functie="Casusregisseur",
                    van=van,
                    uitnodigen=False,
                )
            if ouder is not None:
                services_team.ot_lid_toevoegen(casus=casus, by=by, rol=OtLid.Rol.OUDERS, ouder=ouder, van=van)
            if sleutel in WIJKTEAM_BIJ and ouder is not None:
                toestemming = services_team.toestemming_vastleggen(
                    casus=casus,
                    by=by,
                    doel=Toestemming.Doel.DEELNAME_OT,
                    organisatie=self.wijkteam,
                    gegeven_op=van,
                    wijze=Toestemming.Wijze.SCHRIFTELIJK,
                    gegeven_door_ouder=ouder,
                    # A year's consent: the old, closed case's has expired by now.
                    geldig_tot=van + datetime.timedelta(days=365),
                )
                services_team.ot_lid_toevoegen(
                    casus=casus,
                    by=by,
                    rol=OtLid.Rol.PARTNER,
                    organisatie=self.wijkteam,
                    gebruiker=self.users["ketenpartner"],
                    functie="Jeugdprofessional",
                    van=van,
                    uitnodigen=False,
                )
                if sleutel in TOESTEMMING_INGETROKKEN:
                    services_team.toestemming_intrekken(
                        toestemming=toestemming,
                        by=by,
                        reden="Ouders willen de hulp van het wijkteam eerst zelf afronden en trekken de "
                        "toestemming voor deelname aan het ondersteuningsteam in.",
                        op=self._moment(max(dag - 5, 0)),
                    )
            if sleutel in LEERPLICHT_BIJ:
                services_team.ot_lid_toevoegen(
                    casus=casus,
                    by=by,
                    rol=OtLid.Rol.LEERPLICHT,
                    organisatie=self.leerplicht,
                    gebruiker=self.users["leerplicht"],
                    functie="Leerplichtambtenaar",
                    van=van,
                    uitnodigen=False,
                )

    def _actie_af(self, actie: Actie, by, dag: int) -> None:
        services_plan.actie_bijwerken(actie=actie, by=by, status=Actie.Status.AFGEROND)
        # The service notes "today" as the day it was finished; in the story that was `dag` days ago.
        Actie.objects.filter(pk=actie.pk).update(afgerond_op=self._dag(dag))

    def _gesloten(self, casus: Casus, dag: int) -> Casus:
        Casus.objects.filter(pk=casus.pk).update(afgesloten_op=self._moment(dag))
        return casus

    @contextmanager
    def _op(self, casus: Casus | None, dagen_geleden: int) -> Iterator[list[Casus]]:
        """Date what the services wrote in this block (status history, tijdlijn, the case's last change)
        `dagen_geleden` back.

        Only the case's own rows written inside the block are touched; the write history (pghistory) and
        the audit keep the real moment they were written."""
        tijdlijn_voor = TijdlijnGebeurtenis.objects.aggregate(m=Max("pk"))["m"] or 0
        overgang_voor = Statusovergang.objects.aggregate(m=Max("pk"))["m"] or 0
        ref: list[Casus] = [casus] if casus is not None else []
        yield ref
        moment = self._moment(dagen_geleden)
        TijdlijnGebeurtenis.objects.filter(casus=ref[-1], pk__gt=tijdlijn_voor).update(op=moment)
        Statusovergang.objects.filter(casus=ref[-1], pk__gt=overgang_voor).update(op=moment)
        # The lists sort on the last change: the story's last step, not the moment the demo was loaded.
        Casus.objects.filter(pk=ref[-1].pk).update(gewijzigd_op=moment)
