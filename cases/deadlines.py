"""The deadline engine of the cases app: every rule that raises a task ("mijn taken"), in this one place.

Each rule is one set-based SQL query over all cases of all SWVs (the "cause" query), used twice per run:

- INSERT ... SELECT ... ON CONFLICT (casus, regel, periode) DO NOTHING raises a task for every case whose
  cause exists and whose reporting date has come: a rerun, a second worker or a missed day is harmless;
- UPDATE ... WHERE NOT EXISTS (cause) marks the open tasks whose cause is gone as done (`afgehandeld_op`):
  a plan was vastgesteld, the evaluation took place, the action was finished, the aanmelding picked up.

So the check costs two queries per rule whatever the amount of data (tests/cases/test_plan_deadlines.py).
A task goes to the case's casusregisseur or, when there is none, to the SWV coordinators (`rol`).
The daily Celery beat task (cases.tasks.casus_deadlines) and `manage.py casus_deadlines --peildatum` call
`controleer_deadlines`; `verstuur_digest` mails each user their new tasks once (`gemaild_op`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.core.models import SCHOOL_ROLLEN, Rol

# Case statuses after which no deadline applies any more (cases.workflow.GESLOTEN).
_GESLOTEN = "('afgesloten', 'ingetrokken')"


def schooljaar(dag: datetime.date) -> tuple[datetime.date, datetime.date, str]:
    """The school year `dag` falls in: 1 August up to and including 31 July (WPO 2 / WVO: schooljaar)."""
    begin_jaar = dag.year if dag >= datetime.date(dag.year, 8, 1) else dag.year - 1
    return (
        datetime.date(begin_jaar, 8, 1),
        datetime.date(begin_jaar + 1, 7, 31),
        f"{begin_jaar}-{begin_jaar + 1}",
    )


@dataclass(frozen=True)
class Regel:
    naam: str  # Taak.regel
    bron: str  # the legal or policy source, shown in docs and the admin
    omschrijving: str  # the task text; {casus} is the case number (no names: it is mailed)
    # SELECT casus_id, periode, vervalt_op, melden_vanaf FROM ... : the cases whose cause exists now.
    # Parameters: %(peildatum)s, %(schooljaar_begin)s, %(schooljaar_eind)s, %(schooljaar)s, %(tz)s,
    # %(aanmelding_dagen)s, %(opp_voorloop)s, %(evaluatie_voorloop)s.
    oorzaak_sql: str
    # For the case's school (its school roles) instead of the casusregisseur or the coordinators.
    voor_school: bool = False


REGELS: tuple[Regel, ...] = (
    Regel(
        naam="opp_6_weken",
        bron="WPO art. 40a lid 1, WVO 2020 art. 2.65 lid 1, WEC art. 41a lid 1: het OPP wordt binnen zes "
        "weken na de inschrijving of na het besluit dat een OPP nodig is vastgesteld.",
        omschrijving="Casus {casus}: ontwikkelingsperspectief (OPP) vaststellen, uiterlijk zes weken na de "
        "inschrijving of het besluit.",
        oorzaak_sql=f"""
            SELECT c.id AS casus_id, to_char(c.opp_vereist_vanaf, 'YYYY-MM-DD') AS periode,
                   c.opp_vereist_vanaf + 42 AS vervalt_op,
                   c.opp_vereist_vanaf + 42 - %(opp_voorloop)s AS melden_vanaf
            FROM cases_casus c
            WHERE c.opp_vereist_vanaf IS NOT NULL AND c.status NOT IN {_GESLOTEN}
              AND NOT EXISTS (
                  SELECT 1 FROM cases_plan p WHERE p.casus_id = c.id AND p.status = 'vastgesteld')
        """,
    ),
    Regel(
        naam="evaluatie_jaarlijks",
        bron="WPO art. 40a lid 5, WVO 2020 art. 2.65 lid 5, WEC art. 41a lid 5: het OPP wordt ten minste "
        "eenmaal per schooljaar met de ouders geëvalueerd.",
        omschrijving="Casus {casus}: het plan dit schooljaar met de ouders evalueren.",
        oorzaak_sql=f"""
            SELECT c.id AS casus_id, %(schooljaar)s AS periode, %(schooljaar_eind)s::date AS vervalt_op,
                   %(schooljaar_eind)s::date - %(evaluatie_voorloop)s AS melden_vanaf
            FROM cases_casus c
            WHERE c.status NOT IN {_GESLOTEN}
              AND EXISTS (SELECT 1 FROM cases_plan p WHERE p.casus_id = c.id AND p.status = 'vastgesteld')
              AND NOT EXISTS (
                  SELECT 1 FROM cases_evaluatie e
                  WHERE e.casus_id = c.id AND e.met_ouders
                    AND e.datum BETWEEN %(schooljaar_begin)s AND %(schooljaar_eind)s)
        """,
    ),
    Regel(
        naam="actie_deadline",
        bron="Afspraak in het plan (handelingsdeel): de deadline van een actie is verstreken.",
        omschrijving="Casus {casus}: de deadline van een actie in het plan is verstreken.",
        oorzaak_sql=f"""
            SELECT a.casus_id, 'actie-' || a.id || '-' || to_char(a.deadline, 'YYYY-MM-DD') AS periode,
                   a.deadline AS vervalt_op, a.deadline + 1 AS melden_vanaf
            FROM cases_actie a JOIN cases_casus c ON c.id = a.casus_id
            WHERE a.deadline IS NOT NULL AND a.status IN ('open', 'bezig') AND c.status NOT IN {_GESLOTEN}
        """,
    ),
    Regel(
        naam="aanmelding_oppakken",
        bron="Werkafspraak van het SWV (ondersteuningsplan): een aanmelding wordt binnen "
        "CASUS_AANMELDING_OPPAKKEN_DAGEN dagen in behandeling genomen.",
        omschrijving="Casus {casus}: de aanmelding is nog niet in behandeling genomen.",
        oorzaak_sql="""
            SELECT c.id AS casus_id,
                   to_char((c.aangemeld_op AT TIME ZONE %(tz)s)::date, 'YYYY-MM-DD') AS periode,
                   (c.aangemeld_op AT TIME ZONE %(tz)s)::date + %(aanmelding_dagen)s AS vervalt_op,
                   (c.aangemeld_op AT TIME ZONE %(tz)s)::date + %(aanmelding_dagen)s AS melden_vanaf
            FROM cases_casus c
            WHERE c.status = 'aangemeld' AND c.aangemeld_op IS NOT NULL
        """,
    ),
)

_INSERT = """
    INSERT INTO cases_taak
        (swv_id, casus_id, regel, periode, omschrijving, vervalt_op, gebruiker_id, rol, organisatie_id,
         aangemaakt_op)
    SELECT c.swv_id, o.casus_id, %(regel)s, o.periode, replace(%(omschrijving)s, '{{casus}}', c.id::text),
           o.vervalt_op,
           CASE WHEN %(voor_school)s THEN NULL ELSE c.casusregisseur_id END,
           CASE WHEN %(voor_school)s OR c.casusregisseur_id IS NOT NULL THEN '' ELSE %(rol)s END,
           CASE WHEN %(voor_school)s THEN c.school_id END, %(nu)s
    FROM ({oorzaak}) o JOIN cases_casus c ON c.id = o.casus_id
    WHERE o.melden_vanaf <= %(peildatum)s {casus_filter}
    ON CONFLICT (casus_id, regel, periode) DO NOTHING
"""

_AFHANDELEN = """
    UPDATE cases_taak t SET afgehandeld_op = %(nu)s
    WHERE t.regel = %(regel)s AND t.afgehandeld_op IS NULL {casus_filter}
      AND NOT EXISTS (SELECT 1 FROM ({oorzaak}) o WHERE o.casus_id = t.casus_id AND o.periode = t.periode)
"""


def _parameters(peildatum: datetime.date) -> dict:
    begin, eind, naam = schooljaar(peildatum)
    return {
        "peildatum": peildatum,
        "schooljaar_begin": begin,
        "schooljaar_eind": eind,
        "schooljaar": naam,
        "tz": settings.TIME_ZONE,
        "aanmelding_dagen": settings.CASUS_AANMELDING_OPPAKKEN_DAGEN,
        "opp_voorloop": settings.CASUS_OPP_VOORLOOP_DAGEN,
        "evaluatie_voorloop": settings.CASUS_EVALUATIE_VOORLOOP_DAGEN,
        # issue 11, part TLV: the days before a TLV ends that its reminder appears
        "tlv_herinnering": settings.TLV_HERINNERING_DAGEN,
        "rol": Rol.SWV_COORDINATOR.value,
        "nu": timezone.now(),
    }


def controleer_deadlines(peildatum: datetime.date | None = None, *, casus_id: int | None = None) -> dict:
    """Raise the tasks due on `peildatum` (default today) and close those whose cause is gone.

    Returns {regel: {"nieuw": n, "afgehandeld": n}}. With `casus_id`, only that case (a service that just
    resolved a cause calls this, so the task disappears at once rather than the next morning)."""
    peildatum = peildatum or timezone.localdate()
    params = _parameters(peildatum)
    casus_filter_o = "AND o.casus_id = %(casus_id)s" if casus_id is not None else ""
    casus_filter_t = "AND t.casus_id = %(casus_id)s" if casus_id is not None else ""
    params["casus_id"] = casus_id
    resultaat: dict[str, dict[str, int]] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for regel in REGELS:
            p = {
                **params,
                "regel": regel.naam,
                "omschrijving": _(regel.omschrijving),
                "voor_school": regel.voor_school,
            }
            cursor.execute(_AFHANDELEN.format(oorzaak=regel.oorzaak_sql, casus_filter=casus_filter_t), p)
            afgehandeld = cursor.rowcount
            cursor.execute(_INSERT.format(oorzaak=regel.oorzaak_sql, casus_filter=casus_filter_o), p)
            resultaat[regel.naam] = {"nieuw": cursor.rowcount, "afgehandeld": afgehandeld}
    return resultaat


def opgeloste_afhandelen(casus_id: int) -> None:
    """Close this case's tasks whose cause is gone (called by the plan services after their write)."""
    params = {**_parameters(timezone.localdate()), "casus_id": casus_id}
    with connection.cursor() as cursor:
        for regel in REGELS:
            p = {**params, "regel": regel.naam}
            cursor.execute(
                _AFHANDELEN.format(oorzaak=regel.oorzaak_sql, casus_filter="AND t.casus_id = %(casus_id)s"), p
            )


def verstuur_digest() -> int:
    """Mail every user the open tasks not mailed yet, one message per user; returns the number of mails.

    Tasks for a role go to every active member with that role in the task's SWV. The rows are locked
    while mailing and marked `gemaild_op` in the same transaction, so two runs never mail a task twice."""
    from django.contrib.auth import get_user_model

    from .models import Taak

    User = get_user_model()
    with transaction.atomic():
        taken = list(
            Taak.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(gemaild_op__isnull=True, afgehandeld_op__isnull=True)
            .only("pk", "swv_id", "gebruiker_id", "rol", "organisatie_id", "omschrijving", "vervalt_op")
        )
        if not taken:
            return 0
        # A task for a school (organisatie): every active member of it in a school role.
        per_school: dict[int, list[int]] = defaultdict(list)
        for organisatie_id, user_id in (
            User.objects.filter(
                lidmaatschappen__actief=True,
                is_active=True,
                lidmaatschappen__rol__in=SCHOOL_ROLLEN,
                lidmaatschappen__organisatie_id__in={t.organisatie_id for t in taken if t.organisatie_id},
            )
            .values_list("lidmaatschappen__organisatie_id", "pk")
            .distinct()
        ):
            per_school[organisatie_id].append(user_id)
        per_rol: dict[tuple[int, str], list[int]] = defaultdict(list)
        for swv_id, rol, user_id in (
            User.objects.filter(
                lidmaatschappen__actief=True,
                is_active=True,
                lidmaatschappen__rol__in={t.rol for t in taken if t.rol},
                lidmaatschappen__swv_id__in={t.swv_id for t in taken},
            )
            .values_list("lidmaatschappen__swv_id", "lidmaatschappen__rol", "pk")
            .distinct()
        ):
            per_rol[(swv_id, rol)].append(user_id)
        per_user: dict[int, list] = defaultdict(list)
        for taak in taken:
            if taak.gebruiker_id:
                ontvangers = [taak.gebruiker_id]
            elif taak.organisatie_id:
                ontvangers = per_school.get(taak.organisatie_id, [])
            else:
                ontvangers = per_rol.get((taak.swv_id, taak.rol), [])
            for user_id in ontvangers:
                per_user[user_id].append(taak)
        adressen = dict(User.objects.filter(pk__in=per_user).exclude(email="").values_list("pk", "email"))
        berichten = []
        for user_id, lijst in per_user.items():
            if user_id not in adressen:
                continue
            regels = "\n".join(
                f"- {t.omschrijving} ({_('uiterlijk')} {t.vervalt_op:%d-%m-%Y})" for t in lijst
            )
            tekst = _(
                "U heeft nieuwe taken in Ketenregie:\n\n%(taken)s\n\nZie 'Mijn taken' in Ketenregie."
            ) % {"taken": regels}
            berichten.append((_("Nieuwe taken in Ketenregie"), tekst, None, [adressen[user_id]]))
        send_mass_mail(berichten, fail_silently=False)
        Taak.objects.filter(pk__in=[t.pk for t in taken]).update(gemaild_op=timezone.now())
    return len(berichten)


# --- issue 11, part TLV: the statutory terms of a bezwaar and the reminder before a TLV ends ---
# One cause for the reminder, raised twice: for the casusregisseur (or the coordinators) and for the school.
_TLV_VERLOOPT_SQL = """
            SELECT t.casus_id, 'tlv-' || t.id AS periode, t.einddatum AS vervalt_op,
                   t.einddatum - %(tlv_herinnering)s AS melden_vanaf
            FROM cases_tlv t
            WHERE t.status = 'toegekend' AND t.einddatum >= %(peildatum)s
              AND NOT EXISTS (
                  SELECT 1 FROM cases_tlv n
                  WHERE n.leerling_id = t.leerling_id AND n.soort = t.soort AND n.id <> t.id
                    AND (n.status = 'aangevraagd' OR (n.status = 'toegekend' AND n.einddatum > t.einddatum)))
        """

REGELS = REGELS + (
    Regel(
        naam="tlv_bezwaar_beslissen",
        bron="Awb art. 6:7 en 6:8 (bezwaartermijn zes weken na de bekendmaking) en art. 7:10 lid 1 en 3: "
        "beslissen binnen zes weken na afloop van de bezwaartermijn, twaalf weken als een adviescommissie "
        "(art. 7:13) adviseert; eenmaal verdagen met zes weken. Bekendmaking = besluitdatum.",
        omschrijving="Casus {casus}: op het bezwaar tegen het TLV-besluit beslissen (wettelijke termijn).",
        oorzaak_sql="""
            SELECT t.casus_id, 'bezwaar-' || b.id AS periode,
                   t.besluitdatum + 42 + CASE WHEN b.adviescommissie THEN 84 ELSE 42 END
                       + CASE WHEN b.verdaagd THEN 42 ELSE 0 END AS vervalt_op,
                   b.ontvangen_op AS melden_vanaf
            FROM cases_tlvbezwaar b JOIN cases_tlv t ON t.id = b.tlv_id
            WHERE b.uitkomst = ''
        """,
    ),
    Regel(
        naam="tlv_verloopt",
        bron="Werkafspraak (issue 11): een herinnering TLV_HERINNERING_DAGEN dagen voordat een toegekende TLV "
        "eindigt (31 juli), zolang er geen nieuwe aanvraag of latere TLV van dezelfde soort is.",
        omschrijving="Casus {casus}: de TLV van deze leerling eindigt binnenkort; is een nieuwe aanvraag nodig?",
        oorzaak_sql=_TLV_VERLOOPT_SQL,
    ),
    Regel(
        naam="tlv_verloopt_school",
        bron="Werkafspraak (issue 11): dezelfde herinnering als tlv_verloopt, voor de schoolrollen van de school "
        "van de casus.",
        omschrijving="Casus {casus}: de TLV van deze leerling eindigt binnenkort; overleg met het SWV of een "
        "nieuwe aanvraag nodig is.",
        voor_school=True,
        oorzaak_sql=_TLV_VERLOOPT_SQL,
    ),
)
