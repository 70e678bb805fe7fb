"""The periodic checks of verzuim and thuiszitters (issue 12): every rule that raises a `Signaal`, in this one
place, each with its legal source (docs/verzuim.md "Periodieke controles", docs/decisions.md 51 and 52).

Each rule is ONE set-based SQL statement over all pupils of all SWVs:

    INSERT INTO thuiszitters_signaal (...) SELECT ... ON CONFLICT (leerling, regel, periode) DO NOTHING

so a rule costs one query whatever the amount of data, a rerun (a second worker, a redelivered task, an
operator rerunning a missed night) raises nothing twice, and a worker that dies halfway leaves each rule
either fully done (the statement committed) or not done at all (rolled back): rerunning all rules then
raises exactly the missing signals. No rule reads another rule's signals, so the order does not matter.

The daily Celery beat task (thuiszitters.tasks.verzuimcontroles) and
`manage.py verzuimcontroles --peildatum JJJJ-MM-DD` call `verzuimcontroles`; a bench script times the rules
one by one through `REGELS` (each has `.naam` and `.uitvoeren(peildatum) -> int`).

The texts (omschrijving) hold no names and no BSN: a signal is shown in lists and mailed in the digest.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.leerplicht import schooljaar_einde

from .models.vakantie import Regio

# Leerplichtwet 1969 art. 21 and 21a: 16 lesuren ongeoorloofd verzuim within 4 consecutive lesweken.
MELDPLICHT_UREN = 16
MELDPLICHT_LESWEKEN = 4
# Art. 21 lid 1: the school reports within 5 (school) days after passing the 16 hours.
MELDPLICHT_TERMIJN_SCHOOLDAGEN = 5
# OCW 2016 / Ingrado: langdurig relatief verzuim = 4 weeks or more absent without a valid reason.
LANGDURIG_VERZUIM_DAGEN = 28

_INSERT = """
    INSERT INTO thuiszitters_signaal
        (swv_id, leerling_id, school_id, regel, periode, omschrijving, vervalt_op,
         voor_school, voor_leerplicht, voor_swv, status, notitie, aangemaakt_op)
    SELECT s.swv_id, s.leerling_id, s.school_id, %(regel)s, s.periode, left(s.omschrijving, 250), s.vervalt_op,
           s.voor_school, s.voor_leerplicht, s.voor_swv, 'open', '', %(nu)s
    FROM (
"""
_ON_CONFLICT = """
    ) s
    ON CONFLICT (leerling_id, regel, periode) DO NOTHING
"""

# The lesweken (ISO weeks, Monday first) of every holiday region from `lesweken_begin` up to the peildatum,
# numbered without the holiday weeks: a week whose Monday to Friday lie inside one Schoolvakantie of the
# region is no lesweek. Region '' (unknown) has no holidays, so every week counts (decision 48: an extra
# signal rather than a missed meldplicht).
_LESWEKEN_CTE = """
    vakantieweek AS (
        SELECT DISTINCT v.regio, w::date AS maandag
        FROM thuiszitters_schoolvakantie v,
             generate_series(date_trunc('week', v.begin::timestamp), v.eind::timestamp, interval '1 week') w
        WHERE w::date >= v.begin AND w::date + 4 <= v.eind
    ),
    lesweek AS (
        SELECT r.regio, w::date AS maandag, row_number() OVER (PARTITION BY r.regio ORDER BY w) AS nr
        FROM unnest(%(regios)s::text[]) r(regio),
             generate_series(date_trunc('week', %(lesweken_begin)s::timestamp), %(peildatum)s::timestamp,
                             interval '1 week') w
        WHERE NOT EXISTS (
            SELECT 1 FROM vakantieweek vw WHERE vw.regio = r.regio AND vw.maandag = w::date)
    )
"""

# The lesdagen (Monday to Friday outside the region's school holidays) from `lesdagen_begin` up to the
# peildatum, numbered per region, so "consecutive lesdagen" is "consecutive numbers".
_LESDAGEN_CTE = """
    lesdag AS (
        SELECT r.regio, d::date AS datum, row_number() OVER (PARTITION BY r.regio ORDER BY d) AS nr
        FROM unnest(%(regios)s::text[]) r(regio),
             generate_series(%(lesdagen_begin)s::timestamp, %(peildatum)s::timestamp, interval '1 day') d
        WHERE extract(isodow FROM d) < 6
          AND NOT EXISTS (
              SELECT 1 FROM thuiszitters_schoolvakantie v
              WHERE v.regio = r.regio AND d::date BETWEEN v.begin AND v.eind)
    )
"""


@dataclass(frozen=True)
class Regel:
    naam: str  # Signaal.regel
    # The Dutch label shown for `naam` (pages, Mijn taken, digest); gettext_noop, translated on use.
    titel: str
    bron: str  # the legal or policy source (docs/verzuim.md)
    # The signal text (no names, no BSN); {datum} is replaced in SQL by the rule's date (dd-mm-jjjj).
    omschrijving: str
    # SELECT swv_id, leerling_id, school_id, periode, omschrijving, vervalt_op, voor_school,
    # voor_leerplicht, voor_swv: the signals due on %(peildatum)s. Other parameters: see _parameters.
    select_sql: str

    @property
    def sql(self) -> str:
        return _INSERT + self.select_sql + _ON_CONFLICT

    def uitvoeren(self, peildatum: datetime.date | None = None) -> int:
        """Raise this rule's signals due on `peildatum` (default today); returns how many are new.

        One statement: in autocommit it is its own transaction, inside a caller's transaction it is one
        step of it. Either way it is never half applied."""
        params = _parameters(peildatum or timezone.localdate())
        params.update(regel=self.naam, omschrijving=_(self.omschrijving))
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            return cursor.rowcount


def _schooljaar_begin(dag: datetime.date) -> datetime.date:
    return datetime.date(schooljaar_einde(dag).year - 1, 8, 1)


def _vrijstelling_verlengen_vanaf(peildatum: datetime.date) -> datetime.date:
    maand, dag = (int(deel) for deel in settings.VRIJSTELLING_VERLENGEN_VANAF.split("-"))
    return datetime.date(peildatum.year, maand, dag)


def _parameters(peildatum: datetime.date) -> dict:
    schooljaar_begin = _schooljaar_begin(peildatum)
    return {
        "peildatum": peildatum,
        "nu": timezone.now(),
        "tz": settings.TIME_ZONE,
        "regios": [*Regio.values, ""],
        # Rule 1 counts this school year's hours (a new school year starts a new window; decision 51).
        "schooljaar_begin": schooljaar_begin,
        # Its lesweken are numbered from a few weeks earlier, so the numbering is the same whatever the day.
        "lesweken_begin": schooljaar_begin - datetime.timedelta(days=7 * MELDPLICHT_LESWEKEN),
        "meldplicht_uren": MELDPLICHT_UREN,
        "meldplicht_lesweken_terug": MELDPLICHT_LESWEKEN - 1,
        "meldplicht_termijn": MELDPLICHT_TERMIJN_SCHOOLDAGEN,
        # Rule 2 looks at absence since the start of the previous school year (a run across the summer holiday
        # is one run; the start is fixed for a whole year, so a run's first day, its key, does not move).
        "lesdagen_begin": datetime.date(schooljaar_begin.year - 1, 8, 1),
        "afwezig_dag_uren": settings.VERZUIM_AFWEZIGE_DAG_UREN,
        "langdurig_dagen": LANGDURIG_VERZUIM_DAGEN,
        "behandeltermijn": settings.VERZUIMMELDING_BEHANDELTERMIJN_WERKDAGEN,
        "verlengen_vanaf": _vrijstelling_verlengen_vanaf(peildatum),
        "verlengen_uiterlijk": datetime.date(peildatum.year, 6, 30),
        "einde_voorloop": settings.EINDE_LEERPLICHT_VOORLOOP_DAGEN,
    }


MELDPLICHT_16_UUR = Regel(
    naam="meldplicht_16_uur",
    titel=gettext_noop("Meldplicht: 16 uur in 4 lesweken"),
    bron="Leerplichtwet 1969 art. 21 en 21a; Besluit verzuimmelding: de school meldt ongeoorloofd verzuim van "
    "16 uur onderwijstijd binnen een periode van 4 opeenvolgende lesweken binnen 5 dagen bij DUO "
    "(leerplicht). Vakantieweken zijn geen lesweken; na een melding begint een nieuwe periode.",
    omschrijving=gettext_noop(
        "Meldplicht: 16 uur of meer ongeoorloofd verzuim in 4 opeenvolgende lesweken (bereikt op {datum}). "
        "Meld het verzuim binnen 5 schooldagen bij DUO."
    ),
    select_sql="""
    WITH """
    + _LESWEKEN_CTE
    + """,
    laatste_melding AS (
        -- After a melding a new window starts: hours up to and including its day do not count again.
        -- A withdrawn melding was never made.
        SELECT m.leerling_id, max((m.ingediend_op AT TIME ZONE %(tz)s)::date) AS dag
        FROM thuiszitters_verzuimmelding m
        WHERE m.status <> 'ingetrokken' AND (m.ingediend_op AT TIME ZONE %(tz)s)::date <= %(peildatum)s
        GROUP BY m.leerling_id
    ),
    dag AS MATERIALIZED (
        SELECT a.swv_id, a.leerling_id, a.school_id, a.datum, sum(a.uren) AS uren,
               greatest(%(schooljaar_begin)s::date, m.dag + 1) AS venster_begin,
               -- the Monday of the day's week, in date arithmetic (no time zone, cheap to join on)
               a.datum - (extract(isodow FROM a.datum)::int - 1) AS maandag
        FROM thuiszitters_absentie a
        LEFT JOIN laatste_melding m ON m.leerling_id = a.leerling_id
        WHERE NOT a.geoorloofd AND a.datum BETWEEN %(schooljaar_begin)s AND %(peildatum)s
          AND (m.dag IS NULL OR a.datum > m.dag)
        GROUP BY a.swv_id, a.leerling_id, a.school_id, a.datum, m.dag
    ),
    schoolweek AS MATERIALIZED (
        -- The lesweken per school with absence (a few thousand rows), so the join below is on two equal
        -- columns the planner hashes, not a region that matches a quarter of all rows.
        SELECT o.id AS school_id, o.vakantieregio AS regio, lw.maandag, lw.nr
        FROM partners_organisatie o
        JOIN lesweek lw ON lw.regio = o.vakantieregio
        WHERE o.id IN (SELECT DISTINCT d.school_id FROM dag d)
    ),
    genummerd AS (
        -- Hours in a holiday week drop out here (no lesweek to join).
        SELECT d.*, sw.regio, sw.nr
        FROM dag d
        JOIN schoolweek sw ON sw.school_id = d.school_id AND sw.maandag = d.maandag
    ),
    opgeteld AS (
        -- On each day: the hours of the 3 lesweken before this one, plus this lesweek's hours up to this day.
        SELECT g.*,
               coalesce(sum(g.uren) OVER (PARTITION BY g.leerling_id, g.school_id ORDER BY g.nr
                        RANGE BETWEEN %(meldplicht_lesweken_terug)s PRECEDING AND 1 PRECEDING), 0)
               + sum(g.uren) OVER (PARTITION BY g.leerling_id, g.school_id, g.nr ORDER BY g.datum) AS totaal
        FROM genummerd g
    ),
    gepasseerd AS (
        -- The first day the 16 hours were passed in this window (one signal per pupil, school and window).
        SELECT DISTINCT ON (o.leerling_id, o.school_id) o.*
        FROM opgeteld o
        WHERE o.totaal >= %(meldplicht_uren)s
        ORDER BY o.leerling_id, o.school_id, o.datum
    )
    SELECT p.swv_id, p.leerling_id, p.school_id,
           to_char(p.venster_begin, 'YYYY-MM-DD') || '/' || p.school_id AS periode,
           replace(%(omschrijving)s, '{datum}', to_char(p.datum, 'DD-MM-YYYY')) AS omschrijving,
           (SELECT s::date
            FROM generate_series(p.datum::timestamp + interval '1 day', p.datum::timestamp + interval '90 days',
                                 interval '1 day') s
            WHERE extract(isodow FROM s) < 6
              AND NOT EXISTS (
                  SELECT 1 FROM thuiszitters_schoolvakantie v
                  WHERE v.regio = p.regio AND s::date BETWEEN v.begin AND v.eind)
            ORDER BY s OFFSET (%(meldplicht_termijn)s - 1) LIMIT 1) AS vervalt_op,
           true AS voor_school, false AS voor_leerplicht, false AS voor_swv
    FROM gepasseerd p
    """,
)

VIER_WEKEN_AFWEZIG = Regel(
    naam="vier_weken_afwezig",
    titel=gettext_noop("4 weken afwezig"),
    bron="Definitie thuiszitter (OCW 2016, Ingrado): langdurig relatief verzuim is 4 weken of langer "
    "ongeoorloofd afwezig zonder vrijstelling; Thuiszitterspact 2016 (gemeente en SWV samen).",
    omschrijving=gettext_noop(
        "Langdurig relatief verzuim: sinds {datum} 4 weken of langer ongeoorloofd afwezig. "
        "Overweeg registratie als thuiszitter."
    ),
    select_sql="""
    WITH """
    + _LESDAGEN_CTE
    + """,
    afwezig AS MATERIALIZED (
        -- A lesdag counts as absent with at least VERZUIM_AFWEZIGE_DAG_UREN ongeoorloofde lesuren.
        SELECT a.swv_id, a.leerling_id, a.school_id, a.datum
        FROM thuiszitters_absentie a
        WHERE NOT a.geoorloofd AND a.datum BETWEEN %(lesdagen_begin)s AND %(peildatum)s
        GROUP BY a.swv_id, a.leerling_id, a.school_id, a.datum
        HAVING sum(a.uren) >= %(afwezig_dag_uren)s
    ),
    schooldag AS MATERIALIZED (
        -- The lesdagen per school with absent days, so the joins below are on two equal columns the
        -- planner hashes, not on a region that matches a quarter of all rows.
        SELECT o.id AS school_id, l.datum, l.nr
        FROM partners_organisatie o
        JOIN lesdag l ON l.regio = o.vakantieregio
        WHERE o.id IN (SELECT DISTINCT f.school_id FROM afwezig f)
    ),
    genummerd AS (
        -- Gaps and islands: consecutive lesdagen have consecutive numbers, so nr - row_number() is one
        -- value per unbroken run (weekends and holidays have no number and do not break it).
        SELECT f.*, sd.nr,
               sd.nr - row_number() OVER (PARTITION BY f.leerling_id, f.school_id ORDER BY f.datum) AS eiland
        FROM afwezig f
        JOIN schooldag sd ON sd.school_id = f.school_id AND sd.datum = f.datum
    ),
    reeks AS (
        SELECT g.swv_id, g.leerling_id, g.school_id, min(g.datum) AS begin, max(g.nr) AS laatste_nr
        FROM genummerd g
        GROUP BY g.swv_id, g.leerling_id, g.school_id, g.eiland
    )
    SELECT r.swv_id, r.leerling_id, r.school_id,
           to_char(r.begin, 'YYYY-MM-DD') || '/' || r.school_id AS periode,
           replace(%(omschrijving)s, '{datum}', to_char(r.begin, 'DD-MM-YYYY')) AS omschrijving,
           NULL::date AS vervalt_op,
           false AS voor_school, true AS voor_leerplicht, true AS voor_swv
    FROM reeks r
    LEFT JOIN schooldag volgende ON volgende.school_id = r.school_id AND volgende.nr = r.laatste_nr + 1
    -- The run covers the days up to the next lesdag (the weekend or holiday after the last absent day),
    -- at most up to the peildatum; 28 calendar days or more is 4 weeks.
    WHERE least(coalesce(volgende.datum - 1, %(peildatum)s), %(peildatum)s) - r.begin + 1 >= %(langdurig_dagen)s
      AND NOT EXISTS (
          SELECT 1 FROM thuiszitters_thuiszitter t WHERE t.leerling_id = r.leerling_id AND t.einddatum IS NULL)
    """,
)

DRIE_MAANDEN_ZONDER_AANBOD = Regel(
    naam="drie_maanden_zonder_aanbod",
    titel=gettext_noop("3 maanden thuis zonder aanbod"),
    bron="Thuiszitterspact 2016: geen kind langer dan 3 maanden thuis zonder passend aanbod van onderwijs "
    "en/of zorg; gemeente en SWV spreken af wie doorzettingsmacht heeft.",
    omschrijving=gettext_noop(
        "Thuiszitter sinds {datum}: 3 maanden of langer thuis zonder aanbod. Escalatie naar de "
        "coördinator en de houder van de doorzettingsmacht."
    ),
    select_sql="""
    SELECT t.swv_id, t.leerling_id, t.school_id, 'thuiszitter-' || t.id AS periode,
           replace(%(omschrijving)s, '{datum}', to_char(t.startdatum, 'DD-MM-YYYY')) AS omschrijving,
           NULL::date AS vervalt_op,
           false AS voor_school,
           -- Leerplicht when the gemeente holds doorzettingsmacht (alone or jointly) or nobody was named yet.
           t.doorzettingsmacht IN ('gemeente', 'gezamenlijk', '') AS voor_leerplicht,
           true AS voor_swv
    FROM thuiszitters_thuiszitter t
    WHERE t.einddatum IS NULL AND t.soort <> 'vrijstelling'
      AND (t.startdatum + interval '3 months')::date <= %(peildatum)s
      AND (t.aanbod_vanaf IS NULL OR t.aanbod_vanaf > %(peildatum)s)
    """,
)

MELDING_NIET_BEHANDELD = Regel(
    naam="melding_niet_behandeld",
    titel=gettext_noop("Verzuimmelding niet behandeld"),
    bron="Leerplichtwet 1969 art. 22 (de leerplichtambtenaar onderzoekt een melding); werkafspraak in het "
    "regionaal verzuimprotocol: binnen VERZUIMMELDING_BEHANDELTERMIJN_WERKDAGEN werkdagen in behandeling.",
    omschrijving=gettext_noop("Verzuimmelding van {datum} is nog niet in behandeling genomen."),
    select_sql="""
    SELECT m.swv_id, m.leerling_id, m.school_id, 'melding-' || m.id AS periode,
           replace(%(omschrijving)s, '{datum}', to_char(m.ingediend_op AT TIME ZONE %(tz)s, 'DD-MM-YYYY'))
               AS omschrijving,
           NULL::date AS vervalt_op,
           false AS voor_school, true AS voor_leerplicht, false AS voor_swv
    FROM thuiszitters_verzuimmelding m
    WHERE m.status = 'geregistreerd' AND (m.ingediend_op AT TIME ZONE %(tz)s)::date < %(peildatum)s
      -- werkdagen (Monday to Friday) after the day of the melding, up to and including the peildatum
      AND (SELECT count(*)
           FROM generate_series((m.ingediend_op AT TIME ZONE %(tz)s)::date::timestamp + interval '1 day',
                                %(peildatum)s::timestamp, interval '1 day') w
           WHERE extract(isodow FROM w) < 6) >= %(behandeltermijn)s
    """,
)

VRIJSTELLING_VERLENGEN = Regel(
    naam="vrijstelling_verlengen",
    titel=gettext_noop("Vrijstelling verlengen"),
    bron="Leerplichtwet 1969 art. 5, 5a, 15 en 3a/3b: een vrijstelling geldt per schooljaar en wordt voor "
    "1 juli verlengd (kennisgeving aan burgemeester en wethouders).",
    omschrijving=gettext_noop("Vrijstelling verlengen vóór 1 juli {datum}."),
    select_sql="""
    SELECT t.swv_id, t.leerling_id, t.school_id,
           'vrijstelling-' || to_char(%(peildatum)s::date, 'YYYY') AS periode,
           replace(%(omschrijving)s, '{datum}', to_char(%(peildatum)s::date, 'YYYY')) AS omschrijving,
           %(verlengen_uiterlijk)s::date AS vervalt_op,
           false AS voor_school, true AS voor_leerplicht, false AS voor_swv
    FROM thuiszitters_thuiszitter t
    WHERE t.einddatum IS NULL AND t.soort = 'vrijstelling' AND t.startdatum <= %(peildatum)s
      AND %(peildatum)s::date BETWEEN %(verlengen_vanaf)s AND %(verlengen_uiterlijk)s
    """,
)

EINDE_LEERPLICHT = Regel(
    naam="einde_leerplicht",
    titel=gettext_noop("Einde leerplicht"),
    bron="Leerplichtwet 1969 art. 3 en 4a: de leerplicht eindigt aan het einde van het schooljaar waarin de "
    "leerling 16 wordt; daarna geldt de kwalificatieplicht (tot 18 of een startkwalificatie).",
    omschrijving=gettext_noop(
        "De leerplicht eindigt op {datum}; daarna geldt de kwalificatieplicht. Beoordeel de registratie."
    ),
    select_sql="""
    SELECT x.swv_id, x.leerling_id, x.school_id, 'einde-' || to_char(x.einde, 'YYYY-MM-DD') AS periode,
           replace(%(omschrijving)s, '{datum}', to_char(x.einde, 'DD-MM-YYYY')) AS omschrijving,
           x.einde AS vervalt_op,
           false AS voor_school, true AS voor_leerplicht, true AS voor_swv
    FROM (
        -- cases.leerplicht.leerplicht_eindigt in SQL: 31 July of the school year holding the 16th birthday
        -- (tests/thuiszitters/test_controles_thuiszitters.py checks both give the same day).
        SELECT t.swv_id, t.leerling_id, t.school_id, t.startdatum,
               make_date(extract(year FROM z.dag)::int + CASE WHEN extract(month FROM z.dag) >= 8
                                                           THEN 1 ELSE 0 END, 7, 31) AS einde
        FROM thuiszitters_thuiszitter t
        JOIN cases_leerling l ON l.id = t.leerling_id
        CROSS JOIN LATERAL (SELECT (l.geboortedatum + interval '16 years')::date AS dag) z
        WHERE t.einddatum IS NULL
    ) x
    WHERE x.einde - %(einde_voorloop)s <= %(peildatum)s AND x.einde >= x.startdatum
    """,
)

# In the order they run (and are listed by the command); independent of each other.
REGELS: tuple[Regel, ...] = (
    MELDPLICHT_16_UUR,
    VIER_WEKEN_AFWEZIG,
    DRIE_MAANDEN_ZONDER_AANBOD,
    MELDING_NIET_BEHANDELD,
    VRIJSTELLING_VERLENGEN,
    EINDE_LEERPLICHT,
)


def verzuimcontroles(peildatum: datetime.date | None = None) -> dict[str, int]:
    """Run every rule for `peildatum` (default today); returns {regel: number of new signals}.

    Each rule is its own statement (and, in autocommit, its own transaction): when one fails, the rules
    before it stay done and a rerun adds only what is missing."""
    peildatum = peildatum or timezone.localdate()
    return {regel.naam: regel.uitvoeren(peildatum) for regel in REGELS}


def regel_titel(naam: str) -> str:
    """The Dutch label of the rule `naam` (a `Signaal.regel`); an unknown name (a rule since removed) as is."""
    for regel in REGELS:
        if regel.naam == naam:
            return _(regel.titel)
    return naam
