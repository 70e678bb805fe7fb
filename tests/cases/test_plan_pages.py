"""Plan pages: the concept is edited, vastgesteld and replaced by a new version; the optimistic check;
instemming, actions by a partner in the OT, evaluations, the comparison, mijn taken, the PDF without BSN."""

import datetime
import io

import pytest

from cases.models import Actie, Evaluatie, OtLid, Plan, Taak, Toestemming
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_plan import maak_casus, maak_ouder

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(swv, users):
    school = Lidmaatschap.objects.get(user=users[Rol.INTERN_BEGELEIDER]).organisatie
    return maak_casus(swv, school=school)


def test_a_school_writes_a_plan_sets_it_and_a_new_version_starts_as_a_copy(casus, users, client_for):
    client = client_for(users[Rol.INTERN_BEGELEIDER])
    pagina = client.get(f"/casussen/{casus.pk}/plan/")
    assert "Er is nog geen vastgesteld plan." in pagina.content.decode()
    assert client.post(f"/casussen/{casus.pk}/plan/nieuw/").status_code == 302
    antwoord = client.post(
        f"/casussen/{casus.pk}/plan/concept/", {"doelen": "Rekenen op 1F", "uitstroomprofiel": "vmbo_kb"}
    )
    assert antwoord.status_code == 302
    client.post(f"/casussen/{casus.pk}/plan/vaststellen/")
    pagina = client.get(f"/casussen/{casus.pk}/plan/").content.decode()
    assert "Rekenen op 1F" in pagina
    assert "Nieuwe versie maken" in pagina
    client.post(f"/casussen/{casus.pk}/plan/nieuw/")
    client.post(
        f"/casussen/{casus.pk}/plan/concept/", {"doelen": "Rekenen op 2F", "uitstroomprofiel": "vmbo_kb"}
    )
    assert dict(Plan.objects.filter(casus=casus).values_list("versie", "doelen")) == {
        1: "Rekenen op 1F",
        2: "Rekenen op 2F",
    }
    vergelijking = client.get(f"/casussen/{casus.pk}/plan/vergelijken/?a=1&b=2").content.decode()
    assert "<del>1F</del>" in vergelijking
    assert "<ins>2F</ins>" in vergelijking


def test_a_concept_saved_by_someone_else_meanwhile_is_not_overwritten(casus, users, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    client.post(f"/casussen/{casus.pk}/plan/nieuw/")
    form = client.get(f"/casussen/{casus.pk}/plan/").context["form"]
    versie = form["versie"].value()
    Plan.objects.filter(casus=casus).update(doelen="Van een collega")
    antwoord = client.post(
        f"/casussen/{casus.pk}/plan/concept/",
        {"doelen": "Mijn tekst", "uitstroomprofiel": "", "versie": versie},
    )
    assert antwoord.status_code == 400
    assert "Mijn tekst" in antwoord.content.decode()
    assert Plan.objects.get(casus=casus).doelen == "Van een collega"


def test_instemming_form_shows_dutch_errors_and_stores_the_ouders_answer(casus, users, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    client.post(f"/casussen/{casus.pk}/plan/nieuw/")
    ouder = maak_ouder(casus)
    url = f"/casussen/{casus.pk}/plan/instemming/"
    fout = client.post(url, {"instemming": "niet_ingestemd", "op": "2026-09-01", "door": ouder.pk})
    assert fout.status_code == 400
    assert "Noteer waarom de ouders niet instemmen." in fout.content.decode()
    goed = client.post(
        url,
        {
            "instemming": "niet_ingestemd",
            "op": "2026-09-01",
            "door": ouder.pk,
            "toelichting": "Te weinig uren",
        },
    )
    assert goed.status_code == 302
    plan = Plan.objects.get(casus=casus)
    assert (plan.instemming, plan.instemming_door, plan.instemming_toelichting) == (
        "niet_ingestemd",
        ouder,
        "Te weinig uren",
    )


def test_a_partner_in_the_ot_adds_and_finishes_an_action_but_may_not_change_the_plan(
    casus, users, client_for, swv
):
    partner = users[Rol.KETENPARTNER]
    organisatie = Lidmaatschap.objects.get(user=partner).organisatie
    OtLid.objects.create(swv=swv, casus=casus, rol="partner", gebruiker=partner, organisatie=organisatie)
    # A partner takes part only with the ouders' consent for their organisation (decision 31).
    Toestemming.objects.create(
        swv=swv,
        leerling=casus.leerling,
        casus=casus,
        doel="deelname_ot",
        organisatie=organisatie,
        gegeven_door_ouder=maak_ouder(casus, achternaam="Visser"),
        gegeven_op=datetime.date.today(),
        wijze="schriftelijk",
    )
    client = client_for(partner)
    # Their own organisation's action: a partner reports the status of those only (decision 38).
    antwoord = client.post(
        f"/casussen/{casus.pk}/acties/",
        {
            "omschrijving": "Huisbezoek",
            "eigenaar_organisatie": organisatie.pk,
            "status": "open",
            "deadline": "2026-10-01",
        },
    )
    assert antwoord.status_code == 302
    actie = Actie.objects.get(casus=casus)
    assert client.post(f"/casussen/acties/{actie.pk}/", {"status": "afgerond"}).status_code == 302
    actie.refresh_from_db()
    assert actie.status == "afgerond"
    assert client.post(f"/casussen/{casus.pk}/plan/nieuw/").status_code == 403
    assert (
        client.post(
            f"/casussen/{casus.pk}/evaluaties/",
            {"datum": "2026-01-10", "met_ouders": "on", "conclusie": "deels", "verslag": "Gesprek"},
        ).status_code
        == 302
    )
    assert Evaluatie.objects.get(casus=casus).verslag == "Gesprek"


def test_mijn_taken_shows_the_users_own_and_role_tasks_and_late_ones(casus, users, client_for, swv):
    Taak.objects.create(
        swv=swv,
        casus=casus,
        regel="opp_6_weken",
        periode="x",
        omschrijving="Voor de coördinatoren",
        vervalt_op=datetime.date(2020, 1, 1),
        rol=Rol.SWV_COORDINATOR,
    )
    Taak.objects.create(
        swv=swv,
        casus=casus,
        regel="actie_deadline",
        periode="y",
        omschrijving="Voor de deskundige",
        vervalt_op=datetime.date(2999, 1, 1),
        gebruiker=users[Rol.SWV_DESKUNDIGE],
    )
    pagina = client_for(users[Rol.SWV_COORDINATOR]).get("/casussen/taken/").content.decode()
    assert "Voor de coördinatoren" in pagina
    assert "te laat" in pagina
    assert "Voor de deskundige" not in pagina
    start = client_for(users[Rol.SWV_DESKUNDIGE]).get("/").content.decode()
    assert "Voor de deskundige" in start
    assert "Voor de coördinatoren" not in start


def test_the_pdf_for_the_ouders_has_the_names_and_no_bsn(casus, users, client_for):
    import pypdf

    client = client_for(users[Rol.SWV_COORDINATOR])
    client.post(f"/casussen/{casus.pk}/plan/nieuw/")
    client.post(
        f"/casussen/{casus.pk}/plan/concept/", {"doelen": "Zelfstandig werken", "uitstroomprofiel": ""}
    )
    maak_ouder(casus, achternaam="Bakker")
    antwoord = client.get(f"/casussen/{casus.pk}/plan/pdf/")
    assert antwoord["Content-Type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(antwoord.content)).pages)
    leerling = casus.leerling
    assert leerling.achternaam in tekst
    assert "Anna Bakker" in tekst
    assert "Zelfstandig werken" in tekst
    assert leerling.bsn not in tekst.replace(" ", "")


def test_without_the_pango_library_the_pdf_link_answers_in_dutch_not_with_a_500(
    casus, users, client_for, monkeypatch
):
    # A machine without the system library: WeasyPrint's import raises OSError (cffi cannot dlopen).
    import builtins

    echte_import = builtins.__import__

    def zonder_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return echte_import(name, *args, **kwargs)

    client = client_for(users[Rol.SWV_COORDINATOR])
    client.post(f"/casussen/{casus.pk}/plan/nieuw/")
    monkeypatch.setattr(builtins, "__import__", zonder_pango)
    antwoord = client.get(f"/casussen/{casus.pk}/plan/pdf/")
    monkeypatch.undo()
    assert antwoord.status_code == 503
    assert "Pango" in antwoord.content.decode()
