"""The demo cases (cases/demo_casussen.py): every status, every demo role sees cases, idempotent, no BSN."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import (
    Actie,
    Casus,
    Evaluatie,
    Leerling,
    OtLid,
    Plan,
    Taak,
    TijdlijnGebeurtenis,
    Toestemming,
)
from cases.selectors_casus import te_laat_q
from cases.workflow import Status
from partners.demo import SCHOLEN
from swv.core.demo import DEMO_ACCOUNTS, SWV_CODE
from swv.core.models import Lidmaatschap, User

pytestmark = pytest.mark.django_db

# The demo accounts that work with cases; bestuurder (aggregates) and beheerder see none by design.
CASUS_ROLLEN = [u for u in DEMO_ACCOUNTS if u not in ("bestuurder", "beheerder")]


@pytest.fixture
def demo():
    call_command("demo_data", verbosity=0)


def _als(username: str, school: str | None = None) -> User:
    """The demo account acting through one membership (outside a request: set as a request would)."""
    user = User.objects.get(username=username)
    lidmaatschappen = Lidmaatschap.objects.filter(user=user, actief=True).select_related("organisatie")
    user.lidmaatschap = (  # type: ignore[attr-defined]
        lidmaatschappen.get(organisatie__code=school) if school else lidmaatschappen.get()
    )
    return user


def _aantallen() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Casus, OtLid, Toestemming, Plan, Actie, Evaluatie, TijdlijnGebeurtenis, Taak, Leerling)
    }


def _a_few_dozen_cases_in_every_status_at_every_school():
    casussen = Casus.objects.filter(swv__code=SWV_CODE)

    # A few dozen: this part's 33 plus the few the TLV, arrangementen and overdracht demos add.
    assert 30 <= casussen.count() <= 60
    assert set(casussen.values_list("status", flat=True)) == set(Status.values)
    assert set(casussen.values_list("school__code", flat=True)) == {code for code, _n, _g in SCHOLEN}
    for code, _naam, _gemeente in SCHOLEN:
        open_statussen = set(casussen.filter(school__code=code).values_list("status", flat=True))
        assert open_statussen >= {Status.CONCEPT, Status.AANGEMELD, Status.LOPEND, Status.AFGESLOTEN}


def _unassigned_and_overdue_aanmeldingen_and_most_cases_an_owner():
    gezien = Casus.objects.filter(swv__code=SWV_CODE).exclude(
        status__in=[Status.CONCEPT, Status.TERUGGESTUURD]
    )

    assert gezien.filter(casusregisseur__isnull=True).exists()
    assert gezien.filter(te_laat_q()).count() >= len(SCHOLEN)
    assert gezien.filter(casusregisseur__isnull=False).count() > gezien.count() / 2
    regisseurs = set(gezien.values_list("casusregisseur__username", flat=True))
    assert {"coordinator", "deskundige", "medewerker"} <= regisseurs


def _each_case_tells_its_story_through_the_services():
    lopend = Casus.objects.filter(status=Status.LOPEND).first()
    statussen = list(lopend.overgangen.order_by("op", "pk").values_list("naar", flat=True))

    assert statussen == [
        Status.CONCEPT,
        Status.AANGEMELD,
        Status.IN_BEHANDELING,
        Status.PLAN_VASTGESTELD,
        Status.LOPEND,
    ]
    # Dated back in the story: aangemeld months ago; written in the order of the story, dated in that order.
    assert (timezone.now() - lopend.aangemeld_op).days > 100
    assert lopend.gewijzigd_op < timezone.now() - datetime.timedelta(days=1)
    for casus in Casus.objects.all():
        tijdlijn = list(casus.tijdlijn.order_by("pk").values_list("op", flat=True))
        assert tijdlijn == sorted(tijdlijn), casus.pk


def _plans_with_instemming_one_with_disagreement_actions_and_evaluations():
    vastgesteld = Plan.objects.filter(status=Plan.Status.VASTGESTELD)

    assert vastgesteld.filter(instemming=Plan.Instemming.INGESTEMD).count() >= 6
    niet = vastgesteld.get(instemming=Plan.Instemming.NIET_INGESTEMD)
    assert niet.instemming_toelichting
    assert Plan.objects.filter(status=Plan.Status.CONCEPT, versie=2).exists()  # a new version to compare
    assert set(Actie.objects.values_list("status", flat=True)) >= {"open", "bezig", "afgerond"}
    assert not Actie.objects.filter(eigenaar_organisatie__isnull=True, eigenaar_persoon__isnull=True).exists()
    assert Evaluatie.objects.filter(met_ouders=True).count() >= 2 * len(SCHOLEN)


def _the_partner_takes_part_on_consent_and_leerplicht_on_its_legal_basis():
    partner = OtLid.objects.filter(rol=OtLid.Rol.PARTNER, gebruiker__username="ketenpartner")
    leerplicht = OtLid.objects.filter(rol=OtLid.Rol.LEERPLICHT, gebruiker__username="leerplicht")

    assert partner.count() >= 5
    assert set(partner.values_list("grondslag", flat=True)) == {OtLid.Grondslag.TOESTEMMING}
    assert leerplicht.count() >= 2
    assert set(leerplicht.values_list("grondslag", flat=True)) == {OtLid.Grondslag.WETTELIJKE_TAAK}
    # One consent withdrawn: that case is hidden from the professional, who still sees the others.
    ingetrokken = Toestemming.objects.get(ingetrokken_op__isnull=False)
    zichtbaar = Casus.objects.visible_to(_als("ketenpartner"))
    assert not zichtbaar.filter(leerling=ingetrokken.leerling).exists()
    assert zichtbaar.count() >= 4


def _the_intern_begeleider_sees_cases_at_both_of_her_schools():
    for school in ("99AB00", "99AC00"):
        zichtbaar = Casus.objects.visible_to(_als("ib", school))
        assert zichtbaar.exists()
        assert set(zichtbaar.values_list("school__code", flat=True)) == {school}


def _the_deadline_engine_gave_the_swv_tasks():
    open_taken = Taak.objects.filter(afgehandeld_op__isnull=True)

    assert {"aanmelding_oppakken", "opp_6_weken", "actie_deadline"} <= set(
        open_taken.values_list("regel", flat=True)
    )
    # Tasks of a case without a casusregisseur go to the coordinators; the others to the casusregisseur.
    assert open_taken.filter(gebruiker__isnull=True, rol="swv_coordinator").exists()
    assert set(open_taken.values_list("gebruiker__username", flat=True)) >= {"coordinator", "medewerker"}


# Each test loads the whole demo (about ten seconds), so one test checks several facts of one load.


def test_the_demo_cases_cover_every_status_school_and_part_of_a_case(demo):
    _a_few_dozen_cases_in_every_status_at_every_school()
    _unassigned_and_overdue_aanmeldingen_and_most_cases_an_owner()
    _each_case_tells_its_story_through_the_services()
    _plans_with_instemming_one_with_disagreement_actions_and_evaluations()


def test_every_demo_role_that_works_with_cases_sees_some_through_visible_to(demo):
    ziet_niets = [
        username
        for username in CASUS_ROLLEN
        if not Casus.objects.visible_to(_als(username, "99AB00" if username == "ib" else None)).exists()
    ]

    assert ziet_niets == []
    _the_intern_begeleider_sees_cases_at_both_of_her_schools()
    _the_partner_takes_part_on_consent_and_leerplicht_on_its_legal_basis()


def test_a_second_run_adds_nothing(demo):
    eerst = _aantallen()

    call_command("demo_data", verbosity=0)

    assert _aantallen() == eerst


def test_no_text_of_the_demo_cases_holds_a_bsn(demo):
    negen_cijfers = re.compile(r"(?<!\d)\d{9}(?!\d)")
    bsns = set(Leerling.objects.exclude(bsn=None).values_list("bsn", flat=True))
    teksten: list[str] = []
    for model in (Casus, Plan, Actie, Evaluatie, TijdlijnGebeurtenis, Toestemming, OtLid, Taak):
        for obj in model.objects.all():
            teksten += [
                str(getattr(obj, veld.attname) or "")
                for veld in model._meta.concrete_fields
                if veld.get_internal_type() in ("TextField", "CharField")
            ]
    assert teksten
    assert not [t for t in teksten if negen_cijfers.search(t) or any(b in t for b in bsns)]


def test_the_deadline_engine_gave_the_swv_tasks_shown_on_the_start_page(demo, client_for):
    _the_deadline_engine_gave_the_swv_tasks()

    body = client_for(User.objects.get(username="coordinator")).get("/").content.decode()

    assert 'data-testid="start-taken"' in body
    blok = body[body.index('data-testid="start-taken"') :]
    assert 'data-testid="taken"' in blok[: blok.index("</section>")]
