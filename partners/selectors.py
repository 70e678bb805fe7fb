"""Reads of the partner registry: access helpers (404 for missing and invisible, 403 for read-only) and
the overviews (routekaart, dekkend netwerk, agreements due). The overviews are set-based: a fixed number
of queries whatever the number of gemeenten, people or provisions (tests assert this).

The registry holds no pupil data, but key people (names, phone, e-mail) are personal data: the pages and
API responses that show them write a read row (swv.audit.services.audit_log); writes are tracked by pghistory.
"""

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, Count, Exists, F, Func, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.core.access import AuditRead, get_for_user

from . import bezetting
from .models import (
    Afspraak,
    Doelgroep,
    Jeugdzorgregio,
    Niveau,
    Organisatie,
    Persoon,
    Sleutelfiguur,
    Voorziening,
)
from .querysets import achternaam_sortering, huidig_q, sorteernaam
from .rules import mag_partners_schrijven

# --- access helpers ---


# The shared look-up (swv.core.access.get_for_user): 404 for missing and invisible, then 403 for a write
# by a role that may only read (people by role, partner systems by scope).


def get_organisatie_for_user(user, pk: int, *, write: bool = False) -> Organisatie:
    """The organisation `pk` if `user` may see it (write=True: and change it). 404 missing/invisible, 403
    read-only."""
    return get_for_user(
        Organisatie.objects.select_related("swv", "gemeente", "schoolbestuur", "jeugdzorgregio"),
        user,
        pk,
        write=write,
        may_write=mag_partners_schrijven,
    )


def organisatie_pagina(request, pk: int) -> Organisatie:
    """The organisation `pk` for its page, with its key people (visible to the user) in `sleutelfiguren_lijst`.

    Key people's names, phone numbers and e-mail addresses are personal data: when the page shows any,
    the look-up writes one read row (issue 7 point 8); an organisation without key people writes none.
    """
    met_sleutelfiguren = Prefetch(
        "sleutelfiguren",
        queryset=Sleutelfiguur.objects.visible_to(request.user).select_related("persoon").op_achternaam(),
        to_attr="sleutelfiguren_lijst",
    )
    return get_for_user(
        Organisatie.objects.select_related(
            "swv", "gemeente", "schoolbestuur", "jeugdzorgregio"
        ).prefetch_related(met_sleutelfiguren),
        request.user,
        pk,
        request=request,
        audit=AuditRead(
            reason=lambda o: (
                f"organisatiepagina: {len(o.sleutelfiguren_lijst)} sleutelfiguur/-figuren"
                if o.sleutelfiguren_lijst
                else None
            )
        ),
    )


def met_aantal_sleutelfiguren(organisaties: list[Organisatie], op=None) -> list[Organisatie]:
    """Set `aantal_sleutelfiguren` (current roles, `huidig_q`) on each of `organisaties`, in one query
    for just these rows: counting in the list's own query counted every organisation of the SWV
    before the page's LIMIT (issue 9)."""
    aantallen = dict(
        Sleutelfiguur.objects.filter(organisatie_id__in=[o.pk for o in organisaties])
        .filter(huidig_q(op))
        .order_by()
        .values("organisatie_id")
        .annotate(aantal=Count("pk"))
        .values_list("organisatie_id", "aantal")
    )
    for organisatie in organisaties:
        organisatie.aantal_sleutelfiguren = aantallen.get(organisatie.pk, 0)  # type: ignore[attr-defined]
    return organisaties


def dubbele_organisatie(
    *, swv, naam: str, soort: str, gemeente, behalve: int | None = None
) -> Organisatie | None:
    """An organisation of `swv` with the same name (ignoring case and outer spaces), soort and gemeente:
    most likely the same organisation entered twice. The oldest one, or None. `behalve`: the id of the
    organisation being renamed, which is no duplicate of itself."""
    gelijk = Organisatie.objects.filter(
        swv=swv, naam__iexact=(naam or "").strip(), soort=soort, gemeente=gemeente
    )
    if behalve is not None:
        gelijk = gelijk.exclude(pk=behalve)
    return gelijk.order_by("pk").first()


def get_persoon_for_user(user, pk: int, *, write: bool = False) -> Persoon:
    return get_for_user(Persoon, user, pk, write=write, may_write=mag_partners_schrijven)


def get_sleutelfiguur_for_user(user, pk: int, *, write: bool = False) -> Sleutelfiguur:
    return get_for_user(
        Sleutelfiguur.objects.select_related("swv", "persoon", "organisatie"),
        user,
        pk,
        write=write,
        may_write=mag_partners_schrijven,
    )


def get_afspraak_for_user(user, pk: int, *, write: bool = False) -> Afspraak:
    return get_for_user(
        Afspraak.objects.select_related("swv", "eigenaar"),
        user,
        pk,
        write=write,
        may_write=mag_partners_schrijven,
    )


def get_voorziening_for_user(user, pk: int, *, write: bool = False) -> Voorziening:
    return get_for_user(
        Voorziening.objects.select_related("swv", "aanbieder"),
        user,
        pk,
        write=write,
        may_write=mag_partners_schrijven,
    )


# --- werkgebied: which gemeenten an organisation or role is for ---


def _werkgebied_per_organisatie(swv, gemeente_ids: list[int] | None = None) -> dict[int, set[int]]:
    """organisation id -> the gemeente ids in its werkgebied (one query); only `gemeente_ids` when given."""
    result: dict[int, set[int]] = defaultdict(set)
    rows = Organisatie.werkgebied.through.objects.filter(from_organisatie__swv=swv)
    if gemeente_ids is not None:
        rows = rows.filter(to_organisatie_id__in=gemeente_ids)
    for organisatie_id, gemeente_id in rows.values_list("from_organisatie_id", "to_organisatie_id"):
        result[organisatie_id].add(gemeente_id)
    return result


def _gemeenten_van_organisatie(organisatie: Organisatie, werkgebied: dict[int, set[int]]) -> set[int]:
    """A gemeente is for itself; other organisations for their werkgebied and the gemeente they sit in."""
    if organisatie.soort == Organisatie.Soort.GEMEENTE:
        return {organisatie.pk}
    gemeenten = set(werkgebied.get(organisatie.pk, ()))
    if organisatie.gemeente_id:
        gemeenten.add(organisatie.gemeente_id)
    return gemeenten


def _werkgebied_gemeenten(swv, *, gemeente=None, jeugdzorgregio=None) -> list[Organisatie]:
    qs = Organisatie.objects.filter(
        swv=swv, soort=Organisatie.Soort.GEMEENTE, in_werkgebied=True, actief=True
    ).select_related("jeugdzorgregio")
    if gemeente is not None:
        qs = qs.filter(pk=gemeente.pk)
    if jeugdzorgregio is not None:
        qs = qs.filter(jeugdzorgregio=jeugdzorgregio)
    return list(qs.order_by("naam"))


# --- routekaart ---


@dataclass
class RoutekaartNiveau:
    niveau: str
    label: str
    sleutelfiguren: list[Sleutelfiguur] = field(default_factory=list)


@dataclass
class RoutekaartGemeente:
    gemeente: Organisatie
    niveaus: list[RoutekaartNiveau]
    gaten: list[str] = field(default_factory=list)

    @property
    def heeft_gaten(self) -> bool:
        return bool(self.gaten)


@dataclass
class Routekaart:
    """Per gemeente of the werkgebied the current key people on each of the three levels, the gaps
    (a level without anyone), and the contacts for the whole SWV region (no gemeente of their own)."""

    gemeenten: list[RoutekaartGemeente]
    regionaal: list[RoutekaartNiveau]

    @property
    def gaten(self) -> list[str]:
        return [gat for rij in self.gemeenten for gat in rij.gaten]


def _sorteer_sleutelfiguren(sleutelfiguren: list[Sleutelfiguur]) -> list[Sleutelfiguur]:
    return sorted(
        sleutelfiguren,
        key=lambda s: (
            s.organisatie.domein,
            s.organisatie.naam,
            sorteernaam(s.persoon.achternaam),
            s.persoon.achternaam.lower(),
            s.persoon.voornaam.lower(),
            s.pk,
        ),
    )


# What the routekaart shows of a role, its person and its organisation (read with only(): the page
# renders hundreds of them, and the rest of the rows is never shown).
_ROUTEKAART_VELDEN = (
    "pk",
    "swv_id",
    "niveau",
    "functie",
    "telefoon",
    "email",
    "van",
    "tot",
    "persoon_id",
    "organisatie_id",
    "persoon__voornaam",
    "persoon__tussenvoegsel",
    "persoon__achternaam",
    "persoon__telefoon",
    "persoon__email",
    "organisatie__naam",
    "organisatie__soort",
    "organisatie__gemeente_id",
)


def _voor_gemeenten_of_regionaal_q(gemeente_ids: list[int]) -> Q:
    """The routekaart's rule in SQL for the gemeenten `gemeente_ids`, plus the regional roles: what
    `_gemeenten_van_organisatie` and the named gemeenten decide in Python, so only the roles of the
    gemeenten on the page are read."""
    through = Sleutelfiguur.gemeenten.through
    werkgebied = Organisatie.werkgebied.through
    is_gemeente = Q(organisatie__soort=Organisatie.Soort.GEMEENTE)
    noemt = Exists(through.objects.filter(sleutelfiguur_id=OuterRef("pk"), organisatie_id__in=gemeente_ids))
    noemt_geen = ~Exists(through.objects.filter(sleutelfiguur_id=OuterRef("pk")))
    organisatie_voor = (is_gemeente & Q(organisatie_id__in=gemeente_ids)) | (
        ~is_gemeente
        & (
            Q(organisatie__gemeente_id__in=gemeente_ids)
            | Exists(
                werkgebied.objects.filter(
                    from_organisatie_id=OuterRef("organisatie_id"), to_organisatie_id__in=gemeente_ids
                )
            )
        )
    )
    regionaal = (
        ~is_gemeente
        & Q(organisatie__gemeente__isnull=True)
        & ~Exists(werkgebied.objects.filter(from_organisatie_id=OuterRef("organisatie_id")))
    )
    return noemt | (noemt_geen & (organisatie_voor | regionaal))


def routekaart(
    *, swv, gemeente: Organisatie | None = None, jeugdzorgregio: Jeugdzorgregio | None = None, op=None
) -> Routekaart:
    """Who to call per gemeente, on the three levels of the routekaart (seed 002), with the gaps.

    A role counts for a gemeente when the role names it (`gemeenten`), or, when the role names none,
    when its organisation is that gemeente, sits in it or has it in its werkgebied. Roles at an
    organisation without any gemeente (e.g. the SWV bureau) are `regionaal`: they do not close a
    gemeente's gap, since the wethouder or the local team is still missing. Four queries.

    With `gemeente` or `jeugdzorgregio` only the roles of those gemeenten (and the regional ones) are
    read, so the page for one gemeente costs the same in an SWV of 5 or 50 gemeenten (issue 9). The
    gaps of every gemeente at once: `routekaart_gaten`.
    """
    op = op or timezone.localdate()
    gemeenten = _werkgebied_gemeenten(swv, gemeente=gemeente, jeugdzorgregio=jeugdzorgregio)
    gekozen = [g.pk for g in gemeenten] if (gemeente is not None or jeugdzorgregio is not None) else None
    # The joined tables filtered by the tenant too, so PostgreSQL reads one SWV's persons and
    # organisations through their swv index instead of hashing every tenant's (issue 9); no ordering
    # (sorted below in Python).
    huidig = (
        Sleutelfiguur.objects.filter(
            swv=swv, organisatie__swv=swv, organisatie__actief=True, persoon__swv=swv
        )
        .huidig(op)
        .order_by()
    )
    if gekozen is not None:
        huidig = huidig.filter(_voor_gemeenten_of_regionaal_q(gekozen))
    sleutelfiguren = list(huidig.select_related("persoon", "organisatie").only(*_ROUTEKAART_VELDEN))
    genoemd: dict[int, set[int]] = defaultdict(set)
    genoemd_qs = Sleutelfiguur.gemeenten.through.objects.filter(sleutelfiguur__in=huidig.values("pk"))
    if gekozen is not None:
        genoemd_qs = genoemd_qs.filter(organisatie_id__in=gekozen)
    for sleutelfiguur_id, gemeente_id in genoemd_qs.values_list("sleutelfiguur_id", "organisatie_id"):
        genoemd[sleutelfiguur_id].add(gemeente_id)
    werkgebied = _werkgebied_per_organisatie(swv, gekozen)

    labels = dict(Niveau.choices)
    per_gemeente: dict[int, dict[str, list[Sleutelfiguur]]] = defaultdict(lambda: defaultdict(list))
    regionaal: dict[str, list[Sleutelfiguur]] = defaultdict(list)
    for sleutelfiguur in sleutelfiguren:
        voor = genoemd.get(sleutelfiguur.pk) or _gemeenten_van_organisatie(
            sleutelfiguur.organisatie, werkgebied
        )
        if not voor:
            regionaal[sleutelfiguur.niveau].append(sleutelfiguur)
        for gemeente_id in voor:
            per_gemeente[gemeente_id][sleutelfiguur.niveau].append(sleutelfiguur)
    rijen = []
    for g in gemeenten:
        niveaus = [
            RoutekaartNiveau(niveau, str(label), _sorteer_sleutelfiguren(per_gemeente[g.pk][niveau]))
            for niveau, label in Niveau.choices
        ]
        gaten = [
            _("Geen contact op %(niveau)s voor %(gemeente)s")
            % {"niveau": str(labels[n.niveau]).lower(), "gemeente": _gemeentenaam(g)}
            for n in niveaus
            if not n.sleutelfiguren
        ]
        rijen.append(RoutekaartGemeente(gemeente=g, niveaus=niveaus, gaten=gaten))
    return Routekaart(
        gemeenten=rijen,
        regionaal=[
            RoutekaartNiveau(niveau, str(label), _sorteer_sleutelfiguren(regionaal[niveau]))
            for niveau, label in Niveau.choices
            if regionaal[niveau]
        ],
    )


@dataclass
class RoutekaartGat:
    """A gemeente of the werkgebied and the levels on which nobody is known for it."""

    gemeente_id: int
    naam: str
    niveaus: list[str]  # Niveau values, in the routekaart's order
    teksten: list[str]  # the same in words: "Geen contact op organisatie voor Lindedal"


@dataclass
class RoutekaartOverzicht:
    """Every gemeente of the werkgebied (pk, naam, jeugdzorgregio_id; by name) and the gaps of each."""

    gemeenten: Sequence[Mapping[str, Any]]
    gaten: list[RoutekaartGat]

    @property
    def teksten(self) -> list[str]:
        return [tekst for gat in self.gaten for tekst in gat.teksten]


def routekaart_gaten(*, swv, op=None) -> RoutekaartOverzicht:
    """The gaps overview above the routekaart: which gemeente lacks a contact on which level, for all
    gemeenten of the werkgebied at once, without reading a single person (issue 9).

    Two queries: the gemeenten, and the distinct (gemeente, niveau) pairs that some current role
    covers, by the same rule as `routekaart` (named gemeenten; else the organisation that is the
    gemeente, sits in it or has it in its werkgebied), as one UNION that PostgreSQL aggregates.
    """
    op = op or timezone.localdate()
    gemeenten = list(
        Organisatie.objects.filter(swv=swv, soort=Organisatie.Soort.GEMEENTE, in_werkgebied=True, actief=True)
        .order_by("naam", "pk")
        .values("pk", "naam", "jeugdzorgregio_id")
    )
    # order_by(): no ordering (the model's would join the person into every part of the UNION).
    huidig = (
        Sleutelfiguur.objects.filter(swv=swv, organisatie__swv=swv, organisatie__actief=True)
        .huidig(op)
        .order_by()
    )
    noemt_geen = huidig.filter(
        ~Exists(Sleutelfiguur.gemeenten.through.objects.filter(sleutelfiguur_id=OuterRef("pk")))
    )
    geen_gemeente = noemt_geen.exclude(organisatie__soort=Organisatie.Soort.GEMEENTE)
    gedekt = set(
        huidig.filter(gemeenten__isnull=False)
        .values_list("gemeenten", "niveau")
        .union(
            noemt_geen.filter(organisatie__soort=Organisatie.Soort.GEMEENTE).values_list(
                "organisatie_id", "niveau"
            ),
            geen_gemeente.filter(organisatie__gemeente__isnull=False).values_list(
                "organisatie__gemeente_id", "niveau"
            ),
            geen_gemeente.filter(organisatie__werkgebied__isnull=False).values_list(
                "organisatie__werkgebied", "niveau"
            ),
        )
    )
    labels = dict(Niveau.choices)
    gaten = []
    for g in gemeenten:
        ontbreekt = [niveau for niveau in Niveau.values if (g["pk"], niveau) not in gedekt]
        if ontbreekt:
            naam = _gemeentenaam_tekst(g["naam"])
            gaten.append(
                RoutekaartGat(
                    gemeente_id=g["pk"],
                    naam=g["naam"],
                    niveaus=ontbreekt,
                    teksten=[
                        _("Geen contact op %(niveau)s voor %(gemeente)s")
                        % {"niveau": str(labels[n]).lower(), "gemeente": naam}
                        for n in ontbreekt
                    ],
                )
            )
    return RoutekaartOverzicht(gemeenten=gemeenten, gaten=gaten)


def _gemeentenaam(gemeente: Organisatie) -> str:
    return _gemeentenaam_tekst(gemeente.naam)


def _gemeentenaam_tekst(naam: str) -> str:
    # "Gemeente Heuvelrijk" reads as "geen contact ... voor Heuvelrijk".
    return naam[len("Gemeente ") :] if naam.startswith("Gemeente ") else naam


# --- dekkend netwerk ---


@dataclass
class DekkendNetwerkCel:
    """One doelgroep in one gemeente: the provisions available there and whether that is enough.

    The sums are computed once, when the cell is made: the page reads each of them several times per
    cell, and as properties they were most of the page's time (issue 9).
    """

    gemeente: Organisatie
    doelgroep: str
    voorzieningen: list[Voorziening] = field(default_factory=list)
    capaciteit: int = field(init=False, default=0)
    bezetting: int = field(init=False, default=0)
    vrije_plekken: int = field(init=False, default=0)
    kortste_wachttijd_weken: int | None = field(init=False, default=None)
    geen_voorziening: bool = field(init=False, default=True)
    alleen_knelpunten: bool = field(init=False, default=False)
    is_gat: bool = field(init=False, default=True)

    def __post_init__(self) -> None:
        voorzieningen = self.voorzieningen
        self.capaciteit = sum(v.capaciteit for v in voorzieningen)
        self.bezetting = sum(v.bezetting_totaal for v in voorzieningen)
        self.vrije_plekken = sum(v.vrije_plekken for v in voorzieningen)
        self.kortste_wachttijd_weken = min((v.wachttijd_weken for v in voorzieningen), default=None)
        self.geen_voorziening = not voorzieningen
        self.alleen_knelpunten = bool(voorzieningen) and all(v.knelpunt for v in voorzieningen)
        self.is_gat = self.geen_voorziening or self.alleen_knelpunten


@dataclass
class DekkendNetwerkRij:
    doelgroep: str
    label: str
    cellen: list[DekkendNetwerkCel]


@dataclass
class DekkendNetwerk:
    """Provisions by doelgroep (rows) x gemeente of the werkgebied (columns), with the gaps in words."""

    gemeenten: list[Organisatie]
    rijen: list[DekkendNetwerkRij]
    voorzieningen: list[Voorziening]
    gaten: list[str] = field(default_factory=list)

    @property
    def knelpunten(self) -> list[Voorziening]:
        return [v for v in self.voorzieningen if v.knelpunt]


def dekkend_netwerk(
    *, swv, doelgroep: str | None = None, gemeente: Organisatie | None = None, op=None
) -> DekkendNetwerk:
    """Is there a provision for every doelgroep in every gemeente of the werkgebied, with room in it?

    A provision counts on `op` (today) when it runs then; without gemeenten it serves the whole werkgebied
    (a regional provision). Gaps: no provision, or only bottlenecks (full or waiting too long,
    `Voorziening.knelpunt`). Doelgroep "overig" is shown only when asked for: it is no target of its own.
    Three queries, plus one per registered occupancy source (partners/bezetting.py).
    """
    op = op or timezone.localdate()
    gemeenten = _werkgebied_gemeenten(swv, gemeente=gemeente)
    doelgroepen = [
        (waarde, label)
        for waarde, label in Doelgroep.choices
        if (waarde == doelgroep if doelgroep else waarde != Doelgroep.OVERIG)
    ]
    qs = Voorziening.objects.filter(swv=swv).lopend(op).select_related("aanbieder")
    if doelgroep:
        qs = qs.filter(doelgroep=doelgroep)
    voorzieningen = list(qs.order_by("naam", "pk"))
    # Issue 11: the places taken by arrangementen of cases count too (partners/bezetting.py, one query).
    bezetting.verrijk(voorzieningen)
    voor: dict[int, set[int]] = defaultdict(set)
    for voorziening_id, gemeente_id in Voorziening.gemeenten.through.objects.filter(
        voorziening__in=qs.values("pk")
    ).values_list("voorziening_id", "organisatie_id"):
        voor[voorziening_id].add(gemeente_id)

    alle = {g.pk for g in gemeenten}
    per_cel: dict[tuple[str, int], list[Voorziening]] = defaultdict(list)
    for voorziening in voorzieningen:
        for gemeente_id in voor.get(voorziening.pk) or alle:
            per_cel[(voorziening.doelgroep, gemeente_id)].append(voorziening)

    rijen, gaten = [], []
    for waarde, label in doelgroepen:
        cellen = [DekkendNetwerkCel(g, waarde, per_cel.get((waarde, g.pk), [])) for g in gemeenten]
        rijen.append(DekkendNetwerkRij(waarde, str(label), cellen))
        for cel in cellen:
            woorden = {"doelgroep": str(label).lower(), "gemeente": _gemeentenaam(cel.gemeente)}
            if cel.geen_voorziening:
                gaten.append(_("Geen voorziening voor %(doelgroep)s in %(gemeente)s") % woorden)
            elif cel.alleen_knelpunten:
                gaten.append(
                    _(
                        "Voor %(doelgroep)s in %(gemeente)s zijn alle voorzieningen vol of is de wachttijd te lang"
                    )
                    % woorden
                )
    return DekkendNetwerk(gemeenten=gemeenten, rijen=rijen, voorzieningen=voorzieningen, gaten=gaten)


# --- afspraken ---


def afspraken_te_evalueren(
    *, swv, binnen_dagen: int = 60, vandaag: datetime.date | None = None
) -> QuerySet[Afspraak]:
    """Agreements whose evaluatiedatum or einddatum falls within `binnen_dagen` from today, or is past.

    Ordered by the first of those dates (`signaaldatum`), so what is late or soonest comes first.
    """
    vandaag = vandaag or timezone.localdate()
    grens = vandaag + datetime.timedelta(days=binnen_dagen)
    return (
        Afspraak.objects.filter(swv=swv)
        .filter(Q(evaluatiedatum__lte=grens) | Q(einddatum__lte=grens))
        # PostgreSQL's LEAST skips NULLs: the earliest date that is set.
        .annotate(signaaldatum=Least("evaluatiedatum", "einddatum"))
        .order_by("signaaldatum", "titel", "pk")
    )


# --- personen: who works where, and who is the contact for what ---

PERSONEN_STATUS = {
    # The three disjoint states of a role on a day, from the one current-role rule (`huidig_q`); the
    # constraint tot >= van keeps them apart: ended is tot on or before the day, coming is van after it.
    "huidig": lambda op: huidig_q(op),
    "eerder": lambda op: Q(tot__lte=op),
    "komend": lambda op: Q(van__gt=op),
}


def voor_gemeente_q(gemeente_id: int) -> Q:
    """Roles that are a contact for gemeente `gemeente_id`, as the routekaart counts them: the role names
    the gemeente, or names none and its organisation is that gemeente, sits in it or serves it (werkgebied).
    The API filter (`SleutelfiguurFilter.gemeente`) and the people page use this."""
    through = Sleutelfiguur.gemeenten.through
    werkgebied = Organisatie.werkgebied.through
    voor_gemeente = Exists(
        through.objects.filter(sleutelfiguur_id=OuterRef("pk"), organisatie_id=gemeente_id)
    )
    zonder_gemeenten = ~Exists(through.objects.filter(sleutelfiguur_id=OuterRef("pk")))
    organisatie_werkt_er = (
        Exists(
            werkgebied.objects.filter(
                from_organisatie_id=OuterRef("organisatie_id"), to_organisatie_id=gemeente_id
            )
        )
        | Q(organisatie__gemeente_id=gemeente_id)
        | Q(organisatie_id=gemeente_id)
    )
    return voor_gemeente | (zonder_gemeenten & organisatie_werkt_er)


def zoek_sleutelfiguren(queryset: QuerySet[Sleutelfiguur], zoekterm: str) -> QuerySet[Sleutelfiguur]:
    """Every word must match the person's name, the function, a topic or the organisation's name:
    "jeugdconsulent heuvelrijk" finds the jeugdconsulent of Gemeente Heuvelrijk, "jan de vries" finds Jan."""
    woorden = zoekterm.split()
    if not woorden:
        return queryset
    queryset = queryset.annotate(
        # Topics are an array; PostgreSQL joins them so a part of a topic matches too ("thuiszit").
        onderwerpen_tekst=Func(
            F("onderwerpen"), Value(" "), function="array_to_string", output_field=CharField()
        )
    )
    for woord in woorden:
        queryset = queryset.filter(
            Q(persoon__voornaam__icontains=woord)
            | Q(persoon__tussenvoegsel__iexact=woord)
            | Q(persoon__achternaam__icontains=woord)
            | Q(functie__icontains=woord)
            | Q(onderwerpen_tekst__icontains=woord)
            | Q(organisatie__naam__icontains=woord)
        )
    return queryset


def personen(
    user,
    *,
    zoekterm: str = "",
    gemeente: Organisatie | None = None,
    niveau: str = "",
    status: str = "huidig",
    op: datetime.date | None = None,
) -> QuerySet[Sleutelfiguur]:
    """The people page: one row per role (a person who moved has a row at each organisation), visible to
    `user`, ordered by name. `status` huidig/eerder/komend, or anything else for all roles. Two queries
    whatever the number of rows: the roles with person and organisation, and the gemeenten they name."""
    op = op or timezone.localdate()
    qs: QuerySet[Sleutelfiguur] = Sleutelfiguur.objects.visible_to(user)
    if status in PERSONEN_STATUS:
        qs = qs.filter(PERSONEN_STATUS[status](op))
    if niveau:
        qs = qs.filter(niveau=niveau)
    if gemeente is not None:
        qs = qs.filter(voor_gemeente_q(gemeente.pk))
    qs = zoek_sleutelfiguren(qs, zoekterm)
    return (
        qs.select_related("persoon", "organisatie")
        .prefetch_related(
            Prefetch("gemeenten", queryset=Organisatie.objects.only("pk", "naam").order_by("naam"))
        )
        .order_by(*achternaam_sortering("persoon__"), "persoon_id", "-van", "pk")
    )


# The one definition of "lopend" and "verlopen" for an agreement (`Afspraak.is_verlopen` is its Python
# twin): the register page's filter and the API's `status` both use `afspraak_status_q`.
AFSPRAAK_STATUS = ("lopend", "verlopen")


def afspraak_status_q(status: str, vandaag: datetime.date | None = None) -> Q:
    """Status "lopend": no einddatum or one today or later; "verlopen": einddatum before today."""
    vandaag = vandaag or timezone.localdate()
    if status == "verlopen":
        return Q(einddatum__lt=vandaag)
    if status == "lopend":
        return Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag)
    raise ValueError(status)


def afspraak_eigenaar_naam_q(naam: str) -> Q:
    """The owner's name as the API shows it (`get_full_name`: voornaam achternaam), or a part of it."""
    woorden = naam.split()
    q = Q()
    for woord in woorden:
        q &= Q(eigenaar__first_name__icontains=woord) | Q(eigenaar__last_name__icontains=woord)
    return q


def filter_afspraken(
    qs: QuerySet[Afspraak],
    *,
    soort: str = "",
    partij=None,
    eigenaar=None,
    status: str = "",
    te_evalueren: str = "",
    vandaag: datetime.date | None = None,
) -> QuerySet[Afspraak]:
    """Narrow `qs` by the register's filters (the page's form and the API's query parameters).

    partij: an organisation (or its id); eigenaar: a user (or id). status: `afspraak_status_q`.
    te_evalueren "over_tijd": evaluatiedatum before today; a number N: evaluatiedatum within N days
    from today or before (like the attention list, what is late stays in view).
    """
    vandaag = vandaag or timezone.localdate()
    if soort:
        qs = qs.filter(soort=soort)
    if partij is not None:
        through = Afspraak.partijen.through
        qs = qs.filter(
            Exists(
                through.objects.filter(
                    afspraak_id=OuterRef("pk"), organisatie_id=getattr(partij, "pk", partij)
                )
            )
        )
    if eigenaar is not None:
        qs = qs.filter(eigenaar=eigenaar)
    if status:
        qs = qs.filter(afspraak_status_q(status, vandaag))
    if te_evalueren == "over_tijd":
        qs = qs.filter(evaluatiedatum__lt=vandaag)
    elif te_evalueren.isdigit():
        qs = qs.filter(evaluatiedatum__lte=vandaag + datetime.timedelta(days=int(te_evalueren)))
    return qs


def afspraken_register(*, swv, vandaag: datetime.date | None = None, **filters) -> QuerySet[Afspraak]:
    """All agreements of the SWV (also those with only an ingangsdatum), the last recorded first,
    narrowed by `filter_afspraken`.

    Recording order (pk), not ingangsdatum: an agreement just saved, even one that started years ago,
    is the first row of the first page where saving lands (partners:afspraken).
    """
    return filter_afspraken(Afspraak.objects.filter(swv=swv), vandaag=vandaag, **filters).order_by("-pk")
