"""The OOGO in the admin (part oogo-afwerking): every model listed for a superuser and a beheerder, only
the beheerder's own SWV, read-only, and the feed token's hash never on a page."""

import pytest
from django.contrib.admin.sites import site

from oogo import services, services_kalender
from oogo.models import KalenderToken, Overleg, Verzending
from oogo.workflow import OverlegStatus
from swv.core.models import User
from tests.factories import PersoonFactory, SamenwerkingsverbandFactory
from tests.oogo.factories import overleg

pytestmark = pytest.mark.django_db

PASSWORD = "Een-lang-testwachtwoord-2026"


@pytest.fixture
def wereld(swv, users):
    genodigde = PersoonFactory(
        swv=swv, voornaam="Mieke", achternaam="Wethouder", email="mieke@gemeente.test.example"
    )
    eigen = overleg(swv, titel="OOGO Lindedal", genodigden=[genodigde])
    services.agendapunt_toevoegen(
        overleg=eigen, by=None, titel="Thuiszitterspact", thema="leerplicht_thuiszitters"
    )
    # Rows in Verzending and Datapakket; the mail itself is not needed here (queued after the commit).
    services.overleg_status_zetten(overleg=eigen, by=None, status=OverlegStatus.AGENDA_VERSTUURD)
    lidmaatschap = users["swv_coordinator"].lidmaatschappen.get()
    nieuw = services_kalender.feed_maken(lidmaatschap=lidmaatschap, by=users["swv_coordinator"])
    elders = overleg(SamenwerkingsverbandFactory(), titel="OOGO Elders", gemeenten=None)
    return {"eigen": eigen, "elders": elders, "token": nieuw.token, "secret": nieuw.plaintext}


def _oogo_modellen():
    return sorted(model._meta.model_name for model in site._registry if model._meta.app_label == "oogo")


def test_every_oogo_model_is_in_the_admin():
    assert _oogo_modellen() == [
        "actiepunt",
        "agendapunt",
        "besluit",
        "datapakket",
        "geschil",
        "kalendertoken",
        "ondersteuningsplan",
        "ontwikkeldoel",
        "overleg",
        "verzending",
        "voortgang",
    ]


@pytest.mark.parametrize("wie", ["superuser", "beheerder"])
def test_the_changelists_open_for_a_superuser_and_a_beheerder(wie, wereld, users, client_for):
    user = (
        User.objects.create_superuser("platform", "p@example.org", PASSWORD)
        if wie == "superuser"
        else users["beheerder"]
    )
    client = client_for(user)

    index = client.get("/beheer/").content.decode()
    assert "/beheer/oogo/overleg/" in index
    for model in _oogo_modellen():
        antwoord = client.get(f"/beheer/oogo/{model}/")
        assert antwoord.status_code == 200, model
    overleggen = client.get("/beheer/oogo/overleg/").content.decode()
    assert "OOGO Lindedal" in overleggen
    assert ("OOGO Elders" in overleggen) == (wie == "superuser")
    verzendingen = client.get("/beheer/oogo/verzending/").content.decode()
    assert "mieke@gemeente.test.example" in verzendingen


def test_a_beheerder_does_not_open_a_meeting_of_another_swv(wereld, users, client_for):
    client = client_for(users["beheerder"])
    antwoord = client.get(f"/beheer/oogo/overleg/{wereld['elders'].pk}/change/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/beheer/"


def test_the_admin_only_shows_nothing_is_added_changed_or_deleted(wereld, users, client_for):
    client = client_for(users["beheerder"])
    overleg_ = wereld["eigen"]

    pagina = client.get(f"/beheer/oogo/overleg/{overleg_.pk}/change/").content.decode()
    assert "OOGO Lindedal" in pagina
    assert 'name="titel"' not in pagina  # shown, not a field
    assert client.get("/beheer/oogo/overleg/add/").status_code == 403
    assert client.post(f"/beheer/oogo/overleg/{overleg_.pk}/change/", {"titel": "Anders"}).status_code == 403
    assert client.post(f"/beheer/oogo/overleg/{overleg_.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Overleg.objects.get(pk=overleg_.pk).titel == "OOGO Lindedal"
    verzending = Verzending.objects.filter(overleg=overleg_).first()
    assert client.get("/beheer/oogo/verzending/add/").status_code == 403
    assert (
        'name="email"' not in client.get(f"/beheer/oogo/verzending/{verzending.pk}/change/").content.decode()
    )


def test_the_feed_token_hash_is_never_shown_nor_editable(wereld, users, client_for):
    admin = User.objects.create_superuser("platform", "p@example.org", PASSWORD)
    client = client_for(admin)
    token: KalenderToken = wereld["token"]

    lijst = client.get("/beheer/oogo/kalendertoken/").content.decode()
    pagina = client.get(f"/beheer/oogo/kalendertoken/{token.pk}/change/").content.decode()

    assert token.prefix in lijst
    assert token.prefix in pagina
    secret = wereld["secret"].partition("-")[2]
    for html in (lijst, pagina):
        assert token.token_hash not in html
        assert secret not in html
        assert 'name="token_hash"' not in html
    assert client.get("/beheer/oogo/kalendertoken/add/").status_code == 403
    assert (
        client.post(f"/beheer/oogo/kalendertoken/{token.pk}/change/", {"token_hash": "0" * 64}).status_code
        == 403
    )
    token.refresh_from_db()
    assert token.token_hash != "0" * 64


def test_a_coordinator_without_admin_role_does_not_get_in(users, client_for):
    # Not staff: the admin site sends them to its login page.
    antwoord = client_for(users["swv_coordinator"]).get("/beheer/oogo/overleg/")
    assert antwoord.status_code == 302
    assert "/login/" in antwoord["Location"]
