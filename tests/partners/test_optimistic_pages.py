"""Edit pages keep the version they were opened with: a save against a change made meanwhile is refused with
a Dutch message that shows what changed, the user's input stays, and a second save (after looking) goes."""

import html
import re

import pytest
from django.urls import reverse

from partners import services
from partners.models import Afspraak, Organisatie, Voorziening
from swv.core.models import Rol
from tests.factories import AfspraakFactory, OrganisatieFactory, VoorzieningFactory
from tests.partners.test_forms_afspraak_voorziening import _afspraak_post, _voorziening_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def versie(response) -> str:
    gevonden = re.search(r'name="versie" value="([^"]+)"', response.content.decode())
    assert gevonden, "the edit form carries no version"
    return html.unescape(gevonden.group(1))


def test_a_provision_changed_meanwhile_is_not_overwritten_and_the_page_shows_the_change(
    swv, users, client_for
):
    ggd = OrganisatieFactory(swv=swv, naam="GGD Heuvelland", ggd=True)
    voorziening = VoorzieningFactory(swv=swv, aanbieder=ggd, naam="Rebound Dalenburg", bezetting=5)
    url = reverse("partners:voorziening_wijzigen", args=[voorziening.pk])
    client = client_for(users[Rol.SWV_COORDINATOR])
    geopend = versie(client.get(url))

    # A colleague (or a partner system) saves first.
    services.voorziening_update(voorziening=Voorziening.objects.get(pk=voorziening.pk), by=None, bezetting=9)
    response = client.post(
        url, {**_voorziening_post(ggd, bezetting="6", wachttijd_weken="4"), "versie": geopend}
    )

    assert response.status_code == 400
    pagina = html.unescape(response.content.decode())
    assert "Iemand anders heeft dit intussen gewijzigd" in pagina
    assert "Bezetting: nu „9” (was „5” toen u het formulier opende)." in pagina
    assert 'value="6"' in pagina  # the user's input is still there
    assert 'value="4"' in pagina
    assert Voorziening.objects.get(pk=voorziening.pk).bezetting == 9

    # Having seen it, the user saves again: now it goes through.
    opnieuw = client.post(
        url, {**_voorziening_post(ggd, bezetting="6", wachttijd_weken="4"), "versie": versie(response)}
    )
    assert opnieuw.status_code == 302
    assert opnieuw["Location"] == reverse("partners:dekkend_netwerk")
    assert Voorziening.objects.get(pk=voorziening.pk).bezetting == 6


def test_an_unchanged_provision_saves_with_its_version(swv, users, client_for):
    ggd = OrganisatieFactory(swv=swv, ggd=True)
    voorziening = VoorzieningFactory(swv=swv, aanbieder=ggd)
    url = reverse("partners:voorziening_wijzigen", args=[voorziening.pk])
    client = client_for(users[Rol.SWV_COORDINATOR])
    response = client.post(url, {**_voorziening_post(ggd, bezetting="2"), "versie": versie(client.get(url))})
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:dekkend_netwerk")
    assert Voorziening.objects.get(pk=voorziening.pk).bezetting == 2


def test_an_organisation_renamed_meanwhile_shows_old_and_new_name_and_keeps_the_input(swv, users, client_for):
    org = OrganisatieFactory(swv=swv, naam="GGD Oost", ggd=True)
    url = reverse("partners:organisatie_wijzigen", args=[org.pk])
    client = client_for(users[Rol.SWV_COORDINATOR])
    geopend = versie(client.get(url))
    services.organisatie_update(organisatie=Organisatie.objects.get(pk=org.pk), by=None, naam="GGD West")

    response = client.post(
        url, {"naam": "GGD Oost", "soort": "ggd", "plaats": "Oss", "actief": "on", "versie": geopend}
    )

    assert response.status_code == 400
    pagina = html.unescape(response.content.decode())
    assert "Naam: nu „GGD West” (was „GGD Oost” toen u het formulier opende)." in pagina
    assert 'value="Oss"' in pagina
    org.refresh_from_db()
    assert (org.naam, org.plaats) == ("GGD West", "")


def test_an_agreement_with_new_parties_meanwhile_is_a_conflict_too(swv, users, client_for):
    ggd = OrganisatieFactory(swv=swv, naam="GGD Heuvelland", ggd=True)
    afspraak = AfspraakFactory(swv=swv, titel="Convenant thuiszitters Dalenburg")
    url = reverse("partners:afspraak_wijzigen", args=[afspraak.pk])
    client = client_for(users[Rol.SWV_COORDINATOR])
    geopend = versie(client.get(url))
    services.afspraak_update(afspraak=Afspraak.objects.get(pk=afspraak.pk), by=None, partijen=[ggd])

    response = client.post(url, {**_afspraak_post(toelichting="Mijn tekst"), "versie": geopend})

    assert response.status_code == 400
    pagina = html.unescape(response.content.decode())
    assert "Partijen: nu „GGD Heuvelland” (was „leeg” toen u het formulier opende)." in pagina
    assert "Mijn tekst" in pagina
    assert Afspraak.objects.get(pk=afspraak.pk).toelichting != "Mijn tekst"
