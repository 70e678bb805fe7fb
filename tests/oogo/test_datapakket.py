"""The OOGO data pack (issue 13, "Figures on the table"): figures from a hand-made world, small counts hidden,
frozen when the agenda is sent, each bestuurder only their own gemeente, a bounded number of queries."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Arrangement, Tlv
from oogo import services
from oogo.datapakket import samenstellen
from oogo.models import Datapakket
from oogo.workflow import OverlegStatus
from tests.cases.factories_casus import CasusFactory
from tests.factories import LeerlingFactory, OrganisatieFactory, SleutelfiguurFactory, VoorzieningFactory
from tests.oogo.factories import bestuurder_gemeente, overleg
from tests.thuiszitters.factories import ThuiszitterFactory, VerzuimmeldingFactory

pytestmark = pytest.mark.django_db

PEIL = datetime.date(2026, 11, 30)  # school year 2026-2027, from 1 August 2026


def _moment(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(10)))


def _leerling(swv, gemeente, school):
    return LeerlingFactory(swv=swv, woongemeente=gemeente, school=school)


def _thuiszitters(swv, gemeente, school, *, begin=5, nieuw_open=6, opgelost=5):
    """`begin` at home since March (before the year, > 3 months), `nieuw_open` since 1 September,
    `opgelost` from 1 September to 15 October, back to school."""
    for _i in range(begin):
        ThuiszitterFactory(leerling=_leerling(swv, gemeente, school), startdatum=datetime.date(2026, 3, 1))
    for _i in range(nieuw_open):
        ThuiszitterFactory(leerling=_leerling(swv, gemeente, school), startdatum=datetime.date(2026, 9, 1))
    for _i in range(opgelost):
        ThuiszitterFactory(
            leerling=_leerling(swv, gemeente, school),
            startdatum=datetime.date(2026, 9, 1),
            einddatum=datetime.date(2026, 10, 15),
            reden_einde="terug_naar_school",
        )


def _wereld(swv):
    """Gemeente A with known figures; gemeente B with a few registrations that must not count for A."""
    a = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Aadorp")
    b = OrganisatieFactory(swv=swv, werkgebied_gemeente=True, naam="Gemeente Beestad")
    school = OrganisatieFactory(swv=swv, school=True)
    _thuiszitters(swv, a, school)
    _thuiszitters(swv, b, school, begin=1, nieuw_open=0, opgelost=0)
    # Verzuimmeldingen: 3 of 16 uur (small), 6 langdurig; one withdrawn and one of B do not count.
    for soort, aantal in (("zestien_uur", 3), ("langdurig", 6)):
        for _i in range(aantal):
            VerzuimmeldingFactory(
                leerling=_leerling(swv, a, school),
                vermoedelijke_soort=soort,
                ingediend_op=_moment(datetime.date(2026, 10, 5)),
            )
    VerzuimmeldingFactory(
        leerling=_leerling(swv, a, school),
        status="ingetrokken",
        ingediend_op=_moment(datetime.date(2026, 10, 5)),
    )
    VerzuimmeldingFactory(
        leerling=_leerling(swv, b, school), ingediend_op=_moment(datetime.date(2026, 10, 5))
    )
    # Cases: 6 in behandeling, 2 lopend (small), aangemeld in October.
    casussen = []
    for status, aantal in (("in_behandeling", 6), ("lopend", 2)):
        for _i in range(aantal):
            casussen.append(
                CasusFactory(
                    swv=swv,
                    leerling=_leerling(swv, a, school),
                    status=status,
                    aangemeld_op=_moment(datetime.date(2026, 10, 1)),
                )
            )
    # TLVs: five SBaO requests in October.
    for casus in casussen[:5]:
        Tlv.objects.create(
            swv=swv,
            casus=casus,
            leerling=casus.leerling,
            soort="sbao",
            onderbouwing="Kleine groep nodig.",
            aangevraagd_op=_moment(datetime.date(2026, 10, 10)),
        )
    # Arrangementen: five started at a voorziening for gedrag in A (capacity 10, 5 typed in: now full).
    voorziening = VoorzieningFactory(swv=swv, doelgroep="gedrag", capaciteit=10, bezetting=5, gemeenten=[a])
    for casus in casussen[:5]:
        Arrangement.objects.create(
            swv=swv,
            casus=casus,
            voorziening=voorziening,
            status="gestart",
            reden="Gedrag in de klas.",
            startdatum=datetime.date(2026, 10, 1),
        )
    # Routekaart: somebody on uitvoering for A; organisatie and bestuur & beleid are gaps.
    SleutelfiguurFactory(swv=swv, organisatie=a, niveau="uitvoering")
    return a, b


def _sectie(inhoud, sleutel):
    return next(s for s in inhoud["secties"] if s["sleutel"] == sleutel)


def _cijfers(inhoud, sleutel, kolom=0) -> dict[str, str]:
    """label -> what the reader sees, for one column of a section."""
    return {r["label"]: r["cellen"][kolom]["weergave"] for r in _sectie(inhoud, sleutel)["rijen"]}


def test_the_figures_of_a_gemeente_from_a_hand_made_world(swv):
    a, b = _wereld(swv)
    vergadering = overleg(swv, gemeenten=[a, b], dag=PEIL)

    inhoud = samenstellen(vergadering, a, PEIL)
    json.dumps(inhoud)  # plain JSON, as stored

    assert inhoud["gemeente"]["naam"] == "Gemeente Aadorp"
    assert inhoud["schooljaar"] == "2026-2027"
    thuis = _cijfers(inhoud, "thuiszitters")
    assert thuis["Thuiszitters op de peildatum"] == "11"
    assert thuis["Langer dan 3 maanden thuis"] == "5"
    assert thuis["Thuiszitters begin schooljaar"] == "5"
    assert thuis["Nieuwe thuiszitters"] == "11"
    assert thuis["Beëindigd (opgelost) dit schooljaar"] == "5"
    assert thuis["waarvan teruggeleid naar onderwijs"] == "5"
    assert _sectie(inhoud, "thuiszitters")["onderdrukt"] is False

    casussen = _cijfers(inhoud, "casussen")
    assert casussen["Aangemeld dit schooljaar"] == "8"
    assert casussen["Lopende casussen totaal"] == "8"

    tlvs = _sectie(inhoud, "tlvs")
    assert tlvs["kolommen"] == ["Aangevraagd", "Toegekend", "Afgewezen", "Totaal"]
    sbao = next(r for r in tlvs["rijen"] if r["label"].startswith("Speciaal basisonderwijs"))
    assert [c["weergave"] for c in sbao["cellen"]] == ["5", "0", "0", "5"]
    # A PO-SWV decides on SBaO and SO only.
    assert [r["label"] for r in tlvs["rijen"]] == [
        "Speciaal basisonderwijs (SBaO)",
        "Speciaal onderwijs (SO)",
        "Totaal",
    ]

    arrangementen = _sectie(inhoud, "arrangementen")
    assert [r["label"] for r in arrangementen["rijen"]] == ["Gedrag", "Totaal"]
    assert [c["weergave"] for c in arrangementen["rijen"][0]["cellen"]] == ["0", "0", "5", "5"]

    netwerk = _sectie(inhoud, "dekkend_netwerk")
    gedrag = next(r for r in netwerk["rijen"] if r["label"] == "Gedrag")
    assert [c["weergave"] for c in gedrag["cellen"]] == ["1", "10", "10", "0"]
    assert gedrag["beoordeling"] == "alle voorzieningen vol of wachttijd te lang"
    assert netwerk["grafiek"]["reeksen"][0]["label"] == "Capaciteit"

    assert _sectie(inhoud, "routekaart")["teksten"] == [
        "Geen contact op organisatie voor Aadorp",
        "Geen contact op bestuur & beleid voor Aadorp",
    ]

    # B's pack has B's own figures, none of A's.
    inhoud_b = samenstellen(vergadering, b, PEIL)
    assert _cijfers(inhoud_b, "thuiszitters")["Thuiszitters op de peildatum"] == "<5"
    assert _cijfers(inhoud_b, "casussen")["Lopende casussen totaal"] == "0"


def test_counts_below_five_are_suppressed_and_cannot_be_computed_back(swv):
    a, _b = _wereld(swv)
    inhoud = samenstellen(overleg(swv, gemeenten=[a], dag=PEIL), a, PEIL)

    meldingen = _sectie(inhoud, "verzuimmeldingen")
    cijfers = _cijfers(inhoud, "verzuimmeldingen")
    assert cijfers["16 uur in 4 opeenvolgende lesweken"] == "<5"
    # The total (9, the withdrawn one does not count) minus langdurig would give the 3 back: hidden too.
    assert cijfers["Totaal"] == "9"
    assert cijfers["1 maand of langer"] == "x"
    assert meldingen["onderdrukt"] is True
    # The chart gets a gap, never the number.
    waarden = meldingen["grafiek"]["reeksen"][0]["waarden"]
    assert 3 not in waarden
    assert 6 not in waarden
    assert None in waarden

    casussen = _cijfers(inhoud, "casussen")
    assert casussen["Lopend"] == "<5"
    assert casussen["In behandeling"] == "x"
    assert _sectie(inhoud, "casussen")["onderdrukt"] is True
    assert inhoud["onderdrukt"] is True
    # Nowhere in the pack a raw 2 or 3 of these two sections.
    for sleutel in ("verzuimmeldingen", "casussen"):
        for rij in _sectie(inhoud, sleutel)["rijen"]:
            assert all(c["waarde"] is None or c["waarde"] == 0 or c["waarde"] >= 5 for c in rij["cellen"])


def test_the_pack_is_frozen_when_the_agenda_is_sent_and_does_not_change_afterwards(swv, users, client_for):
    a, b = _wereld(swv)
    vergadering = overleg(swv, gemeenten=[a, b], dag=PEIL)
    client = client_for(users["swv_coordinator"])

    voor = client.get(f"/oogo/{vergadering.pk}/cijfers/").content.decode()
    assert "Voorlopig, nog niet vastgelegd." in voor
    assert not Datapakket.objects.exists()

    services.overleg_status_zetten(
        overleg=vergadering, by=users["swv_coordinator"], status=OverlegStatus.AGENDA_VERSTUURD
    )
    pakket = Datapakket.objects.get(overleg=vergadering, gemeente=a)
    assert Datapakket.objects.filter(overleg=vergadering).count() == 2
    assert pakket.peildatum == PEIL
    assert _cijfers(pakket.inhoud, "thuiszitters")["Thuiszitters op de peildatum"] == "11"

    # New thuiszitters after the agenda went out: the frozen pack keeps the figures that were sent.
    _thuiszitters(swv, a, OrganisatieFactory(swv=swv, school=True), begin=0, nieuw_open=7, opgelost=0)
    assert (
        _cijfers(samenstellen(vergadering, a, PEIL), "thuiszitters")["Thuiszitters op de peildatum"] == "18"
    )
    pakket.refresh_from_db()
    assert _cijfers(pakket.inhoud, "thuiszitters")["Thuiszitters op de peildatum"] == "11"

    na = client.get(f"/oogo/{vergadering.pk}/cijfers/?gemeente={a.pk}").content.decode()
    assert "Voorlopig" not in na
    assert "Vastgelegd op" in na
    assert ">11<" in na
    assert ">18<" not in na
    # Held: still the same figures, no second freeze.
    services.overleg_status_zetten(
        overleg=vergadering, by=users["swv_coordinator"], status=OverlegStatus.GEHOUDEN
    )
    assert Datapakket.objects.get(pk=pakket.pk).bevroren_op == pakket.bevroren_op


def test_a_meeting_held_without_a_sent_agenda_freezes_when_held(swv, users):
    a, _b = _wereld(swv)
    vergadering = overleg(swv, gemeenten=[a], dag=PEIL)
    services.overleg_status_zetten(
        overleg=vergadering, by=users["swv_coordinator"], status=OverlegStatus.GEHOUDEN
    )
    assert Datapakket.objects.filter(overleg=vergadering, gemeente=a).exists()


def test_a_wethouder_sees_only_the_pack_of_their_own_gemeente(swv, users, client_for):
    eigen = bestuurder_gemeente(users["bestuurder"])
    andere = OrganisatieFactory(swv=swv, gemeente=True, naam="Gemeente Anderdorp")
    vergadering = overleg(swv, gemeenten=[eigen, andere], dag=PEIL)
    bestuurder = client_for(users["bestuurder"])

    def alleen_eigen() -> None:
        pagina = bestuurder.get(f"/oogo/{vergadering.pk}/cijfers/")
        assert pagina.status_code == 200
        html = pagina.content.decode()
        assert f'data-gemeente="{eigen.pk}"' in html
        assert f'data-gemeente="{andere.pk}"' not in html
        assert "Gemeente Anderdorp" not in html
        assert bestuurder.get(f"/oogo/{vergadering.pk}/cijfers/?gemeente={andere.pk}").status_code == 404

    alleen_eigen()  # the live preview
    services.overleg_status_zetten(
        overleg=vergadering, by=users["swv_coordinator"], status=OverlegStatus.AGENDA_VERSTUURD
    )
    alleen_eigen()  # the frozen packs

    assert list(Datapakket.objects.visible_to(users["bestuurder"]).values_list("gemeente", flat=True)) == [
        eigen.pk
    ]
    assert Datapakket.objects.visible_to(users["swv_deskundige"]).count() == 2
    assert not Datapakket.objects.visible_to(users["zorgcoordinator"]).exists()
    # The SWV sees every gemeente of the meeting; a school role nothing.
    swv_html = client_for(users["swv_deskundige"]).get(f"/oogo/{vergadering.pk}/cijfers/").content.decode()
    assert "Gemeente Anderdorp" in swv_html
    assert f'data-gemeente="{eigen.pk}"' in swv_html
    assert client_for(users["zorgcoordinator"]).get(f"/oogo/{vergadering.pk}/cijfers/").status_code == 404
    # A meeting without the bestuurder's gemeente: not even the page.
    zonder = overleg(swv, gemeenten=[andere], dag=PEIL)
    assert bestuurder.get(f"/oogo/{zonder.pk}/cijfers/").status_code == 404


def test_the_meeting_page_links_to_the_pack_and_the_charts_load_without_inline_script(swv, users, client_for):
    a, _b = _wereld(swv)
    vergadering = overleg(swv, gemeenten=[a], dag=PEIL)
    client = client_for(users["swv_coordinator"])
    assert f"/oogo/{vergadering.pk}/cijfers/" in client.get(f"/oogo/{vergadering.pk}/").content.decode()
    html = client.get(f"/oogo/{vergadering.pk}/cijfers/").content.decode()
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "js/datapakket.js" in html
    assert f'data-grafiek-bron="datapakket-{a.pk}-thuiszitters-data"' in html
    assert f'id="datapakket-{a.pk}-thuiszitters-data"' in html
    assert 'data-testid="datapakket-thuiszitters"' in html  # the same figures as a table


def test_the_number_of_queries_does_not_grow_with_the_number_of_pupils(swv):
    a, b = _wereld(swv)
    vergadering = overleg(swv, gemeenten=[a, b], dag=PEIL)
    with CaptureQueriesContext(connection) as weinig:
        samenstellen(vergadering, a, PEIL)
    school = OrganisatieFactory(swv=swv, school=True)
    _thuiszitters(swv, a, school, begin=4, nieuw_open=4, opgelost=4)
    for _i in range(6):
        VerzuimmeldingFactory(
            leerling=_leerling(swv, a, school), ingediend_op=_moment(datetime.date(2026, 10, 6))
        )
        CasusFactory(swv=swv, leerling=_leerling(swv, a, school), status="lopend")
    vergadering.refresh_from_db()
    with CaptureQueriesContext(connection) as veel:
        samenstellen(vergadering, a, PEIL)
    assert len(veel.captured_queries) == len(weinig.captured_queries)
    assert len(weinig.captured_queries) <= 16
