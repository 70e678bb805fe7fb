"""Reads of cases for the lists (issue 10, part casussen): the coordinator's queue, the overview with its
filters and full-text search, a school's own cases. Every list starts from `Casus.objects.visible_to`
(cases/querysets.py, the one access rule) and loads its related rows in the same query, so a page of 100
costs as many queries as a page of 1."""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db.models import Q
from django.utils import timezone

from .models import Casus
from .models.casus import ZOEKVECTOR
from .workflow import GESLOTEN, Status

# Tabs of the coordinator's queue, in the order the page shows them.
WACHTRIJ_TABS = ("nieuw", "zonder_regisseur", "te_laat", "mijn")


def oppakken_binnen_dagen() -> int:
    """Days within which the SWV picks up an aanmelding (configurable: CASUS_OPPAKKEN_DAGEN)."""
    return int(getattr(settings, "CASUS_OPPAKKEN_DAGEN", 10))


def casussen_lijst(user):
    """The visible cases with what every list shows (pupil, school, regisseur) in one query."""
    return Casus.objects.visible_to(user).select_related("leerling", "school", "casusregisseur")


def te_laat_q(nu: datetime.datetime | None = None) -> Q:
    """An aanmelding not picked up in time: still `aangemeld` longer than `oppakken_binnen_dagen()` days."""
    grens = (nu or timezone.now()) - datetime.timedelta(days=oppakken_binnen_dagen())
    return Q(status=Status.AANGEMELD, aangemeld_op__lt=grens)


def wachtrij(user, tab: str):
    """The coordinator's queue: `nieuw` (aangemeld), `zonder_regisseur` (open, nobody owns it), `te_laat`
    (aangemeld for too long), `mijn` (open cases the user owns). Oldest first: the longest waiting on top."""
    qs = casussen_lijst(user).exclude(status__in=sorted(GESLOTEN))
    if tab == "nieuw":
        qs = qs.filter(status=Status.AANGEMELD)
    elif tab == "zonder_regisseur":
        qs = qs.filter(casusregisseur__isnull=True)
    elif tab == "te_laat":
        qs = qs.filter(te_laat_q())
    elif tab == "mijn":
        qs = qs.filter(casusregisseur_id=user.pk)
    else:
        raise ValueError(tab)
    return qs.order_by("aangemeld_op", "pk")


def zoek_casussen(qs, tekst: str):
    """Full-text search (Dutch stemming) on the aanmelding's texts (GIN index `casus_zoeken`), or a part of
    the pupil's first or last name; every word must match.

    The text match is a subquery on the case table alone (`pk IN (… @@ …)`), so PostgreSQL answers it from
    the GIN index once per word. Written inline, OR-ed with the pupil's names of the joined table, it could
    not use the index at all: every visible case's text was turned into a tsvector per search, 0.5 s for a
    rare word at 5,000 cases (docs/benchmarks.md, "Zoeken in casussen"; decision 47)."""
    woorden = tekst.split()
    if not woorden:
        return qs
    for woord in woorden:
        in_tekst = (
            Casus.objects.annotate(zoekvector=ZOEKVECTOR)
            .filter(zoekvector=SearchQuery(woord, config="dutch"))
            .values("pk")
        )
        qs = qs.filter(
            Q(pk__in=in_tekst)
            | Q(leerling__voornaam__icontains=woord)
            | Q(leerling__achternaam__icontains=woord)
        )
    return qs


def filter_casussen(qs, *, status: str = "", school=None, regisseur=None, q: str = ""):
    """The overview's filters; one definition for the page and the API."""
    if status:
        qs = qs.filter(status=status)
    if school is not None:
        qs = qs.filter(school=school)
    if regisseur is not None:
        qs = qs.filter(casusregisseur=regisseur)
    if q:
        qs = zoek_casussen(qs, q)
    return qs
