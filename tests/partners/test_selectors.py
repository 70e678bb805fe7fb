"""Reads of the partner registry: 404/403 access helpers, the routekaart and the dekkend netwerk with
their gaps, agreements that need attention; the overviews take a fixed number of queries."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from partners import selectors
from swv.core.models import Rol
from tests.factories import (
    AfspraakFactory,
    JeugdzorgregioFactory,
    OrganisatieFactory,
    SamenwerkingsverbandFactory,
    SleutelfiguurFactory,
    VoorzieningFactory,
)

pytestmark = pytest.mark.django_db

# Relative to the real date: the factories start roles a year before today.
VANDAAG = datetime.date.today()


# --- access helpers ---


@pytest.mark.parametrize(
    ("getter", "factory"),
    [
        (selectors.get_organisatie_for_user, OrganisatieFactory),
        (selectors.get_sleutelfiguur_for_user, SleutelfiguurFactory),
        (selectors.get_afspraak_for_user, AfspraakFactory),
        (selectors.get_voorziening_for_user, VoorzieningFactory),
    ],
)
def test_access_helpers_give_404_for_missing_or_other_swv_and_403_for_read_only_writes(
    swv, users, getter, factory
):
    eigen = factory(swv=swv)
    ander = factory(swv=SamenwerkingsverbandFactory())
    assert getter(users[Rol.ZORGCOORDINATOR], eigen.pk) == eigen
    assert getter(users[Rol.SWV_MEDEWERKER], eigen.pk, write=True) == eigen
    with pytest.raises(PermissionDenied):
        getter(users[Rol.ZORGCOORDINATOR], eigen.pk, write=True)
    for pk in (ander.pk, 999_999):
        with pytest.raises(Http404):
            getter(users[Rol.SWV_COORDINATOR], pk)
    with pytest.raises(Http404):
        getter(users["outsider"], eigen.pk, write=True)


# --- routekaart ---


@pytest.fixture
def netwerk(swv):
    """Two gemeenten of the werkgebied in one region, one outside; a GGD serving both, a wethouder
    only for Lindedal, an SWV director without a gemeente, and an ended role."""
    regio = JeugdzorgregioFactory(swv=swv, naam="Rivierenland")
    lindedal = OrganisatieFactory(
        swv=swv, werkgebied_gemeente=True, naam="Gemeente Lindedal", jeugdzorgregio=regio
    )
    heuvelrijk = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Heuvelrijk")
    buiten = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Buiten")
    ggd = OrganisatieFactory(swv=swv, ggd=True)
    ggd.werkgebied.set([lindedal, heuvelrijk])
    jeugdarts = SleutelfiguurFactory(swv=swv, organisatie=ggd, niveau="uitvoering", functie="Jeugdarts")
    manager = SleutelfiguurFactory(swv=swv, organisatie=ggd, niveau="organisatie", gemeenten=[heuvelrijk])
    wethouder = SleutelfiguurFactory(
        swv=swv, organisatie=lindedal, niveau="bestuur_beleid", functie="Wethouder"
    )
    directeur = SleutelfiguurFactory(
        swv=swv, organisatie=OrganisatieFactory(swv=swv, swv_bureau=True), niveau="bestuur_beleid"
    )
    SleutelfiguurFactory(
        swv=swv,
        organisatie=heuvelrijk,
        niveau="bestuur_beleid",
        van=VANDAAG.replace(year=2020),
        tot=VANDAAG - datetime.timedelta(days=1),
    )
    return locals()


def _rij(kaart, gemeente):
    return next(r for r in kaart.gemeenten if r.gemeente == gemeente)


def _mensen(rij, niveau):
    return next(n for n in rij.niveaus if n.niveau == niveau).sleutelfiguren


def test_the_routekaart_shows_current_key_people_per_gemeente_and_level(swv, netwerk):
    kaart = selectors.routekaart(swv=swv, op=VANDAAG)
    assert [r.gemeente for r in kaart.gemeenten] == [netwerk["heuvelrijk"], netwerk["lindedal"]]
    lindedal = _rij(kaart, netwerk["lindedal"])
    assert _mensen(lindedal, "uitvoering") == [netwerk["jeugdarts"]]
    assert _mensen(lindedal, "organisatie") == []
    assert _mensen(lindedal, "bestuur_beleid") == [netwerk["wethouder"]]
    heuvelrijk = _rij(kaart, netwerk["heuvelrijk"])
    assert _mensen(heuvelrijk, "organisatie") == [netwerk["manager"]]


def test_the_routekaart_names_the_gaps_in_words(swv, netwerk):
    kaart = selectors.routekaart(swv=swv, op=VANDAAG)
    assert _rij(kaart, netwerk["heuvelrijk"]).gaten == ["Geen contact op bestuur & beleid voor Heuvelrijk"]
    assert _rij(kaart, netwerk["lindedal"]).gaten == ["Geen contact op organisatie voor Lindedal"]
    assert len(kaart.gaten) == 2


def test_an_ended_role_and_an_swv_wide_contact_do_not_close_a_gap(swv, netwerk):
    kaart = selectors.routekaart(swv=swv, op=VANDAAG)
    assert _mensen(_rij(kaart, netwerk["heuvelrijk"]), "bestuur_beleid") == []
    assert [n.sleutelfiguren for n in kaart.regionaal] == [[netwerk["directeur"]]]


def test_the_routekaart_filters_on_gemeente_and_jeugdzorgregio(swv, netwerk):
    assert [r.gemeente for r in selectors.routekaart(swv=swv, gemeente=netwerk["heuvelrijk"]).gemeenten] == [
        netwerk["heuvelrijk"]
    ]
    assert [r.gemeente for r in selectors.routekaart(swv=swv, jeugdzorgregio=netwerk["regio"]).gemeenten] == [
        netwerk["lindedal"]
    ]


def test_the_routekaart_shows_nothing_of_another_swv(swv, netwerk):
    ander = SamenwerkingsverbandFactory()
    OrganisatieFactory(swv=ander, werkgebied_gemeente=True)
    assert [r.gemeente for r in selectors.routekaart(swv=swv).gemeenten] == [
        netwerk["heuvelrijk"],
        netwerk["lindedal"],
    ]
    assert len(selectors.routekaart(swv=ander).gemeenten) == 1
    assert all(not n.sleutelfiguren for r in selectors.routekaart(swv=ander).gemeenten for n in r.niveaus)


def _routekaart_netwerk(swv, n: int) -> None:
    gemeenten = OrganisatieFactory.create_batch(n, swv=swv, werkgebied_gemeente=True)
    partner = OrganisatieFactory(swv=swv, ggd=True)
    partner.werkgebied.set(gemeenten)
    for i, gemeente in enumerate(gemeenten):
        SleutelfiguurFactory(swv=swv, organisatie=gemeente, niveau="bestuur_beleid")
        SleutelfiguurFactory(swv=swv, organisatie=partner, niveau="uitvoering", gemeenten=[gemeente])
        if i % 2:
            SleutelfiguurFactory(swv=swv, organisatie=partner, niveau="organisatie", tot=VANDAAG)


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("n", [1, 10, 50])
def test_the_routekaart_takes_four_queries_for_any_size(swv, n):
    _routekaart_netwerk(swv, n)
    assert _count(lambda: selectors.routekaart(swv=swv, op=VANDAAG)) == 4
    assert len(selectors.routekaart(swv=swv, op=VANDAAG).gemeenten) == n


def test_the_gaps_overview_names_the_same_gaps_as_the_full_routekaart(swv, netwerk):
    # One rule: the aggregate (SQL) and the routekaart (Python) agree on every gemeente's gaps.
    overzicht = selectors.routekaart_gaten(swv=swv, op=VANDAAG)
    assert overzicht.teksten == selectors.routekaart(swv=swv, op=VANDAAG).gaten
    assert [(g.naam, g.niveaus) for g in overzicht.gaten] == [
        ("Gemeente Heuvelrijk", ["bestuur_beleid"]),
        ("Gemeente Lindedal", ["organisatie"]),
    ]
    assert [g["naam"] for g in overzicht.gemeenten] == ["Gemeente Heuvelrijk", "Gemeente Lindedal"]


def test_the_routekaart_of_one_gemeente_shows_what_the_full_one_shows_for_it(swv, netwerk):
    # Only that gemeente's roles are read (SQL), yet the same people as the whole routekaart's row.
    alle = selectors.routekaart(swv=swv, op=VANDAAG)
    for gemeente in (netwerk["lindedal"], netwerk["heuvelrijk"]):
        een = selectors.routekaart(swv=swv, gemeente=gemeente, op=VANDAAG)
        assert [r.gemeente for r in een.gemeenten] == [gemeente]
        assert [n.sleutelfiguren for n in een.gemeenten[0].niveaus] == [
            n.sleutelfiguren for n in _rij(alle, gemeente).niveaus
        ]
        assert [n.sleutelfiguren for n in een.regionaal] == [[netwerk["directeur"]]]


@pytest.mark.parametrize("n", [1, 10, 50])
def test_the_gaps_overview_takes_two_queries_for_any_size(swv, n):
    _routekaart_netwerk(swv, n)
    assert _count(lambda: selectors.routekaart_gaten(swv=swv, op=VANDAAG)) == 2
    overzicht = selectors.routekaart_gaten(swv=swv, op=VANDAAG)
    # Every other gemeente lacks the organisation level (that role ended today).
    assert len(overzicht.gemeenten) == n
    assert overzicht.teksten == selectors.routekaart(swv=swv, op=VANDAAG).gaten


# --- dekkend netwerk ---


@pytest.fixture
def voorzieningen(swv, settings):
    settings.DEKKEND_NETWERK_MAX_WACHTTIJD_WEKEN = 6
    lindedal = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Lindedal")
    waterveld = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Waterveld")
    herstart = VoorzieningFactory(swv=swv, naam="Herstart", doelgroep="thuiszitters", gemeenten=[lindedal])
    vol = VoorzieningFactory(
        swv=swv, naam="Rebound", doelgroep="gedrag", capaciteit=8, bezetting=8, gemeenten=[waterveld]
    )
    wachten = VoorzieningFactory(
        swv=swv, naam="Plusklas", doelgroep="gedrag", wachttijd_weken=12, gemeenten=[waterveld]
    )
    regionaal = VoorzieningFactory(
        swv=swv, naam="Ambulante begeleiding cluster 2", doelgroep="lichamelijk_zintuiglijk"
    )
    VoorzieningFactory(
        swv=swv, naam="Gestopt", doelgroep="leren", einddatum=VANDAAG - datetime.timedelta(days=1)
    )
    return locals()


def _cel(overzicht, doelgroep, gemeente):
    rij = next(r for r in overzicht.rijen if r.doelgroep == doelgroep)
    return next(c for c in rij.cellen if c.gemeente == gemeente)


def test_the_dekkend_netwerk_places_provisions_by_doelgroep_and_gemeente(swv, voorzieningen):
    v = voorzieningen
    overzicht = selectors.dekkend_netwerk(swv=swv, op=VANDAAG)
    assert [g.naam for g in overzicht.gemeenten] == ["Gemeente Lindedal", "Gemeente Waterveld"]
    assert _cel(overzicht, "thuiszitters", v["lindedal"]).voorzieningen == [v["herstart"]]
    assert _cel(overzicht, "thuiszitters", v["waterveld"]).geen_voorziening
    # Without gemeenten a provision serves the whole werkgebied.
    for gemeente in (v["lindedal"], v["waterveld"]):
        assert _cel(overzicht, "lichamelijk_zintuiglijk", gemeente).voorzieningen == [v["regionaal"]]
    cel = _cel(overzicht, "gedrag", v["waterveld"])
    assert cel.voorzieningen == [v["wachten"], v["vol"]]
    assert (cel.capaciteit, cel.bezetting, cel.kortste_wachttijd_weken) == (18, 13, 2)
    # Computed once when the cell is made, not again on every read by the page (issue 9).
    assert {"capaciteit", "vrije_plekken", "alleen_knelpunten", "is_gat"} <= set(vars(cel))
    assert (cel.vrije_plekken, cel.alleen_knelpunten, cel.is_gat) == (5, True, True)


def test_the_dekkend_netwerk_names_missing_provisions_and_those_with_only_bottlenecks(swv, voorzieningen):
    v = voorzieningen
    overzicht = selectors.dekkend_netwerk(swv=swv, op=VANDAAG)
    assert _cel(overzicht, "gedrag", v["waterveld"]).alleen_knelpunten
    assert (
        "Voor gedrag in Waterveld zijn alle voorzieningen vol of is de wachttijd te lang" in overzicht.gaten
    )
    assert "Geen voorziening voor thuiszitters in Waterveld" in overzicht.gaten
    # The ended provision does not count; "overig" is no target of its own and gets no gap.
    assert "Geen voorziening voor leren in Lindedal" in overzicht.gaten
    assert not any("overig" in gat for gat in overzicht.gaten)
    assert set(overzicht.knelpunten) == {v["vol"], v["wachten"]}


def test_the_dekkend_netwerk_filters_on_doelgroep_and_gemeente(swv, voorzieningen):
    v = voorzieningen
    overzicht = selectors.dekkend_netwerk(
        swv=swv, doelgroep="thuiszitters", gemeente=v["lindedal"], op=VANDAAG
    )
    assert [r.doelgroep for r in overzicht.rijen] == ["thuiszitters"]
    assert overzicht.gemeenten == [v["lindedal"]]
    assert overzicht.gaten == []
    assert overzicht.voorzieningen == [v["herstart"]]


@pytest.mark.parametrize("n", [1, 10, 50])
def test_the_dekkend_netwerk_takes_four_queries_for_any_size(swv, n):
    gemeenten = OrganisatieFactory.create_batch(n, swv=swv, werkgebied_gemeente=True)
    aanbieder = OrganisatieFactory(swv=swv, soort="jeugdhulp")
    for i, gemeente in enumerate(gemeenten):
        VoorzieningFactory(
            swv=swv, aanbieder=aanbieder, doelgroep="gedrag", gemeenten=[gemeente], bezetting=i % 12
        )
        VoorzieningFactory(swv=swv, aanbieder=aanbieder, doelgroep="leren")
    # Three of its own, plus one for the places arrangementen take (issue 11, partners/bezetting.py).
    assert _count(lambda: selectors.dekkend_netwerk(swv=swv, op=VANDAAG)) == 4
    assert len(selectors.dekkend_netwerk(swv=swv, op=VANDAAG).voorzieningen) == 2 * n


# --- afspraken ---


def test_agreements_due_for_evaluation_or_expiring_come_first_soonest(swv):
    dag = datetime.timedelta(days=1)
    evaluatie = AfspraakFactory(swv=swv, titel="Evaluatie", evaluatiedatum=VANDAAG + 20 * dag)
    verloopt = AfspraakFactory(swv=swv, titel="Verloopt", einddatum=VANDAAG + 50 * dag)
    te_laat = AfspraakFactory(
        swv=swv, titel="Te laat", evaluatiedatum=VANDAAG - 3 * dag, einddatum=VANDAAG + 400 * dag
    )
    AfspraakFactory(swv=swv, titel="Later", evaluatiedatum=VANDAAG + 90 * dag, einddatum=VANDAAG + 400 * dag)
    AfspraakFactory(swv=swv, titel="Zonder data")
    AfspraakFactory(swv=SamenwerkingsverbandFactory(), evaluatiedatum=VANDAAG)
    assert list(selectors.afspraken_te_evalueren(swv=swv, vandaag=VANDAAG)) == [te_laat, evaluatie, verloopt]
    assert list(selectors.afspraken_te_evalueren(swv=swv, binnen_dagen=30, vandaag=VANDAAG)) == [
        te_laat,
        evaluatie,
    ]
