"""Small counts in the monitor: 1-4 shown as "<5", never the number, and never computable from a total."""

import datetime
import itertools
import random

import pytest

from tests.factories import LeerlingFactory, OrganisatieFactory
from tests.thuiszitters.factories import ThuiszitterFactory
from thuiszitters.selectors_monitor import AFGELEID_ONDERDRUKT, ONDERDRUKT, monitor, onderdruk

D = datetime.date


def _waarden_die_de_lezer_mogelijk_acht(waarden, verborgen, totaal, delen, plafond):
    """Brute force, independent of `onderdruk`'s interval reasoning: every filling of the hidden cells of one
    relation that fits what the reader sees ("<5": 1-4, "x": 5 or more, shown: itself) and the sum."""
    cellen = [totaal, *delen]
    bereik = []
    for c in cellen:
        status = verborgen.get(c)
        if status == ONDERDRUKT:
            bereik.append(range(1, 5))
        elif status == AFGELEID_ONDERDRUKT:
            bereik.append(range(5, plafond + 1))
        else:
            bereik.append([waarden[c]])
    mogelijk = [set() for _ in cellen]
    for vulling in itertools.product(*bereik):
        if vulling[0] == sum(vulling[1:]):
            for i, v in enumerate(vulling):
                mogelijk[i].add(v)
    return dict(zip(cellen, mogelijk, strict=True))


def _assert_niets_terug_te_rekenen(waarden, relaties, verborgen):
    plafond = max(waarden.values()) + 1
    for totaal, delen in relaties:
        mogelijk = _waarden_die_de_lezer_mogelijk_acht(waarden, verborgen, totaal, delen, plafond)
        for cel, opties in mogelijk.items():
            if cel in verborgen:
                assert len(opties) > 1, f"{cel} is terug te rekenen uit {totaal}={delen}: {opties}"


def test_counts_of_one_to_four_are_shown_as_less_than_five_and_zero_and_five_are_shown():
    waarden = {"a": 0, "b": 1, "c": 4, "d": 5}

    assert onderdruk(waarden, []) == {"b": ONDERDRUKT, "c": ONDERDRUKT}


def test_a_single_small_part_of_a_total_hides_a_second_part():
    waarden = {"T": 12, "a": 3, "b": 9}

    verborgen = onderdruk(waarden, [("T", ["a", "b"])])

    assert verborgen == {"a": ONDERDRUKT, "b": AFGELEID_ONDERDRUKT}


def test_the_smallest_other_part_is_hidden_and_more_until_nothing_follows():
    # 16 = 1 + 5 + 10: hiding 5 is not enough (a could only be 1), so 10 goes too.
    waarden = {"T": 16, "a": 1, "b": 5, "c": 10}
    relaties = [("T", ["a", "b", "c"])]

    verborgen = onderdruk(waarden, relaties)

    assert verborgen["a"] == ONDERDRUKT
    assert {"b", "c"} <= set(verborgen)
    _assert_niets_terug_te_rekenen(waarden, relaties, verborgen)


def test_two_fours_in_a_total_of_eight_hide_the_total():
    waarden = {"T": 8, "a": 4, "b": 4}

    verborgen = onderdruk(waarden, [("T", ["a", "b"])])

    assert verborgen == {"a": ONDERDRUKT, "b": ONDERDRUKT, "T": AFGELEID_ONDERDRUKT}


def test_a_small_total_with_zeros_beside_it_needs_nothing_more():
    waarden = {"T": 3, "a": 3, "b": 0}

    assert onderdruk(waarden, [("T", ["a", "b"])]) == {"T": ONDERDRUKT, "a": ONDERDRUKT}


def test_two_dimensional_table_gemeente_by_article():
    # rows = gemeenten, columns = articles, with row and column totals: a hidden cell affects both.
    cellen = {("g1", "5a"): 2, ("g1", "5b"): 7, ("g2", "5a"): 6, ("g2", "5b"): 9}
    waarden = dict(cellen)
    for g in ("g1", "g2"):
        waarden[(g, "tot")] = sum(v for (gg, _a), v in cellen.items() if gg == g)
    for art in ("5a", "5b"):
        waarden[("tot", art)] = sum(v for (_g, a), v in cellen.items() if a == art)
    waarden[("tot", "tot")] = sum(cellen.values())
    relaties = [((g, "tot"), [(g, "5a"), (g, "5b")]) for g in ("g1", "g2", "tot")]
    relaties += [(("tot", a), [("g1", a), ("g2", a)]) for a in ("5a", "5b", "tot")]

    verborgen = onderdruk(waarden, relaties)

    assert verborgen[("g1", "5a")] == ONDERDRUKT
    _assert_niets_terug_te_rekenen(waarden, relaties, verborgen)


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_never_give_a_hidden_cell_away(seed):
    rnd = random.Random(seed)
    aantal = rnd.randint(2, 5)
    delen = [f"d{i}" for i in range(aantal)]
    waarden = {d: rnd.choice([0, 1, 2, 3, 4, 5, 6, 9, 14]) for d in delen}
    waarden["T"] = sum(waarden.values())
    relaties = [("T", delen)]

    verborgen = onderdruk(waarden, relaties)

    for cel, waarde in waarden.items():
        if 0 < waarde < 5:
            assert verborgen.get(cel) == ONDERDRUKT
    _assert_niets_terug_te_rekenen(waarden, relaties, verborgen)


def test_monitor_shows_small_counts_as_less_than_five_everywhere(swv):
    gemeente = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Aadorp")
    groot = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Beekdal")
    school = OrganisatieFactory(swv=swv, school=True)
    for gem, aantal in ((gemeente, 2), (groot, 9)):
        for i in range(aantal):
            ThuiszitterFactory(
                leerling=LeerlingFactory(swv=swv, school=school, woongemeente=gem),
                school=school,
                gemeente=gem,
                startdatum=D(2025, 9, 1) + datetime.timedelta(days=i),
            )

    cijfers = monitor(swv=swv, schooljaar=2025, peildatum=D(2026, 7, 31))

    assert cijfers.totaal.cellen["nieuw"].weergave == "11"
    rijen = {r.naam: r for r in cijfers.per_gemeente}
    assert rijen["Gemeente Aadorp"].cellen["nieuw"].weergave == "<5"
    assert rijen["Gemeente Aadorp"].cellen["nieuw"].waarde is None
    # 11 - 9 would give 2 away: Beekdal's 9 is hidden as well.
    assert rijen["Gemeente Beekdal"].cellen["nieuw"].weergave == "x"
    # The months: 2 new in September for Aadorp and 9 for Beekdal, all in September: 11, shown.
    september = next(t for t in cijfers.trend if t.maand == D(2025, 9, 1))
    assert september.nieuw.weergave == "11"
    every_shown = [
        c.weergave
        for r in [cijfers.totaal, *cijfers.per_gemeente, *cijfers.per_school]
        for c in r.in_volgorde()
    ]
    assert not {"1", "2", "3", "4"} & set(every_shown)


@pytest.mark.parametrize("seed", range(25))
def test_random_two_dimensional_tables_give_no_hidden_cell_away_through_any_row_or_column(seed):
    rnd = random.Random(1000 + seed)
    rijen, kolommen = [f"g{i}" for i in range(3)], [f"k{j}" for j in range(3)]
    waarden = {(r, k): rnd.choice([0, 1, 2, 3, 4, 5, 7, 11]) for r in rijen for k in kolommen}
    for r in rijen:
        waarden[(r, "tot")] = sum(waarden[(r, k)] for k in kolommen)
    for k in [*kolommen, "tot"]:
        waarden[("tot", k)] = sum(waarden[(r, k)] for r in rijen)
    relaties = [((r, "tot"), [(r, k) for k in kolommen]) for r in [*rijen, "tot"]]
    relaties += [(("tot", k), [(r, k) for r in rijen]) for k in [*kolommen, "tot"]]

    verborgen = onderdruk(waarden, relaties)

    _assert_niets_terug_te_rekenen(waarden, relaties, verborgen)
