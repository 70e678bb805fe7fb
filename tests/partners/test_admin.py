"""The partner registry in the admin follows tenancy: a beheerder sees and links only their own SWV."""

import html
import re
from types import SimpleNamespace

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.urls import reverse

from partners.models import (
    Jeugdzorgregio,
    JeugdzorgregioEvent,
    Organisatie,
    OrganisatieEvent,
    PersoonEvent,
    Voorziening,
)
from swv.core.models import Rol
from tests.factories import (
    AfspraakFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    SamenwerkingsverbandFactory,
    SleutelfiguurFactory,
    VoorzieningFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(users, client_for):
    user = users["beheerder"]
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="partners",
            codename__in=["view_voorziening", "change_voorziening", "add_voorziening"],
        )
    )
    return client_for(user)


def test_a_beheerder_lists_and_links_only_provisions_and_aanbieders_of_their_own_swv(swv, beheerder):
    eigen = VoorzieningFactory(swv=swv, naam="Herstart Lindedal")
    ander_swv = SamenwerkingsverbandFactory()
    elders = VoorzieningFactory(swv=ander_swv, naam="Rebound Elders")
    vreemde_aanbieder = OrganisatieFactory(swv=ander_swv, naam="Vreemde Aanbieder BV")

    lijst = beheerder.get("/beheer/partners/voorziening/").content.decode()
    assert eigen.naam in lijst
    assert elders.naam not in lijst
    # As if it did not exist: the admin sends the beheerder back to its index.
    assert beheerder.get(f"/beheer/partners/voorziening/{elders.pk}/change/")["Location"] == reverse(
        "admin:index"
    )

    formulier = beheerder.get("/beheer/partners/voorziening/add/").content.decode()
    # Faker company names can hold "&", which the page shows escaped.
    assert html.escape(eigen.aanbieder.naam) in formulier
    assert vreemde_aanbieder.naam not in formulier


# --- every admin write goes through the services (issue 8 point 3) --------------------------------------

ADMIN_RECHTEN = {
    "organisatie": ("view", "add", "change", "delete"),
    "voorziening": ("view", "add", "change", "delete"),
    "jeugdzorgregio": ("view", "add", "change", "delete"),
    "sleutelfiguur": ("view", "add", "change", "delete"),
    "schoolswv": ("view", "add", "change", "delete"),
    "afspraakherinnering": ("view", "add", "change", "delete"),
    "persoon": ("view", "add", "change", "delete"),
    "afspraak": ("view", "add", "change", "delete"),
}


@pytest.fixture
def twee_swvs(swv, users, client_for):
    """The beheerder manages two SWVs (A = `swv`, B) and holds every Django permission on the registry,
    delete included: what the admin refuses, it refuses by its own rule, not for a missing permission."""
    user = users["beheerder"]
    swv_b = SamenwerkingsverbandFactory(code="PO9803", naam="Samenwerkingsverband Tweede")
    LidmaatschapFactory(swv=swv_b, user=user, organisatie=OrganisatieFactory(swv=swv_b), rol=Rol.BEHEERDER)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="partners",
            codename__in=[f"{actie}_{model}" for model, acties in ADMIN_RECHTEN.items() for actie in acties],
        )
    )
    return SimpleNamespace(a=swv, b=swv_b, user=user, client=client_for(user))


def _formulier(obj, **wijzigingen) -> dict:
    """The admin's change form as a browser posts it: the stored values, then `wijzigingen`."""
    data = {}
    for naam, waarde in {**model_to_dict(obj, exclude=["id", "swv"]), **wijzigingen}.items():
        if waarde is None or waarde is False or isinstance(waarde, FieldFile):
            continue  # an empty field; an unticked checkbox is not sent at all; no upload
        if isinstance(waarde, list):
            data[naam] = [getattr(w, "pk", w) for w in waarde]
        else:
            data[naam] = "on" if waarde is True else getattr(waarde, "pk", waarde)
    return data


def _fouten(response) -> str:
    return html.unescape(response.content.decode())


def test_linking_a_gemeente_of_another_managed_swv_is_refused_with_a_dutch_error_and_nothing_stored(
    twee_swvs,
):
    bestuur = OrganisatieFactory(swv=twee_swvs.a, bestuur=True, naam="Stichting Eigen Scholen")
    gemeente_b = OrganisatieFactory(swv=twee_swvs.b, gemeente=True, naam="Gemeente Overkant")
    events_voor = OrganisatieEvent.objects.filter(pgh_obj_id=bestuur.pk).count()

    url = f"/beheer/partners/organisatie/{bestuur.pk}/change/"
    # The form offers gemeenten of both SWVs the beheerder manages; the service decides per organisation.
    assert "Gemeente Overkant" in twee_swvs.client.get(url).content.decode()
    response = twee_swvs.client.post(
        url, _formulier(bestuur, naam="Stichting Gewijzigd", werkgebied=[gemeente_b])
    )

    assert response.status_code == 200  # the form again, not a 500 and not a redirect
    assert "Een van de gekozen organisaties hoort bij een ander samenwerkingsverband." in _fouten(response)
    assert 'value="Stichting Gewijzigd"' in response.content.decode()  # the input is kept
    bestuur.refresh_from_db()
    assert bestuur.naam == "Stichting Eigen Scholen"
    assert list(bestuur.werkgebied.all()) == []
    assert OrganisatieEvent.objects.filter(pgh_obj_id=bestuur.pk).count() == events_voor
    assert not LogEntry.objects.filter(object_id=str(bestuur.pk)).exists()


def test_adding_a_voorziening_for_gemeenten_of_another_managed_swv_is_refused_and_nothing_stored(twee_swvs):
    aanbieder = OrganisatieFactory(swv=twee_swvs.a, naam="Aanbieder Eigen")
    gemeente_b = OrganisatieFactory(swv=twee_swvs.b, gemeente=True)

    response = twee_swvs.client.post(
        "/beheer/partners/voorziening/add/",
        {
            "swv": twee_swvs.a.pk,
            "naam": "Rebound Grensgebied",
            "aanbieder": aanbieder.pk,
            "doelgroep": Voorziening._meta.get_field("doelgroep").choices[0][0],
            "sector": Voorziening._meta.get_field("sector").choices[0][0],
            "capaciteit": 10,
            "bezetting": 2,
            "wachttijd_weken": 0,
            "gemeenten": [gemeente_b.pk],
        },
    )

    assert response.status_code == 200
    assert "Een van de gekozen organisaties hoort bij een ander samenwerkingsverband." in _fouten(response)
    assert not Voorziening.objects.filter(naam="Rebound Grensgebied").exists()


def test_an_admin_change_goes_through_the_service_and_its_history_names_the_beheerder(twee_swvs):
    gemeente = OrganisatieFactory(swv=twee_swvs.a, gemeente=True)
    bestuur = OrganisatieFactory(swv=twee_swvs.a, bestuur=True, naam="Stichting Oud")

    response = twee_swvs.client.post(
        f"/beheer/partners/organisatie/{bestuur.pk}/change/",
        _formulier(bestuur, naam="Stichting Nieuw", werkgebied=[gemeente]),
    )

    assert response.status_code == 302
    bestuur.refresh_from_db()
    assert bestuur.naam == "Stichting Nieuw"
    assert list(bestuur.werkgebied.all()) == [gemeente]
    event = OrganisatieEvent.objects.filter(pgh_obj_id=bestuur.pk).latest("pgh_id")
    assert (event.pgh_label, event.naam) == ("update", "Stichting Nieuw")
    assert event.pgh_context.metadata["user"] == twee_swvs.user.pk
    lijst = twee_swvs.client.get("/beheer/partners/organisatie/").content.decode()
    assert "Stichting Nieuw" in lijst


def test_an_admin_addition_goes_through_the_service(twee_swvs):
    response = twee_swvs.client.post(
        "/beheer/partners/jeugdzorgregio/add/",
        {"swv": twee_swvs.b.pk, "naam": "Regio Overkant", "code": "JZ9"},
    )

    assert response.status_code == 302
    regio = Jeugdzorgregio.objects.get(naam="Regio Overkant")
    assert (regio.swv, regio.code) == (twee_swvs.b, "JZ9")
    event = JeugdzorgregioEvent.objects.get(pgh_obj_id=regio.pk)
    assert event.pgh_context.metadata["user"] == twee_swvs.user.pk


def test_a_change_cannot_move_a_row_to_another_swv(twee_swvs):
    regio = Jeugdzorgregio.objects.create(swv=twee_swvs.a, naam="Regio Hier")

    response = twee_swvs.client.post(
        f"/beheer/partners/jeugdzorgregio/{regio.pk}/change/", {"swv": twee_swvs.b.pk, "naam": "Regio Hier 2"}
    )

    assert response.status_code == 302
    regio.refresh_from_db()
    assert (regio.swv, regio.naam) == (twee_swvs.a, "Regio Hier 2")


def test_nothing_is_deleted_through_the_admin(twee_swvs):
    organisatie = OrganisatieFactory(swv=twee_swvs.a, naam="Blijft Bestaan")

    response = twee_swvs.client.post(
        f"/beheer/partners/organisatie/{organisatie.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 403
    assert Organisatie.objects.filter(pk=organisatie.pk).exists()
    lijst = twee_swvs.client.get("/beheer/partners/organisatie/").content.decode()
    assert "delete_selected" not in lijst


@pytest.mark.parametrize("model", ["sleutelfiguur", "schoolswv", "afspraakherinnering"])
def test_models_written_elsewhere_are_read_only_in_the_admin(twee_swvs, model):
    assert twee_swvs.client.get(f"/beheer/partners/{model}/add/").status_code == 403
    lijst = twee_swvs.client.get(f"/beheer/partners/{model}/").content.decode()
    assert f'href="/beheer/partners/{model}/add/"' not in lijst


def test_a_key_persons_role_is_shown_but_not_changed_in_the_admin(twee_swvs):
    rol = SleutelfiguurFactory(swv=twee_swvs.a, functie="Intern begeleider")
    url = f"/beheer/partners/sleutelfiguur/{rol.pk}/change/"

    pagina = twee_swvs.client.get(url).content.decode()
    response = twee_swvs.client.post(url, {"functie": "Directeur"})

    assert "Intern begeleider" in pagina
    assert 'name="_save"' not in pagina
    assert response.status_code == 403
    rol.refresh_from_db()
    assert rol.functie == "Intern begeleider"


def test_a_persons_roles_show_read_only_on_their_page_and_the_person_changes_through_the_service(twee_swvs):
    rol = SleutelfiguurFactory(swv=twee_swvs.a, functie="Zorgcoördinator")
    persoon = rol.persoon
    url = f"/beheer/partners/persoon/{persoon.pk}/change/"
    pagina = twee_swvs.client.get(url).content.decode()
    # The inline's management form, as the browser sends it back.
    beheer = dict(
        re.findall(r'name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d*)"', pagina)
    )

    response = twee_swvs.client.post(url, {**_formulier(persoon, achternaam="Veldhuis"), **beheer})

    assert "Zorgcoördinator" in html.unescape(pagina)
    assert response.status_code == 302
    persoon.refresh_from_db()
    assert persoon.achternaam == "Veldhuis"
    event = PersoonEvent.objects.filter(pgh_obj_id=persoon.pk).latest("pgh_id")
    assert (event.achternaam, event.pgh_context.metadata["user"]) == ("Veldhuis", twee_swvs.user.pk)


def test_an_agreements_owner_must_be_a_member_of_its_swv_also_for_a_beheerder_of_two(twee_swvs):
    alleen_b = LidmaatschapFactory(swv=twee_swvs.b, rol=Rol.SWV_COORDINATOR).user
    afspraak = AfspraakFactory(swv=twee_swvs.a, titel="Convenant Thuisnabij")
    url = f"/beheer/partners/afspraak/{afspraak.pk}/change/"

    assert alleen_b.username in twee_swvs.client.get(url).content.decode()  # offered: a member of B
    response = twee_swvs.client.post(url, _formulier(afspraak, eigenaar=alleen_b))

    assert response.status_code == 200
    assert "Kies als eigenaar iemand van dit samenwerkingsverband." in _fouten(response)
    afspraak.refresh_from_db()
    assert afspraak.eigenaar is None
